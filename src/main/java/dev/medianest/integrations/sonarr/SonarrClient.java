package dev.medianest.integrations.sonarr;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.medianest.integrations.arr.ArrApi;
import dev.medianest.platform.http.RemoteFailure;
import dev.medianest.platform.http.RemoteHttp;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Sonarr's API v3 (spec: sonarr-v3.openapi.json in ../shared/specs), spoken by Sonarr v3 and v4
 * alike, stateless: every call names the instance and its API key. What Sonarr shares with Radarr
 * and Readarr (status, profiles, root folders, tags, disk space, queue, history, commands) is in
 * {@link #shared()}. The one difference between the two majors that matters here: v4 replaced
 * language profiles by custom formats (see {@link #languageProfiles}).
 */
public final class SonarrClient {

    /** SeriesTypes: how Sonarr numbers and names episodes. */
    public static final Set<String> SERIES_TYPES = Set.of("standard", "daily", "anime");

    private final ArrApi api;

    public SonarrClient(RemoteHttp http) {
        this.api = new ArrApi(http, "/api/v3");
    }

    /**
     * SeriesResource: a series from the library or from a lookup. Lookups return series already in
     * the library as they are stored, with their library {@code id}
     * (src/NzbDrone.Core/MetadataSource/SkyHook/SkyHookProxy.cs, MapSearchResult and the tvdb: branch).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Series(int id, String title, int year, int tvdbId, int tmdbId, String imdbId, String overview, String status,
                         String network, boolean monitored, List<Season> seasons, SeriesStatistics statistics, String path,
                         int qualityProfileId, Integer languageProfileId, String seriesType, boolean seasonFolder,
                         List<Integer> tags, List<ArrApi.Image> images, String remotePoster, Instant firstAired, Instant added,
                         String titleSlug) {
        public Series {
            seasons = seasons == null ? List.of() : List.copyOf(seasons);
            tags = tags == null ? List.of() : List.copyOf(tags);
            images = images == null ? List.of() : List.copyOf(images);
        }

        public boolean inLibrary() {
            return id > 0;
        }
    }

    /** SeasonResource; {@code statistics} only for series in the library. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Season(int seasonNumber, boolean monitored, SeasonStatistics statistics) {
    }

    /** SeasonStatisticsResource: {@code episodeCount} counts the monitored episodes aired or on disk. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SeasonStatistics(int episodeFileCount, int episodeCount, int totalEpisodeCount, long sizeOnDisk) {
    }

    /** SeriesStatisticsResource. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SeriesStatistics(int seasonCount, int episodeFileCount, int episodeCount, int totalEpisodeCount, long sizeOnDisk) {
    }

    /** EpisodeResource; {@code airDate} is the local date ("2024-02-29"), {@code airDateUtc} the instant. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Episode(int id, int seriesId, int seasonNumber, int episodeNumber, String title, String airDate, Instant airDateUtc,
                          boolean hasFile, boolean monitored, SeriesTitle series) {
    }

    /** The series beside a calendar episode (includeSeries), reduced to its name. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record SeriesTitle(int id, String title) {
    }

    /** LanguageProfileResource (Sonarr v3). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LanguageProfile(int id, String name) {
    }

    /**
     * The SeriesResource fields Sonarr reads when a series is added (SeriesController.AddSeries):
     * it fetches the rest from SkyHook by {@code tvdbId} but keeps the seasons it was sent, so the
     * seasons list carries the person's choice. {@code languageProfileId} only for Sonarr v3 (v4
     * ignores it and marks it read-only).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NewSeries(String title, int tvdbId, int qualityProfileId, Integer languageProfileId, String rootFolderPath,
                            boolean seasonFolder, String seriesType, boolean monitored, List<Integer> tags, List<NewSeason> seasons,
                            AddSeriesOptions addOptions) {
        public NewSeries {
            if (title == null || title.isBlank() || tvdbId <= 0 || qualityProfileId <= 0) {
                throw new IllegalArgumentException("a new series needs its title, TVDB id and a quality profile");
            }
            if (rootFolderPath == null || rootFolderPath.isBlank()) {
                throw new IllegalArgumentException("a new series needs a root folder");
            }
            if (!SERIES_TYPES.contains(seriesType)) {
                throw new IllegalArgumentException("series type is one of " + SERIES_TYPES);
            }
            if (languageProfileId != null && languageProfileId <= 0) {
                throw new IllegalArgumentException("language profile ids are positive");
            }
            tags = List.copyOf(tags);
            seasons = List.copyOf(seasons);
        }

        /**
         * The series found, with only the {@code chosen} seasons monitored (none chosen: every season
         * but specials). {@code monitor} stays "unknown": that value keeps Sonarr on the path that
         * follows the seasons' own flags, where any other (all, future …) would overrule them
         * (src/NzbDrone.Core/Tv/EpisodeMonitoredService.cs, LegacySetEpisodeMonitoredStatus).
         */
        public static NewSeries of(Series found, Set<Integer> chosen, int qualityProfileId, Integer languageProfileId,
                                   String rootFolderPath, boolean seasonFolder, String seriesType, List<Integer> tags,
                                   boolean monitored, boolean search) {
            List<NewSeason> seasons = found.seasons().stream().map(season -> new NewSeason(season.seasonNumber(),
                    monitored && (chosen.isEmpty() ? season.seasonNumber() > 0 : chosen.contains(season.seasonNumber())))).toList();
            return new NewSeries(found.title(), found.tvdbId(), qualityProfileId, languageProfileId, rootFolderPath, seasonFolder,
                    seriesType, monitored, tags, seasons,
                    new AddSeriesOptions(monitored ? "unknown" : "none", search, false, false));
        }
    }

    /** SeasonResource as sent: which seasons to monitor. */
    public record NewSeason(int seasonNumber, boolean monitored) {
    }

    /** AddSeriesOptions. */
    public record AddSeriesOptions(String monitor, boolean searchForMissingEpisodes, boolean ignoreEpisodesWithFiles,
                                   boolean ignoreEpisodesWithoutFiles) {
    }

    public ArrApi shared() {
        return api;
    }

    /** GET /series/lookup?term=: TVDB search through Sonarr's SkyHook. */
    public List<Series> lookup(RemoteHttp.Endpoint endpoint, String apiKey, String term) {
        return api.list(endpoint, apiKey, ArrApi.withQuery("/series/lookup", "term", term), Series.class);
    }

    /** The lookup with the term "tvdb:ID", which Sonarr answers with the library's series when it has it (SkyHookProxy.SearchForNewSeries). */
    public Optional<Series> lookupTvdb(RemoteHttp.Endpoint endpoint, String apiKey, int tvdbId) {
        return lookup(endpoint, apiKey, "tvdb:" + tvdbId).stream().findFirst();
    }

    /** POST /series; Sonarr answers 201 with the series as stored, and 400 when it is already there. */
    public Series add(RemoteHttp.Endpoint endpoint, String apiKey, NewSeries series) {
        return api.post(endpoint, apiKey, "/series", series, Series.class);
    }

    /** GET /series: the whole library. */
    public List<Series> series(RemoteHttp.Endpoint endpoint, String apiKey) {
        return api.library(endpoint, apiKey, "/series", Series.class);
    }

    /** GET /series?tvdbId=: the library's series with that TVDB id, or nothing. */
    public List<Series> seriesWithTvdbId(RemoteHttp.Endpoint endpoint, String apiKey, int tvdbId) {
        return api.list(endpoint, apiKey, ArrApi.withQuery("/series", "tvdbId", tvdbId), Series.class);
    }

    /** GET /series/{id}. */
    public Series series(RemoteHttp.Endpoint endpoint, String apiKey, int id) {
        return api.get(endpoint, apiKey, "/series/" + id, Series.class);
    }

    /** GET /episode?seriesId=: every episode of one series. */
    public List<Episode> episodes(RemoteHttp.Endpoint endpoint, String apiKey, int seriesId) {
        return api.list(endpoint, apiKey, ArrApi.withQuery("/episode", "seriesId", seriesId), Episode.class);
    }

    /** One page of the download queue with each entry's episode, only for the given series when any are named. */
    public ArrApi.Page<ArrApi.QueueRecord> queue(RemoteHttp.Endpoint endpoint, String apiKey, int page, int pageSize, List<Integer> seriesIds) {
        return api.queue(endpoint, apiKey, page, pageSize, "includeEpisode", true, "seriesIds", seriesIds);
    }

    /** One page of the history, newest first. */
    public ArrApi.Page<ArrApi.HistoryRecord> history(RemoteHttp.Endpoint endpoint, String apiKey, int page, int pageSize) {
        return api.history(endpoint, apiKey, page, pageSize);
    }

    /** GET /calendar?start&end&includeSeries: the episodes airing in the window, each with its series' name. */
    public List<Episode> calendar(RemoteHttp.Endpoint endpoint, String apiKey, Instant start, Instant end) {
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("the calendar window must end after it starts");
        }
        return api.list(endpoint, apiKey, ArrApi.withQuery("/calendar", "start", start, "end", end, "includeSeries", true), Episode.class);
    }

    /** POST /command SeasonSearch: look for releases of one season now. */
    public ArrApi.Command searchSeason(RemoteHttp.Endpoint endpoint, String apiKey, int seriesId, int seasonNumber) {
        if (seriesId <= 0 || seasonNumber < 0) {
            throw new IllegalArgumentException("a season search needs the series and a season number");
        }
        return api.command(endpoint, apiKey, "SeasonSearch", "seriesId", seriesId, "seasonNumber", seasonNumber);
    }

    /** POST /command SeriesSearch: look for every missing monitored episode of one series now. */
    public ArrApi.Command searchSeries(RemoteHttp.Endpoint endpoint, String apiKey, int seriesId) {
        if (seriesId <= 0) {
            throw new IllegalArgumentException("a series search needs the series");
        }
        return api.command(endpoint, apiKey, "SeriesSearch", "seriesId", seriesId);
    }

    /** DELETE /series/{id}; {@code addImportListExclusion} keeps lists from adding it again. */
    public void delete(RemoteHttp.Endpoint endpoint, String apiKey, int id, boolean deleteFiles, boolean addImportListExclusion) {
        api.delete(endpoint, apiKey, ArrApi.withQuery("/series/" + id, "deleteFiles", deleteFiles,
                "addImportListExclusion", addImportListExclusion));
    }

    /**
     * GET /languageprofile, where the instance still has language profiles: Sonarr v3 does. Sonarr v4
     * replaced them by custom formats and keeps the endpoint only as a deprecated stand-in that
     * answers one profile named "Deprecated" (the spec marks it deprecated); early v4 builds
     * answered 404, and a future one may answer 410. All of those mean "not offered", never a failure.
     */
    public Optional<List<LanguageProfile>> languageProfiles(RemoteHttp.Endpoint endpoint, String apiKey) {
        List<LanguageProfile> profiles;
        try {
            profiles = api.list(endpoint, apiKey, "/languageprofile", LanguageProfile.class);
        } catch (RemoteFailure failure) {
            if (failure.status() == 404 || failure.status() == 410) {
                return Optional.empty();
            }
            throw failure;
        }
        boolean standIn = profiles.size() == 1 && "Deprecated".equals(profiles.getFirst().name());
        return standIn ? Optional.empty() : Optional.of(profiles);
    }
}
