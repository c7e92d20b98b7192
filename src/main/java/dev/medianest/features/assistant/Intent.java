package dev.medianest.features.assistant;

import java.util.Locale;

/** What a message asks for, as the offline understanding reads it. */
public enum Intent {
    /** Get a title: "download Heat 1995", "скачай Дюну". */
    REQUEST,
    /** Look titles up without asking for them: "search for The Thing". */
    SEARCH,
    /** What is downloading or requested now: "show active downloads", "что качается сейчас". */
    STATUS,
    /** Titles like one, or for the caller: "recommend movies like Heat". */
    RECOMMEND,
    /** Whether a title is already in the library: "is Heat on Plex?". */
    LIBRARY,
    PAUSE,
    RESUME,
    /** Stop a download or withdraw a request. */
    CANCEL,
    /** A YouTube (or other yt-dlp) link to download. */
    YOUTUBE,
    /** Whether the services are up. */
    SERVICES,
    HELP,
    UNKNOWN;

    /** The lower-case name used in JSON ({@code "request"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
