package dev.medianest.channels.web;

import dev.medianest.features.accounts.Principal;
import dev.medianest.features.downloads.DownloadBoard;

import java.util.List;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Who sees which torrents: admins every torrent of every client; everyone else the downloads of
 * their own requests (the torrent hashes Radarr and Sonarr reported when they grabbed them), read
 * only. Asked afresh for each page, API call and live update, so a grab shows up at once.
 */
final class DownloadAudience {

    private final LongFunction<Set<String>> hashesOfRequester;

    DownloadAudience(LongFunction<Set<String>> hashesOfRequester) {
        this.hashesOfRequester = hashesOfRequester;
    }

    List<DownloadBoard.Group> visible(boolean admin, long userId, List<DownloadBoard.Group> groups) {
        return admin ? groups : DownloadBoard.narrowedTo(groups, hashesOfRequester.apply(userId));
    }

    List<DownloadBoard.Group> visible(Principal principal, List<DownloadBoard.Group> groups) {
        return visible(principal.admin(), principal.user().id(), groups);
    }
}
