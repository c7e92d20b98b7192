package dev.medianest.features.catalog;

import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;

import java.util.List;

/**
 * A metadata source could not answer; {@link #problem()} says why in words a person can act on
 * (the source unreachable, its key refused, no source configured).
 */
public final class MetadataFailure extends RuntimeException {

    private final transient ServiceProblem problem;

    public MetadataFailure(ServiceProblem problem, Throwable cause) {
        super(problem.messageKey() + " " + problem.args(), cause, false, false);
        this.problem = problem;
    }

    public ServiceProblem problem() {
        return problem;
    }

    /**
     * The failure as a title page, the Discover API and the assistant's tools all give it: REMOTE_FAILED
     * naming the service, with the source's own reason in the reader's language.
     */
    public AppException refusal(Messages.Texts texts) {
        List<String> args = problem.args();
        return new AppException(ErrorCode.REMOTE_FAILED, args.isEmpty() ? "" : args.getFirst(), texts.get(problem.messageKey(), args.toArray()));
    }
}
