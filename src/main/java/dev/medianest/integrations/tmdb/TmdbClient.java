package dev.medianest.integrations.tmdb;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.medianest.platform.http.RemoteHttp;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * TMDb's API v3 (spec: tmdb-v3.openapi.json in ../shared/specs, the official OpenAPI 3.1 file):
 * search, details with credits, videos and release dates or content ratings in one call, lists
 * (recommendations, similar, trending, popular, upcoming, discover), genres and the image
 * configuration. Every call takes the language of the person asking ("ru-RU" gives Russian
 * titles and overviews where TMDb has them, falling back to the original). Stateless.
 */
public final class TmdbClient {

    /** ISO 639-1, optionally with an ISO 3166-1 region: the {@code language} TMDb documents. */
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2}(-[A-Z]{2})?");

    private final RemoteHttp http;

    public TmdbClient(RemoteHttp http) {
        this.http = http;
    }

    /** Movies or series: TMDb's two kinds of title, as they appear in paths ({@code /3/movie}, {@code /3/tv}). */
    public enum Media {
        MOVIE("movie"), TV("tv");

        private final String path;

        Media(String path) {
            this.path = path;
        }

        public String path() {
            return path;
        }
    }

    /** {@code time_window} of the trending lists. */
    public enum Window { DAY, WEEK }

    /** GET /3/authentication: whether the credential is valid. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Authentication(boolean success, int statusCode, String statusMessage) {
    }

    /** The images part of GET /3/configuration. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ImageConfiguration(String baseUrl, String secureBaseUrl, List<String> posterSizes, List<String> backdropSizes,
                                     List<String> profileSizes) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Configuration(ImageConfiguration images) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Genre(int id, String name) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record GenreList(List<Genre> genres) {
        public GenreList {
            genres = genres == null ? List.of() : List.copyOf(genres);
        }

        public Map<Integer, String> byId() {
            return genres.stream().collect(Collectors.toMap(Genre::id, Genre::name, (a, b) -> a, LinkedHashMap::new));
        }
    }

    /**
     * One entry of a result list: a movie ({@code title}, {@code release_date}), a series
     * ({@code name}, {@code first_air_date}) or, in multi search, a person. {@code media_type} is
     * sent by multi search and trending only; the other lists leave it out, so {@link #media} fills it.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ListItem(int id, String mediaType, String title, String name, String originalTitle, String originalName,
                           String releaseDate, String firstAirDate, String overview, String posterPath, String backdropPath,
                           Double voteAverage, Integer voteCount, Double popularity, List<Integer> genreIds, String originalLanguage) {
        public ListItem {
            genreIds = genreIds == null ? List.of() : List.copyOf(genreIds);
        }

        /** The kind of title, from {@code media_type} or from the fields only that kind has. */
        public Optional<Media> media() {
            if (mediaType != null) {
                return switch (mediaType) {
                    case "movie" -> Optional.of(Media.MOVIE);
                    case "tv" -> Optional.of(Media.TV);
                    default -> Optional.empty();
                };
            }
            return title != null ? Optional.of(Media.MOVIE) : name != null ? Optional.of(Media.TV) : Optional.empty();
        }

        public String displayTitle() {
            return title != null ? title : name;
        }

        public String displayOriginalTitle() {
            return originalTitle != null ? originalTitle : originalName;
        }

        public Optional<String> date() {
            return Optional.ofNullable(releaseDate != null ? releaseDate : firstAirDate).filter(text -> !text.isBlank());
        }

        /** This entry with its kind filled in when the list did not name it. */
        ListItem of(Media media) {
            return mediaType != null ? this : new ListItem(id, media.path(), title, name, originalTitle, originalName, releaseDate,
                    firstAirDate, overview, posterPath, backdropPath, voteAverage, voteCount, popularity, genreIds, originalLanguage);
        }
    }

    /** A page of a result list. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(int page, List<ListItem> results, int totalPages, int totalResults) {
        public Page {
            results = results == null ? List.of() : List.copyOf(results);
        }

        /** Entries of lists that name no kind are of the kind the list is for. */
        Page of(Media media) {
            return new Page(page, results.stream().map(item -> item.of(media)).toList(), totalPages, totalResults);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CastMember(int id, String name, String character, Integer order, String profilePath) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CrewMember(int id, String name, String job, String department) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Credits(List<CastMember> cast, List<CrewMember> crew) {
        public Credits {
            cast = cast == null ? List.of() : List.copyOf(cast);
            crew = crew == null ? List.of() : List.copyOf(crew);
        }

        /** Top-billed first, as TMDb's {@code order} says. */
        public List<String> leadingCast(int count) {
            return cast.stream().sorted(Comparator.comparing(member -> member.order() == null ? Integer.MAX_VALUE : member.order()))
                    .limit(count).map(CastMember::name).toList();
        }

        public List<String> withJob(String job) {
            return crew.stream().filter(member -> job.equals(member.job())).map(CrewMember::name).distinct().toList();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Video(String key, String site, String type, String name, Boolean official,
                        @JsonProperty("iso_639_1") String language) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Videos(List<Video> results) {
        public Videos {
            results = results == null ? List.of() : List.copyOf(results);
        }

        /** The official YouTube trailer if there is one, else any YouTube trailer or teaser. */
        public Optional<String> youtubeTrailerKey() {
            Comparator<Video> preference = Comparator.comparing((Video video) -> !"Trailer".equals(video.type()))
                    .thenComparing(video -> !Boolean.TRUE.equals(video.official()));
            return results.stream().filter(video -> "YouTube".equals(video.site()) && video.key() != null)
                    .filter(video -> "Trailer".equals(video.type()) || "Teaser".equals(video.type()))
                    .sorted(preference).map(Video::key).findFirst();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ReleaseDate(String certification, String releaseDate, int type) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CountryReleases(@JsonProperty("iso_3166_1") String country, List<ReleaseDate> releaseDates) {
        public CountryReleases {
            releaseDates = releaseDates == null ? List.of() : List.copyOf(releaseDates);
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ReleaseDates(List<CountryReleases> results) {
        public ReleaseDates {
            results = results == null ? List.of() : List.copyOf(results);
        }

        /**
         * The age rating in one country ("US" → "PG-13", "RU" → "12+"); the theatrical release
         * (type 3 in TMDb's release types) wins over others when both carry one.
         */
        public Optional<String> certification(String country) {
            return results.stream().filter(entry -> country.equalsIgnoreCase(entry.country())).flatMap(entry -> entry.releaseDates().stream())
                    .filter(date -> date.certification() != null && !date.certification().isBlank())
                    .sorted(Comparator.comparing(date -> date.type() != 3)).map(ReleaseDate::certification).findFirst();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ContentRating(@JsonProperty("iso_3166_1") String country, String rating) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ContentRatings(List<ContentRating> results) {
        public ContentRatings {
            results = results == null ? List.of() : List.copyOf(results);
        }

        public Optional<String> rating(String country) {
            return results.stream().filter(entry -> country.equalsIgnoreCase(entry.country()) && entry.rating() != null && !entry.rating().isBlank())
                    .map(ContentRating::rating).findFirst();
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record ExternalIds(String imdbId, Integer tvdbId) {
    }

    /** GET /3/movie/{id} with credits, videos and release_dates appended. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record MovieDetails(int id, String imdbId, String title, String originalTitle, String overview, String tagline,
                               String releaseDate, String status, Integer runtime, String posterPath, String backdropPath,
                               Double voteAverage, Integer voteCount, List<Genre> genres, Credits credits, Videos videos,
                               ReleaseDates releaseDates) {
        public MovieDetails {
            genres = genres == null ? List.of() : List.copyOf(genres);
            credits = credits == null ? new Credits(List.of(), List.of()) : credits;
            videos = videos == null ? new Videos(List.of()) : videos;
            releaseDates = releaseDates == null ? new ReleaseDates(List.of()) : releaseDates;
        }
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record SeasonSummary(int seasonNumber, String name, Integer episodeCount, String airDate) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Creator(int id, String name) {
    }

    /** GET /3/tv/{id} with credits, videos, content_ratings and external_ids appended (the TVDB id Sonarr keys on). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record TvDetails(int id, String name, String originalName, String overview, String tagline, String firstAirDate,
                            String lastAirDate, String status, List<Integer> episodeRunTime, Integer numberOfSeasons,
                            Integer numberOfEpisodes, String posterPath, String backdropPath, Double voteAverage, Integer voteCount,
                            List<Genre> genres, List<SeasonSummary> seasons, List<Creator> createdBy, Credits credits, Videos videos,
                            ContentRatings contentRatings, ExternalIds externalIds) {
        public TvDetails {
            genres = genres == null ? List.of() : List.copyOf(genres);
            seasons = seasons == null ? List.of() : List.copyOf(seasons);
            createdBy = createdBy == null ? List.of() : List.copyOf(createdBy);
            episodeRunTime = episodeRunTime == null ? List.of() : List.copyOf(episodeRunTime);
            credits = credits == null ? new Credits(List.of(), List.of()) : credits;
            videos = videos == null ? new Videos(List.of()) : videos;
            contentRatings = contentRatings == null ? new ContentRatings(List.of()) : contentRatings;
            externalIds = externalIds == null ? new ExternalIds(null, null) : externalIds;
        }
    }

    /** GET /3/find/{external_id}: TMDb titles known by an IMDb or TVDB id. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Found(List<ListItem> movieResults, List<ListItem> tvResults) {
        public Found {
            movieResults = movieResults == null ? List.of() : movieResults.stream().map(item -> item.of(Media.MOVIE)).toList();
            tvResults = tvResults == null ? List.of() : tvResults.stream().map(item -> item.of(Media.TV)).toList();
        }
    }

    /** Which external id {@link #find} looks up. */
    public enum ExternalSource { IMDB_ID, TVDB_ID }

    public Authentication authentication(TmdbSettings settings) {
        return get(settings, "/3/authentication", Map.of(), Authentication.class);
    }

    public Configuration configuration(TmdbSettings settings) {
        return get(settings, "/3/configuration", Map.of(), Configuration.class);
    }

    /** Movies, series and people in one list; each entry says its {@code media_type}. */
    public Page searchMulti(TmdbSettings settings, String query, String language, int page) {
        return get(settings, "/3/search/multi", search(query, language, page), Page.class);
    }

    public Page searchMovies(TmdbSettings settings, String query, String language, int page) {
        return get(settings, "/3/search/movie", search(query, language, page), Page.class).of(Media.MOVIE);
    }

    public Page searchTv(TmdbSettings settings, String query, String language, int page) {
        return get(settings, "/3/search/tv", search(query, language, page), Page.class).of(Media.TV);
    }

    /** A movie with its credits, videos and release dates in one request (TMDb's append_to_response). */
    public MovieDetails movie(TmdbSettings settings, int id, String language) {
        return get(settings, "/3/movie/" + positive(id), parameters("append_to_response", "credits,videos,release_dates",
                "language", language(language)), MovieDetails.class);
    }

    /** A series with credits, videos, content ratings and external ids in one request. */
    public TvDetails tv(TmdbSettings settings, int id, String language) {
        return get(settings, "/3/tv/" + positive(id), parameters("append_to_response", "credits,videos,content_ratings,external_ids",
                "language", language(language)), TvDetails.class);
    }

    public Page recommendations(TmdbSettings settings, Media media, int id, String language, int page) {
        return get(settings, "/3/" + media.path() + "/" + positive(id) + "/recommendations", paged(language, page), Page.class).of(media);
    }

    public Page similar(TmdbSettings settings, Media media, int id, String language, int page) {
        return get(settings, "/3/" + media.path() + "/" + positive(id) + "/similar", paged(language, page), Page.class).of(media);
    }

    /** The spec declares no {@code page} for trending: the first page (20 titles) it is. */
    public Page trending(TmdbSettings settings, Media media, Window window, String language) {
        return get(settings, "/3/trending/" + media.path() + "/" + window.name().toLowerCase(Locale.ROOT),
                parameters("language", language(language)), Page.class).of(media);
    }

    public Page popular(TmdbSettings settings, Media media, String language, int page) {
        return get(settings, "/3/" + media.path() + "/popular", paged(language, page), Page.class).of(media);
    }

    /** Movies soon in cinemas (/3/movie/upcoming); for series, those with an episode in the next seven days (/3/tv/on_the_air). */
    public Page upcoming(TmdbSettings settings, Media media, String language, int page) {
        String path = media == Media.MOVIE ? "/3/movie/upcoming" : "/3/tv/on_the_air";
        return get(settings, path, paged(language, page), Page.class).of(media);
    }

    /** The most popular titles having every one of the genres ({@code with_genres} joined by commas means "and"). */
    public Page discoverByGenre(TmdbSettings settings, Media media, List<Integer> genreIds, String language, int page) {
        if (genreIds.isEmpty()) {
            throw new IllegalArgumentException("name at least one genre");
        }
        Map<String, String> parameters = paged(language, page);
        parameters.put("with_genres", genreIds.stream().map(id -> String.valueOf(positive(id))).collect(Collectors.joining(",")));
        parameters.put("sort_by", "popularity.desc");
        return get(settings, "/3/discover/" + media.path(), parameters, Page.class).of(media);
    }

    public GenreList genres(TmdbSettings settings, Media media, String language) {
        return get(settings, "/3/genre/" + media.path() + "/list", parameters("language", language(language)), GenreList.class);
    }

    public Found find(TmdbSettings settings, String externalId, ExternalSource source, String language) {
        if (externalId == null || !externalId.matches("[A-Za-z0-9]+")) {
            throw new IllegalArgumentException("an external id is letters and digits");
        }
        return get(settings, "/3/find/" + externalId, parameters("external_source", source.name().toLowerCase(Locale.ROOT),
                "language", language(language)), Found.class);
    }

    private <T> T get(TmdbSettings settings, String path, Map<String, String> parameters, Class<T> type) {
        Map<String, String> query = new LinkedHashMap<>(parameters);
        Map<String, String> headers = switch (settings.credential()) {
            case TmdbCredential.ReadAccessToken token -> Map.of("Authorization", "Bearer " + token.value());
            case TmdbCredential.ApiKey key -> {
                query.put("api_key", key.value());
                yield Map.of();
            }
        };
        String queryString = query.entrySet().stream().map(entry -> entry.getKey() + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        JavaType javaType = http.mapper().constructType(type);
        return http.json(settings.endpoint(), RemoteHttp.Call.get(queryString.isEmpty() ? path : path + "?" + queryString, headers), javaType);
    }

    private static Map<String, String> search(String query, String language, int page) {
        if (query == null || query.isBlank()) {
            throw new IllegalArgumentException("a search needs words to look for");
        }
        Map<String, String> parameters = paged(language, page);
        parameters.put("query", query.strip());
        parameters.put("include_adult", "false");
        return parameters;
    }

    private static Map<String, String> paged(String language, int page) {
        if (page < 1 || page > 500) {
            // TMDb serves pages 1 to 500 of any list.
            throw new IllegalArgumentException("pages run from 1 to 500");
        }
        return parameters("language", language(language), "page", String.valueOf(page));
    }

    private static Map<String, String> parameters(String... keysAndValues) {
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return parameters;
    }

    static String language(String language) {
        if (language == null || !LANGUAGE.matcher(language).matches()) {
            throw new IllegalArgumentException("language is like en-US or ru: " + language);
        }
        return language;
    }

    private static int positive(int id) {
        if (id <= 0) {
            throw new IllegalArgumentException("TMDb ids are positive");
        }
        return id;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
