package dev.medianest.features.assistant;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** SQL for the assistant's tables: conversations, their state, token use and the saved settings. */
final class AssistantStore {

    /** A stored message with its extras (cards and choices) as JSON text. */
    record StoredMessage(long id, String role, String text, String extras, Instant at) {
    }

    /** The saved settings row; the API key arrives sealed. */
    record StoredSetup(String provider, Optional<String> baseUrl, String model, Optional<String> sealedKey, int timeoutSeconds,
                       int maxRetries, boolean history, int perMinute) {
    }

    /** One person's token use on one day with one model. */
    record Usage(long userId, String username, String day, String model, long turns, long inputTokens, long outputTokens) {
    }

    void addMessage(Handle handle, long userId, String role, String text, String extras, Instant at) {
        handle.createUpdate("INSERT INTO assistant_messages (user_id, role, text, extras, created_at) VALUES (:user, :role, :text, :extras, :at)")
                .bind("user", userId).bind("role", role).bind("text", text).bind("extras", extras).bind("at", at.toEpochMilli())
                .execute();
    }

    /** The newest {@code limit} messages, oldest first. */
    List<StoredMessage> recent(Handle handle, long userId, int limit) {
        List<StoredMessage> newestFirst = handle.createQuery("SELECT id, role, text, extras, created_at FROM assistant_messages "
                        + "WHERE user_id = :user ORDER BY id DESC LIMIT :limit")
                .bind("user", userId).bind("limit", limit)
                .map((rs, ctx) -> new StoredMessage(rs.getLong("id"), rs.getString("role"), rs.getString("text"), rs.getString("extras"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list();
        List<StoredMessage> oldestFirst = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(oldestFirst);
        return oldestFirst;
    }

    int deleteMessages(Handle handle, long userId) {
        return handle.createUpdate("DELETE FROM assistant_messages WHERE user_id = :user").bind("user", userId).execute();
    }

    int deleteAllMessages(Handle handle) {
        return handle.createUpdate("DELETE FROM assistant_messages").execute();
    }

    Optional<String> state(Handle handle, long userId) {
        return handle.createQuery("SELECT state FROM assistant_states WHERE user_id = :user").bind("user", userId).mapTo(String.class).findOne();
    }

    void putState(Handle handle, long userId, String state, Instant at) {
        handle.createUpdate("INSERT INTO assistant_states (user_id, state, updated_at) VALUES (:user, :state, :at) "
                        + "ON CONFLICT (user_id) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at")
                .bind("user", userId).bind("state", state).bind("at", at.toEpochMilli()).execute();
    }

    void deleteState(Handle handle, long userId) {
        handle.createUpdate("DELETE FROM assistant_states WHERE user_id = :user").bind("user", userId).execute();
    }

    void addUsage(Handle handle, long userId, Instant at, String model, long input, long output) {
        String day = LocalDate.ofInstant(at, ZoneOffset.UTC).toString();
        handle.createUpdate("INSERT INTO assistant_usage (user_id, day, model, turns, input_tokens, output_tokens) "
                        + "VALUES (:user, :day, :model, 1, :input, :output) ON CONFLICT (user_id, day, model) DO UPDATE SET "
                        + "turns = assistant_usage.turns + 1, input_tokens = assistant_usage.input_tokens + excluded.input_tokens, "
                        + "output_tokens = assistant_usage.output_tokens + excluded.output_tokens")
                .bind("user", userId).bind("day", day).bind("model", model).bind("input", input).bind("output", output).execute();
    }

    /** Use since {@code firstDay} (inclusive), per person and model, newest day first. */
    List<Usage> usageSince(Handle handle, LocalDate firstDay) {
        return handle.createQuery("SELECT a.user_id, u.username, a.day, a.model, a.turns, a.input_tokens, a.output_tokens "
                        + "FROM assistant_usage a JOIN users u ON u.id = a.user_id WHERE a.day >= :first ORDER BY a.day DESC, u.username, a.model")
                .bind("first", firstDay.toString())
                .map((rs, ctx) -> new Usage(rs.getLong("user_id"), rs.getString("username"), rs.getString("day"), rs.getString("model"), rs.getLong("turns"),
                        rs.getLong("input_tokens"), rs.getLong("output_tokens")))
                .list();
    }

    Optional<StoredSetup> setup(Handle handle) {
        return handle.createQuery("SELECT provider, base_url, model, api_key, timeout_seconds, max_retries, history, per_minute "
                        + "FROM assistant_settings WHERE id = 1")
                .map((rs, ctx) -> new StoredSetup(rs.getString("provider"), Optional.ofNullable(rs.getString("base_url")), rs.getString("model"),
                        Optional.ofNullable(rs.getString("api_key")), rs.getInt("timeout_seconds"), rs.getInt("max_retries"),
                        rs.getBoolean("history"), rs.getInt("per_minute")))
                .findOne();
    }

    void putSetup(Handle handle, StoredSetup setup, Instant at) {
        handle.createUpdate("INSERT INTO assistant_settings (id, provider, base_url, model, api_key, timeout_seconds, max_retries, history, "
                        + "per_minute, updated_at) VALUES (1, :provider, :base, :model, :key, :timeout, :retries, :history, :perMinute, :at) "
                        + "ON CONFLICT (id) DO UPDATE SET provider = excluded.provider, base_url = excluded.base_url, model = excluded.model, "
                        + "api_key = excluded.api_key, timeout_seconds = excluded.timeout_seconds, max_retries = excluded.max_retries, "
                        + "history = excluded.history, per_minute = excluded.per_minute, updated_at = excluded.updated_at")
                .bind("provider", setup.provider()).bind("base", setup.baseUrl().orElse(null)).bind("model", setup.model())
                .bind("key", setup.sealedKey().orElse(null)).bind("timeout", setup.timeoutSeconds()).bind("retries", setup.maxRetries())
                .bind("history", setup.history()).bind("perMinute", setup.perMinute()).bind("at", at.toEpochMilli())
                .execute();
    }
}
