package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.Conversation;
import dev.medianest.features.assistant.IntentParser;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.features.assistant.Understanding;
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
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code medianest query "MESSAGE"}: one message to the assistant, its answer printed (text, cards,
 * choices), for scripts and a quick question. {@code -} reads messages from standard input, one a
 * line, as one conversation; {@code --yes} answers the assistant's confirmation question with yes.
 * {@code --dry-run} only shows what the offline understanding reads in the message, without
 * opening the database, reading the configuration or acting, so it works on a machine with nothing
 * set up.
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

    @Option(names = "--dry-run", descriptionKey = "dry_run")
    boolean dryRun;

    @Parameters(paramLabel = "MESSAGE", arity = "1..*", descriptionKey = "message")
    List<String> words = new ArrayList<>();

    private final Console console;

    QueryCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (dryRun) {
            return understand();
        }
        return CommandProblem.guarded(console, () -> {
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

    /** {@code --dry-run}: what the offline understanding read, one line per message, acting on nothing. */
    private int understand() {
        IntentParser parser = new IntentParser();
        try {
            if (words.size() == 1 && words.getFirst().equals("-")) {
                String line;
                while ((line = console.in.readLine()) != null) {
                    console.out.println(show(parser.understand(line)));
                }
            } else {
                console.out.println(show(parser.understand(String.join(" ", words))));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } finally {
            console.out.flush();
        }
        return 0;
    }

    private String show(Understanding understanding) {
        return json ? json(understanding.slots()) : readable(understanding);
    }

    /** "request · title "Heat" · year 1995", in the terminal's language. */
    private String readable(Understanding understanding) {
        List<String> parts = new ArrayList<>();
        parts.add(console.texts.get("understanding.intent." + understanding.intent().wireName()));
        understanding.mediaType().ifPresent(type -> parts.add(console.texts.get("understanding.slot.type",
                console.texts.get("understanding.type." + type.name().toLowerCase(Locale.ROOT)))));
        understanding.title().ifPresent(title -> parts.add(console.texts.get("understanding.slot.title", title)));
        understanding.year().ifPresent(year -> parts.add(console.texts.get("understanding.slot.year", String.valueOf(year))));
        understanding.quality().ifPresent(quality -> parts.add(console.texts.get("understanding.slot.quality", quality.wireName())));
        if (understanding.hdr()) {
            parts.add(console.texts.get("understanding.slot.hdr"));
        }
        understanding.season().ifPresent(season -> parts.add(console.texts.get("understanding.slot.season", String.valueOf(season))));
        understanding.url().ifPresent(url -> parts.add(console.texts.get("understanding.slot.url", url)));
        if (understanding.audioOnly()) {
            parts.add(console.texts.get("understanding.slot.audio_only"));
        }
        understanding.choice().ifPresent(choice -> parts.add(console.texts.get("understanding.slot.choice", String.valueOf(choice))));
        if (understanding.reference()) {
            parts.add(console.texts.get("understanding.slot.reference"));
        }
        understanding.answer().ifPresent(yes -> parts.add(console.texts.get(yes ? "understanding.slot.answer_yes" : "understanding.slot.answer_no")));
        if (understanding.everything()) {
            parts.add(console.texts.get("understanding.slot.everything"));
        }
        return String.join(" · ", parts);
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
