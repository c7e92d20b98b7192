package dev.medianest.features.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The application that fetches and keeps one kind of media for a household: Radarr keeps movies,
 * Sonarr series, Readarr books. One object speaks for one configured instance (a 4K Radarr is a
 * second one). The request feature uses it to look a title up, to see whether the instance already
 * has it, to add it and start the search, and to follow the download.
 *
 * <p>Every method asks the instance over the network. When it cannot answer, the method throws the
 * platform's remote failure, whose kind names what went wrong (unreachable, wrong API key, …); a
 * request that cannot work whatever the instance says (no quality profile chosen anywhere, an id
 * from a catalogue this kind does not use) fails as an invalid request before any call is made.
 *
 * <p>DESIGN.md calls this port {@code MediaManager}; it is named for what it does, as STYLE.md asks.
 */
public interface MediaKeeper {

    /** What this instance keeps. */
    Kind kind();

    /**
     * Titles matching free text ("Dune 2021", "Дюна"), in the instance's own order. Titles the
     * instance already keeps carry their library id.
     */
    List<Title> search(String text);

    /** One title by its id in a public catalogue; empty when the catalogue or the instance does not know it. */
    Optional<Title> find(ExternalId id);

    /** Whether the instance keeps the title: monitored or not, how many of its files are on disk, what is downloading. */
    Presence presence(ExternalId id);

    /**
     * Adds the title with the instance's configured defaults wherever the addition leaves a choice
     * open, and starts the search when asked. A title the instance already keeps is not added twice:
     * its library id comes back, and a search starts if asked and files are missing.
     */
    Added add(Addition addition);

    /** Everything the instance is downloading or importing now, across all its titles. */
    List<Download> queue();

    /**
     * Every title the instance keeps, each with its public ids and how far the instance has it, read
     * in one go (the library list and the queue: two or three calls whatever the library's size), so
     * that the availability of a page of titles costs no call per title.
     */
    List<Kept> library();

    /**
     * The id of the tag with this label, created when the instance has none yet. The *arr apps keep
     * labels in lower case and allow only letters, digits and hyphens, so give it in that form.
     */
    int tag(String label);

    /** The three kinds of media the *arr applications keep. */
    enum Kind { MOVIE, SERIES, BOOK }

    /** Public catalogues whose ids the applications understand. */
    enum Catalogue {
        /** The Movie Database: Radarr's own key for a movie. */
        TMDB,
        /** TheTVDB: Sonarr's own key for a series. */
        TVDB,
        IMDB,
        /** Goodreads work id: Readarr's {@code foreignBookId}. */
        GOODREADS,
        ISBN
    }

    /** An id in a public catalogue, checked on construction: numbers for TMDb, TVDB and Goodreads, tt… for IMDb, 10 or 13 digits for ISBN. */
    record ExternalId(Catalogue catalogue, String value) {

        private static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");
        private static final Pattern IMDB = Pattern.compile("tt[0-9]{7,10}");
        private static final Pattern ISBN = Pattern.compile("[0-9]{9}[0-9X]|97[89][0-9]{10}");

        public ExternalId {
            if (catalogue == null || value == null) {
                throw new IllegalArgumentException("an external id needs a catalogue and a value");
            }
            value = value.strip().replace("-", "").toUpperCase(Locale.ROOT);
            if (catalogue == Catalogue.IMDB) {
                value = value.toLowerCase(Locale.ROOT);
            }
            Pattern shape = switch (catalogue) {
                case TMDB, TVDB, GOODREADS -> NUMBER;
                case IMDB -> IMDB;
                case ISBN -> ISBN;
            };
            if (!shape.matcher(value).matches() || (shape == NUMBER && Long.parseLong(value) > Integer.MAX_VALUE)) {
                throw new IllegalArgumentException("not a " + catalogue + " id: " + value);
            }
        }

        /** The id when {@code value} has the catalogue's shape; remote data sometimes carries blanks or zeros. */
        public static Optional<ExternalId> parse(Catalogue catalogue, String value) {
            try {
                return Optional.of(new ExternalId(catalogue, value));
            } catch (IllegalArgumentException unusable) {
                return Optional.empty();
            }
        }

        public static ExternalId tmdb(int id) {
            return new ExternalId(Catalogue.TMDB, String.valueOf(id));
        }

        public static ExternalId tvdb(int id) {
            return new ExternalId(Catalogue.TVDB, String.valueOf(id));
        }

        public static ExternalId imdb(String id) {
            return new ExternalId(Catalogue.IMDB, id);
        }

        public static ExternalId goodreads(int workId) {
            return new ExternalId(Catalogue.GOODREADS, String.valueOf(workId));
        }

        /** The value as a number, for the catalogues whose ids are numbers. */
        public int number() {
            return Integer.parseInt(value);
        }
    }

    /**
     * A movie, series or book as the instance describes it.
     *
     * @param year      of release or first airing; 0 when unknown
     * @param ids       every public id the instance knows for it
     * @param creator   the author of a book; empty for movies and series
     * @param seasons   season numbers of a series (0 is specials); empty for movies and books
     * @param libraryId the instance's own id when it already keeps the title
     */
    record Title(Kind kind, String name, int year, List<ExternalId> ids, String overview, Optional<String> posterUrl,
                 Optional<String> creator, List<Integer> seasons, Optional<Long> libraryId) {

        public Title {
            if (kind == null || name == null || name.isBlank()) {
                throw new IllegalArgumentException("a title needs a kind and a name");
            }
            ids = List.copyOf(ids);
            seasons = List.copyOf(seasons);
            overview = overview == null ? "" : overview;
        }

        public boolean inLibrary() {
            return libraryId.isPresent();
        }

        public Optional<ExternalId> id(Catalogue catalogue) {
            return ids.stream().filter(id -> id.catalogue() == catalogue).findFirst();
        }
    }

    /**
     * How far the instance has a title.
     *
     * @param filesPresent  files on disk: 1 of 1 for a movie with its file, episodes with files of the episodes aired for a series
     * @param filesExpected files the instance wants (0 when it wants none yet, such as a series not aired)
     * @param downloads     its entries in the download queue
     */
    record Presence(Optional<Long> libraryId, boolean monitored, int filesPresent, int filesExpected, List<Download> downloads) {

        public Presence {
            if (filesPresent < 0 || filesExpected < 0) {
                throw new IllegalArgumentException("file counts cannot be negative");
            }
            if (libraryId.isEmpty() && (monitored || filesPresent > 0 || !downloads.isEmpty())) {
                throw new IllegalArgumentException("a title outside the library has no files, monitoring or downloads");
            }
            downloads = List.copyOf(downloads);
        }

        public static Presence absent() {
            return new Presence(Optional.empty(), false, 0, 0, List.of());
        }

        public boolean inLibrary() {
            return libraryId.isPresent();
        }

        /** Every wanted file is on disk. */
        public boolean complete() {
            return inLibrary() && filesExpected > 0 && filesPresent >= filesExpected;
        }

        public boolean downloading() {
            return !downloads.isEmpty();
        }
    }

    /**
     * A title of the library with how far the instance has it.
     *
     * @param ids      every public id the instance knows for it (a series often has TMDb beside TVDB)
     * @param seasons  for a series, each season the instance knows, specials included; empty for movies and books
     */
    record Kept(List<ExternalId> ids, Presence presence, List<SeasonPresence> seasons) {

        public Kept {
            if (ids.isEmpty() || presence == null || !presence.inLibrary()) {
                throw new IllegalArgumentException("a kept title has ids and a library id");
            }
            ids = List.copyOf(ids);
            seasons = List.copyOf(seasons);
        }
    }

    /**
     * How far the instance has one season of a series (Sonarr's season statistics).
     *
     * @param filesPresent  episodes with a file
     * @param filesExpected episodes the instance wants now: monitored and aired, or with a file
     * @param episodes      every episode it knows of the season, those still to air included
     */
    record SeasonPresence(int season, boolean monitored, int filesPresent, int filesExpected, int episodes) {

        public SeasonPresence {
            if (season < 0 || filesPresent < 0 || filesExpected < 0 || episodes < 0) {
                throw new IllegalArgumentException("season numbers and episode counts cannot be negative");
            }
        }
    }

    /**
     * What to add and how; empty choices fall back to the instance's configured defaults.
     *
     * @param seasons   for a series, the season numbers to monitor; empty means every season but specials
     * @param searchNow start looking for releases right away (only for a monitored title)
     */
    record Addition(ExternalId id, Optional<Integer> qualityProfileId, Optional<String> rootFolder, Set<Integer> tags,
                    boolean monitored, Set<Integer> seasons, boolean searchNow) {

        public Addition {
            if (id == null) {
                throw new IllegalArgumentException("an addition needs the id of the title");
            }
            if (qualityProfileId.isPresent() && qualityProfileId.get() <= 0) {
                throw new IllegalArgumentException("quality profile ids are positive");
            }
            if (rootFolder.isPresent() && rootFolder.get().isBlank()) {
                throw new IllegalArgumentException("a root folder cannot be blank");
            }
            if (tags.stream().anyMatch(tag -> tag == null || tag <= 0) || seasons.stream().anyMatch(season -> season == null || season < 0)) {
                throw new IllegalArgumentException("tag ids are positive and season numbers not negative");
            }
            if (searchNow && !monitored) {
                throw new IllegalArgumentException("searching for a title nobody monitors would download it once and never again");
            }
            tags = Set.copyOf(tags);
            seasons = Set.copyOf(seasons);
        }

        /** The usual request: the instance's defaults, monitored, every season, searched at once. */
        public static Addition of(ExternalId id) {
            return new Addition(id, Optional.empty(), Optional.empty(), Set.of(), true, Set.of(), true);
        }

        public Addition withSeasons(Set<Integer> chosen) {
            return new Addition(id, qualityProfileId, rootFolder, tags, monitored, chosen, searchNow);
        }

        public Addition withQualityProfile(int profileId) {
            return new Addition(id, Optional.of(profileId), rootFolder, tags, monitored, seasons, searchNow);
        }

        public Addition withRootFolder(String folder) {
            return new Addition(id, qualityProfileId, Optional.of(folder), tags, monitored, seasons, searchNow);
        }

        public Addition withTags(Set<Integer> chosen) {
            return new Addition(id, qualityProfileId, rootFolder, chosen, monitored, seasons, searchNow);
        }

        public Addition withoutSearch() {
            return new Addition(id, qualityProfileId, rootFolder, tags, monitored, seasons, false);
        }
    }

    /**
     * The outcome of {@link #add}.
     *
     * @param alreadyThere the instance kept the title before this addition
     * @param searching    a search for releases was started
     */
    record Added(long libraryId, String name, boolean alreadyThere, boolean searching) {
    }

    /**
     * One entry of the download queue.
     *
     * @param libraryId           the title it belongs to
     * @param season              for a series episode
     * @param episode             for a series episode
     * @param estimatedCompletion when the download client expects to finish
     * @param problem             what the instance says is wrong, when anything is
     */
    record Download(long libraryId, String release, OptionalInt season, OptionalInt episode, long sizeBytes, long leftBytes,
                    State state, Optional<Instant> estimatedCompletion, Optional<String> problem) {

        public Download {
            if (sizeBytes < 0 || leftBytes < 0) {
                throw new IllegalArgumentException("sizes cannot be negative");
            }
            release = release == null ? "" : release;
        }

        /** Done share from 0 to 1; 0 while the size is unknown. */
        public double fraction() {
            return sizeBytes == 0 ? 0 : Math.max(0, Math.min(1, (sizeBytes - leftBytes) / (double) sizeBytes));
        }

        /** Where a download stands, as a person would say it. */
        public enum State {
            QUEUED, DOWNLOADING, PAUSED, DELAYED, IMPORTING, NEEDS_ATTENTION, FAILED, DONE
        }
    }
}
