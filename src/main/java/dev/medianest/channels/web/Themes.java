package dev.medianest.channels.web;

import java.util.List;

/** The colour schemes a person can pick; "system" follows the device's light or dark setting. */
final class Themes {

    static final List<String> ALL = List.of("system", "light", "dark");

    private Themes() {
    }

    static boolean isValid(String theme) {
        return theme != null && ALL.contains(theme);
    }
}
