package dev.medianest.features.services;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.platform.crypto.SecretBox;
import org.jdbi.v3.core.Handle;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** SQL for the {@code services} and {@code service_checks} tables; secrets go in sealed, as one JSON object. */
final class ServiceStore {

    private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
    };

    private final ObjectMapper json = new ObjectMapper();
    private final SecretBox box;

    ServiceStore(SecretBox box) {
        this.box = box;
    }

    long insert(Handle handle, ServiceDraft draft, Map<String, String> secrets, Instant now) {
        return handle.createQuery("INSERT INTO services (kind, name, name_key, base_url, options, secrets, is_default, is_4k, "
                        + "allow_self_signed, timeout_seconds, created_at, updated_at) VALUES (:kind, :name, :nameKey, :url, :options, "
                        + ":secrets, :isDefault, :is4k, :selfSigned, :timeout, :now, :now) RETURNING id")
                .bind("kind", draft.kind().key())
                .bind("name", draft.name())
                .bind("nameKey", nameKey(draft.name()))
                .bind("url", draft.baseUrl().toString())
                .bind("options", write(draft.options()))
                .bind("secrets", seal(secrets))
                .bind("isDefault", draft.isDefault())
                .bind("is4k", draft.is4k())
                .bind("selfSigned", draft.allowSelfSigned())
                .bind("timeout", draft.timeoutSeconds())
                .bind("now", now.toEpochMilli())
                .mapTo(Long.class).one();
    }

    void update(Handle handle, long id, ServiceDraft draft, Map<String, String> secrets, Instant now) {
        handle.createUpdate("UPDATE services SET name = :name, name_key = :nameKey, base_url = :url, options = :options, "
                        + "secrets = :secrets, is_default = :isDefault, is_4k = :is4k, allow_self_signed = :selfSigned, "
                        + "timeout_seconds = :timeout, updated_at = :now WHERE id = :id")
                .bind("name", draft.name())
                .bind("nameKey", nameKey(draft.name()))
                .bind("url", draft.baseUrl().toString())
                .bind("options", write(draft.options()))
                .bind("secrets", seal(secrets))
                .bind("isDefault", draft.isDefault())
                .bind("is4k", draft.is4k())
                .bind("selfSigned", draft.allowSelfSigned())
                .bind("timeout", draft.timeoutSeconds())
                .bind("now", now.toEpochMilli())
                .bind("id", id)
                .execute();
    }

    boolean nameTaken(Handle handle, ServiceKind kind, String name, long exceptId) {
        return handle.createQuery("SELECT COUNT(*) FROM services WHERE kind = :kind AND name_key = :key AND id <> :id")
                .bind("kind", kind.key()).bind("key", nameKey(name)).bind("id", exceptId)
                .mapTo(Integer.class).one() > 0;
    }

    /** Only one default and one 4K instance per kind: marking one clears the others. */
    void clearFlags(Handle handle, ServiceKind kind, long keepId, boolean clearDefault, boolean clear4k) {
        if (clearDefault) {
            handle.createUpdate("UPDATE services SET is_default = :no WHERE kind = :kind AND id <> :id")
                    .bind("no", false).bind("kind", kind.key()).bind("id", keepId).execute();
        }
        if (clear4k) {
            handle.createUpdate("UPDATE services SET is_4k = :no WHERE kind = :kind AND id <> :id")
                    .bind("no", false).bind("kind", kind.key()).bind("id", keepId).execute();
        }
    }

    Optional<ServiceInstance> find(Handle handle, long id) {
        return handle.createQuery("SELECT * FROM services WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> instance(rs)).findOne();
    }

    List<ServiceInstance> list(Handle handle) {
        return handle.createQuery("SELECT * FROM services ORDER BY kind, name_key").map((rs, ctx) -> instance(rs)).list();
    }

    boolean delete(Handle handle, long id) {
        return handle.createUpdate("DELETE FROM services WHERE id = :id").bind("id", id).execute() > 0;
    }

    private ServiceInstance instance(ResultSet rs) throws SQLException {
        ServiceKind kind = ServiceKind.fromKey(rs.getString("kind")).orElseThrow(() -> new IllegalStateException("unknown kind in database"));
        Map<String, String> secrets;
        boolean readable = true;
        String sealed = rs.getString("secrets");
        if (sealed == null || sealed.isEmpty()) {
            secrets = Map.of();
        } else {
            try {
                secrets = read(box.open(sealed));
            } catch (SecretBox.WrongKeyException lost) {
                secrets = Map.of();
                readable = false;
            }
        }
        return new ServiceInstance(rs.getLong("id"), kind, rs.getString("name"), URI.create(rs.getString("base_url")),
                read(rs.getString("options")), secrets, rs.getBoolean("is_default"), rs.getBoolean("is_4k"),
                rs.getBoolean("allow_self_signed"), Duration.ofSeconds(rs.getInt("timeout_seconds")), readable,
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private String seal(Map<String, String> secrets) {
        return secrets.isEmpty() ? "" : box.seal(write(secrets));
    }

    private String write(Map<String, String> values) {
        try {
            return json.writeValueAsString(values);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> read(String text) {
        try {
            return json.readValue(text, STRING_MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored service settings are not JSON", e);
        }
    }

    static String nameKey(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
