package dev.medianest.features.requests;

import java.util.Locale;

/**
 * How far the household has a title, as the badge on its card says it: the files are there (all or
 * some), a Radarr/Sonarr/Readarr is looking for it or downloading it, someone asked and waits for
 * approval, or nothing at all. The constants run from nothing to everything, so when two sources
 * disagree (an open request and the library), the one further along wins.
 */
public enum Availability {
    NOT_REQUESTED, REQUESTED, PROCESSING, PARTIALLY_AVAILABLE, AVAILABLE;

    /** The one further along. */
    public Availability or(Availability other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /** The lower-case form used in the API, CSS classes and message keys ("partially_available"). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether a card shows a badge: a title nobody asked for and nobody has gets none. */
    public boolean shown() {
        return this != NOT_REQUESTED;
    }
}
