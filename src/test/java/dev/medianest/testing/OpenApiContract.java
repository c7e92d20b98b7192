package dev.medianest.testing;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.regex.Pattern;

/**
 * Holds every request a test sends and every response the server gives against MediaNest's own
 * OpenAPI document (the one served at /api/v1/openapi.json), and records which operations were
 * exercised so a suite can prove it covered all of them.
 */
public final class OpenApiContract {

    private final String document;
    private final OpenApiInteractionValidator validator;
    private final Set<String> operations = new TreeSet<>();
    private final Set<String> exercised = new ConcurrentSkipListSet<>();

    public OpenApiContract() {
        try (InputStream in = OpenApiContract.class.getResourceAsStream("/openapi.json")) {
            document = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            JsonNode paths = new ObjectMapper().readTree(document).get("paths");
            Iterator<String> names = paths.fieldNames();
            while (names.hasNext()) {
                String path = names.next();
                paths.get(path).fieldNames().forEachRemaining(method -> operations.add(method.toUpperCase() + " " + path));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(document).build();
    }

    /** Fails when the request or the response leaves the document; {@code conformingRequest} false checks the response only. */
    public void check(String method, String path, String contentType, String requestBody, String authorization,
                      int status, String responseType, String responseBody, boolean conformingRequest) {
        String pathOnly = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, pathOnly);
        if (path.contains("?")) {
            queryParameters(path.substring(path.indexOf('?') + 1)).forEach(request::withQueryParam);
        }
        if (contentType != null) {
            request.withContentType(contentType);
        }
        if (requestBody != null) {
            request.withBody(requestBody);
        }
        if (authorization != null) {
            request.withAuthorization(authorization);
        } else {
            request.withHeader("Cookie", "mn_session=present");
        }
        SimpleResponse.Builder response = new SimpleResponse.Builder(status);
        if (responseType != null) {
            response.withContentType(responseType);
        }
        if (responseBody != null && !responseBody.isEmpty()) {
            response.withBody(responseBody);
        }
        ValidationReport report = conformingRequest
                ? validator.validate(request.build(), response.build())
                : validator.validateResponse(pathOnly, Request.Method.valueOf(method), response.build());
        if (report.hasErrors()) {
            throw new AssertionError(method + " " + path + " -> " + status + " leaves openapi.json:\n" + report
                    + "\nresponse body: " + responseBody);
        }
        operations.stream().filter(operation -> matches(operation, method, pathOnly)).forEach(exercised::add);
    }

    /** The query string's parameters, decoded, each with all its values. */
    private static java.util.Map<String, java.util.List<String>> queryParameters(String query) {
        java.util.Map<String, java.util.List<String>> parameters = new java.util.LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : java.net.URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.computeIfAbsent(name, key -> new java.util.ArrayList<>()).add(value);
        }
        return parameters;
    }

    /** Operations of the document no test has called yet. */
    public Set<String> unexercised() {
        Set<String> missing = new TreeSet<>(operations);
        missing.removeAll(exercised);
        return missing;
    }

    /** Operations under {@code pathPrefix} no test has called yet: for a suite that covers one area of the API. */
    public Set<String> unexercisedUnder(String pathPrefix) {
        Set<String> missing = unexercised();
        missing.removeIf(operation -> !operation.split(" ", 2)[1].startsWith(pathPrefix));
        return missing;
    }

    /** Operations outside the given path prefixes no test has called yet: for the suite that covers the rest. */
    public Set<String> unexercisedExcept(String... pathPrefixes) {
        Set<String> missing = unexercised();
        for (String prefix : pathPrefixes) {
            missing.removeIf(operation -> operation.split(" ", 2)[1].startsWith(prefix));
        }
        return missing;
    }

    private static boolean matches(String operation, String method, String path) {
        String[] parts = operation.split(" ", 2);
        if (!parts[0].equals(method)) {
            return false;
        }
        String regex = Pattern.quote(parts[1]).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
        return path.matches(regex);
    }
}
