package dev.medianest.features.services;

import java.util.List;

/**
 * One field of a kind's settings form, declared by its connector so the page, the API and the
 * validator all follow the same list.
 *
 * @param name        the key in options or secrets ("apiKey", "qualityProfileId")
 * @param labelKey    message key of the label
 * @param secret      stored sealed, never shown again after saving
 * @param required    must be given
 * @param choicesFrom empty, or the name of a live list the connector can fetch ("qualityProfiles", "rootFolders", "tags")
 * @param choices     fixed choices (value list), empty when free text or live
 */
public record ServiceField(String name, String labelKey, boolean secret, boolean required, String choicesFrom,
                           List<String> choices) {

    public ServiceField {
        choices = List.copyOf(choices);
    }

    public static ServiceField secret(String name, String labelKey, boolean required) {
        return new ServiceField(name, labelKey, true, required, "", List.of());
    }

    public static ServiceField text(String name, String labelKey, boolean required) {
        return new ServiceField(name, labelKey, false, required, "", List.of());
    }

    public static ServiceField live(String name, String labelKey, String choicesFrom) {
        return new ServiceField(name, labelKey, false, false, choicesFrom, List.of());
    }

    public static ServiceField choice(String name, String labelKey, List<String> choices) {
        return new ServiceField(name, labelKey, false, false, "", choices);
    }
}
