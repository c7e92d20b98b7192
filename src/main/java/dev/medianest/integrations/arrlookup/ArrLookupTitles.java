package dev.medianest.integrations.arrlookup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.MetadataSource;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleDetails;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleQuery;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.integrations.arr.ArrConnectorChecks;
import dev.medianest.platform.http.RemoteFailure;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Search and details from Radarr's and Sonarr's lookup. The language of a call cannot be chosen:
 * Radarr answers in the metadata language set in its own UI settings, Sonarr in English. A search
 * of both kinds asks both and interleaves the answers; when one of the two fails, the other's
 * answers still count.
 */
final class ArrLookupTitles implements MetadataSource {

    private static final Logger LOG = LoggerFactory.getLogger(ArrLookupTitles.class);

    private final ArrApi v3;
    private final Optional<ServiceInstance> radarr;
    private final Optional<ServiceInstance> sonarr;

    /** MediaCover of both specs; {@code remoteUrl} is the metadata server's image, reachable from a browser. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cover(String coverType, String url, String remoteUrl) {
    }

    /** RatingChild (Radarr). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Rating(Integer votes, Double value) {
    }

    /** Radarr's Ratings: one per site. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record MovieRatings(Rating imdb, Rating tmdb) {
    }

    /** MovieResource, reduced to what a lookup gives. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LookupMovie(String title, String originalTitle, Integer year, String overview, List<Cover> images, String remotePoster,
                       MovieRatings ratings, List<String> genres, Integer tmdbId, String imdbId, Integer runtime, String certification,
                       String youTubeTrailerId, String studio) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Season(int seasonNumber) {
    }

    /** SeriesResource, reduced; Sonarr's Ratings is one value (TVDB's). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record LookupSeries(String title, Integer year, String overview, List<Cover> images, String remotePoster, Rating ratings,
                        List<String> genres, Integer tvdbId, Integer tmdbId, String imdbId, Integer runtime, String certification,
                        String network, List<Season> seasons) {
    }

    ArrLookupTitles(ArrApi v3, Optional<ServiceInstance> radarr, Optional<ServiceInstance> sonarr) {
        this.v3 = v3;
        this.radarr = radarr;
        this.sonarr = sonarr;
    }

    @Override
    public String key() {
        return "arr-lookup";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.of(Capability.SEARCH, Capability.DETAILS);
    }

    @Override
    public Locale defaultLanguage() {
        return Locale.US;
    }

    @Override
    public List<Title> search(TitleQuery query) {
        boolean movies = query.type().map(type -> type == TitleType.MOVIE).orElse(true) && radarr.isPresent();
        boolean series = query.type().map(type -> type == TitleType.SERIES).orElse(true) && sonarr.isPresent();
        List<Title> found = new ArrayList<>();
        List<Title> foundSeries = new ArrayList<>();
        List<MetadataFailure> failures = new ArrayList<>();
        if (movies) {
            collect(() -> movies(query.text()).stream().map(ArrLookupTitles::title).flatMap(Optional::stream).toList(), found, failures, radarr.get());
        }
        if (series) {
            collect(() -> series(query.text()).stream().map(ArrLookupTitles::title).flatMap(Optional::stream).toList(), foundSeries, failures, sonarr.get());
        }
        int asked = (movies ? 1 : 0) + (series ? 1 : 0);
        if (asked > 0 && failures.size() == asked) {
            throw failures.getFirst();
        }
        return interleave(found, foundSeries);
    }

    /** Movies by TMDb or IMDb id from Radarr; series by TVDB, TMDb or IMDb id from Sonarr (the lookup's "tvdb:" style terms). */
    @Override
    public Optional<TitleDetails> details(TitleType type, TitleIds ids, Locale language) {
        if (type == TitleType.MOVIE && radarr.isPresent()) {
            Optional<String> term = ids.tmdb().isPresent() ? Optional.of("tmdb:" + ids.tmdb().getAsInt()) : ids.imdb().map(imdb -> "imdb:" + imdb);
            return term.flatMap(text -> guarded(radarr.get(), () -> movies(text)).stream().findFirst()).flatMap(ArrLookupTitles::details);
        }
        if (type == TitleType.SERIES && sonarr.isPresent()) {
            Optional<String> term = ids.tvdb().isPresent() ? Optional.of("tvdb:" + ids.tvdb().getAsInt())
                    : ids.tmdb().isPresent() ? Optional.of("tmdb:" + ids.tmdb().getAsInt()) : ids.imdb().map(imdb -> "imdb:" + imdb);
            return term.flatMap(text -> guarded(sonarr.get(), () -> series(text)).stream().findFirst()).flatMap(ArrLookupTitles::details);
        }
        return Optional.empty();
    }

    @Override
    public List<Title> recommendations(TitleType type, TitleIds ids, Locale language) {
        return List.of();
    }

    @Override
    public List<Title> similar(TitleType type, TitleIds ids, Locale language) {
        return List.of();
    }

    @Override
    public List<Title> trending(TitleType type, Locale language) {
        return List.of();
    }

    @Override
    public List<Title> popular(TitleType type, Locale language) {
        return List.of();
    }

    @Override
    public List<Title> upcoming(TitleType type, Locale language) {
        return List.of();
    }

    private List<LookupMovie> movies(String term) {
        ServiceInstance instance = radarr.orElseThrow();
        return v3.list(ArrConnectorChecks.endpoint(instance), ArrConnectorChecks.apiKey(instance), "/movie/lookup?term=" + encode(term),
                LookupMovie.class);
    }

    private List<LookupSeries> series(String term) {
        ServiceInstance instance = sonarr.orElseThrow();
        return v3.list(ArrConnectorChecks.endpoint(instance), ArrConnectorChecks.apiKey(instance), "/series/lookup?term=" + encode(term),
                LookupSeries.class);
    }

    static Optional<Title> title(LookupMovie movie) {
        Optional<TitleIds> ids = TitleIds.of(movie.tmdbId(), null, movie.imdbId());
        if (ids.isEmpty() || movie.title() == null || movie.title().isBlank()) {
            return Optional.empty();
        }
        MovieRatings ratings = movie.ratings();
        OptionalDouble rating = ratings == null ? OptionalDouble.empty() : rating(ratings.tmdb()).isPresent() ? rating(ratings.tmdb()) : rating(ratings.imdb());
        return Optional.of(new Title(TitleType.MOVIE, ids.get(), movie.title(), movie.originalTitle(), year(movie.year()), movie.overview(),
                poster(movie.images(), movie.remotePoster()), rating, movie.genres() == null ? List.of() : movie.genres()));
    }

    static Optional<Title> title(LookupSeries series) {
        Optional<TitleIds> ids = TitleIds.of(series.tmdbId(), series.tvdbId(), series.imdbId());
        if (ids.isEmpty() || series.title() == null || series.title().isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Title(TitleType.SERIES, ids.get(), series.title(), null, year(series.year()), series.overview(),
                poster(series.images(), series.remotePoster()), rating(series.ratings()), series.genres() == null ? List.of() : series.genres()));
    }

    private static Optional<TitleDetails> details(LookupMovie movie) {
        return title(movie).map(title -> new TitleDetails(title, minutes(movie.runtime()), text(movie.certification()), List.of(),
                List.of(), text(movie.youTubeTrailerId()).map(key -> URI.create("https://www.youtube.com/watch?v=" + key)), List.of()));
    }

    private static Optional<TitleDetails> details(LookupSeries series) {
        List<Integer> seasons = series.seasons() == null ? List.of()
                : series.seasons().stream().map(Season::seasonNumber).filter(number -> number > 0).toList();
        return title(series).map(title -> new TitleDetails(title, minutes(series.runtime()), text(series.certification()), List.of(),
                List.of(), Optional.empty(), seasons));
    }

    /** The poster's remote address (the metadata server's); a lookup result is not in the library yet, so it has no local one. */
    private static Optional<URI> poster(List<Cover> images, String remotePoster) {
        Optional<String> address = images == null ? Optional.empty() : images.stream().filter(cover -> "poster".equals(cover.coverType()))
                .map(Cover::remoteUrl).filter(url -> url != null && url.startsWith("http")).findFirst();
        return address.or(() -> text(remotePoster).filter(url -> url.startsWith("http"))).map(URI::create);
    }

    private static OptionalDouble rating(Rating rating) {
        return rating == null || rating.value() == null || rating.votes() == null || rating.votes() == 0
                ? OptionalDouble.empty() : OptionalDouble.of(Math.max(0, Math.min(10, rating.value())));
    }

    private static OptionalInt year(Integer year) {
        return year == null || year < 1800 || year > 2200 ? OptionalInt.empty() : OptionalInt.of(year);
    }

    private static OptionalInt minutes(Integer runtime) {
        return runtime == null || runtime <= 0 ? OptionalInt.empty() : OptionalInt.of(runtime);
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(text -> !text.isEmpty());
    }

    private static List<Title> interleave(List<Title> first, List<Title> second) {
        List<Title> merged = new ArrayList<>(first.size() + second.size());
        for (int i = 0; i < Math.max(first.size(), second.size()); i++) {
            if (i < first.size()) {
                merged.add(first.get(i));
            }
            if (i < second.size()) {
                merged.add(second.get(i));
            }
        }
        return merged;
    }

    private static void collect(Supplier<List<Title>> lookup, List<Title> into, List<MetadataFailure> failures,
                                ServiceInstance instance) {
        try {
            into.addAll(guarded(instance, lookup));
        } catch (MetadataFailure failure) {
            LOG.warn("title lookup at {} failed: {}", instance.name(), failure.getMessage());
            failures.add(failure);
        }
    }

    private static <T> T guarded(ServiceInstance instance, Supplier<T> call) {
        try {
            return call.get();
        } catch (RemoteFailure failure) {
            throw new MetadataFailure(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()), failure);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
