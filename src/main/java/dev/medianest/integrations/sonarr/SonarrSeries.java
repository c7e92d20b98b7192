package dev.medianest.integrations.sonarr;

import dev.medianest.features.catalog.MediaKeeper;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.integrations.arr.ArrQueue;
import dev.medianest.integrations.arr.ArrSettings;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One Sonarr instance (v3 or v4) as the catalog's MediaKeeper of series. */
final class SonarrSeries implements MediaKeeper {

    private final SonarrClient sonarr;
    private final ArrSettings settings;
    private final Optional<Integer> languageProfileId;
    private final String seriesType;
    private final boolean seasonFolder;

    SonarrSeries(SonarrClient sonarr, ServiceInstance instance) {
        this.sonarr = sonarr;
        this.settings = ArrSettings.of(instance);
        this.languageProfileId = ArrSettings.positiveNumber(instance, "languageProfileId");
        this.seriesType = instance.option("seriesType").filter(SonarrClient.SERIES_TYPES::contains).orElse("standard");
        this.seasonFolder = !"false".equals(instance.option("seasonFolder").orElse("true"));
    }

    @Override
    public Kind kind() {
        return Kind.SERIES;
    }

    @Override
    public List<Title> search(String text) {
        return sonarr.lookup(settings.endpoint(), settings.apiKey(), text).stream().map(SonarrSeries::title).toList();
    }

    @Override
    public Optional<Title> find(ExternalId id) {
        return lookup(id).map(SonarrSeries::title);
    }

    @Override
    public Presence presence(ExternalId id) {
        return tvdbId(id).flatMap(this::library).map(series -> new Presence(Optional.of((long) series.id()), series.monitored(),
                        series.statistics() == null ? 0 : series.statistics().episodeFileCount(),
                        series.statistics() == null ? 0 : series.statistics().episodeCount(), downloads(List.of(series.id()))))
                .orElse(Presence.absent());
    }

    @Override
    public Added add(Addition addition) {
        Optional<SonarrClient.Series> kept = tvdbId(addition.id()).flatMap(this::library);
        if (kept.isPresent()) {
            return searchAgain(kept.get(), addition);
        }
        SonarrClient.Series found = lookup(addition.id()).orElseThrow(() -> new AppException(ErrorCode.NOT_FOUND));
        int profile = settings.qualityProfile(addition.qualityProfileId(), sonarr.shared());
        String folder = settings.rootFolder(addition.rootFolder(), sonarr.shared());
        Integer language = sonarr.languageProfiles(settings.endpoint(), settings.apiKey())
                .map(profiles -> ArrSettings.choose(Optional.empty(), languageProfileId, () -> profiles, SonarrClient.LanguageProfile::id,
                        "languageProfileId", "validation.arr.language_profile_missing"))
                .orElse(null);
        SonarrClient.Series added = sonarr.add(settings.endpoint(), settings.apiKey(), SonarrClient.NewSeries.of(found, addition.seasons(),
                profile, language, folder, seasonFolder, seriesType, settings.tagsWith(addition.tags()), addition.monitored(), addition.searchNow()));
        return new Added(added.id(), added.title(), false, addition.searchNow());
    }

    /**
     * A series Sonarr already keeps is not added again; a search for its missing episodes starts
     * instead: of the chosen seasons one by one, else of the whole series.
     */
    private Added searchAgain(SonarrClient.Series series, Addition addition) {
        boolean missing = series.statistics() == null || series.statistics().episodeFileCount() < series.statistics().episodeCount();
        boolean search = addition.searchNow() && missing;
        if (search && addition.seasons().isEmpty()) {
            sonarr.searchSeries(settings.endpoint(), settings.apiKey(), series.id());
        } else if (search) {
            addition.seasons().stream().sorted().forEach(season -> sonarr.searchSeason(settings.endpoint(), settings.apiKey(), series.id(), season));
        }
        return new Added(series.id(), series.title(), true, search);
    }

    @Override
    public List<Download> queue() {
        return downloads(List.of());
    }

    @Override
    public List<Kept> library() {
        Map<Long, List<Download>> downloading = queue().stream().collect(Collectors.groupingBy(Download::libraryId));
        return sonarr.series(settings.endpoint(), settings.apiKey()).stream().filter(SonarrClient.Series::inLibrary)
                .map(series -> kept(series, downloading.getOrDefault((long) series.id(), List.of()))).flatMap(Optional::stream).toList();
    }

    /** The library list carries each season's statistics (SeriesResource.seasons[].statistics), so no call per series is needed. */
    private static Optional<Kept> kept(SonarrClient.Series series, List<Download> downloads) {
        List<ExternalId> ids = title(series).ids();
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        SonarrClient.SeriesStatistics totals = series.statistics();
        Presence presence = new Presence(Optional.of((long) series.id()), series.monitored(),
                totals == null ? 0 : totals.episodeFileCount(), totals == null ? 0 : totals.episodeCount(), downloads);
        List<SeasonPresence> seasons = series.seasons().stream().map(season -> season.statistics() == null
                        ? new SeasonPresence(season.seasonNumber(), season.monitored(), 0, 0, 0)
                        : new SeasonPresence(season.seasonNumber(), season.monitored(), season.statistics().episodeFileCount(),
                        season.statistics().episodeCount(), season.statistics().totalEpisodeCount()))
                .toList();
        return Optional.of(new Kept(ids, presence, seasons));
    }

    private List<Download> downloads(List<Integer> seriesIds) {
        return ArrQueue.downloads(page -> sonarr.queue(settings.endpoint(), settings.apiKey(), page, ArrQueue.PAGE_SIZE, seriesIds),
                ArrApi.QueueRecord::seriesId);
    }

    /**
     * Sonarr looks series up by TVDB id with the term "tvdb:ID" and by IMDb id with "imdb:ID"
     * (SkyHookProxy.SearchForNewSeries, SearchForNewSeriesByImdbId); it knows no TMDb lookup.
     */
    private Optional<SonarrClient.Series> lookup(ExternalId id) {
        return switch (id.catalogue()) {
            case TVDB -> sonarr.lookupTvdb(settings.endpoint(), settings.apiKey(), id.number());
            case IMDB -> sonarr.lookup(settings.endpoint(), settings.apiKey(), "imdb:" + id.value()).stream().findFirst();
            case TMDB, GOODREADS, ISBN -> Optional.empty();
        };
    }

    private Optional<Integer> tvdbId(ExternalId id) {
        return id.catalogue() == Catalogue.TVDB ? Optional.of(id.number()) : lookup(id).map(SonarrClient.Series::tvdbId);
    }

    private Optional<SonarrClient.Series> library(int tvdbId) {
        return sonarr.seriesWithTvdbId(settings.endpoint(), settings.apiKey(), tvdbId).stream().findFirst();
    }

    static Title title(SonarrClient.Series series) {
        List<ExternalId> ids = Stream.of(
                        series.tvdbId() > 0 ? Optional.of(ExternalId.tvdb(series.tvdbId())) : Optional.<ExternalId>empty(),
                        series.tmdbId() > 0 ? Optional.of(ExternalId.tmdb(series.tmdbId())) : Optional.<ExternalId>empty(),
                        ExternalId.parse(Catalogue.IMDB, Objects.requireNonNullElse(series.imdbId(), "")))
                .flatMap(Optional::stream).toList();
        return new Title(Kind.SERIES, series.title(), series.year(), ids, series.overview(),
                ArrApi.Image.poster(series.remotePoster(), series.images()), Optional.empty(),
                series.seasons().stream().map(SonarrClient.Season::seasonNumber).toList(),
                series.inLibrary() ? Optional.of((long) series.id()) : Optional.empty());
    }

    @Override
    public int tag(String label) {
        return sonarr.shared().tag(settings.endpoint(), settings.apiKey(), label).id();
    }
}
