package dev.medianest.channels.cli;

import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.Conversation;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.integrations.medianest.ServerFailure;
import dev.medianest.platform.errors.AppException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code medianest chat}: the assistant in a terminal. Line editing and history on the arrow keys
 * (kept in {@code ~/.medianest_history}), the reply shown as it is made, cards as compact lines,
 * choices as numbered buttons to type, and {@code /help}, {@code /new}, {@code /quit}. Ctrl-C
 * clears the line, or stops waiting for an answer; Ctrl-D leaves.
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false)
final class ChatCommand implements java.util.concurrent.Callable<Integer> {

    /** The history file in the home directory: a remote chat has no data directory of its own. */
    static final String HISTORY_FILE = ".medianest_history";
    static final int HISTORY_SIZE = 1000;
    private static final String INDENT = "  ";

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--no-history", descriptionKey = "no_history")
    boolean noHistory;

    private final Console console;

    ChatCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        Target opened;
        try {
            opened = target.open(console, spec);
        } catch (CommandProblem problem) {
            return problem.report(console);
        }
        // The locale's word decides, not the JVM's: a UTF-8 LANG whose locale is not installed still means a UTF-8 terminal.
        boolean unicode = Look.unicode(console.environment);
        TerminalBuilder builder = TerminalBuilder.builder().system(true).dumb(true).nativeSignals(true);
        if (unicode) {
            builder.encoding(StandardCharsets.UTF_8);
        }
        try (opened; Terminal terminal = builder.build(); ExecutorService turns = Executors.newVirtualThreadPerTaskExecutor()) {
            boolean dumb = terminal.getType().startsWith(Terminal.TYPE_DUMB);
            Look look = new Look(Look.colourWanted(console.environment) && !dumb, unicode, 100).withWidth(terminal.getWidth());
            LineReader reader = reader(terminal);
            return new Session(opened, terminal, reader, look, turns).run();
        } catch (IOException unusable) {
            throw new UncheckedIOException(unusable);
        }
    }

    private LineReader reader(Terminal terminal) {
        LineReaderBuilder builder = LineReaderBuilder.builder().terminal(terminal).appName("medianest")
                .variable(LineReader.HISTORY_SIZE, HISTORY_SIZE).variable(LineReader.HISTORY_FILE_SIZE, HISTORY_SIZE);
        historyFile().ifPresent(file -> builder.variable(LineReader.HISTORY_FILE, file));
        LineReader reader = builder.build();
        // "Dune!" is a message, not a history expansion; a tab is typed, not completed.
        reader.setOpt(LineReader.Option.DISABLE_EVENT_EXPANSION);
        reader.setOpt(LineReader.Option.HISTORY_IGNORE_DUPS);
        reader.setOpt(LineReader.Option.HISTORY_IGNORE_SPACE);
        reader.unsetOpt(LineReader.Option.INSERT_TAB);
        return reader;
    }

    /** {@code $HOME/.medianest_history}, readable only by its owner; none with {@code --no-history} or without a home. */
    private Optional<Path> historyFile() {
        String home = console.environment.get("HOME");
        if (noHistory || home == null || home.isBlank()) {
            return Optional.empty();
        }
        Path file = Path.of(home, HISTORY_FILE);
        try {
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            return Optional.of(file);
        } catch (IOException | UnsupportedOperationException unwritable) {
            // The chat works without remembering; earlier lines are then only those of this session.
            return Optional.empty();
        }
    }

    /** One chat from the banner to {@code /quit}. */
    private final class Session {
        private final Target target;
        private final Terminal terminal;
        private final LineReader reader;
        private final Look look;
        private final ExecutorService turns;
        private final PrintWriter out;
        private final Conversation conversation;
        private List<ReplyChoice> choices = List.of();

        Session(Target target, Terminal terminal, LineReader reader, Look look, ExecutorService turns) {
            this.target = target;
            this.terminal = terminal;
            this.reader = reader;
            this.look = look;
            this.turns = turns;
            this.out = terminal.writer();
            this.conversation = target.conversation();
        }

        int run() {
            out.println(look.bold(console.texts.get("cli.chat.title")) + INDENT + look.dim(console.texts.get("cli.chat.as", target.username(), target.place())));
            out.println(look.dim(console.texts.get("cli.chat.hint")));
            out.flush();
            String prompt = look.accent(target.username() + " " + look.arrow()) + " ";
            while (true) {
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException cleared) {
                    continue;
                } catch (EndOfFileException leaving) {
                    break;
                }
                String text = line.strip();
                if (text.isEmpty()) {
                    continue;
                }
                String command = text.toLowerCase(java.util.Locale.ROOT);
                if (command.equals("/quit") || command.equals("/exit")) {
                    break;
                }
                Optional<Integer> ended = switch (command) {
                    case "/new" -> startOver();
                    case "/help" -> {
                        console.texts.get("cli.chat.commands").lines().forEach(help -> out.println(INDENT + help));
                        yield send(text);
                    }
                    default -> send(chosen(text));
                };
                if (ended.isPresent()) {
                    return ended.get();
                }
            }
            out.println(look.dim(console.texts.get("cli.chat.bye")));
            out.flush();
            return 0;
        }

        /** A number answers the numbered buttons of the last reply with the button's message. */
        private String chosen(String text) {
            if (!choices.isEmpty() && text.matches("\\d{1,2}")) {
                int number = Integer.parseInt(text);
                if (number >= 1 && number <= choices.size()) {
                    String message = choices.get(number - 1).message();
                    if (!message.equals(text)) {
                        out.println(INDENT + look.dim(look.arrow() + " " + message));
                    }
                    return message;
                }
            }
            return text;
        }

        private Optional<Integer> startOver() {
            try {
                conversation.startOver();
                choices = List.of();
                out.println(INDENT + look.dim(console.texts.get("cli.chat.started_over")));
                out.flush();
                return Optional.empty();
            } catch (ServerFailure failure) {
                return failed(failure);
            }
        }

        /**
         * Sends one message and shows the reply as it comes. Ctrl-C stops waiting (the server or
         * this process may still finish what it started); a refused token ends the chat.
         */
        private Optional<Integer> send(String message) {
            ReplyPrinter printer = new ReplyPrinter(out, look, INDENT);
            Future<ChatReply> turn = turns.submit(() -> conversation.send(message, printer));
            Terminal.SignalHandler before = terminal.handle(Terminal.Signal.INT, signal -> {
                printer.detach();
                turn.cancel(true);
            });
            try {
                ChatReply reply = turn.get();
                printer.finish(reply);
                choices = reply.choices();
                return Optional.empty();
            } catch (CancellationException stopped) {
                out.println(INDENT + look.dim(console.texts.get("cli.chat.stopped")));
                return Optional.empty();
            } catch (InterruptedException interrupted) {
                Thread.currentThread().interrupt();
                return Optional.of(Console.FAILURE);
            } catch (ExecutionException failed) {
                printer.detach();
                return switch (failed.getCause()) {
                    case AppException refused -> {
                        out.println(INDENT + look.warning(CommandProblem.of(refused, console).getMessage()));
                        yield Optional.empty();
                    }
                    case ServerFailure failure -> failed(failure);
                    case RuntimeException unexpected -> throw unexpected;
                    default -> throw new IllegalStateException(failed.getCause());
                };
            } finally {
                terminal.handle(Terminal.Signal.INT, before);
                out.flush();
            }
        }

        /** Says what went wrong; a token or permission refused ends the chat, anything else may pass. */
        private Optional<Integer> failed(ServerFailure failure) {
            CommandProblem problem = CommandProblem.of(failure, console);
            out.println(INDENT + look.warning(problem.getMessage()));
            out.flush();
            return switch (failure.kind()) {
                case TOKEN_REFUSED, TOKEN_EXPIRED, FORBIDDEN, TOO_OLD, MOVED, NOT_MEDIANEST -> Optional.of(problem.status());
                case UNREACHABLE, TIMEOUT, INVALID, RATE_LIMITED, FAILED -> Optional.empty();
            };
        }
    }
}
