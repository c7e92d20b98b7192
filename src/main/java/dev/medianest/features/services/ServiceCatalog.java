package dev.medianest.features.services;

import dev.medianest.features.events.EventBus;
import dev.medianest.features.events.ServicesChanged;
import dev.medianest.platform.crypto.SecretBox;
import dev.medianest.platform.db.Database;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.errors.FieldErrors;
import dev.medianest.platform.http.RemoteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured services: adding, editing, removing and testing instances, several per kind,
 * with one default and one 4K instance per kind. Secrets are sealed before they reach the database.
 */
public final class ServiceCatalog {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCatalog.class);

    private final Database database;
    private final Clock clock;
    private final ServiceStore store;
    private final Map<ServiceKind, ServiceConnector> connectors = new EnumMap<>(ServiceKind.class);
    private final EventBus events;

    /** A catalog whose changes nobody hears about (tools and tests that need no events). */
    public ServiceCatalog(Database database, SecretBox box, Clock clock, List<ServiceConnector> connectors) {
        this(database, box, clock, connectors, new EventBus());
    }

    /** A catalog that publishes {@link ServicesChanged} after every add, edit and removal. */
    public ServiceCatalog(Database database, SecretBox box, Clock clock, List<ServiceConnector> connectors, EventBus events) {
        this.database = database;
        this.clock = clock;
        this.store = new ServiceStore(box);
        this.events = events;
        connectors.forEach(connector -> this.connectors.put(connector.kind(), connector));
    }

    /** The live choices of one list, or the problem that kept the instance from giving them. */
    public sealed interface Choices {
        /** Value to label, in the order the service gave them. */
        record Loaded(Map<String, String> values) implements Choices {
            public Loaded {
                values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
            }
        }

        /** The instance could not answer; the problem says why in words a person can act on. */
        record Failed(ServiceProblem problem) implements Choices {
        }
    }

    /** The kinds that have a connector, in the order of {@link ServiceKind}. */
    public List<ServiceKind> kinds() {
        return List.copyOf(connectors.keySet());
    }

    public ServiceConnector connector(ServiceKind kind) {
        ServiceConnector connector = connectors.get(kind);
        if (connector == null) {
            throw AppException.invalid("kind", "validation.service.kind");
        }
        return connector;
    }

    public List<ServiceInstance> list() {
        return database.read(store::list);
    }

    public List<ServiceInstance> list(ServiceKind kind) {
        return list().stream().filter(instance -> instance.kind() == kind).toList();
    }

    /** The instance, or empty when there is none with that id (it may have been removed meanwhile). */
    public Optional<ServiceInstance> find(long id) {
        return database.read(handle -> store.find(handle, id));
    }

    public ServiceInstance get(long id) {
        return database.read(handle -> store.find(handle, id)).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
    }

    /** The instance to use for a kind: the default one, else the only one, else the first; 4K when asked and one exists. */
    public Optional<ServiceInstance> preferred(ServiceKind kind, boolean want4k) {
        List<ServiceInstance> candidates = list(kind);
        if (want4k) {
            Optional<ServiceInstance> uhd = candidates.stream().filter(ServiceInstance::is4k).findFirst();
            if (uhd.isPresent()) {
                return uhd;
            }
        }
        return candidates.stream().filter(ServiceInstance::isDefault).findFirst()
                .or(() -> candidates.stream().filter(instance -> !instance.is4k()).findFirst())
                .or(() -> candidates.stream().findFirst());
    }

    /** Names of the instances whose stored secrets this server's key cannot open. */
    public List<String> needingSecretsAgain() {
        return list().stream().filter(instance -> !instance.secretsReadable()).map(ServiceInstance::name).toList();
    }

    public ServiceInstance create(long actorId, ServiceDraft draft) {
        Map<String, String> secrets = checkFields(draft, Map.of());
        Instant now = clock.instant();
        long id = database.write(handle -> {
            if (store.nameTaken(handle, draft.kind(), draft.name(), 0)) {
                throw nameTaken();
            }
            long created = store.insert(handle, draft, secrets, now);
            store.clearFlags(handle, draft.kind(), created, draft.isDefault(), draft.is4k());
            return created;
        });
        LOG.info("service added: id={} kind={} name={} url={} by=user {}", id, draft.kind().key(), draft.name(), draft.baseUrl(), actorId);
        events.publish(new ServicesChanged());
        return get(id);
    }

    public ServiceInstance update(long actorId, long id, ServiceDraft draft) {
        ServiceInstance current = get(id);
        if (current.kind() != draft.kind()) {
            throw AppException.invalid("kind", "validation.service.kind_fixed");
        }
        Map<String, String> secrets = checkFields(draft, current.secrets());
        database.writeVoid(handle -> {
            if (store.nameTaken(handle, draft.kind(), draft.name(), id)) {
                throw nameTaken();
            }
            store.update(handle, id, draft, secrets, clock.instant());
            store.clearFlags(handle, draft.kind(), id, draft.isDefault(), draft.is4k());
        });
        LOG.info("service changed: id={} kind={} name={} by=user {}", id, draft.kind().key(), draft.name(), actorId);
        events.publish(new ServicesChanged());
        return get(id);
    }

    public void delete(long actorId, long id) {
        if (!database.write(handle -> store.delete(handle, id))) {
            throw new AppException(ErrorCode.NOT_FOUND);
        }
        LOG.info("service removed: id={} by=user {}", id, actorId);
        events.publish(new ServicesChanged());
    }

    /**
     * Live choices for a field declared with {@code choicesFrom}, fetched from the instance (saved
     * or not). An unreachable or refusing instance is an answer, not an error: the form shows why.
     */
    public Choices choices(ServiceInstance instance, String list) {
        ServiceConnector connector = connector(instance.kind());
        if (connector.fields().stream().noneMatch(field -> field.choicesFrom().equals(list) && !list.isEmpty())) {
            throw AppException.invalid("list", "validation.service.choice");
        }
        if (!instance.secretsReadable()) {
            return new Choices.Failed(ServiceProblem.of("service.secrets_unreadable", instance.name()));
        }
        try {
            return new Choices.Loaded(connector.choices(instance, list));
        } catch (RemoteFailure failure) {
            return new Choices.Failed(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()));
        }
    }

    /** Runs the connector's checks against a saved instance. */
    public List<ServiceProblem> test(long id) {
        return test(get(id));
    }

    /** Runs the connector's checks against an instance that may not be saved yet (the form's Test button). */
    public List<ServiceProblem> test(ServiceInstance instance) {
        if (!instance.secretsReadable()) {
            return List.of(ServiceProblem.of("service.secrets_unreadable", instance.name()));
        }
        return connector(instance.kind()).test(instance);
    }

    /** An unsaved instance built from a draft, with stored secrets filling the blanks, for testing before saving. */
    public ServiceInstance preview(Optional<Long> existingId, ServiceDraft draft) {
        Map<String, String> stored = existingId.map(this::get).map(ServiceInstance::secrets).orElse(Map.of());
        Map<String, String> secrets = checkFields(draft, stored);
        Instant now = clock.instant();
        return new ServiceInstance(existingId.orElse(0L), draft.kind(), draft.name(), draft.baseUrl(), draft.options(), secrets,
                draft.isDefault(), draft.is4k(), draft.allowSelfSigned(), java.time.Duration.ofSeconds(draft.timeoutSeconds()),
                true, now, now);
    }

    /** Validates the kind's own fields; returns the secrets to store (typed ones, else the stored ones). */
    private Map<String, String> checkFields(ServiceDraft draft, Map<String, String> storedSecrets) {
        List<ServiceField> fields = connector(draft.kind()).fields();
        FieldErrors errors = new FieldErrors();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ServiceField field : fields) {
            if (field.secret()) {
                String typed = draft.secrets().getOrDefault(field.name(), "");
                String value = typed.isEmpty() ? storedSecrets.getOrDefault(field.name(), "") : typed;
                errors.check(!field.required() || !value.isEmpty(), field.name(), "validation.required");
                if (!value.isEmpty()) {
                    secrets.put(field.name(), value);
                }
            } else {
                String value = draft.options().getOrDefault(field.name(), "");
                errors.check(!field.required() || !value.isEmpty(), field.name(), "validation.required");
                errors.check(field.choices().isEmpty() || value.isEmpty() || field.choices().contains(value), field.name(), "validation.service.choice");
            }
        }
        for (String given : draft.options().keySet()) {
            errors.check(fields.stream().anyMatch(field -> !field.secret() && field.name().equals(given)), given, "validation.unknown_field");
        }
        for (String given : draft.secrets().keySet()) {
            errors.check(fields.stream().anyMatch(field -> field.secret() && field.name().equals(given)), given, "validation.unknown_field");
        }
        errors.throwIfAny();
        return secrets;
    }

    private static AppException nameTaken() {
        return new AppException(ErrorCode.SERVICE_NAME_TAKEN, Map.of("name", "error.service_name_taken"));
    }
}
