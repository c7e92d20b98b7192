package dev.medianest.features.assistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.medianest.features.accounts.Principal;
import dev.medianest.platform.crypto.SecretBox;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The assistant: one message in, an answer out, for the web chat, the terminal chat, the one-shot
 * query and the bots. With no LLM configured (the default) the offline understanding answers;
 * with one, the model answers through the same tools, and when it fails, is rate limited for the
 * person, or times out, the offline understanding answers instead and says why.
 */
public final class Assistant {

    private static final Logger LOG = LoggerFactory.getLogger(Assistant.class);

    /** The longest message accepted, in characters. */
    public static final int MAX_MESSAGE = 4000;
    /** Stored messages sent to the model as context with each new one. */
    static final int CONTEXT_MESSAGES = 20;
    /** The most history one export or page returns. */
    public static final int MAX_HISTORY = 10_000;

    private final Database database;
    private final Clock clock;
    private final SecretBox secrets;
    private final Messages messages;
    private final Tools tools;
    private final IntentParser parser;
    private final LanguageModels models;
    private final AssistantSetup configured;
    private final ObjectMapper json;
    private final AssistantStore store = new AssistantStore();
    private final OfflineAgent offline = new OfflineAgent();
    private final LlmAgent llm;
    /** One lock per person (striped), so two tabs sending at once cannot interleave one conversation's state. */
    private final ReentrantLock[] locks = new ReentrantLock[64];
    private final Cache<Long, Bucket> llmAllowance = Caffeine.newBuilder().expireAfterAccess(Duration.ofMinutes(10)).maximumSize(10_000).build();
    private volatile Opened opened;
    private volatile Read lastRead;

    /** The setup as last read from the database, and when. */
    private record Read(AssistantSetup setup, Instant at) {
    }

    /**
     * How long a read setup is used before the database is asked again: a save here replaces it at
     * once; a save on another instance sharing the database is seen within this time.
     */
    static final Duration SETUP_REREAD = Duration.ofSeconds(30);

    private record Opened(ModelSettings settings, LanguageModel model) {
    }

    public Assistant(Database database, Clock clock, SecretBox secrets, Messages messages, Tools tools, IntentParser parser, LanguageModels models,
                     AssistantSetup configured, ObjectMapper json) {
        this.database = database;
        this.clock = clock;
        this.secrets = secrets;
        this.messages = messages;
        this.tools = tools;
        this.parser = parser;
        this.models = models;
        this.configured = configured;
        // Cards and stored state hold Optionals: written as their value or null, not as beans.
        this.json = json.copy().registerModule(new com.fasterxml.jackson.datatype.jdk8.Jdk8Module());
        this.llm = new LlmAgent(this.json);
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
    }

    /** This person's conversation, answering in their language unless a message is written in another. */
    public Conversation conversation(Principal who, Language language) {
        return new Conversation() {
            @Override
            public ChatReply send(String message, ReplyStream stream) {
                return Assistant.this.send(who, language, message, stream);
            }

            @Override
            public void startOver() {
                Assistant.this.startOver(who);
            }
        };
    }

    /**
     * Answers one message. {@code /new} starts afresh and {@code /help} lists what the assistant
     * can do. An empty or too long message is refused with {@code validation_failed}.
     */
    public ChatReply send(Principal who, Language uiLanguage, String message, ReplyStream stream) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            throw AppException.invalid("message", "assistant.message.empty");
        }
        if (text.length() > MAX_MESSAGE) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, Map.of("message", "assistant.message.too_long"), MAX_MESSAGE, text.length());
        }
        ReentrantLock lock = locks[(int) Math.floorMod(who.user().id(), (long) locks.length)];
        lock.lock();
        try {
            return answer(who, uiLanguage, text, stream == null ? ReplyStream.NONE : stream);
        } finally {
            lock.unlock();
        }
    }

    private ChatReply answer(Principal who, Language uiLanguage, String text, ReplyStream stream) {
        AssistantSetup setup = setup();
        ConversationState state = state(who.user().id());
        Understanding understood = parser.understand(text);
        Language language = text.codePoints().anyMatch(Character::isLetter) ? understood.language()
                : Optional.ofNullable(state.language()).flatMap(Language::fromCode).orElse(uiLanguage);
        Messages.Texts texts = messages.in(language);
        state = state.withLanguage(language.code());
        Instant now = clock.instant();
        if (text.equalsIgnoreCase("/new")) {
            startOver(who);
            ChatReply reply = new ChatReply(texts.get("assistant.new"), List.of(), List.of(), ChatReply.Mode.OFFLINE, Optional.empty());
            stream.text(reply.text());
            return reply;
        }
        boolean slash = text.startsWith("/");
        Understanding meant = slash ? slashCommand(text, understood.language()) : understood;
        // The route is chosen before this message is stored, so the model's context is the conversation before it.
        Optional<String> refusal = Optional.empty();
        List<LanguageModel.Message> context = null;
        if (!slash && setup.model().online() && !OfflineAgent.answersPending(meant, state)) {
            refusal = allowance(who, setup, texts);
            if (refusal.isEmpty()) {
                context = setup.history() ? context(who.user().id()) : List.of();
            }
        }
        if (setup.history()) {
            database.writeVoid(handle -> store.addMessage(handle, who.user().id(), "user", text, "{}", now));
        }
        Toolbox toolbox = tools.as(who, language);
        OfflineAgent.Turn turn = new OfflineAgent.Turn(toolbox, meant, state, texts, stream, who.admin());
        ChatReply reply;
        ConversationState next;
        if (slash && meant.intent() == Intent.UNKNOWN) {
            reply = new ChatReply(texts.get("assistant.slash.unknown", text.split("\\s+")[0]), List.of(), List.of(), ChatReply.Mode.OFFLINE, Optional.empty());
            stream.text(reply.text());
            next = state;
        } else if (refusal.isPresent()) {
            OfflineAgent.Answer answer = offlineInstead(refusal.get(), turn);
            reply = answer.reply();
            next = answer.next();
        } else if (context == null) {
            OfflineAgent.Answer answer = offline.answer(turn);
            reply = answer.reply();
            next = answer.next();
        } else {
            OfflineAgent.Answer answer = withModel(who, setup, context, text, turn);
            reply = answer.reply();
            next = answer.next();
        }
        ConversationState saved = next;
        ChatReply answered = reply;
        database.writeVoid(handle -> {
            store.putState(handle, who.user().id(), write(saved), clock.instant());
            if (setup.history()) {
                store.addMessage(handle, who.user().id(), "assistant", answered.text(), extras(answered), clock.instant());
            }
        });
        return reply;
    }

    /** Answers with the LLM; when it fails or cannot be used, the offline understanding answers and the reply says why. */
    private OfflineAgent.Answer withModel(Principal who, AssistantSetup setup, List<LanguageModel.Message> context, String text,
                                          OfflineAgent.Turn turn) {
        String modelName = setup.model().provider().wireName() + ":" + setup.model().model();
        String provider = setup.model().provider().wireName();
        try {
            LlmAgent.Answer answer = llm.answer(model(setup.model()), turn.tools(), who, context, text, turn.state(), turn.texts(), turn.stream(),
                    LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
            record(who, modelName, answer.usage());
            return new OfflineAgent.Answer(answer.reply(), answer.next());
        } catch (ModelFailure failure) {
            LOG.warn("the assistant's model {} failed ({}): {}", modelName, failure.kind(), failure.getMessage());
            return offlineInstead(turn.texts().get(failureKey(failure), provider), turn);
        } catch (IllegalArgumentException unusable) {
            LOG.warn("the assistant's model settings cannot be used: {}", unusable.getMessage());
            return offlineInstead(turn.texts().get("assistant.llm.unusable", provider), turn);
        }
    }

    /** The offline understanding's answer, marked as a fallback with the line that says why. */
    private OfflineAgent.Answer offlineInstead(String notice, OfflineAgent.Turn turn) {
        turn.stream().status(notice);
        OfflineAgent.Answer answer = offline.answer(turn);
        return new OfflineAgent.Answer(answer.reply().inMode(ChatReply.Mode.FALLBACK).withNotice(notice), answer.next());
    }

    private static String failureKey(ModelFailure failure) {
        return "assistant.llm.failed." + failure.kind().name().toLowerCase(java.util.Locale.ROOT);
    }

    private void record(Principal who, String modelName, LanguageModel.TokenUsage usage) {
        database.writeVoid(handle -> store.addUsage(handle, who.user().id(), clock.instant(), modelName, usage.input(), usage.output()));
    }

    private Optional<String> allowance(Principal who, AssistantSetup setup, Messages.Texts texts) {
        Bucket bucket = llmAllowance.get(who.user().id(), id -> Bucket.builder()
                .addLimit(Bandwidth.builder().capacity(setup.messagesPerMinute()).refillGreedy(setup.messagesPerMinute(), Duration.ofMinutes(1)).build())
                .build());
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            return Optional.empty();
        }
        long seconds = Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds());
        return Optional.of(texts.get("assistant.llm.rate_limited_user", setup.messagesPerMinute(), seconds));
    }

    private LanguageModel model(ModelSettings settings) {
        Opened current = opened;
        if (current == null || !current.settings().equals(settings)) {
            current = new Opened(settings, models.open(settings));
            opened = current;
        }
        return current.model();
    }

    /** What {@code /help}, {@code /status} … mean; anything else after a slash is unknown. */
    private static Understanding slashCommand(String text, Language language) {
        Intent intent = switch (text.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT)) {
            case "/help", "/помощь" -> Intent.HELP;
            case "/status", "/статус" -> Intent.STATUS;
            case "/services", "/сервисы" -> Intent.SERVICES;
            default -> Intent.UNKNOWN;
        };
        return Understanding.only(intent, language);
    }

    /** Forgets the pending choice or confirmation and the title talked about; the history stays. */
    public void startOver(Principal who) {
        database.writeVoid(handle -> store.deleteState(handle, who.user().id()));
    }

    /** This person's stored conversation, oldest first (empty while history is off). */
    public List<ChatTurn> history(Principal who, int limit) {
        int bounded = Math.max(1, Math.min(limit, MAX_HISTORY));
        List<AssistantStore.StoredMessage> stored = database.read(handle -> store.recent(handle, who.user().id(), bounded));
        List<ChatTurn> turns = new ArrayList<>();
        for (AssistantStore.StoredMessage message : stored) {
            Extras extras = readExtras(message.extras());
            turns.add(new ChatTurn(message.id(), "user".equals(message.role()) ? ChatTurn.Role.USER : ChatTurn.Role.ASSISTANT, message.text(),
                    extras.cards(), extras.choices(), message.at()));
        }
        return turns;
    }

    /** Deletes this person's stored conversation and its state; returns how many messages went. */
    public int deleteHistory(Principal who) {
        return database.write(handle -> {
            store.deleteState(handle, who.user().id());
            return store.deleteMessages(handle, who.user().id());
        });
    }

    // --- settings ----------------------------------------------------------------------------------

    /** The setup in force: what an admin saved in Settings › Assistant, else the configuration file's. */
    public AssistantSetup setup() {
        Read read = lastRead;
        Instant now = clock.instant();
        if (read == null || read.at().plus(SETUP_REREAD).isBefore(now) || read.at().isAfter(now)) {
            read = new Read(readSetup(), now);
            lastRead = read;
        }
        return read.setup();
    }

    private AssistantSetup readSetup() {
        Optional<AssistantStore.StoredSetup> saved = database.read(store::setup);
        if (saved.isEmpty()) {
            return configured;
        }
        AssistantStore.StoredSetup row = saved.get();
        ModelSettings model = new ModelSettings(ModelSettings.Provider.fromWireName(row.provider()).orElse(ModelSettings.Provider.OFFLINE),
                row.baseUrl().map(URI::create), row.model(), row.sealedKey().map(secrets::open), Duration.ofSeconds(row.timeoutSeconds()),
                row.maxRetries());
        return new AssistantSetup(model, row.history(), row.perMinute(), true);
    }

    /** Saves Settings › Assistant. Turning history off deletes every stored conversation. */
    public AssistantSetup configure(Principal admin, SetupChange change) {
        requireAdmin(admin);
        AssistantSetup current = setup();
        ModelSettings model = validate(change, current);
        AssistantSetup next = new AssistantSetup(model, change.history(), change.messagesPerMinute(), true);
        database.writeVoid(handle -> {
            store.putSetup(handle, new AssistantStore.StoredSetup(model.provider().wireName(), model.baseUrl().map(URI::toString), model.model(),
                    model.apiKey().map(secrets::seal), (int) model.timeout().toSeconds(), model.maxRetries(), next.history(),
                    next.messagesPerMinute()), clock.instant());
            if (!next.history()) {
                store.deleteAllMessages(handle);
            }
        });
        lastRead = new Read(next, clock.instant());
        llmAllowance.invalidateAll();
        LOG.info("assistant settings saved by {}: provider {}, model {}", admin.user().username(), model.provider().wireName(), model.model());
        return next;
    }

    /**
     * Checks the settings as they would be saved (the saved key when none is typed) by asking the
     * model for one short answer; returns the problem in the admin's language, or empty when it answered.
     */
    public Optional<String> check(Principal admin, SetupChange change, Language language) {
        requireAdmin(admin);
        Messages.Texts texts = messages.in(language);
        ModelSettings model = validate(change, setup());
        if (!model.online()) {
            return Optional.empty();
        }
        try {
            models.open(model).reply(List.of(new LanguageModel.UserText("Reply with the single word: ready")), List.of(), piece -> {
            });
            return Optional.empty();
        } catch (ModelFailure failure) {
            return Optional.of(texts.get(failureKey(failure), model.provider().wireName()));
        } catch (IllegalArgumentException unusable) {
            return Optional.of(texts.get("assistant.llm.unusable", model.provider().wireName()));
        }
    }

    /** Tokens per person, day and model over the last {@code days} days, for admins. */
    public List<Usage> usage(Principal admin, int days) {
        requireAdmin(admin);
        LocalDate first = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(Math.max(0, days - 1));
        return database.read(handle -> store.usageSince(handle, first)).stream()
                .map(row -> new Usage(row.username(), LocalDate.parse(row.day()), row.model(), row.turns(), row.inputTokens(), row.outputTokens()))
                .toList();
    }

    /** One person's LLM use on one day with one model. */
    public record Usage(String username, LocalDate day, String model, long turns, long inputTokens, long outputTokens) {
    }

    private static void requireAdmin(Principal who) {
        if (!who.admin()) {
            throw new AppException(ErrorCode.FORBIDDEN);
        }
    }

    private static ModelSettings validate(SetupChange change, AssistantSetup current) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        Optional<ModelSettings.Provider> provider = ModelSettings.Provider.fromWireName(change.provider());
        if (provider.isEmpty()) {
            problems.put("provider", "assistant.settings.provider");
        }
        Optional<URI> baseUrl = Optional.empty();
        if (!change.baseUrl().isEmpty()) {
            try {
                URI uri = new URI(change.baseUrl());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    problems.put("baseUrl", "assistant.settings.base_url");
                } else {
                    baseUrl = Optional.of(uri);
                }
            } catch (java.net.URISyntaxException malformed) {
                problems.put("baseUrl", "assistant.settings.base_url");
            }
        }
        Optional<String> key = change.clearKey() ? Optional.empty() : change.apiKey().or(() -> current.model().apiKey());
        ModelSettings.Provider chosen = provider.orElse(ModelSettings.Provider.OFFLINE);
        if (chosen != ModelSettings.Provider.OFFLINE && change.model().isEmpty()) {
            problems.put("model", "assistant.settings.model");
        }
        if ((chosen == ModelSettings.Provider.ANTHROPIC || chosen == ModelSettings.Provider.OPENAI) && key.isEmpty()) {
            problems.put("apiKey", "assistant.settings.api_key");
        }
        if (chosen == ModelSettings.Provider.OPENAI_COMPATIBLE && baseUrl.isEmpty() && !problems.containsKey("baseUrl")) {
            problems.put("baseUrl", "assistant.settings.base_url_required");
        }
        if (change.timeoutSeconds() < 5 || change.timeoutSeconds() > 600) {
            problems.put("timeoutSeconds", "assistant.settings.timeout");
        }
        if (change.maxRetries() < 0 || change.maxRetries() > 10) {
            problems.put("maxRetries", "assistant.settings.retries");
        }
        if (change.messagesPerMinute() < 1 || change.messagesPerMinute() > 1000) {
            problems.put("messagesPerMinute", "assistant.settings.per_minute");
        }
        if (!problems.isEmpty()) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, problems);
        }
        return new ModelSettings(chosen, baseUrl, change.model(), key, Duration.ofSeconds(change.timeoutSeconds()), change.maxRetries());
    }

    // --- stored JSON ------------------------------------------------------------------------------

    private ConversationState state(long userId) {
        Optional<String> stored = database.read(handle -> store.state(handle, userId));
        if (stored.isEmpty()) {
            return ConversationState.EMPTY;
        }
        try {
            return json.readValue(stored.get(), ConversationState.class);
        } catch (JsonProcessingException unreadable) {
            LOG.warn("a stored assistant conversation state could not be read; starting afresh", unreadable);
            return ConversationState.EMPTY;
        }
    }

    private String write(ConversationState state) {
        try {
            return json.writeValueAsString(state);
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private List<LanguageModel.Message> context(long userId) {
        List<LanguageModel.Message> context = new ArrayList<>();
        for (AssistantStore.StoredMessage message : database.read(handle -> store.recent(handle, userId, CONTEXT_MESSAGES))) {
            context.add("user".equals(message.role()) ? new LanguageModel.UserText(message.text())
                    : new LanguageModel.AssistantTurn(message.text(), List.of()));
        }
        return context;
    }

    /** The cards and buttons of a stored reply. */
    private record Extras(List<ToolCard> cards, List<ReplyChoice> choices) {
        Extras {
            cards = cards == null ? List.of() : cards;
            choices = choices == null ? List.of() : choices;
        }
    }

    private String extras(ChatReply reply) {
        try {
            return json.writeValueAsString(new Extras(reply.cards(), reply.choices()));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Extras readExtras(String stored) {
        try {
            return json.readValue(stored, new TypeReference<Extras>() {
            });
        } catch (JsonProcessingException unreadable) {
            return new Extras(List.of(), List.of());
        }
    }
}
