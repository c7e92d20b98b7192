package dev.medianest.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.MessageResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.schema.SchemaValidator;
import com.atlassian.oai.validator.util.OpenApiLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.parser.core.models.ParseOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A throw-away HTTP server standing in for a remote service (Radarr, TMDb, …) on 127.0.0.1. Every
 * request it receives and every response it sends is held against the service's real published
 * spec in {@code ../shared/specs}; {@link #assertAllInSpec()} fails the test when either side left
 * it, so neither our client nor the fake can drift from the real API. An OpenAPI spec is checked by
 * the OpenAPI validator; a spec published as prose (qBittorrent's) by a {@link Document} that reads it.
 */
public final class SpecFake implements AutoCloseable {

    private static final Map<String, Spec> SPECS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Marks an exchange whose body the handler held to the spec part by part (see {@link #holdToSchema}). */
    private static final String CHECKED_BY_PARTS = "specfake.checkedByParts";

    private final Javalin server;
    private final Spec spec;
    private final OpenApiInteractionValidator validator;
    private final Document document;
    private final List<Violation> violations = new CopyOnWriteArrayList<>();
    private final List<Recorded> received = new CopyOnWriteArrayList<>();
    private final List<KnownGap> gaps = new CopyOnWriteArrayList<>();

    /** A spec published as prose: what can be checked of one exchange, read from the documents themselves. */
    public interface Document {
        /** What is wrong with a request, as messages; empty when it is as documented. */
        List<String> requestViolations(Recorded request);

        /** What is wrong with a response to {@code method path}, as messages; empty when it is as documented. */
        List<String> responseViolations(String method, String path, int status, String contentType, String body);
    }

    /** A request as the fake saw it. */
    public record Recorded(String method, String path, String query, Map<String, String> headers, String body) {
    }

    /**
     * A place where the published spec is known to differ from what the real service does: the
     * generated specs list only the 200 answer of a POST that really answers 201, or leave out the
     * fields a command reads. {@code evidence} names the upstream source that shows the real
     * behaviour; a violation is excused only when method, path and a fragment of its message match.
     */
    public record KnownGap(String method, String path, String messageFragment, String evidence) {
        public KnownGap {
            if (evidence == null || evidence.isBlank()) {
                throw new IllegalArgumentException("a known gap needs the upstream source that shows it");
            }
        }

        boolean excuses(Violation violation) {
            return violation.method().equals(method) && violation.path().equals(path) && violation.message().contains(messageFragment);
        }
    }

    /** One complaint of the validator; {@code status} is 0 for a request. */
    private record Violation(String side, String method, String path, int status, String message) {
        @Override
        public String toString() {
            return side + " " + method + " " + path + (status > 0 ? " " + status : "") + ": " + message;
        }
    }

    /** A loaded OpenAPI document: the validator of exchanges, and the document itself for schemas the validator cannot reach. */
    private record Spec(OpenApiInteractionValidator validator, OpenAPI api, SchemaValidator schemas) {
        Spec(OpenAPI api) {
            this(OpenApiInteractionValidator.createFor(api).build(), api, new SchemaValidator(api, new MessageResolver()));
        }
    }

    private SpecFake(Spec spec, Document document, int port, Consumer<RoutesConfig> routes) {
        this.spec = spec;
        this.validator = spec == null ? null : spec.validator();
        this.document = document;
        this.server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = port;
            config.routes.before(this::checkRequest);
            config.routes.after(this::checkResponse);
            routes.accept(config.routes);
        }).start();
    }

    /** Starts a fake of the service described by {@code specFile} (a name in ../shared/specs). */
    public static SpecFake start(String specFile, Consumer<RoutesConfig> routes) {
        return new SpecFake(SPECS.computeIfAbsent(specFile, SpecFake::load), null, 0, routes);
    }

    /**
     * Starts a fake of some paths of a large spec, which is cut to them, the named {@code schemas} (those
     * the handlers {@link #holdToSchema hold parts to}) and what they reference before loading (see
     * {@link SpecExcerpt}): openai.openapi.yml whole takes half a minute to load.
     */
    public static SpecFake start(String specFile, Set<String> paths, Set<String> schemas, Consumer<RoutesConfig> routes) {
        String key = specFile + " " + new TreeSet<>(paths) + " " + new TreeSet<>(schemas);
        Spec spec = SPECS.computeIfAbsent(key, ignored -> new Spec(parse(SpecExcerpt.of(specsFolder().resolve(specFile), paths, schemas), specFile)));
        return new SpecFake(spec, null, 0, routes);
    }

    /**
     * Starts the fake on a given port: a service that was down (nothing listening there, see
     * {@link LoopbackPorts#free()}) comes back at the address MediaNest already has for it.
     */
    public static SpecFake start(String specFile, int port, Consumer<RoutesConfig> routes) {
        return new SpecFake(SPECS.computeIfAbsent(specFile, SpecFake::load), null, port, routes);
    }

    /** Starts a fake of a service whose spec is prose, checked by {@code document}. */
    public static SpecFake start(Document document, Consumer<RoutesConfig> routes) {
        return new SpecFake(null, document, 0, routes);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    public List<Recorded> received() {
        return List.copyOf(received);
    }

    /**
     * Holds one part of an answer against a schema of the spec (a name under {@code components/schemas}),
     * for what the validator cannot read whole: each event of a streamed answer (server-sent events, NDJSON
     * lines), or the error body of a status the spec leaves out while its schemas describe the error. Once a
     * handler holds parts, the body is not checked whole again; the parts' violations count like any other.
     */
    public void holdToSchema(Context ctx, String schemaName, String json) {
        ctx.attribute(CHECKED_BY_PARTS, Boolean.TRUE);
        Schema<?> schema = spec.api().getComponents().getSchemas().get(schemaName);
        if (schema == null) {
            violations.add(new Violation("part", ctx.method().name(), ctx.path(), 0, "the spec has no schema " + schemaName));
            return;
        }
        record(spec.schemas().validate(json, schema, schemaName), "part of the response (" + schemaName + ")", ctx.method().name(), ctx.path(), 0);
    }

    /** Excuses the violations of one known difference between the spec and the real service. */
    public SpecFake tolerating(KnownGap... known) {
        gaps.addAll(List.of(known));
        return this;
    }

    /** Fails with every request or response that left the spec, apart from the known gaps. */
    public void assertAllInSpec() {
        List<String> unexcused = violations.stream().filter(violation -> gaps.stream().noneMatch(gap -> gap.excuses(violation)))
                .map(Violation::toString).toList();
        if (!unexcused.isEmpty()) {
            throw new AssertionError("left the spec:\n" + String.join("\n", unexcused));
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    /** The folder of published specs beside the project: {@code ../shared/specs}. */
    public static Path specsFolder() {
        Path project = Path.of(System.getProperty("medianest.projectDir", "."));
        Path folder = project.toAbsolutePath().normalize().resolveSibling("shared").resolve("specs");
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("the upstream specs are missing: expected " + folder
                    + " (the shared/ folder beside the project)");
        }
        return folder;
    }

    private static Spec load(String specFile) {
        Path file = specsFolder().resolve(specFile);
        try {
            return new Spec(parse(Files.readString(file), specFile));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Reads a document the way the validator's own builder does (the same parse options), keeping the document. */
    private static OpenAPI parse(String text, String specFile) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        options.setResolveFully(true);
        options.setResolveCombinators(false);
        options.setExplicitObjectSchema(false);
        try {
            return new OpenApiLoader().loadApi(OpenApiInteractionValidator.SpecSource.inline(text), List.of(), options);
        } catch (OpenApiInteractionValidator.ApiLoadException e) {
            throw new IllegalStateException("cannot load " + specFile + ": " + e.getMessage(), e);
        }
    }

    private void checkRequest(Context ctx) {
        String body = ctx.body();
        Map<String, String> headers = ctx.headerMap();
        Recorded recorded = new Recorded(ctx.method().name(), ctx.path(), ctx.queryString(), Map.copyOf(headers), body);
        received.add(recorded);
        if (document != null) {
            document.requestViolations(recorded).forEach(message -> violations.add(new Violation("request", ctx.method().name(), ctx.path(), 0, message)));
            return;
        }
        SimpleRequest.Builder request = new SimpleRequest.Builder(ctx.method().name(), ctx.path());
        headers.forEach(request::withHeader);
        ctx.queryParamMap().forEach(request::withQueryParam);
        if (!body.isEmpty()) {
            request.withBody(body);
        }
        record(validator.validateRequest(request.build()), "request", ctx.method().name(), ctx.path(), 0);
    }

    private void checkResponse(Context ctx) {
        if (ctx.attribute(CHECKED_BY_PARTS) != null) {
            return;
        }
        if (document != null) {
            int status = ctx.statusCode();
            document.responseViolations(ctx.method().name(), ctx.path(), status, ctx.res().getContentType(), ctx.result())
                    .forEach(message -> violations.add(new Violation("response", ctx.method().name(), ctx.path(), status, message)));
            return;
        }
        Request.Method method = Request.Method.valueOf(ctx.method().name());
        int status = ctx.statusCode();
        ValidationReport report = validator.validateResponse(ctx.path(), method, response(ctx, status));
        record(report, "response", ctx.method().name(), ctx.path(), status);
        // The generated *arr specs list 200 where the controllers answer 201 Created, and an unknown
        // status stops the validator before the body: hold such a body to the success schema anyway.
        if (status == 201 && report.getMessages().stream().anyMatch(message -> message.getKey().equals("validation.response.status.unknown"))) {
            record(validator.validateResponse(ctx.path(), method, response(ctx, 200)), "response", ctx.method().name(), ctx.path(), status);
        }
    }

    private SimpleResponse response(Context ctx, int status) {
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        String type = ctx.res().getContentType();
        if (type != null) {
            response.withContentType(type);
        }
        String result = ctx.result();
        String appended = ctx.queryParam("append_to_response");
        if (appended != null && result != null && !result.isEmpty() && ctx.statusCode() == 200) {
            result = checkAppended(ctx, type, result, appended);
        }
        if (result != null && !result.isEmpty()) {
            response.withBody(result);
        }
        return response.build();
    }

    private void record(ValidationReport report, String side, String method, String path, int status) {
        report.getMessages().stream().filter(message -> message.getLevel() == ValidationReport.Level.ERROR)
                .forEach(message -> violations.add(new Violation(side, method, path, status, message.getMessage())));
    }

    /**
     * TMDb's {@code append_to_response} (a parameter tmdb-v3.openapi.json declares on details paths; TMDb's
     * "Append To Response" guide) puts the whole answer of a sub-path ({@code credits}, {@code videos} …) under
     * its name in the main body, while the spec describes that answer only at the sub-path itself. Each appended
     * part is therefore held against its own path's schema, and the rest against the main one.
     */
    private String checkAppended(Context ctx, String type, String result, String appended) {
        JsonNode body;
        try {
            body = JSON.readTree(result);
        } catch (IOException e) {
            return result;
        }
        if (!(body instanceof ObjectNode object)) {
            return result;
        }
        for (String name : appended.split(",")) {
            JsonNode part = object.remove(name.strip());
            if (part == null) {
                continue;
            }
            String subPath = ctx.path() + "/" + name.strip();
            SimpleResponse.Builder sub = new SimpleResponse.Builder(ctx.statusCode()).withBody(part.toString());
            if (type != null) {
                sub.withContentType(type);
            }
            record(validator.validateResponse(subPath, Request.Method.valueOf(ctx.method().name()), sub.build()),
                    "appended response", ctx.method().name(), subPath, ctx.statusCode());
        }
        return object.toString();
    }
}
