package dev.medianest.features.catalog;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Where discovery gets its facts about movies, series and books: TMDb when an instance is
 * configured, else the lookup that Radarr and Sonarr offer. A source declares what it can do;
 * asked for something outside {@link #capabilities()}, it answers with an empty list. A source
 * that cannot answer at all throws {@link MetadataFailure}.
 */
public interface MetadataSource {

    /** What a source can answer besides search. */
    enum Capability { SEARCH, DETAILS, RECOMMENDATIONS, SIMILAR, TRENDING, POPULAR, UPCOMING }

    /** Stable plug-in key ("tmdb", "arr-lookup"), never a class name. */
    String key();

    Set<Capability> capabilities();

    /** The language used when the caller has no person to follow (jobs, health checks). */
    Locale defaultLanguage();

    List<Title> search(TitleQuery query);

    /** Empty when the source does not know the title. */
    Optional<TitleDetails> details(TitleType type, TitleIds ids, Locale language);

    /** Titles people who liked this one also liked. */
    List<Title> recommendations(TitleType type, TitleIds ids, Locale language);

    /** Titles alike in genre and keywords. */
    List<Title> similar(TitleType type, TitleIds ids, Locale language);

    /** What many people watch this week. */
    List<Title> trending(TitleType type, Locale language);

    List<Title> popular(TitleType type, Locale language);

    /** Movies soon in cinemas; series with new episodes in the coming days. */
    List<Title> upcoming(TitleType type, Locale language);
}
