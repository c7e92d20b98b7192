package dev.medianest.integrations.radarr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.platform.http.RemoteHttp;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Radarr's API v3 (spec: radarr-v3.openapi.json in ../shared/specs), stateless: every call names
 * the instance and its API key. What Radarr shares with Sonarr and Readarr (status, profiles, root
 * folders, tags, disk space, queue, history, commands) is in {@link #shared()}.
 */
public final class RadarrClient {

    /** The minimum availability values of MovieStatusType a movie can wait for (tba and deleted are states, not choices). */
    public static final Set<String> AVAILABILITIES = Set.of("announced", "inCinemas", "released");

    private final ArrApi api;

    public RadarrClient(RemoteHttp http) {
        this.api = new ArrApi(http, "/api/v3");
    }

    /**
     * MovieResource: a movie from the library, or from a lookup. Term lookups return movies already
     * in the library with their library {@code id}; the TMDb and IMDb lookups never do
     * (src/Radarr.Api.V3/Movies/MovieLookupController.cs builds a new Movie for them).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Movie(int id, String title, String originalTitle, int year, int tmdbId, String imdbId, String overview,
                        String status, boolean monitored, Boolean hasFile, Long sizeOnDisk, String path, int qualityProfileId,
                        String minimumAvailability, boolean isAvailable, List<Integer> tags, List<ArrApi.Image> images,
                        String remotePoster, Instant inCinemas, Instant digitalRelease, Instant physicalRelease, Instant added,
                        MovieFile movieFile) {
        public Movie {
            tags = tags == null ? List.of() : List.copyOf(tags);
            images = images == null ? List.of() : List.copyOf(images);
        }

        public boolean inLibrary() {
            return id > 0;
        }

        public boolean downloaded() {
            return Boolean.TRUE.equals(hasFile);
        }
    }

    /** MovieFileResource, reduced to what a person asks about a file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record MovieFile(int id, String relativePath, long size, Instant dateAdded, ArrApi.Quality quality) {
    }

    /**
     * The MovieResource fields Radarr reads when a movie is added (MovieController.AddMovie):
     * Radarr fetches the rest from TMDb by {@code tmdbId}. {@code addOptions.monitor} is movieOnly
     * or none (movieAndCollection would add the whole collection).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewMovie(String title, int year, int tmdbId, int qualityProfileId, String rootFolderPath, boolean monitored,
                           String minimumAvailability, List<Integer> tags, AddMovieOptions addOptions) {
        public NewMovie {
            if (tmdbId <= 0 || qualityProfileId <= 0) {
                throw new IllegalArgumentException("a new movie needs its TMDb id and a quality profile");
            }
            if (rootFolderPath == null || rootFolderPath.isBlank()) {
                throw new IllegalArgumentException("a new movie needs a root folder");
            }
            if (!AVAILABILITIES.contains(minimumAvailability)) {
                throw new IllegalArgumentException("minimum availability is one of " + AVAILABILITIES);
            }
            tags = List.copyOf(tags);
        }

        public static NewMovie of(Movie found, int qualityProfileId, String rootFolderPath, String minimumAvailability,
                                  List<Integer> tags, boolean monitored, boolean search) {
            return new NewMovie(found.title(), found.year(), found.tmdbId(), qualityProfileId, rootFolderPath, monitored,
                    minimumAvailability, tags, new AddMovieOptions(monitored ? "movieOnly" : "none", search));
        }
    }

    /** AddMovieOptions. */
    public record AddMovieOptions(String monitor, boolean searchForMovie) {
    }

    public ArrApi shared() {
        return api;
    }

    /** GET /movie/lookup?term=: TMDb search through Radarr, in Radarr's metadata language. */
    public List<Movie> lookup(RemoteHttp.Endpoint endpoint, String apiKey, String term) {
        return api.list(endpoint, apiKey, ArrApi.withQuery("/movie/lookup", "term", term), Movie.class);
    }

    /** GET /movie/lookup/tmdb?tmdbId=; for an id TMDb does not know Radarr answers 500 "… was not found". */
    public Movie lookupTmdb(RemoteHttp.Endpoint endpoint, String apiKey, int tmdbId) {
        return api.get(endpoint, apiKey, ArrApi.withQuery("/movie/lookup/tmdb", "tmdbId", tmdbId), Movie.class);
    }

    /** GET /movie/lookup/imdb?imdbId=. */
    public Movie lookupImdb(RemoteHttp.Endpoint endpoint, String apiKey, String imdbId) {
        return api.get(endpoint, apiKey, ArrApi.withQuery("/movie/lookup/imdb", "imdbId", imdbId), Movie.class);
    }

    /** POST /movie; Radarr answers 201 with the movie as stored, and 400 when the movie is already there. */
    public Movie add(RemoteHttp.Endpoint endpoint, String apiKey, NewMovie movie) {
        return api.post(endpoint, apiKey, "/movie", movie, Movie.class);
    }

    /** GET /movie: the whole library. */
    public List<Movie> movies(RemoteHttp.Endpoint endpoint, String apiKey) {
        return api.library(endpoint, apiKey, "/movie", Movie.class);
    }

    /** GET /movie?tmdbId=: the library's movie with that TMDb id, or nothing. */
    public List<Movie> moviesWithTmdbId(RemoteHttp.Endpoint endpoint, String apiKey, int tmdbId) {
        return api.list(endpoint, apiKey, ArrApi.withQuery("/movie", "tmdbId", tmdbId), Movie.class);
    }

    /** GET /movie/{id}. */
    public Movie movie(RemoteHttp.Endpoint endpoint, String apiKey, int id) {
        return api.get(endpoint, apiKey, "/movie/" + id, Movie.class);
    }

    /** One page of the download queue, only for the given movies when any are named. */
    public ArrApi.Page<ArrApi.QueueRecord> queue(RemoteHttp.Endpoint endpoint, String apiKey, int page, int pageSize, List<Integer> movieIds) {
        return api.queue(endpoint, apiKey, page, pageSize, "movieIds", movieIds);
    }

    /** One page of the history, newest first. */
    public ArrApi.Page<ArrApi.HistoryRecord> history(RemoteHttp.Endpoint endpoint, String apiKey, int page, int pageSize) {
        return api.history(endpoint, apiKey, page, pageSize);
    }

    /** POST /command MoviesSearch: look for releases of these movies now. */
    public ArrApi.Command searchMovies(RemoteHttp.Endpoint endpoint, String apiKey, List<Integer> movieIds) {
        if (movieIds.isEmpty()) {
            throw new IllegalArgumentException("name at least one movie to search for");
        }
        return api.command(endpoint, apiKey, "MoviesSearch", "movieIds", List.copyOf(movieIds));
    }

    /** GET /calendar?start&end: monitored movies with a cinema, digital or physical release in the window. */
    public List<Movie> calendar(RemoteHttp.Endpoint endpoint, String apiKey, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the calendar window must end after it starts");
        }
        return api.list(endpoint, apiKey, ArrApi.withQuery("/calendar", "start", start, "end", end), Movie.class);
    }

    /** DELETE /movie/{id}; {@code addImportExclusion} keeps lists from adding it again. */
    public void delete(RemoteHttp.Endpoint endpoint, String apiKey, int id, boolean deleteFiles, boolean addImportExclusion) {
        api.delete(endpoint, apiKey, ArrApi.withQuery("/movie/" + id, "deleteFiles", deleteFiles, "addImportExclusion", addImportExclusion));
    }
}
