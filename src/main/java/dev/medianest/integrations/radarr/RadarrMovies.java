package dev.medianest.integrations.radarr;

import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.integrations.arr.ArrQueue;
import dev.medianest.integrations.arr.ArrSettings;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import dev.medianest.platform.http.RemoteFailure;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One Radarr instance as the catalog's MediaKeeper of movies. */
final class RadarrMovies implements MediaKeeper {

    private final RadarrClient radarr;
    private final ArrSettings settings;
    private final String minimumAvailability;

    RadarrMovies(RadarrClient radarr, ServiceInstance instance) {
        this.radarr = radarr;
        this.settings = ArrSettings.of(instance);
        this.minimumAvailability = instance.option("minimumAvailability").filter(RadarrClient.AVAILABILITIES::contains).orElse("released");
    }

    @Override
    public Kind kind() {
        return Kind.MOVIE;
    }

    @Override
    public List<Title> search(String text) {
        return radarr.lookup(settings.endpoint(), settings.apiKey(), text).stream().map(RadarrMovies::title).toList();
    }

    @Override
    public Optional<Title> find(ExternalId id) {
        return lookup(id).map(found -> library(found.tmdbId()).orElse(found)).map(RadarrMovies::title);
    }

    @Override
    public Presence presence(ExternalId id) {
        return tmdbId(id).flatMap(this::library).map(movie -> new Presence(Optional.of((long) movie.id()),
                        movie.monitored(), movie.downloaded() ? 1 : 0, 1, downloads(List.of(movie.id()))))
                .orElse(Presence.absent());
    }

    @Override
    public Added add(Addition addition) {
        Optional<RadarrClient.Movie> kept = tmdbId(addition.id()).flatMap(this::library);
        if (kept.isPresent()) {
            RadarrClient.Movie movie = kept.get();
            boolean search = addition.searchNow() && !movie.downloaded();
            if (search) {
                radarr.searchMovies(settings.endpoint(), settings.apiKey(), List.of(movie.id()));
            }
            return new Added(movie.id(), movie.title(), true, search);
        }
        RadarrClient.Movie found = lookup(addition.id()).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        RadarrClient.Movie added = radarr.add(settings.endpoint(), settings.apiKey(), RadarrClient.NewMovie.of(found,
                settings.qualityProfile(addition.qualityProfileId(), radarr.shared()), settings.rootFolder(addition.rootFolder(), radarr.shared()),
                minimumAvailability, settings.tagsWith(addition.tags()), addition.monitored(), addition.searchNow()));
        return new Added(added.id(), added.title(), false, addition.searchNow());
    }

    @Override
    public List<Download> queue() {
        return downloads(List.of());
    }

    @Override
    public List<Kept> library() {
        Map<Long, List<Download>> downloading = queue().stream().collect(Collectors.groupingBy(Download::libraryId));
        return radarr.movies(settings.endpoint(), settings.apiKey()).stream().filter(RadarrClient.Movie::inLibrary)
                .map(movie -> kept(movie, downloading.getOrDefault((long) movie.id(), List.of()))).flatMap(Optional::stream).toList();
    }

    private static Optional<Kept> kept(RadarrClient.Movie movie, List<Download> downloads) {
        List<ExternalId> ids = title(movie).ids();
        return ids.isEmpty() ? Optional.empty() : Optional.of(new Kept(ids,
                new Presence(Optional.of((long) movie.id()), movie.monitored(), movie.downloaded() ? 1 : 0, 1, downloads), List.of()));
    }

    private List<Download> downloads(List<Integer> movieIds) {
        return ArrQueue.downloads(page -> radarr.queue(settings.endpoint(), settings.apiKey(), page, ArrQueue.PAGE_SIZE, movieIds),
                ArrApi.QueueRecord::movieId);
    }

    /**
     * The movie as TMDb describes it through Radarr; empty for catalogues Radarr cannot look up and
     * for ids TMDb does not know. Radarr answers those with a 500 whose message says "was not found":
     * MovieNotFoundException is no client exception, so RadarrErrorPipeline gives it the default
     * status (src/NzbDrone.Core/Exceptions/MovieNotFoundException.cs,
     * src/Radarr.Http/ErrorManagement/RadarrErrorPipeline.cs); a 404 is taken the same way.
     */
    private Optional<RadarrClient.Movie> lookup(ExternalId id) {
        try {
            return switch (id.catalogue()) {
                case TMDB -> Optional.of(radarr.lookupTmdb(settings.endpoint(), settings.apiKey(), id.number()));
                case IMDB -> Optional.of(radarr.lookupImdb(settings.endpoint(), settings.apiKey(), id.value()));
                case TVDB, GOODREADS, ISBN -> Optional.empty();
            };
        } catch (RemoteFailure failure) {
            boolean unknown = failure.kind() == RemoteFailure.Kind.NOT_FOUND
                    || (failure.kind() == RemoteFailure.Kind.SERVER_ERROR && String.valueOf(failure.getMessage()).contains("was not found"));
            if (unknown) {
                return Optional.empty();
            }
            throw failure;
        }
    }

    /** Radarr keys its library by TMDb id; an IMDb id is translated by a lookup first. */
    private Optional<Integer> tmdbId(ExternalId id) {
        return id.catalogue() == Catalogue.TMDB ? Optional.of(id.number()) : lookup(id).map(RadarrClient.Movie::tmdbId);
    }

    /** The library's copy: id lookups never say whether Radarr keeps the movie, the library query by TMDb id does. */
    private Optional<RadarrClient.Movie> library(int tmdbId) {
        return radarr.moviesWithTmdbId(settings.endpoint(), settings.apiKey(), tmdbId).stream().findFirst();
    }

    static Title title(RadarrClient.Movie movie) {
        List<ExternalId> ids = Stream.of(
                        movie.tmdbId() > 0 ? Optional.of(ExternalId.tmdb(movie.tmdbId())) : Optional.<ExternalId>empty(),
                        ExternalId.parse(Catalogue.IMDB, Objects.requireNonNullElse(movie.imdbId(), "")))
                .flatMap(Optional::stream).toList();
        return new Title(Kind.MOVIE, movie.title(), movie.year(), ids, movie.overview(),
                ArrApi.Image.poster(movie.remotePoster(), movie.images()), Optional.empty(), List.of(),
                movie.inLibrary() ? Optional.of((long) movie.id()) : Optional.empty());
    }

    @Override
    public int tag(String label) {
        return radarr.shared().tag(settings.endpoint(), settings.apiKey(), label).id();
    }
}
