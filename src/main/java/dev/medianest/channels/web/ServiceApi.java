package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceCheck;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.features.services.ServiceStatus;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /api/v1/services}: the configured services for admins. Secrets go in and never come
 * out: a view says only which ones are set ({@code "secretsSet": {"apiKey": true}}).
 */
final class ServiceApi {

    private static final Set<String> FIELDS = Set.of("kind", "name", "baseUrl", "options", "secrets", "isDefault", "is4k",
            "allowSelfSigned", "timeoutSeconds");
    private static final int HISTORY_DEFAULT = 50;
    private static final int HISTORY_MAX = 1000;

    private final ServiceCatalog catalog;
    private final ServiceHealth health;
    private final ObjectMapper mapper;

    ServiceApi(ServiceCatalog catalog, ServiceHealth health, ObjectMapper mapper) {
        this.catalog = catalog;
        this.health = health;
        this.mapper = mapper;
    }

    void list(Context ctx) {
        Messages.Texts texts = RequestState.of(ctx).texts;
        ctx.json(Map.of("items", health.board().stream().map(status -> view(status, texts)).toList()));
    }

    void get(Context ctx) {
        ctx.json(view(health.statusOf(catalog.get(UserApi.id(ctx))), RequestState.of(ctx).texts));
    }

    void create(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, FIELDS);
        Optional<String> kindName = input.string("kind");
        ServiceKind kind = kindName.flatMap(ServiceKind::fromKey).orElse(null);
        if (kindName.isEmpty()) {
            input.problem("kind", "validation.required");
        } else if (kind == null) {
            input.problem("kind", "validation.service.kind");
        }
        String name = input.string("name").orElse(null);
        String baseUrl = input.string("baseUrl").orElse(null);
        Map<String, String> options = input.stringMap("options").orElse(Map.of());
        Map<String, String> secrets = input.stringMap("secrets").orElse(Map.of());
        boolean isDefault = input.bool("isDefault").orElse(false);
        boolean is4k = input.bool("is4k").orElse(false);
        boolean selfSigned = input.bool("allowSelfSigned").orElse(false);
        Integer timeout = input.integer("timeoutSeconds").orElse(null);
        input.throwIfInvalid();
        ServiceDraft draft = ServiceDraft.of(kind, name, baseUrl, options, secrets, isDefault, is4k, selfSigned, timeout);
        ServiceInstance created = catalog.create(actor(ctx), draft);
        ctx.status(201).json(view(health.statusOf(created), RequestState.of(ctx).texts));
    }

    /** Changes only what the body names; options merge key by key, and a secret left out keeps its stored value. */
    void update(Context ctx) {
        ServiceInstance current = catalog.get(UserApi.id(ctx));
        JsonInput input = JsonInput.read(ctx, mapper, FIELDS);
        Optional<String> kindName = input.string("kind");
        if (kindName.isPresent() && ServiceKind.fromKey(kindName.get()).filter(kind -> kind == current.kind()).isEmpty()) {
            input.problem("kind", "validation.service.kind_fixed");
        }
        String name = input.string("name").orElse(current.name());
        String baseUrl = input.string("baseUrl").orElse(current.baseUrl().toString());
        // Stored options of fields the connector no longer declares would fail validation forever: they are dropped.
        Set<String> known = Set.copyOf(catalog.connector(current.kind()).fields().stream().map(ServiceField::name).toList());
        Map<String, String> options = new LinkedHashMap<>(current.options());
        options.keySet().removeIf(key -> !known.contains(key));
        input.stringMap("options").ifPresent(options::putAll);
        Map<String, String> secrets = input.stringMap("secrets").orElse(Map.of());
        boolean isDefault = input.bool("isDefault").orElse(current.isDefault());
        boolean is4k = input.bool("is4k").orElse(current.is4k());
        boolean selfSigned = input.bool("allowSelfSigned").orElse(current.allowSelfSigned());
        int timeout = input.integer("timeoutSeconds").orElse((int) current.timeout().toSeconds());
        input.throwIfInvalid();
        ServiceDraft draft = ServiceDraft.of(current.kind(), name, baseUrl, options, secrets, isDefault, is4k, selfSigned, timeout);
        ServiceInstance updated = catalog.update(actor(ctx), current.id(), draft);
        ctx.json(view(health.statusOf(updated), RequestState.of(ctx).texts));
    }

    void delete(Context ctx) {
        catalog.delete(actor(ctx), UserApi.id(ctx));
        ctx.status(204);
    }

    void test(Context ctx) {
        Messages.Texts texts = RequestState.of(ctx).texts;
        List<ServiceProblem> problems = catalog.test(UserApi.id(ctx));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", problems.isEmpty());
        body.put("problems", problems.stream().map(problem -> Views.problem(problem, texts)).toList());
        ctx.json(body);
    }

    void choices(Context ctx) {
        ServiceInstance instance = catalog.get(UserApi.id(ctx));
        Messages.Texts texts = RequestState.of(ctx).texts;
        switch (catalog.choices(instance, ctx.pathParam("list"))) {
            case ServiceCatalog.Choices.Loaded loaded -> ctx.json(Map.of("items", loaded.values().entrySet().stream()
                    .map(entry -> Map.of("value", entry.getKey(), "label", entry.getValue())).toList()));
            case ServiceCatalog.Choices.Failed failed ->
                    throw new AppException(ErrorCode.REMOTE_FAILED, instance.name(), texts.get(failed.problem().messageKey(),
                            failed.problem().args().toArray()));
        }
    }

    void status(Context ctx) {
        ServiceInstance instance = catalog.get(UserApi.id(ctx));
        int limit = HISTORY_DEFAULT;
        String given = ctx.queryParam("limit");
        if (given != null) {
            try {
                limit = Integer.parseInt(given.strip());
            } catch (NumberFormatException e) {
                limit = 0;
            }
            if (limit < 1 || limit > HISTORY_MAX) {
                throw AppException.invalid("limit", "validation.service.history_limit");
            }
        }
        Messages.Texts texts = RequestState.of(ctx).texts;
        ServiceStatus status = health.statusOf(instance);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("serviceId", instance.id());
        body.put("state", status.state().map(Enum::name).orElse(null));
        body.put("uptime24h", status.lastDay().answered().isPresent() ? status.lastDay().answered().getAsDouble() : null);
        body.put("checks", health.recent(instance.id(), limit).stream().map(check -> check(check, texts)).toList());
        ctx.json(body);
    }

    private Map<String, Object> view(ServiceStatus status, Messages.Texts texts) {
        ServiceInstance instance = status.instance();
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", instance.id());
        view.put("kind", instance.kind().key());
        view.put("name", instance.name());
        view.put("baseUrl", instance.baseUrl().toString());
        view.put("webUrl", status.webUrl());
        view.put("options", new java.util.TreeMap<>(instance.options()));
        Map<String, Boolean> secretsSet = new LinkedHashMap<>();
        try {
            catalog.connector(instance.kind()).fields().stream().filter(ServiceField::secret)
                    .forEach(field -> secretsSet.put(field.name(), instance.secret(field.name()).isPresent()));
        } catch (AppException noConnector) {
            instance.secrets().keySet().forEach(name -> secretsSet.put(name, true));
        }
        view.put("secretsSet", secretsSet);
        view.put("secretsReadable", instance.secretsReadable());
        view.put("isDefault", instance.isDefault());
        view.put("is4k", instance.is4k());
        view.put("allowSelfSigned", instance.allowSelfSigned());
        view.put("timeoutSeconds", instance.timeout().toSeconds());
        view.put("createdAt", instance.createdAt().toString());
        view.put("updatedAt", instance.updatedAt().toString());
        view.put("status", status.latest().map(check -> check(check, texts)).orElse(null));
        return view;
    }

    private static Map<String, Object> check(ServiceCheck check, Messages.Texts texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("checkedAt", check.checkedAt().toString());
        view.put("state", check.state().name());
        view.put("responseMs", check.responseTime().toMillis());
        view.put("version", check.version().orElse(null));
        view.put("problem", check.problem().map(problem -> Views.problem(problem, texts)).orElse(null));
        return view;
    }

    private static long actor(Context ctx) {
        return RequestState.of(ctx).requirePrincipal().user().id();
    }
}
