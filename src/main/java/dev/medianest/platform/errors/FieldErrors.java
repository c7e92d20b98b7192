package dev.medianest.platform.errors;

import java.util.LinkedHashMap;
import java.util.Map;

/** Collects what is wrong with several fields of one input, then fails once with all of them. */
public final class FieldErrors {

    private final Map<String, String> problems = new LinkedHashMap<>();

    public FieldErrors check(boolean valid, String field, String messageKey) {
        if (!valid) {
            problems.putIfAbsent(field, messageKey);
        }
        return this;
    }

    public void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new AppException(ErrorCode.VALIDATION_FAILED, problems);
        }
    }
}
