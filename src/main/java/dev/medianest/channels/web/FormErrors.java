package dev.medianest.channels.web;

import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.i18n.Messages;

import java.util.LinkedHashMap;
import java.util.Map;

/** Turns a failure into the texts a form shows: one per field, and the general message under the key "form". */
final class FormErrors {

    private FormErrors() {
    }

    static Map<String, String> of(AppException failure, Messages.Texts texts) {
        Map<String, String> errors = new LinkedHashMap<>();
        failure.details().forEach((field, key) -> errors.put(field, texts.get(key, failure.args())));
        errors.put("form", texts.get(failure.code().messageKey(), failure.args()));
        return errors;
    }
}
