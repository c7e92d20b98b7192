package dev.medianest.features.downloads;

/** Where a torrent stands, in the few words every download client can be mapped to. */
public enum TorrentState {
    DOWNLOADING, SEEDING, PAUSED, QUEUED, CHECKING, STALLED, ERROR, COMPLETED, FETCHING_METADATA
}
