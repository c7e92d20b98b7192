package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.requests.Availability;
import dev.medianest.platform.i18n.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Answers a message from what the offline parser understood, by calling the tools: no model, no
 * network beyond the services. Multi-step flows keep their place in {@link ConversationState}:
 * search → numbered choice → confirmation → request; cancel and remove always ask first.
 */
final class OfflineAgent {

    /** At most this many numbered choices are offered; the rest are one search away. */
    static final int MAX_CHOICES = 5;

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** A reply and the state the conversation moves to. */
    record Answer(ChatReply reply, ConversationState next) {
    }

    /** Everything one answer works with. */
    record Turn(Toolbox tools, Understanding understood, ConversationState state, Messages.Texts texts, ReplyStream stream, boolean admin) {
        Turn with(ConversationState next) {
            return new Turn(tools, understood, next, texts, stream, admin);
        }
    }

    /** Whether this message answers what the conversation is waiting for (a number, yes or no). */
    static boolean answersPending(Understanding understood, ConversationState state) {
        if (state.pending() == null) {
            return false;
        }
        return state.pending().choosing() ? understood.choice().isPresent() && understood.title().isEmpty()
                : understood.answer().isPresent();
    }

    Answer answer(Turn turn) {
        Understanding understood = turn.understood();
        ConversationState state = turn.state();
        if (answersPending(understood, state)) {
            return state.pending().choosing() ? chosen(turn) : confirmed(turn);
        }
        // Anything else leaves a pending question behind: a new request is never confirmed by an old "yes".
        Turn fresh = turn.with(state.withPending(null));
        return switch (understood.intent()) {
            case REQUEST, SEARCH, LIBRARY -> aboutTitle(fresh, understood.intent());
            case RECOMMEND -> understood.title().isPresent() || understood.reference() ? aboutTitle(fresh, Intent.RECOMMEND)
                    : ran(fresh, "recommend_for_me", mediaTypeArguments(understood), fresh.state());
            case STATUS -> status(fresh);
            case PAUSE, RESUME -> pauseOrResume(fresh, understood.intent());
            case CANCEL -> cancel(fresh);
            case SERVICES -> ran(fresh, "service_status", JSON.objectNode(), fresh.state());
            case HELP -> ran(fresh, "help", JSON.objectNode(), fresh.state());
            case YOUTUBE -> say(fresh, fresh.texts().get("assistant.youtube.not_yet"));
            case UNKNOWN -> unknown(fresh, state);
        };
    }

    // --- titles: request, search, library, recommend -------------------------------------------------

    private Answer aboutTitle(Turn turn, Intent intent) {
        Understanding understood = turn.understood();
        String quality = understood.quality().map(Quality::wireName).orElse(null);
        Integer season = understood.season().isPresent() ? understood.season().getAsInt() : null;
        if (understood.title().isEmpty()) {
            ConversationState.Topic topic = turn.state().topic();
            if (understood.reference() && topic != null || intent == Intent.REQUEST && topic != null && (quality != null || season != null)) {
                return onTitle(turn, intent, topic, quality, season, null);
            }
            return say(turn, turn.texts().get("assistant.title.missing." + intent.wireName()));
        }
        String query = understood.title().orElseThrow();
        ObjectNode arguments = JSON.objectNode().put("query", query);
        understood.mediaType().ifPresent(type -> arguments.put("mediaType", type.name().toLowerCase(Locale.ROOT)));
        understood.year().ifPresent(year -> arguments.put("year", year));
        turn.stream().status(turn.texts().get("assistant.searching", query));
        ToolOutcome outcome = turn.tools().call("search_media", arguments, ToolProgress.NONE);
        if (outcome instanceof ToolOutcome.Failed failed) {
            return say(turn, failed.error().message());
        }
        ToolResult found = ((ToolOutcome.Succeeded) outcome).result();
        List<Found> results = results(found);
        if (quality != null || season != null) {
            // A resolution or a season rules books out: "Dune in 4K" is never the novel.
            results = results.stream().filter(result -> !"book".equals(result.topic().mediaType())).toList();
        }
        if (results.isEmpty()) {
            return say(turn, turn.texts().get("assistant.search.nothing", query));
        }
        if (intent == Intent.SEARCH) {
            List<ConversationState.Topic> options = results.stream().limit(MAX_CHOICES).map(Found::topic).toList();
            ConversationState next = turn.state().withPending(ConversationState.Pending.choose(Intent.SEARCH, options, quality, season));
            return new Answer(reply(turn.texts().get("assistant.search.found", results.size(), query) + "\n" + numbered(options, results, turn.texts())
                    + "\n" + turn.texts().get("assistant.choose.details"),
                    found.cards(), numberButtons(options.size()), turn), next);
        }
        Optional<Found> single = single(results, query, understood);
        if (single.isEmpty()) {
            List<ConversationState.Topic> options = results.stream().limit(MAX_CHOICES).map(Found::topic).toList();
            ConversationState next = turn.state().withPending(ConversationState.Pending.choose(intent, options, quality, season));
            return new Answer(reply(turn.texts().get("assistant.choose.which", query) + "\n" + numbered(options, results, turn.texts()),
                    found.cards().stream().limit(MAX_CHOICES).toList(), numberButtons(options.size()), turn), next);
        }
        return onTitle(turn, intent, single.get().topic(), quality, season, single.get());
    }

    /** Goes on with the title picked from numbered choices. */
    private Answer chosen(Turn turn) {
        ConversationState.Pending pending = turn.state().pending();
        int number = turn.understood().choice().getAsInt();
        if (number < 1 || number > pending.options().size()) {
            return new Answer(reply(turn.texts().get("assistant.choose.out_of_range", number, pending.options().size()), List.of(),
                    numberButtons(pending.options().size()), turn), turn.state());
        }
        ConversationState.Topic picked = pending.options().get(number - 1);
        Turn rest = turn.with(turn.state().withPending(null));
        Intent intent = Intent.valueOf(pending.intent());
        String quality = turn.understood().quality().map(Quality::wireName).orElse(pending.quality());
        Integer season = turn.understood().season().isPresent() ? Integer.valueOf(turn.understood().season().getAsInt()) : pending.season();
        return onTitle(rest, intent, picked, quality, season, null);
    }

    private Answer onTitle(Turn turn, Intent intent, ConversationState.Topic topic, String quality, Integer season, Found known) {
        ConversationState state = turn.state().withTopic(topic);
        Turn on = turn.with(state);
        ObjectNode title = JSON.objectNode().put("mediaType", topic.mediaType()).put("id", topic.id());
        return switch (intent) {
            case SEARCH -> ran(on, "media_details", title, state);
            case RECOMMEND -> ran(on, "recommend_similar", title, state);
            case LIBRARY -> library(on, topic, known);
            default -> confirmRequest(on, topic, quality, season, known);
        };
    }

    private Answer library(Turn turn, ConversationState.Topic topic, Found known) {
        Found found = known != null ? known : details(turn, topic).orElse(null);
        Availability hd = found == null ? Availability.NOT_REQUESTED : found.hd();
        Availability fourK = found == null ? Availability.NOT_REQUESTED : found.fourK();
        List<ToolCard> cards = found == null ? List.of() : found.card().stream().toList();
        if (hd == Availability.AVAILABLE || fourK == Availability.AVAILABLE) {
            String where = hd == fourK ? "both" : hd == Availability.AVAILABLE ? "hd" : "4k";
            return new Answer(reply(turn.texts().get("assistant.library.available." + where, topic.display()), cards, List.of(), turn), turn.state());
        }
        if (hd == Availability.PARTIALLY_AVAILABLE || fourK == Availability.PARTIALLY_AVAILABLE) {
            return new Answer(reply(turn.texts().get("assistant.library.partial", topic.display()), cards, List.of(), turn), turn.state());
        }
        if (hd == Availability.REQUESTED || hd == Availability.PROCESSING) {
            return new Answer(reply(turn.texts().get("assistant.library.coming", topic.display()), cards, List.of(), turn), turn.state());
        }
        ObjectNode arguments = JSON.objectNode().put("mediaType", topic.mediaType()).put("id", topic.id());
        String question = turn.texts().get("assistant.library.missing", topic.display());
        return confirmation(turn, "request_media", arguments, question, cards);
    }

    private Answer confirmRequest(Turn turn, ConversationState.Topic topic, String quality, Integer season, Found known) {
        ObjectNode arguments = JSON.objectNode().put("mediaType", topic.mediaType()).put("id", topic.id());
        if (quality != null) {
            arguments.put("quality", quality);
        }
        if (season != null && TitleType.SERIES.name().equalsIgnoreCase(topic.mediaType())) {
            arguments.putArray("seasons").add(season);
        }
        boolean fourK = "2160p".equals(quality);
        if (known != null && (fourK ? known.fourK() : known.hd()) == Availability.AVAILABLE && season == null) {
            return new Answer(reply(turn.texts().get(fourK ? "assistant.request.already_4k" : "assistant.request.already", topic.display()),
                    known.card().stream().toList(), List.of(), turn), turn.state());
        }
        String what = topic.display() + (fourK ? " · 4K" : "") + (season != null ? " · " + turn.texts().get("assistant.season", season) : "");
        return confirmation(turn, "request_media", arguments, turn.texts().get("assistant.request.confirm", what),
                known == null ? List.of() : known.card().stream().toList());
    }

    // --- downloads and requests ------------------------------------------------------------------

    private Answer status(Turn turn) {
        ToolOutcome downloads = turn.tools().call("list_downloads", JSON.objectNode(), ToolProgress.NONE);
        ToolOutcome requests = turn.tools().call("request_status", JSON.objectNode(), ToolProgress.NONE);
        List<String> lines = new ArrayList<>();
        List<ToolCard> cards = new ArrayList<>();
        for (ToolOutcome outcome : List.of(downloads, requests)) {
            switch (outcome) {
                case ToolOutcome.Succeeded done -> {
                    lines.add(done.result().summary());
                    cards.addAll(done.result().cards());
                }
                case ToolOutcome.Failed failed -> lines.add(failed.error().message());
            }
        }
        cards.forEach(turn.stream()::card);
        return new Answer(reply(String.join("\n", lines), cards, List.of(), turn), turn.state());
    }

    private Answer pauseOrResume(Turn turn, Intent intent) {
        String tool = intent == Intent.PAUSE ? "pause_download" : "resume_download";
        Understanding understood = turn.understood();
        ObjectNode arguments = JSON.objectNode();
        if (understood.title().isPresent()) {
            arguments.put("query", understood.title().get());
        } else if (understood.everything()) {
            arguments.put("all", true);
        } else if (understood.reference() && turn.state().topic() != null) {
            arguments.put("query", turn.state().topic().title());
        } else {
            return say(turn, turn.texts().get("assistant.title.missing." + intent.wireName()));
        }
        return ran(turn, tool, arguments, turn.state());
    }

    private Answer cancel(Turn turn) {
        Understanding understood = turn.understood();
        String what = understood.title().orElseGet(() -> understood.reference() && turn.state().topic() != null ? turn.state().topic().title() : null);
        if (what == null) {
            return say(turn, turn.texts().get("assistant.title.missing.cancel"));
        }
        if (turn.admin()) {
            ObjectNode arguments = JSON.objectNode().put("query", what);
            return confirmation(turn, "cancel_download", arguments, turn.texts().get("assistant.cancel.download.confirm", what), List.of());
        }
        ToolOutcome mine = turn.tools().call("request_status", JSON.objectNode().put("query", what), ToolProgress.NONE);
        if (mine instanceof ToolOutcome.Failed failed) {
            return say(turn, failed.error().message());
        }
        List<JsonNode> pending = new ArrayList<>();
        for (JsonNode request : ((ToolOutcome.Succeeded) mine).result().structured().path("requests")) {
            if ("pending".equals(request.path("state").asText())) {
                pending.add(request);
            }
        }
        if (pending.isEmpty()) {
            return say(turn, turn.texts().get("assistant.cancel.nothing_pending", what));
        }
        JsonNode request = pending.getFirst();
        String title = request.path("title").asText(what);
        return confirmation(turn, "cancel_request", JSON.objectNode().put("id", request.path("id").asLong()),
                turn.texts().get("assistant.cancel.request.confirm", title), List.of());
    }

    // --- confirmations -------------------------------------------------------------------------------

    private Answer confirmation(Turn turn, String tool, ObjectNode arguments, String question, List<ToolCard> cards) {
        ConversationState next = turn.state().withPending(ConversationState.Pending.confirm(tool, arguments, question));
        List<ReplyChoice> buttons = List.of(new ReplyChoice(turn.texts().get("assistant.yes"), turn.texts().get("assistant.yes")),
                new ReplyChoice(turn.texts().get("assistant.no"), turn.texts().get("assistant.no")));
        cards.forEach(turn.stream()::card);
        return new Answer(reply(question, cards, buttons, turn), next);
    }

    private Answer confirmed(Turn turn) {
        ConversationState.Pending pending = turn.state().pending();
        ConversationState cleared = turn.state().withPending(null);
        if (!turn.understood().answer().orElse(false)) {
            return new Answer(reply(turn.texts().get("assistant.confirm.declined"), List.of(), List.of(), turn), cleared);
        }
        return ran(turn.with(cleared), pending.tool(),
                pending.arguments(), cleared);
    }

    // --- plumbing --------------------------------------------------------------------------------

    private Answer unknown(Turn turn, ConversationState before) {
        Understanding understood = turn.understood();
        if (understood.choice().isPresent() && understood.title().isEmpty() && before.pending() == null) {
            return say(turn, turn.texts().get("assistant.choose.nothing"));
        }
        if (understood.answer().isPresent() && before.pending() == null) {
            return say(turn, turn.texts().get("assistant.confirm.nothing"));
        }
        return say(turn, turn.texts().get("assistant.unknown"));
    }

    private Answer ran(Turn turn, String tool, JsonNode arguments, ConversationState next) {
        ToolOutcome outcome = turn.tools().call(tool, arguments, (done, total, message) -> turn.stream().status(message));
        return switch (outcome) {
            case ToolOutcome.Succeeded done -> {
                done.result().cards().forEach(turn.stream()::card);
                yield new Answer(reply(done.result().summary(), done.result().cards(), List.of(), turn), next);
            }
            case ToolOutcome.Failed failed -> new Answer(reply(failed.error().message(), List.of(), List.of(), turn), next);
        };
    }

    private static Answer say(Turn turn, String text) {
        return new Answer(reply(text, List.of(), List.of(), turn), turn.state());
    }

    private static ChatReply reply(String text, List<ToolCard> cards, List<ReplyChoice> choices, Turn turn) {
        turn.stream().text(text);
        return new ChatReply(text, cards, choices, ChatReply.Mode.OFFLINE, Optional.empty());
    }

    private static ObjectNode mediaTypeArguments(Understanding understood) {
        ObjectNode arguments = JSON.objectNode();
        understood.mediaType().ifPresent(type -> arguments.put("mediaType", type.name().toLowerCase(Locale.ROOT)));
        return arguments;
    }

    private static List<ReplyChoice> numberButtons(int count) {
        List<ReplyChoice> buttons = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            buttons.add(new ReplyChoice(String.valueOf(i), String.valueOf(i)));
        }
        return buttons;
    }

    private static String numbered(List<ConversationState.Topic> options, List<Found> results, Messages.Texts texts) {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < options.size(); i++) {
            Found found = results.get(i);
            lines.append(i + 1).append(". ").append(options.get(i).display());
            if (found.hd().shown()) {
                lines.append(" — ").append(texts.get("assistant.availability." + found.hd().wireName()));
            }
            if (i < options.size() - 1) {
                lines.append('\n');
            }
        }
        return lines.toString();
    }

    /** The one result meant, when there is one: the only result, or the only one whose title (and year) match exactly. */
    private static Optional<Found> single(List<Found> results, String query, Understanding understood) {
        if (results.size() == 1) {
            return Optional.of(results.getFirst());
        }
        List<Found> exact = results.stream().filter(found -> found.topic().title().equalsIgnoreCase(query)
                        || found.searchedAs().map(form -> found.topic().title().equalsIgnoreCase(form)).orElse(false))
                .filter(found -> understood.year().isEmpty() || Integer.valueOf(understood.year().getAsInt()).equals(found.topic().year()))
                .toList();
        if (exact.size() == 1) {
            return Optional.of(exact.getFirst());
        }
        if (understood.year().isPresent()) {
            List<Found> sameYear = results.stream().filter(found -> Integer.valueOf(understood.year().getAsInt()).equals(found.topic().year())).toList();
            if (sameYear.size() == 1) {
                return Optional.of(sameYear.getFirst());
            }
        }
        return Optional.empty();
    }

    private Optional<Found> details(Turn turn, ConversationState.Topic topic) {
        ToolOutcome outcome = turn.tools().call("media_details", JSON.objectNode().put("mediaType", topic.mediaType()).put("id", topic.id()),
                ToolProgress.NONE);
        if (outcome instanceof ToolOutcome.Succeeded done) {
            JsonNode structured = done.result().structured();
            JsonNode title = structured.has("title") && structured.get("title").isObject() ? structured.get("title") : structured;
            return Optional.of(new Found(topic, availability(title, "hd"), availability(title, "fourK"), done.result().cards().stream().findFirst(),
                    Optional.empty()));
        }
        return Optional.empty();
    }

    /** A search result as the conversation uses it. */
    record Found(ConversationState.Topic topic, Availability hd, Availability fourK, Optional<ToolCard> card, Optional<String> searchedAs) {
    }

    static List<Found> results(ToolResult found) {
        JsonNode structured = found.structured();
        Optional<String> searchedAs = Optional.ofNullable(structured.path("matchedForm").textValue());
        List<Found> results = new ArrayList<>();
        int index = 0;
        for (JsonNode result : structured.path("results")) {
            ConversationState.Topic topic = new ConversationState.Topic(result.path("mediaType").asText(), result.path("id").asText(),
                    result.path("title").asText(), result.path("year").isInt() ? result.get("year").asInt() : null);
            String link = "/title/" + topic.mediaType() + "/" + topic.id();
            int at = index;
            Optional<ToolCard> card = found.cards().stream().filter(c -> c.link().map(link::equals).orElse(false)).findFirst()
                    .or(() -> at < found.cards().size() ? Optional.of(found.cards().get(at)) : Optional.empty());
            results.add(new Found(topic, availability(result, "hd"), availability(result, "fourK"), card, searchedAs));
            index++;
        }
        return results;
    }

    /** A title's availability as the tools write it ({@code availability.hd}, {@code availability.fourK}); unknown reads as not requested. */
    private static Availability availability(JsonNode title, String which) {
        String wire = title.path("availability").path(which).asText("");
        for (Availability value : Availability.values()) {
            if (value.wireName().equals(wire)) {
                return value;
            }
        }
        return Availability.NOT_REQUESTED;
    }
}
