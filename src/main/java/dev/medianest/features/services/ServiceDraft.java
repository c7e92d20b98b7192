package dev.medianest.features.services;

import dev.medianest.features.accounts.AccountRules;
import dev.medianest.platform.errors.FieldErrors;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;

/**
 * What an admin typed into a service form, checked on construction: a name, an http(s) URL
 * (a URL base path such as /radarr is kept; a trailing slash, a query or credentials in the URL
 * are not), a timeout, and the kind's own fields. An empty secret on edit keeps the stored one.
 */
public record ServiceDraft(ServiceKind kind, String name, URI baseUrl, Map<String, String> options, Map<String, String> secrets,
                           boolean isDefault, boolean is4k, boolean allowSelfSigned, int timeoutSeconds) {

    public static final int NAME_MAX = 64;

    public ServiceDraft {
        options = Map.copyOf(options);
        secrets = Map.copyOf(secrets);
    }

    /** Parses and validates raw form or JSON input; every bad field is named at once. */
    public static ServiceDraft of(ServiceKind kind, String name, String baseUrl, Map<String, String> options,
                                  Map<String, String> secrets, boolean isDefault, boolean is4k, boolean allowSelfSigned,
                                  Integer timeoutSeconds) {
        FieldErrors errors = new FieldErrors();
        errors.check(kind != null, "kind", "validation.service.kind");
        errors.check(name != null && !name.isBlank(), "name", "validation.required")
                .check(name == null || name.strip().length() <= NAME_MAX, "name", "validation.display_name.length")
                .check(name == null || !AccountRules.hasControlCharacters(name), "name", "validation.control_characters");
        URI url = parseUrl(baseUrl, errors);
        int timeout = timeoutSeconds == null ? 5 : timeoutSeconds;
        errors.check(timeout >= 1 && timeout <= 60, "timeoutSeconds", "validation.service.timeout");
        options.forEach((key, value) -> errors.check(value == null || (value.length() <= 1024 && !AccountRules.hasControlCharacters(value)),
                key, "validation.control_characters"));
        secrets.forEach((key, value) -> errors.check(value == null || (value.length() <= 4096 && !AccountRules.hasControlCharacters(value)),
                key, "validation.control_characters"));
        errors.throwIfAny();
        return new ServiceDraft(kind, name.strip(), url, trimmed(options), trimmed(secrets), isDefault, is4k, allowSelfSigned, timeout);
    }

    private static Map<String, String> trimmed(Map<String, String> values) {
        Map<String, String> result = new java.util.LinkedHashMap<>();
        values.forEach((key, value) -> result.put(key, value == null ? "" : value.strip()));
        return result;
    }

    private static URI parseUrl(String text, FieldErrors errors) {
        if (text == null || text.isBlank()) {
            errors.check(false, "baseUrl", "validation.required");
            return null;
        }
        String trimmed = text.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        try {
            URI uri = new URI(trimmed);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean valid = (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null && !uri.getHost().isBlank()
                    && uri.getRawUserInfo() == null && uri.getRawQuery() == null && uri.getRawFragment() == null;
            errors.check(valid, "baseUrl", "validation.service.url");
            return valid ? uri : null;
        } catch (URISyntaxException e) {
            errors.check(false, "baseUrl", "validation.service.url");
            return null;
        }
    }
}
