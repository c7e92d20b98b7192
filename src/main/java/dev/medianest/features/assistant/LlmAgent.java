package dev.medianest.features.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.i18n.Messages;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The LLM mode: the model reads the conversation and calls the same tools the offline
 * understanding uses, turn after turn, until it answers in words. Tools that remove something are
 * not run when the model asks; the person is asked first, and a "yes" runs them (the same pending
 * confirmation the offline mode uses, so it survives a restart).
 */
final class LlmAgent {

    /** Model turns one message may take before the agent stops it. */
    static final int MAX_STEPS = 6;

    /** Tools a person confirms before they run, whoever asked for them. */
    static final Set<String> CONFIRMED_FIRST = Set.of("cancel_download", "cancel_request");

    private final ObjectMapper json;

    LlmAgent(ObjectMapper json) {
        this.json = json;
    }

    /** A reply, the state after it, and the tokens it used. */
    record Answer(ChatReply reply, ConversationState next, LanguageModel.TokenUsage usage) {
    }

    Answer answer(LanguageModel model, Toolbox tools, Principal who, List<LanguageModel.Message> history, String message, ConversationState state,
                  Messages.Texts texts, ReplyStream stream, LocalDate today) throws ModelFailure {
        List<LanguageModel.Message> conversation = new ArrayList<>();
        conversation.add(new LanguageModel.SystemText(instructions(who, texts, state, today)));
        conversation.addAll(history);
        conversation.add(new LanguageModel.UserText(message));
        List<ToolCard> cards = new ArrayList<>();
        LanguageModel.TokenUsage used = LanguageModel.TokenUsage.NONE;
        StringBuilder said = new StringBuilder();
        for (int step = 0; step < MAX_STEPS; step++) {
            LanguageModel.Reply reply = model.reply(conversation, tools.definitions(), stream::text);
            used = used.plus(reply.usage());
            appendParagraph(said, reply.text());
            if (reply.calls().isEmpty()) {
                return new Answer(new ChatReply(said.toString().strip(), cards, List.of(), ChatReply.Mode.LLM, Optional.empty()), state, used);
            }
            conversation.add(new LanguageModel.AssistantTurn(reply.text(), reply.calls()));
            for (LanguageModel.ToolCallRequest call : reply.calls()) {
                Optional<JsonNode> arguments = parse(call.argumentsJson());
                if (arguments.isPresent() && CONFIRMED_FIRST.contains(call.name())) {
                    String question = texts.get("assistant.llm.confirm." + call.name(), describe(arguments.get()));
                    stream.text((said.isEmpty() ? "" : "\n") + question);
                    appendParagraph(said, question);
                    ConversationState next = state.withPending(ConversationState.Pending.confirm(call.name(), arguments.get(), question));
                    List<ReplyChoice> buttons = List.of(new ReplyChoice(texts.get("assistant.yes"), texts.get("assistant.yes")),
                            new ReplyChoice(texts.get("assistant.no"), texts.get("assistant.no")));
                    return new Answer(new ChatReply(said.toString().strip(), cards, buttons, ChatReply.Mode.LLM, Optional.empty()), next, used);
                }
                conversation.add(run(tools, call, arguments, cards, stream));
            }
        }
        String stopped = texts.get("assistant.llm.too_many_steps", MAX_STEPS);
        appendParagraph(said, stopped);
        stream.text("\n" + stopped);
        return new Answer(new ChatReply(said.toString().strip(), cards, List.of(), ChatReply.Mode.LLM, Optional.empty()), state, used);
    }

    /** Runs one tool for the model; whatever happens, the model gets an answer it can read, never an exception. */
    private LanguageModel.ToolOutput run(Toolbox tools, LanguageModel.ToolCallRequest call, Optional<JsonNode> arguments, List<ToolCard> cards,
                                         ReplyStream stream) {
        ObjectNode output = json.createObjectNode();
        if (arguments.isEmpty()) {
            output.putObject("error").put("kind", ToolError.Kind.INVALID_ARGUMENTS.wireName()).put("field", "arguments")
                    .put("message", "The arguments are not a JSON object: " + abbreviate(call.argumentsJson()));
            return new LanguageModel.ToolOutput(call.id(), call.name(), output.toString(), true);
        }
        ToolOutcome outcome = tools.call(call.name(), arguments.get(), (done, total, line) -> stream.status(line));
        switch (outcome) {
            case ToolOutcome.Succeeded done -> {
                done.result().cards().forEach(card -> {
                    cards.add(card);
                    stream.card(card);
                });
                output.put("summary", done.result().summary());
                output.set("result", done.result().structured());
                return new LanguageModel.ToolOutput(call.id(), call.name(), output.toString(), false);
            }
            case ToolOutcome.Failed failed -> {
                ObjectNode error = output.putObject("error").put("kind", failed.error().kind().wireName()).put("message", failed.error().message());
                failed.error().field().ifPresent(field -> error.put("field", field));
                return new LanguageModel.ToolOutput(call.id(), call.name(), output.toString(), true);
            }
        }
    }

    private Optional<JsonNode> parse(String arguments) {
        try {
            JsonNode node = json.readTree(arguments);
            return node != null && node.isObject() ? Optional.of(node) : Optional.empty();
        } catch (JsonProcessingException notJson) {
            return Optional.empty();
        }
    }

    private static String describe(JsonNode arguments) {
        List<String> parts = new ArrayList<>();
        arguments.properties().forEach(entry -> parts.add(entry.getKey() + " = " + (entry.getValue().isTextual() ? entry.getValue().asText()
                : entry.getValue().toString())));
        return String.join(", ", parts);
    }

    private static String abbreviate(String text) {
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }

    private static void appendParagraph(StringBuilder said, String text) {
        if (text != null && !text.isBlank()) {
            if (!said.isEmpty()) {
                said.append("\n\n");
            }
            said.append(text.strip());
        }
    }

    /**
     * What the model is told. Permissions are enforced by the tools for the caller, whatever the
     * prompt says; this text only keeps the model from offering what will be refused.
     */
    private static String instructions(Principal who, Messages.Texts texts, ConversationState state, LocalDate today) {
        String rights = who.admin() ? "admin (may control every download and manage every request)"
                : who.permissions().stream().map(Permission::wireName).sorted().collect(Collectors.joining(", "));
        String topic = state.topic() == null ? "none yet" : state.topic().display() + " [" + state.topic().mediaType() + " " + state.topic().id() + "]";
        return """
                You are the assistant of MediaNest, a household's media server hub (Radarr, Sonarr, Readarr, torrent clients, Plex or Jellyfin).
                You help %s (%s) find, request and follow movies, series and books, and their downloads.
                Today is %s. Their rights: %s.
                Answer in %s, the language of their messages, briefly (one to three sentences, or a short list).
                Always use the tools to learn or change anything; never invent titles, ids, availability or download states.
                Titles have ids: get them from search_media before media_details, request_media or recommend_similar.
                When a search gives several plausible titles, list them numbered with their years and ask which one.
                Before requesting, say what you will request (title, year, 4K or not, seasons) unless the person was already explicit.
                If a tool answers with an error, explain it plainly and say what they can do; do not retry the same call unchanged.
                Cancelling or removing is confirmed by the person before it happens; call the tool and MediaNest will ask them.
                The title talked about last: %s.
                """.formatted(who.user().displayName(), who.user().username(), today, rights,
                texts.language().nativeName(), topic);
    }
}
