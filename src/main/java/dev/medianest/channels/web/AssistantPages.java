package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.assistant.Assistant;
import dev.medianest.features.assistant.AssistantSetup;
import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.ChatTurn;
import dev.medianest.features.assistant.ModelSettings;
import dev.medianest.features.assistant.ReplyStream;
import dev.medianest.features.assistant.SetupChange;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The chat page and Settings › Assistant. The chat works without JavaScript: the message form and
 * the choice buttons are plain POSTs that answer with the whole page. With JavaScript (app.js) the
 * same POST asks for {@code text/event-stream} and the reply streams in: text as it comes, and the
 * finished turn as the HTML a reload would show, so both ways look the same.
 */
final class AssistantPages {

    private static final Logger LOG = LoggerFactory.getLogger(AssistantPages.class);
    /** Where "New conversation" last cut the page, per browser: {@code userId.turnId}. The stored history keeps everything. */
    static final String SINCE_COOKIE = "mn_chat_since";
    /** The most turns the page shows; the export has all of them. */
    static final int SHOWN = 100;
    private static final Set<String> DONE = Set.of("new", "deleted");
    private static final List<String> PROVIDERS = Arrays.stream(ModelSettings.Provider.values()).map(ModelSettings.Provider::wireName).toList();
    private static final int USAGE_DAYS = 30;
    /** The moment of a turn shown once and not stored (history off, a reply just made); the page shows no moments. */
    private static final Instant UNSTORED = Instant.EPOCH;

    private final Pages pages;
    private final Assistant assistant;
    private final ObjectMapper mapper;

    AssistantPages(Pages pages, Assistant assistant, ObjectMapper mapper) {
        this.pages = pages;
        this.assistant = assistant;
        this.mapper = mapper;
    }

    // --- the chat ------------------------------------------------------------------------------------

    void chat(Context ctx) {
        Principal who = AssistantApi.chatter(ctx);
        String done = Optional.ofNullable(ctx.queryParam("done")).filter(DONE::contains).map(key -> texts(ctx).get("chat.done." + key))
                .orElse(null);
        showChat(ctx, who, shownTurns(ctx, who), assistant.setup().history(), null, "", null, done, 200);
    }

    /** A message from the form or a choice button. */
    void send(Context ctx) {
        Principal who = AssistantApi.chatter(ctx);
        String text = Optional.ofNullable(ctx.formParam("text")).orElse("");
        RequestState state = RequestState.of(ctx);
        if (EventStream.wanted(ctx)) {
            stream(ctx, who, state, text);
            return;
        }
        ChatReply reply;
        try {
            reply = assistant.send(who, state.language, text, ReplyStream.NONE);
        } catch (AppException refused) {
            showChat(ctx, who, shownTurns(ctx, who), assistant.setup().history(), null, text, message(refused, state.texts), null,
                    ApiErrors.status(refused.code()));
            return;
        }
        boolean history = assistant.setup().history();
        List<ChatTurn> turns = history ? shownTurns(ctx, who)
                : List.of(new ChatTurn(0, ChatTurn.Role.USER, text.strip(), List.of(), List.of(), UNSTORED), answered(reply));
        showChat(ctx, who, turns, history, reply.notice().orElse(null), "", null, null, 200);
    }

    /**
     * The enhanced form's POST: {@code text} pieces and {@code status} lines as they come, each
     * {@code card} as HTML, then {@code reply}, the finished turn as HTML; or {@code failed} with
     * the reason (an empty message, a failure of MediaNest itself).
     */
    private void stream(Context ctx, Principal who, RequestState state, String text) {
        EventStream events = new EventStream(ctx, mapper);
        PageContext page = pages.context(ctx);
        ReplyStream stream = events.replies(card -> Map.of("html", pages.fragment("chat_card.jte", Map.of("page", page, "card", card))));
        try {
            ChatReply reply = assistant.send(who, state.language, text, stream);
            events.send("reply", Map.of("html", turnHtml(page, answered(reply), reply.notice().orElse(null))));
        } catch (AppException refused) {
            events.send("failed", Map.of("message", message(refused, state.texts)));
        } catch (RuntimeException failure) {
            LOG.error("the assistant failed while answering in the web chat", failure);
            events.send("failed", Map.of("message", state.texts.get(ErrorCode.INTERNAL_ERROR.messageKey())));
        }
    }

    private String turnHtml(PageContext page, ChatTurn turn, String notice) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("page", page);
        params.put("turn", turn);
        params.put("choices", true);
        params.put("notice", notice);
        return pages.fragment("chat_turn.jte", params);
    }

    /** Forgets the pending question and clears the page; the stored history stays for the export. */
    void startOver(Context ctx) {
        Principal who = AssistantApi.chatter(ctx);
        assistant.startOver(who);
        List<ChatTurn> last = assistant.history(who, 1);
        RequestState state = RequestState.of(ctx);
        if (last.isEmpty()) {
            Cookies.clear(ctx, state, SINCE_COOKIE);
        } else {
            Cookies.set(ctx, state, SINCE_COOKIE, who.user().id() + "." + last.getLast().id(), 365 * 24 * 3600);
        }
        ctx.redirect("/assistant?done=new", HttpStatus.SEE_OTHER);
    }

    void deleteHistory(Context ctx) {
        Principal who = AssistantApi.chatter(ctx);
        assistant.deleteHistory(who);
        Cookies.clear(ctx, RequestState.of(ctx), SINCE_COOKIE);
        ctx.redirect("/assistant?done=deleted", HttpStatus.SEE_OTHER);
    }

    /** The stored turns after the last "New conversation" in this browser. */
    private List<ChatTurn> shownTurns(Context ctx, Principal who) {
        long since = since(ctx, who);
        List<ChatTurn> turns = assistant.history(who, SHOWN);
        return turns.stream().filter(turn -> turn.id() > since).toList();
    }

    private static long since(Context ctx, Principal who) {
        String cookie = Optional.ofNullable(ctx.cookie(SINCE_COOKIE)).orElse("");
        String[] parts = cookie.split("\\.");
        try {
            return parts.length == 2 && Long.parseLong(parts[0]) == who.user().id() ? Long.parseLong(parts[1]) : 0;
        } catch (NumberFormatException tampered) {
            return 0;
        }
    }

    /** {@code history}: whether conversations are kept (Settings › Assistant), read once by the caller. */
    private void showChat(Context ctx, Principal who, List<ChatTurn> turns, boolean history, String notice, String text, String error,
                          String done, int status) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("turns", turns);
        params.put("notice", notice);
        params.put("text", text);
        params.put("error", error);
        params.put("done", done);
        params.put("history", history);
        params.put("cut", since(ctx, who) > 0);
        params.put("maxLength", Assistant.MAX_MESSAGE);
        ctx.status(status);
        pages.render(ctx, "assistant.jte", params);
    }

    private static ChatTurn answered(ChatReply reply) {
        return new ChatTurn(0, ChatTurn.Role.ASSISTANT, reply.text(), reply.cards(), reply.choices(), UNSTORED);
    }

    private static String message(AppException refused, Messages.Texts texts) {
        return refused.details().isEmpty() ? texts.get(refused.code().messageKey(), refused.args())
                : String.join(" ", refused.details().values().stream().map(key -> texts.get(key, refused.args())).toList());
    }

    // --- Settings › Assistant ----------------------------------------------------------------------

    void settings(Context ctx) {
        String done = "saved".equals(ctx.queryParam("done")) ? texts(ctx).get("chat.settings.saved") : null;
        showSettings(ctx, stored(assistant.setup()), Map.of(), Optional.empty(), done, 200);
    }

    void saveSettings(Context ctx) {
        try {
            assistant.configure(RequestState.of(ctx).requirePrincipal(), change(ctx));
            ctx.redirect("/settings/assistant?done=saved", HttpStatus.SEE_OTHER);
        } catch (AppException refused) {
            showSettings(ctx, typed(ctx), FormErrors.of(refused, texts(ctx)), Optional.empty(), null, ApiErrors.status(refused.code()));
        }
    }

    /** The Test button on the unsaved form: htmx swaps in the result; without JavaScript the form comes back with it. */
    void testSettings(Context ctx) {
        RequestState state = RequestState.of(ctx);
        TestResult result;
        try {
            result = new TestResult(true, assistant.check(state.requirePrincipal(), change(ctx), state.language).orElse(null), Map.of());
        } catch (AppException refused) {
            result = new TestResult(true, null, FormErrors.of(refused, state.texts));
        }
        if ("true".equals(ctx.header("HX-Request"))) {
            Map<String, Object> params = new LinkedHashMap<>();
            result.addTo(params);
            params.put("provider", Optional.ofNullable(ctx.formParam("provider")).orElse(""));
            pages.renderFragment(ctx, "assistant_test.jte", params);
            return;
        }
        showSettings(ctx, typed(ctx), result.errors(), Optional.of(result), null, 200);
    }

    /** What the Test button found: the model's problem, or the form's own mistakes. */
    private record TestResult(boolean tested, String problem, Map<String, String> errors) {
        /** The parameters of assistant_test.jte (templates see public types only). */
        void addTo(Map<String, Object> params) {
            params.put("tested", tested);
            params.put("problem", problem);
            params.put("testErrors", errors);
        }
    }

    private void showSettings(Context ctx, Map<String, String> form, Map<String, String> errors, Optional<TestResult> result, String done,
                              int status) {
        AssistantSetup setup = assistant.setup();
        Principal admin = RequestState.of(ctx).requirePrincipal();
        List<Assistant.Usage> usage = assistant.usage(admin, USAGE_DAYS);
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("form", form);
        params.put("errors", errors);
        params.put("providers", PROVIDERS);
        params.put("setup", setup);
        params.put("done", done);
        params.put("usage", usage);
        params.put("totals", AssistantApi.totals(usage));
        params.put("usageDays", USAGE_DAYS);
        result.orElseGet(() -> new TestResult(false, null, Map.of())).addTo(params);
        ctx.status(status);
        pages.render(ctx, "assistant_settings.jte", params);
    }

    private static Map<String, String> stored(AssistantSetup setup) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("provider", setup.model().provider().wireName());
        form.put("baseUrl", setup.model().baseUrl().map(URI::toString).orElse(""));
        form.put("model", setup.model().model());
        form.put("timeoutSeconds", String.valueOf(setup.model().timeout().toSeconds()));
        form.put("maxRetries", String.valueOf(setup.model().maxRetries()));
        form.put("messagesPerMinute", String.valueOf(setup.messagesPerMinute()));
        form.put("history", setup.history() ? "on" : "");
        return form;
    }

    /** What the admin typed, to show again; the API key is left out on purpose. */
    private static Map<String, String> typed(Context ctx) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("provider", "baseUrl", "model", "timeoutSeconds", "maxRetries", "messagesPerMinute", "history", "clearApiKey")) {
            form.put(name, Optional.ofNullable(ctx.formParam(name)).orElse(""));
        }
        return form;
    }

    private static SetupChange change(Context ctx) {
        return AssistantApi.keyOrClear(new SetupChange(ctx.formParam("provider"), ctx.formParam("baseUrl"), ctx.formParam("model"),
                Optional.ofNullable(ctx.formParam("apiKey")), "on".equals(ctx.formParam("clearApiKey")), number(ctx, "timeoutSeconds"),
                number(ctx, "maxRetries"), "on".equals(ctx.formParam("history")), number(ctx, "messagesPerMinute")));
    }

    /** A number field; anything else is out of every range, so the engine names the field. */
    private static int number(Context ctx, String name) {
        try {
            return Integer.parseInt(Optional.ofNullable(ctx.formParam(name)).orElse("").strip());
        } catch (NumberFormatException notNumber) {
            return -1;
        }
    }

    private static Messages.Texts texts(Context ctx) {
        return RequestState.of(ctx).texts;
    }
}
