package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.Conversation;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.platform.i18n.Language;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code medianest query "MESSAGE"}: one message to the assistant, its answer printed (text, cards,
 * choices), for scripts and a quick question. {@code -} reads messages from standard input, one a
 * line, as one conversation; {@code --yes} answers the assistant's confirmation question with yes.
 */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false)
final class QueryCommand implements Callable<Integer> {

    /** A confirmation answered by {@code --yes} may lead to another; more than this is a loop, not a conversation. */
    static final int MAX_CONFIRMATIONS = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = {"-y", "--yes"}, descriptionKey = "yes")
    boolean yes;

    @Option(names = "--json", descriptionKey = "json")
    boolean json;

    @Parameters(paramLabel = "MESSAGE", arity = "0..*", descriptionKey = "message")
    List<String> words;

    private final Console console;

    QueryCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        return CommandProblem.guarded(console, () -> {
            if (words == null || words.isEmpty()) {
                throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.query.no_message"));
            }
            try (Target opened = target.open(console, spec)) {
                Conversation conversation = opened.conversation();
                if (words.size() == 1 && words.getFirst().equals("-")) {
                    for (String line = console.in.readLine(); line != null; line = console.in.readLine()) {
                        if (!line.isBlank()) {
                            answer(conversation, line, true);
                        }
                    }
                } else {
                    answer(conversation, String.join(" ", words), false);
                }
                return 0;
            } catch (IOException unreadable) {
                throw new UncheckedIOException(unreadable);
            } finally {
                console.out.flush();
            }
        });
    }

    private void answer(Conversation conversation, String message, boolean echo) {
        ChatReply reply = say(conversation, message, echo);
        for (int asked = 0; yes && asked < MAX_CONFIRMATIONS && confirmation(reply); asked++) {
            reply = say(conversation, reply.choices().getFirst().message(), true);
        }
    }

    private ChatReply say(Conversation conversation, String message, boolean echo) {
        Look look = Look.plain(console.environment);
        if (json) {
            ChatReply reply = conversation.send(message, ReplyStream.NONE);
            console.out.println(json(view(reply)));
            return reply;
        }
        if (echo) {
            console.out.println(look.arrow() + " " + message.strip());
        }
        ReplyPrinter printer = new ReplyPrinter(console.out, look, "");
        ChatReply reply = conversation.send(message, printer);
        printer.finish(reply);
        return reply;
    }

    /**
     * Whether the reply asks yes or no: two buttons, the first saying yes in one of our languages
     * (the assistant answers in the language of the message, not necessarily the terminal's).
     */
    boolean confirmation(ChatReply reply) {
        if (reply.choices().size() != 2) {
            return false;
        }
        String first = reply.choices().getFirst().message();
        for (Language language : Language.values()) {
            if (first.equalsIgnoreCase(console.messages.in(language).get("assistant.yes"))) {
                return true;
            }
        }
        return false;
    }

    /** The reply as the chat API writes it: text, cards, choices, mode, notice. */
    static Map<String, Object> view(ChatReply reply) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("text", reply.text());
        List<Object> cards = new ArrayList<>();
        for (ToolCard card : reply.cards()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("kind", card.kind());
            node.put("heading", card.heading());
            node.put("year", card.year().isPresent() ? card.year().getAsInt() : null);
            node.put("poster", card.poster().orElse(null));
            node.put("detail", card.detail());
            node.put("link", card.link().orElse(null));
            node.put("progress", card.progress().orElse(null));
            node.put("badges", card.badges());
            cards.add(node);
        }
        view.put("cards", cards);
        List<Object> choices = new ArrayList<>();
        for (ReplyChoice choice : reply.choices()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("label", choice.label());
            node.put("message", choice.message());
            choices.add(node);
        }
        view.put("choices", choices);
        view.put("mode", reply.mode().wireName());
        view.put("notice", reply.notice().orElse(null));
        return view;
    }


    /** One line of JSON (a tree's text is valid JSON, with no exception to handle). */
    static String json(Object view) {
        return App.json().valueToTree(view).toString();
    }
}
