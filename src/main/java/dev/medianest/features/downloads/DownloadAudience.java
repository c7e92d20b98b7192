package dev.medianest.features.downloads;

import dev.medianest.features.accounts.Principal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Who sees which torrents, for every channel that shows the board (the Downloads page, its API and
 * live updates, the assistant's download tools, the command line): admins every torrent of every
 * client; everyone else the downloads of their own requests (the torrent hashes Radarr and Sonarr
 * reported when they grabbed them), read only. Asked afresh each time, so a grab shows up at once.
 */
public final class DownloadAudience {

    private final LongFunction<Set<String>> hashesOfRequester;

    /** @param hashesOfRequester the torrent hashes of the requests a person asked for ({@code Requests::torrentHashesOf}) */
    public DownloadAudience(LongFunction<Set<String>> hashesOfRequester) {
        this.hashesOfRequester = Objects.requireNonNull(hashesOfRequester, "hashesOfRequester");
    }

    public List<DownloadBoard.Group> visible(boolean admin, long userId, List<DownloadBoard.Group> groups) {
        return admin ? groups : narrowedTo(groups, hashesOfRequester.apply(userId));
    }

    public List<DownloadBoard.Group> visible(Principal principal, List<DownloadBoard.Group> groups) {
        return visible(principal.admin(), principal.user().id(), groups);
    }

    /**
     * What a member sees of the board: only the torrents whose hash is among {@code hashes} (the
     * downloads of their own requests), in the clients that have any, and every client that could
     * not be listed, since one of theirs may be in it.
     */
    private static List<DownloadBoard.Group> narrowedTo(List<DownloadBoard.Group> groups, Set<String> hashes) {
        Set<String> wanted = hashes.stream().map(hash -> hash.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        List<DownloadBoard.Group> narrowed = new ArrayList<>();
        for (DownloadBoard.Group group : groups) {
            switch (group) {
                case DownloadBoard.Listed listed -> {
                    List<Torrent> theirs = listed.torrents().stream()
                            .filter(torrent -> wanted.contains(torrent.hash().toLowerCase(Locale.ROOT))).toList();
                    if (!theirs.isEmpty()) {
                        narrowed.add(new DownloadBoard.Listed(listed.instance(), listed.capabilities(), theirs));
                    }
                }
                case DownloadBoard.Failed failed -> narrowed.add(failed);
            }
        }
        return narrowed;
    }
}
