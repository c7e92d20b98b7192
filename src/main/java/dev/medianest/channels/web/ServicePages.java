package dev.medianest.channels.web;

import dev.medianest.features.services.ServiceCatalog;
import dev.medianest.features.services.ServiceDraft;
import dev.medianest.features.services.ServiceField;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceKind;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.features.services.ServiceStatus;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Settings › Services: the instances by kind with their state, and a form per kind built from its
 * connector's fields, with live choices and a Test button that check the unsaved form. A secret
 * typed into the form is never sent back to the browser: the page only says whether one is set.
 */
final class ServicePages {

    /** Kind fields are prefixed in forms so a connector's field names never clash with the common ones. */
    static final String FIELD_PREFIX = "f_";
    private static final Set<String> COMMON_FIELDS = Set.of("kind", "name", "baseUrl", "timeoutSeconds");

    private final Pages pages;
    private final ServiceCatalog catalog;
    private final ServiceHealth health;

    ServicePages(Pages pages, ServiceCatalog catalog, ServiceHealth health) {
        this.pages = pages;
        this.catalog = catalog;
        this.health = health;
    }

    void list(Context ctx) {
        Map<ServiceKind, List<ServiceStatus>> byKind = new LinkedHashMap<>();
        catalog.kinds().forEach(kind -> byKind.put(kind, new ArrayList<>()));
        for (ServiceStatus status : health.board()) {
            byKind.computeIfAbsent(status.instance().kind(), kind -> new ArrayList<>()).add(status);
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("groups", byKind);
        params.put("addable", catalog.kinds());
        params.put("needingSecrets", catalog.needingSecretsAgain());
        pages.render(ctx, "services.jte", params);
    }

    void newForm(Context ctx) {
        ServiceKind kind = ServiceKind.fromKey(ctx.queryParam("kind")).filter(catalog.kinds()::contains).orElse(null);
        if (kind == null) {
            ctx.redirect("/settings/services");
            return;
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("baseUrl", kind.defaultUrl());
        form.put("timeoutSeconds", "5");
        form.put("isDefault", catalog.list(kind).isEmpty() ? "on" : "");
        showForm(ctx, kind, Optional.empty(), form, Map.of(), Optional.empty());
    }

    void create(Context ctx) {
        ServiceKind kind = kindOf(ctx);
        try {
            ServiceInstance created = catalog.create(actor(ctx), draft(ctx, kind));
            ctx.redirect("/settings/services?notice=service_added#service-" + created.id());
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            showForm(ctx, kind, Optional.empty(), typed(ctx, kind), errors(ctx, kind, failure), Optional.empty());
        }
    }

    void edit(Context ctx) {
        Optional<ServiceInstance> instance = catalog.find(UserApi.id(ctx));
        if (instance.isEmpty()) {
            ctx.redirect("/settings/services?notice=service_gone");
            return;
        }
        showForm(ctx, instance.get().kind(), instance, stored(instance.get()), Map.of(), Optional.empty());
    }

    void update(Context ctx) {
        Optional<ServiceInstance> current = catalog.find(UserApi.id(ctx));
        if (current.isEmpty()) {
            ctx.redirect("/settings/services?notice=service_gone");
            return;
        }
        ServiceKind kind = current.get().kind();
        try {
            catalog.update(actor(ctx), current.get().id(), draft(ctx, kind));
            ctx.redirect("/settings/services?notice=service_saved#service-" + current.get().id());
        } catch (AppException failure) {
            if (failure.code() == ErrorCode.NOT_FOUND) {
                ctx.redirect("/settings/services?notice=service_gone");
                return;
            }
            ctx.status(ApiErrors.status(failure.code()));
            showForm(ctx, kind, current, typed(ctx, kind), errors(ctx, kind, failure), Optional.empty());
        }
    }

    /** Removing what is already gone (another tab, another admin) ends the same way: it is not there. */
    void delete(Context ctx) {
        try {
            catalog.delete(actor(ctx), UserApi.id(ctx));
        } catch (AppException failure) {
            if (failure.code() != ErrorCode.NOT_FOUND) {
                throw failure;
            }
        }
        ctx.redirect("/settings/services?notice=service_removed");
    }

    /**
     * The Test button: checks the form as it stands, saved or not. htmx swaps in the result;
     * without JavaScript the whole form comes back with the result above the buttons.
     */
    void test(Context ctx) {
        ServiceKind kind = kindOf(ctx);
        Optional<Long> id = existingId(ctx);
        TestResult result;
        try {
            ServiceInstance preview = catalog.preview(id, draft(ctx, kind));
            result = new TestResult(catalog.test(preview), Map.of(), false);
        } catch (AppException failure) {
            if (failure.code() == ErrorCode.NOT_FOUND) {
                result = new TestResult(List.of(), Map.of(), true);
            } else {
                result = new TestResult(List.of(), errors(ctx, kind, failure), false);
            }
        }
        if (htmx(ctx)) {
            Map<String, Object> params = new LinkedHashMap<>();
            result.addTo(params);
            params.put("labels", labels(ctx, kind));
            pages.renderFragment(ctx, "service_test.jte", params);
            return;
        }
        Optional<ServiceInstance> current = id.flatMap(catalog::find);
        showForm(ctx, kind, current, typed(ctx, kind), result.fieldErrors(), Optional.of(result));
    }

    /** Live choices for one field, from the instance the form describes; htmx swaps the select in. */
    void choices(Context ctx) {
        ServiceKind kind = kindOf(ctx);
        String fieldName = ctx.pathParam("field");
        ServiceField field = catalog.connector(kind).fields().stream()
                .filter(candidate -> candidate.name().equals(fieldName) && !candidate.choicesFrom().isEmpty())
                .findFirst().orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        String selected = Optional.ofNullable(ctx.formParam(FIELD_PREFIX + fieldName)).orElse("");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("field", field);
        params.put("selected", selected);
        params.put("choices", Map.of());
        params.put("message", null);
        params.put("failed", false);
        try {
            ServiceInstance preview = catalog.preview(existingId(ctx), draft(ctx, kind));
            switch (catalog.choices(preview, field.choicesFrom())) {
                case ServiceCatalog.Choices.Loaded loaded -> params.put("choices", loaded.values());
                case ServiceCatalog.Choices.Failed failed -> {
                    // Every live list fails for the same reason; the first one says why, the others point to it.
                    boolean first = catalog.connector(kind).fields().stream().filter(candidate -> !candidate.choicesFrom().isEmpty())
                            .findFirst().map(candidate -> candidate.name().equals(fieldName)).orElse(true);
                    params.put("message", first ? pages.context(ctx).problem(failed.problem())
                            : RequestState.of(ctx).texts.get("services.choices.failed_see_above"));
                    params.put("failed", true);
                }
            }
        } catch (AppException incomplete) {
            String key = incomplete.code() == ErrorCode.NOT_FOUND ? "services.gone" : "services.choices.incomplete";
            params.put("message", RequestState.of(ctx).texts.get(key));
        }
        pages.renderFragment(ctx, "service_choices.jte", params);
    }

    /** What the Test button found: the service's problems, or the form's own mistakes, or that the service is gone. */
    private record TestResult(List<ServiceProblem> problems, Map<String, String> fieldErrors, boolean gone) {
        /** The template parameters of service_test.jte (templates see public types only). */
        void addTo(Map<String, Object> params) {
            params.put("tested", true);
            params.put("problems", problems);
            params.put("testErrors", fieldErrors);
            params.put("gone", gone);
        }

        static void none(Map<String, Object> params) {
            params.put("tested", false);
            params.put("problems", List.of());
            params.put("testErrors", Map.of());
            params.put("gone", false);
        }
    }

    private void showForm(Context ctx, ServiceKind kind, Optional<ServiceInstance> instance, Map<String, String> form,
                          Map<String, String> errors, Optional<TestResult> result) {
        List<ServiceField> fields = catalog.connector(kind).fields();
        Set<String> secretsSet = new LinkedHashSet<>();
        instance.ifPresent(found -> fields.stream().filter(ServiceField::secret)
                .filter(field -> found.secret(field.name()).isPresent()).forEach(field -> secretsSet.add(field.name())));
        boolean secretTyped = fields.stream().filter(ServiceField::secret)
                .anyMatch(field -> !Optional.ofNullable(ctx.formParam(FIELD_PREFIX + field.name())).orElse("").isEmpty());
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("kind", kind);
        params.put("id", instance.map(ServiceInstance::id).orElse(0L));
        params.put("fields", fields);
        params.put("form", form);
        params.put("errors", errors);
        params.put("secretsSet", secretsSet);
        params.put("retypeSecrets", secretTyped && !errors.isEmpty());
        params.put("secretsReadable", instance.map(ServiceInstance::secretsReadable).orElse(true));
        result.ifPresentOrElse(found -> found.addTo(params), () -> TestResult.none(params));
        params.put("labels", labels(ctx, kind));
        pages.render(ctx, "service-form.jte", params);
    }

    /** Field name to label, so problems of the Test button can name the field they are about. */
    private Map<String, String> labels(Context ctx, ServiceKind kind) {
        var texts = RequestState.of(ctx).texts;
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("name", texts.get("services.field.name"));
        labels.put("baseUrl", texts.get("services.field.base_url"));
        labels.put("timeoutSeconds", texts.get("services.field.timeout"));
        for (ServiceField field : catalog.connector(kind).fields()) {
            labels.put(FIELD_PREFIX + field.name(), texts.get(field.labelKey()));
        }
        return labels;
    }

    private ServiceDraft draft(Context ctx, ServiceKind kind) {
        Map<String, String> options = new LinkedHashMap<>();
        Map<String, String> secrets = new LinkedHashMap<>();
        for (ServiceField field : catalog.connector(kind).fields()) {
            String value = Optional.ofNullable(ctx.formParam(FIELD_PREFIX + field.name())).orElse("");
            (field.secret() ? secrets : options).put(field.name(), value);
        }
        String timeout = Optional.ofNullable(ctx.formParam("timeoutSeconds")).orElse("").strip();
        Integer seconds;
        try {
            seconds = timeout.isEmpty() ? null : Integer.valueOf(timeout);
        } catch (NumberFormatException e) {
            seconds = 0; // out of range, so the draft names the field
        }
        return ServiceDraft.of(kind, ctx.formParam("name"), ctx.formParam("baseUrl"), options, secrets, on(ctx, "isDefault"),
                on(ctx, "is4k"), on(ctx, "allowSelfSigned"), seconds);
    }

    /** What the admin typed, to show again after a mistake; secrets are left out on purpose. */
    private Map<String, String> typed(Context ctx, ServiceKind kind) {
        Map<String, String> form = new LinkedHashMap<>();
        for (String name : List.of("name", "baseUrl", "timeoutSeconds", "isDefault", "is4k", "allowSelfSigned")) {
            form.put(name, Optional.ofNullable(ctx.formParam(name)).orElse(""));
        }
        for (ServiceField field : catalog.connector(kind).fields()) {
            if (!field.secret()) {
                form.put(FIELD_PREFIX + field.name(), Optional.ofNullable(ctx.formParam(FIELD_PREFIX + field.name())).orElse(""));
            }
        }
        return form;
    }

    private static Map<String, String> stored(ServiceInstance instance) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("name", instance.name());
        form.put("baseUrl", instance.baseUrl().toString());
        form.put("timeoutSeconds", String.valueOf(instance.timeout().toSeconds()));
        form.put("isDefault", instance.isDefault() ? "on" : "");
        form.put("is4k", instance.is4k() ? "on" : "");
        form.put("allowSelfSigned", instance.allowSelfSigned() ? "on" : "");
        instance.options().forEach((name, value) -> form.put(FIELD_PREFIX + name, value));
        return form;
    }

    /** Field errors keyed as the form names its inputs. */
    private static Map<String, String> errors(Context ctx, ServiceKind kind, AppException failure) {
        Map<String, String> errors = new LinkedHashMap<>();
        FormErrors.of(failure, RequestState.of(ctx).texts).forEach((field, text) ->
                errors.put(COMMON_FIELDS.contains(field) || field.equals("form") ? field : FIELD_PREFIX + field, text));
        return errors;
    }

    private ServiceKind kindOf(Context ctx) {
        return ServiceKind.fromKey(ctx.formParam("kind")).filter(catalog.kinds()::contains)
                .orElseThrow(() -> AppException.invalid("kind", "validation.service.kind"));
    }

    private static Optional<Long> existingId(Context ctx) {
        String id = Optional.ofNullable(ctx.formParam("id")).orElse("").strip();
        try {
            long value = Long.parseLong(id);
            return value > 0 ? Optional.of(value) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static boolean on(Context ctx, String name) {
        return "on".equals(ctx.formParam(name)) || "true".equals(ctx.formParam(name));
    }

    private static boolean htmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    private static long actor(Context ctx) {
        return RequestState.of(ctx).requirePrincipal().user().id();
    }
}
