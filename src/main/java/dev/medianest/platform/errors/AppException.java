package dev.medianest.platform.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure meant for the person who caused it: a code, the arguments of its message, and
 * per-field details (field name to message key; a detail's message takes the same arguments).
 * Channels turn it into a page notice, a JSON error or a CLI message in the reader's language.
 */
public final class AppException extends RuntimeException {

    private final ErrorCode code;
    private final transient Object[] args;
    private final Map<String, String> details;

    public AppException(ErrorCode code, Object... args) {
        this(code, Map.of(), args);
    }

    public AppException(ErrorCode code, Map<String, String> details, Object... args) {
        super(code.wireName(), null, false, false);
        this.code = code;
        this.args = args.clone();
        this.details = Map.copyOf(new LinkedHashMap<>(details));
    }

    public ErrorCode code() {
        return code;
    }

    public Object[] args() {
        return args.clone();
    }

    /** Field name to the message key that says what is wrong with it. */
    public Map<String, String> details() {
        return details;
    }

    /** One invalid field: {@code invalid("username", "validation.username.pattern")}. */
    public static AppException invalid(String field, String messageKey) {
        return new AppException(ErrorCode.VALIDATION_FAILED, Map.of(field, messageKey));
    }
}
