package dev.medianest.integrations.tmdb;

import dev.medianest.features.catalog.MetadataFailure;
import dev.medianest.features.catalog.MetadataSource;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleDetails;
import dev.medianest.features.catalog.TitleIds;
import dev.medianest.features.catalog.TitleQuery;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.http.RemoteFailure;

import java.net.URI;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** TMDb as the catalog's metadata source, for one configured TMDb instance. */
final class TmdbTitles implements MetadataSource {

    private static final Pattern TMDB_LANGUAGE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");
    /** The region TMDb users of a language most often mean, for a language asked without one. */
    private static final Map<String, String> USUAL_REGION = Map.of("en", "US", "ru", "RU");

    private final TmdbClient client;
    private final TmdbReference reference;
    private final ServiceInstance instance;
    private final TmdbSettings settings;

    TmdbTitles(TmdbClient client, TmdbReference reference, ServiceInstance instance) {
        this.client = client;
        this.reference = reference;
        this.instance = instance;
        this.settings = TmdbSettings.of(instance);
    }

    @Override
    public String key() {
        return "tmdb";
    }

    @Override
    public Set<Capability> capabilities() {
        return EnumSet.allOf(Capability.class);
    }

    @Override
    public Locale defaultLanguage() {
        return settings.defaultLanguage();
    }

    @Override
    public List<Title> search(TitleQuery query) {
        String language = language(query.language());
        if (query.type().equals(Optional.of(TitleType.BOOK))) {
            return List.of();
        }
        return guarded(() -> {
            TmdbClient.Page page = query.type().isEmpty() ? client.searchMulti(settings, query.text(), language, 1)
                    : query.type().get() == TitleType.MOVIE ? client.searchMovies(settings, query.text(), language, 1)
                    : client.searchTv(settings, query.text(), language, 1);
            return titles(page.results(), language);
        });
    }

    @Override
    public Optional<TitleDetails> details(TitleType type, TitleIds ids, Locale language) {
        String tag = language(language);
        return guarded(() -> {
            OptionalInt id = tmdbId(type, ids, tag);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(switch (type) {
                    case MOVIE -> movieDetails(client.movie(settings, id.getAsInt(), tag), tag);
                    case SERIES -> tvDetails(client.tv(settings, id.getAsInt(), tag), tag);
                    case BOOK -> throw new IllegalStateException("books have no TMDb id");
                });
            } catch (RemoteFailure failure) {
                if (failure.kind() == RemoteFailure.Kind.NOT_FOUND) {
                    return Optional.empty();
                }
                throw failure;
            }
        });
    }

    @Override
    public List<Title> recommendations(TitleType type, TitleIds ids, Locale language) {
        return related(type, ids, language, true);
    }

    @Override
    public List<Title> similar(TitleType type, TitleIds ids, Locale language) {
        return related(type, ids, language, false);
    }

    @Override
    public List<Title> trending(TitleType type, Locale language) {
        String tag = language(language);
        return media(type).map(media -> guarded(() -> titles(client.trending(settings, media, TmdbClient.Window.WEEK, tag).results(), tag)))
                .orElse(List.of());
    }

    @Override
    public List<Title> popular(TitleType type, Locale language) {
        String tag = language(language);
        return media(type).map(media -> guarded(() -> titles(client.popular(settings, media, tag, 1).results(), tag))).orElse(List.of());
    }

    @Override
    public List<Title> upcoming(TitleType type, Locale language) {
        String tag = language(language);
        return media(type).map(media -> guarded(() -> titles(client.upcoming(settings, media, tag, 1).results(), tag))).orElse(List.of());
    }

    private List<Title> related(TitleType type, TitleIds ids, Locale language, boolean recommended) {
        String tag = language(language);
        Optional<TmdbClient.Media> media = media(type);
        if (media.isEmpty()) {
            return List.of();
        }
        return guarded(() -> {
            OptionalInt id = tmdbId(type, ids, tag);
            if (id.isEmpty()) {
                return List.of();
            }
            TmdbClient.Page page = recommended ? client.recommendations(settings, media.get(), id.getAsInt(), tag, 1)
                    : client.similar(settings, media.get(), id.getAsInt(), tag, 1);
            return titles(page.results(), tag);
        });
    }

    /** The TMDb id, looked up by IMDb or TVDB id (GET /3/find) when the title came from elsewhere. */
    private OptionalInt tmdbId(TitleType type, TitleIds ids, String language) {
        if (ids.tmdb().isPresent()) {
            return ids.tmdb();
        }
        if (type == TitleType.BOOK) {
            return OptionalInt.empty();
        }
        TmdbClient.Found found;
        if (ids.imdb().isPresent()) {
            found = client.find(settings, ids.imdb().get(), TmdbClient.ExternalSource.IMDB_ID, language);
        } else if (ids.tvdb().isPresent()) {
            found = client.find(settings, String.valueOf(ids.tvdb().getAsInt()), TmdbClient.ExternalSource.TVDB_ID, language);
        } else {
            return OptionalInt.empty();
        }
        List<TmdbClient.ListItem> matches = type == TitleType.MOVIE ? found.movieResults() : found.tvResults();
        return matches.isEmpty() ? OptionalInt.empty() : OptionalInt.of(matches.getFirst().id());
    }

    private List<Title> titles(List<TmdbClient.ListItem> items, String language) {
        TmdbImages images = reference.images(settings);
        return items.stream().map(item -> title(item, images, language)).flatMap(Optional::stream).toList();
    }

    /** People in multi search results, and entries without a name, are left out. */
    private Optional<Title> title(TmdbClient.ListItem item, TmdbImages images, String language) {
        Optional<TmdbClient.Media> media = item.media();
        if (media.isEmpty() || item.displayTitle() == null || item.displayTitle().isBlank() || item.id() <= 0) {
            return Optional.empty();
        }
        Map<Integer, String> genreNames = reference.genres(settings, media.get(), language);
        List<String> genres = item.genreIds().stream().map(genreNames::get).filter(java.util.Objects::nonNull).toList();
        return Optional.of(new Title(media.get() == TmdbClient.Media.MOVIE ? TitleType.MOVIE : TitleType.SERIES, TitleIds.ofTmdb(item.id()),
                item.displayTitle(), item.displayOriginalTitle(), year(item.date().orElse(null)), item.overview(),
                images.poster(item.posterPath()), rating(item.voteAverage(), item.voteCount()), genres));
    }

    private TitleDetails movieDetails(TmdbClient.MovieDetails movie, String language) {
        TmdbImages images = reference.images(settings);
        TitleIds ids = TitleIds.of(movie.id(), null, movie.imdbId()).orElseThrow();
        Title title = new Title(TitleType.MOVIE, ids, movie.title(), movie.originalTitle(), year(movie.releaseDate()), movie.overview(),
                images.poster(movie.posterPath()), rating(movie.voteAverage(), movie.voteCount()),
                movie.genres().stream().map(TmdbClient.Genre::name).toList());
        return new TitleDetails(title, minutes(movie.runtime()), movie.releaseDates().certification(country(language)),
                movie.credits().leadingCast(8), movie.credits().withJob("Director"), trailer(movie.videos()), List.of());
    }

    private TitleDetails tvDetails(TmdbClient.TvDetails tv, String language) {
        TmdbImages images = reference.images(settings);
        TitleIds ids = TitleIds.of(tv.id(), tv.externalIds().tvdbId(), tv.externalIds().imdbId()).orElseThrow();
        Title title = new Title(TitleType.SERIES, ids, tv.name(), tv.originalName(), year(tv.firstAirDate()), tv.overview(),
                images.poster(tv.posterPath()), rating(tv.voteAverage(), tv.voteCount()), tv.genres().stream().map(TmdbClient.Genre::name).toList());
        // Season 0 holds the specials; requests and availability count the regular seasons only.
        List<TitleDetails.Season> seasons = tv.seasons().stream().filter(season -> season.seasonNumber() > 0)
                .map(season -> new TitleDetails.Season(season.seasonNumber(), season.name(),
                        season.episodeCount() == null ? OptionalInt.empty() : OptionalInt.of(Math.max(0, season.episodeCount())),
                        date(season.airDate())))
                .toList();
        return new TitleDetails(title, minutes(tv.episodeRunTime().isEmpty() ? null : tv.episodeRunTime().getFirst()),
                tv.contentRatings().rating(country(language)), tv.credits().leadingCast(8),
                tv.createdBy().stream().map(TmdbClient.Creator::name).toList(), trailer(tv.videos()), List.of(), seasons);
    }

    private static Optional<URI> trailer(TmdbClient.Videos videos) {
        return videos.youtubeTrailerKey().map(key -> URI.create("https://www.youtube.com/watch?v=" + key));
    }

    private static Optional<TmdbClient.Media> media(TitleType type) {
        return switch (type) {
            case MOVIE -> Optional.of(TmdbClient.Media.MOVIE);
            case SERIES -> Optional.of(TmdbClient.Media.TV);
            case BOOK -> Optional.empty();
        };
    }

    /** TMDb sends 0.0 for a title nobody has rated yet; that is "no rating", not a bad one. */
    private static OptionalDouble rating(Double average, Integer votes) {
        return average == null || votes == null || votes == 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.max(0, Math.min(10, average)));
    }

    private static OptionalInt minutes(Integer runtime) {
        return runtime == null || runtime <= 0 ? OptionalInt.empty() : OptionalInt.of(runtime);
    }

    /** TMDb dates are "2014-04-15"; a blank or malformed one is no date. */
    static Optional<LocalDate> date(String text) {
        if (text == null || text.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static OptionalInt year(String date) {
        if (date == null || date.length() < 4) {
            return OptionalInt.empty();
        }
        try {
            int year = Integer.parseInt(date.substring(0, 4));
            return year >= 1800 && year <= 2200 ? OptionalInt.of(year) : OptionalInt.empty();
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** "ru" becomes "ru-RU", "en" "en-US"; a locale TMDb cannot take falls back to the instance's default. */
    private String language(Locale locale) {
        String tag = tagOf(locale);
        return TMDB_LANGUAGE.matcher(tag).matches() ? tag : tagOf(settings.defaultLanguage());
    }

    private static String tagOf(Locale locale) {
        String language = locale.getLanguage();
        String country = locale.getCountry();
        if (country.isEmpty()) {
            country = USUAL_REGION.getOrDefault(language, "");
        }
        return country.isEmpty() ? language : language + "-" + country;
    }

    /** The country whose age ratings to show: the region of the language tag. */
    private static String country(String languageTag) {
        int dash = languageTag.indexOf('-');
        return dash < 0 ? "US" : languageTag.substring(dash + 1);
    }

    private <T> T guarded(Supplier<T> call) {
        try {
            return call.get();
        } catch (RemoteFailure failure) {
            throw new MetadataFailure(ServiceProblem.of(failure.kind().messageKey(), instance.name(), instance.baseUrl().toString()), failure);
        }
    }
}
