package dev.medianest.channels.cli;

import dev.medianest.integrations.medianest.ServerFailure;
import dev.medianest.platform.errors.AppException;

/**
 * A command cannot go on, for a reason already put in words for the person: the text to print on
 * standard error and the exit status (2 for what they can fix in their input or setup, 1 for a
 * failure elsewhere).
 */
final class CommandProblem extends RuntimeException {

    private final int status;

    CommandProblem(int status, String text) {
        super(text, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }

    /** Prints the problem on standard error (after what standard output holds) and answers the exit status. */
    int report(Console console) {
        console.out.flush();
        if (!getMessage().isEmpty()) {
            console.err.println(getMessage());
        }
        console.err.flush();
        return status;
    }

    /** Runs a command's work; a problem on the way is reported and its status is the command's. */
    static int guarded(Console console, java.util.function.IntSupplier work) {
        try {
            return work.getAsInt();
        } catch (CommandProblem problem) {
            return problem.report(console);
        } catch (ServerFailure failure) {
            return of(failure, console).report(console);
        } catch (AppException refused) {
            return of(refused, console).report(console);
        }
    }

    /** A call to a running MediaNest that failed, said with the server's address and its own words. */
    static CommandProblem of(ServerFailure failure, Console console) {
        int status = switch (failure.kind()) {
            case TOKEN_REFUSED, TOKEN_EXPIRED, FORBIDDEN, INVALID, MOVED -> Console.INVALID_INPUT;
            case UNREACHABLE, TIMEOUT, TOO_OLD, RATE_LIMITED, NOT_MEDIANEST, FAILED -> Console.FAILURE;
        };
        return new CommandProblem(status, failure.text(console.texts));
    }

    /** Input the assistant refused (an empty or too long message): what was wrong with it. */
    static CommandProblem of(AppException refused, Console console) {
        String text = refused.details().isEmpty() ? console.texts.get(refused.code().messageKey(), refused.args())
                : String.join("\n", refused.details().values().stream().map(key -> console.texts.get(key, refused.args())).toList());
        return new CommandProblem(Console.INVALID_INPUT, text);
    }
}
