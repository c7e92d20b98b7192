package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Permission;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.assistant.Assistant;
import dev.medianest.features.assistant.AssistantSetup;
import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.ChatTurn;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.SetupChange;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/assistant}: a message in, the assistant's reply out (whole, or streamed as
 * server-sent events), one's stored conversation, and for admins Settings › Assistant and the LLM's
 * token use. The API key is write-only: answers say only whether one is saved.
 */
final class AssistantApi {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantApi.class);
    private static final Set<String> MESSAGE_FIELDS = Set.of("text");
    private static final Set<String> SETTINGS_FIELDS = Set.of("provider", "baseUrl", "model", "apiKey", "clearApiKey", "timeoutSeconds",
            "maxRetries", "messagesPerMinute", "history");
    static final int DEFAULT_HISTORY = 50;
    static final int MAX_USAGE_DAYS = 366;

    private final Assistant assistant;
    private final ObjectMapper mapper;

    AssistantApi(Assistant assistant, ObjectMapper mapper) {
        this.assistant = assistant;
        this.mapper = mapper;
    }

    /** POST /api/v1/assistant/messages: the reply as JSON, or as events with {@code Accept: text/event-stream}. */
    void send(Context ctx) {
        Principal who = chatter(ctx);
        JsonInput input = JsonInput.read(ctx, mapper, MESSAGE_FIELDS);
        String text = input.string("text").orElse("");
        if (!input.has("text")) {
            input.problem("text", "validation.required");
        }
        input.throwIfInvalid();
        RequestState state = RequestState.of(ctx);
        if (!EventStream.wanted(ctx)) {
            ctx.json(reply(send(who, state, text, ReplyStream.NONE)));
            return;
        }
        EventStream events = new EventStream(ctx, mapper);
        ReplyStream stream = events.replies(AssistantApi::card);
        try {
            events.send("reply", reply(send(who, state, text, stream)));
        } catch (AppException refused) {
            if (!events.started()) {
                throw refused;
            }
            events.send("error", error(refused, state));
        } catch (RuntimeException failure) {
            if (!events.started()) {
                throw failure;
            }
            LOG.error("the assistant failed while streaming a reply", failure);
            events.send("error", error(new AppException(ErrorCode.INTERNAL_ERROR), state));
        }
    }

    /** The engine names the message {@code message}; this API calls it {@code text}. */
    private ChatReply send(Principal who, RequestState state, String text, ReplyStream stream) {
        try {
            return assistant.send(who, state.language, text, stream);
        } catch (AppException refused) {
            throw renamed(refused, "message", "text");
        }
    }

    void history(Context ctx) {
        Principal who = chatter(ctx);
        int limit = limit(ctx, "limit", DEFAULT_HISTORY, Assistant.MAX_HISTORY, "chat.error.history_limit");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("history", assistant.setup().history());
        body.put("items", assistant.history(who, limit).stream().map(AssistantApi::turn).toList());
        ctx.json(body);
    }

    /** The whole stored conversation as a file to keep. */
    void export(Context ctx) {
        Principal who = chatter(ctx);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("username", who.user().username());
        body.put("items", assistant.history(who, Assistant.MAX_HISTORY).stream().map(AssistantApi::turn).toList());
        // Each message carries its own moment; the name only has to say whose conversation it is.
        String name = "medianest-assistant-" + who.user().username().replaceAll("[^A-Za-z0-9._-]", "_") + ".json";
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.json(body);
    }

    void deleteHistory(Context ctx) {
        ctx.json(Map.of("deleted", assistant.deleteHistory(chatter(ctx))));
    }

    void startOver(Context ctx) {
        assistant.startOver(chatter(ctx));
        ctx.status(204);
    }

    // --- admins ------------------------------------------------------------------------------------

    void settings(Context ctx) {
        ctx.json(setup(assistant.setup()));
    }

    void saveSettings(Context ctx) {
        SetupChange change = change(ctx);
        ctx.json(setup(assistant.configure(RequestState.of(ctx).requirePrincipal(), change)));
    }

    /** The Test button: tries the settings in the body (the saved key unless one is given) without saving them. */
    void testSettings(Context ctx) {
        SetupChange change = change(ctx);
        RequestState state = RequestState.of(ctx);
        Optional<String> problem = assistant.check(state.requirePrincipal(), change, state.language);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", problem.isEmpty());
        body.put("problem", problem.orElse(null));
        ctx.json(body);
    }

    void usage(Context ctx) {
        int days = limit(ctx, "days", 30, MAX_USAGE_DAYS, "chat.error.usage_days");
        List<Assistant.Usage> rows = assistant.usage(RequestState.of(ctx).requirePrincipal(), days);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("days", days);
        body.put("items", rows.stream().map(row -> usage(row, true)).toList());
        body.put("totals", totals(rows).stream().map(row -> usage(row, false)).toList());
        ctx.json(body);
    }

    /**
     * Each person's use over the whole period, most tokens first. The records are the rows' own type:
     * the day is the latest one the person used the LLM, the model is empty.
     */
    static List<Assistant.Usage> totals(List<Assistant.Usage> rows) {
        Map<String, Assistant.Usage> sums = new LinkedHashMap<>();
        for (Assistant.Usage row : rows) {
            sums.merge(row.username(), new Assistant.Usage(row.username(), row.day(), "", row.turns(), row.inputTokens(), row.outputTokens()),
                    (a, b) -> new Assistant.Usage(a.username(), a.day().isAfter(b.day()) ? a.day() : b.day(), "", a.turns() + b.turns(),
                            a.inputTokens() + b.inputTokens(), a.outputTokens() + b.outputTokens()));
        }
        return sums.values().stream()
                .sorted(java.util.Comparator.comparingLong((Assistant.Usage sum) -> sum.inputTokens() + sum.outputTokens()).reversed()
                        .thenComparing(Assistant.Usage::username))
                .toList();
    }

    private SetupChange change(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, SETTINGS_FIELDS);
        AssistantSetup current = assistant.setup();
        SetupChange change = new SetupChange(
                input.string("provider").orElse(current.model().provider().wireName()),
                input.has("baseUrl") ? input.string("baseUrl").orElse("") : current.model().baseUrl().map(URI::toString).orElse(""),
                input.string("model").orElse(current.model().model()),
                input.string("apiKey"),
                input.bool("clearApiKey").orElse(false),
                input.integer("timeoutSeconds").orElse((int) current.model().timeout().toSeconds()),
                input.integer("maxRetries").orElse(current.model().maxRetries()),
                input.bool("history").orElse(current.history()),
                input.integer("messagesPerMinute").orElse(current.messagesPerMinute()));
        input.throwIfInvalid();
        return keyOrClear(change);
    }

    /** A new key and "remove the key" at once cannot both be meant. */
    static SetupChange keyOrClear(SetupChange change) {
        if (change.clearKey() && change.apiKey().isPresent()) {
            throw AppException.invalid("clearApiKey", "chat.error.key_and_clear");
        }
        return change;
    }

    // --- views ---------------------------------------------------------------------------------------

    static Map<String, Object> reply(ChatReply reply) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("text", reply.text());
        view.put("cards", reply.cards().stream().map(AssistantApi::card).toList());
        view.put("choices", reply.choices().stream().map(AssistantApi::choice).toList());
        view.put("mode", reply.mode().wireName());
        view.put("notice", reply.notice().orElse(null));
        return view;
    }

    static Map<String, Object> turn(ChatTurn turn) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", turn.id());
        view.put("role", turn.role().wireName());
        view.put("text", turn.text());
        view.put("cards", turn.cards().stream().map(AssistantApi::card).toList());
        view.put("choices", turn.choices().stream().map(AssistantApi::choice).toList());
        view.put("at", turn.at().toString());
        return view;
    }

    static Map<String, Object> card(ToolCard card) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("kind", card.kind());
        view.put("heading", card.heading());
        view.put("year", card.year().isPresent() ? card.year().getAsInt() : null);
        view.put("poster", card.poster().orElse(null));
        view.put("detail", card.detail());
        view.put("link", card.link().orElse(null));
        view.put("progress", card.progress().orElse(null));
        view.put("badges", card.badges());
        return view;
    }

    private static Map<String, Object> choice(ReplyChoice choice) {
        return Map.of("label", choice.label(), "message", choice.message());
    }

    private static Map<String, Object> setup(AssistantSetup setup) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("provider", setup.model().provider().wireName());
        view.put("baseUrl", setup.model().baseUrl().map(URI::toString).orElse(null));
        view.put("model", setup.model().model());
        view.put("apiKeySet", setup.model().apiKey().isPresent());
        view.put("timeoutSeconds", setup.model().timeout().toSeconds());
        view.put("maxRetries", setup.model().maxRetries());
        view.put("messagesPerMinute", setup.messagesPerMinute());
        view.put("history", setup.history());
        view.put("source", setup.saved() ? "saved" : "config");
        return view;
    }

    private static Map<String, Object> usage(Assistant.Usage row, boolean perDay) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("username", row.username());
        if (perDay) {
            view.put("day", row.day().toString());
            view.put("model", row.model());
        }
        view.put("turns", row.turns());
        view.put("inputTokens", row.inputTokens());
        view.put("outputTokens", row.outputTokens());
        return view;
    }

    private static Map<String, Object> error(AppException error, RequestState state) {
        Map<String, String> details = new LinkedHashMap<>();
        error.details().forEach((field, key) -> details.put(field, state.texts.get(key, error.args())));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("code", error.code().wireName());
        body.put("message", state.texts.get(error.code().messageKey(), error.args()));
        body.put("details", details);
        return Map.of("error", body);
    }

    // --- shared with the pages -------------------------------------------------------------------------

    /** The caller, who must hold the {@code assistant} permission (admins do). */
    static Principal chatter(Context ctx) {
        Principal who = RequestState.of(ctx).requirePrincipal();
        if (!who.can(Permission.ASSISTANT)) {
            throw new AppException(ErrorCode.FORBIDDEN, Map.of("permission", "chat.error.no_permission"));
        }
        return who;
    }

    /** The same failure with one detail's field renamed. */
    static AppException renamed(AppException failure, String from, String to) {
        if (!failure.details().containsKey(from)) {
            return failure;
        }
        Map<String, String> details = new LinkedHashMap<>(failure.details());
        details.put(to, details.remove(from));
        return new AppException(failure.code(), details, failure.args());
    }

    private static int limit(Context ctx, String name, int fallback, int max, String problem) {
        String given = ctx.queryParam(name);
        if (given == null || given.isBlank()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(given.strip());
            if (value >= 1 && value <= max) {
                return value;
            }
        } catch (NumberFormatException notNumber) {
            // told below
        }
        throw new AppException(ErrorCode.VALIDATION_FAILED, Map.of(name, problem), max);
    }
}
