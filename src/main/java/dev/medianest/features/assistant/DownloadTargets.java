package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.accounts.Principal;
import dev.medianest.features.downloads.DownloadAudience;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.downloads.Torrent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The download tools' view of the board, by the Downloads page's rules ({@link DownloadAudience}):
 * admins see and control every torrent of every client; everyone else sees only the downloads of
 * their own requests and controls none.
 */
final class DownloadTargets {

    /** One torrent in the client that has it. */
    record Target(DownloadBoard.Listed group, Torrent torrent) {
        long clientId() {
            return group.instance().id();
        }

        ObjectNode view() {
            ObjectNode view = ToolViews.NODES.objectNode();
            view.put("hash", torrent.hash());
            view.put("name", torrent.name());
            view.put("clientId", group.instance().id());
            view.put("client", group.instance().name());
            return view;
        }
    }

    private final DownloadBoard board;
    private final DownloadAudience audience;

    DownloadTargets(DownloadBoard board, DownloadAudience audience) {
        this.board = board;
        this.audience = audience;
    }

    DownloadBoard board() {
        return board;
    }

    /** The groups the caller may see, each client asked afresh so a new grab shows at once. */
    List<DownloadBoard.Group> visible(Principal who) {
        return audience.visible(who, board.groups());
    }

    /** Only admins pause, resume and remove, as on the Downloads page and its API. */
    static void requireControl(Principal who) {
        if (!who.admin()) {
            throw ToolRefusal.forbidden("tools.downloads.admins_only");
        }
    }

    static List<Target> all(List<DownloadBoard.Group> groups) {
        List<Target> targets = new ArrayList<>();
        for (DownloadBoard.Group group : groups) {
            if (group instanceof DownloadBoard.Listed listed) {
                listed.torrents().forEach(torrent -> targets.add(new Target(listed, torrent)));
            }
        }
        return targets;
    }

    static List<DownloadBoard.Failed> failed(List<DownloadBoard.Group> groups) {
        return groups.stream().filter(DownloadBoard.Failed.class::isInstance).map(DownloadBoard.Failed.class::cast).toList();
    }

    /** The torrents with this info hash (one client normally; the same torrent may sit in two). */
    static List<Target> byHash(List<DownloadBoard.Group> groups, String hash) {
        String wanted = hash.toLowerCase(Locale.ROOT);
        List<Target> found = all(groups).stream().filter(target -> target.torrent().hash().equals(wanted)).toList();
        if (found.isEmpty()) {
            throw ToolRefusal.notFound("hash", failed(groups).isEmpty() ? "tools.downloads.no_hash" : "tools.downloads.no_hash_some_down",
                    wanted, failed(groups).size());
        }
        return found;
    }

    /** The torrents whose names have the query's words; NOT_FOUND naming the query when none has. */
    static List<Target> byQuery(List<DownloadBoard.Group> groups, String query) {
        List<Target> found = all(groups).stream().filter(target -> TitleWords.matches(target.torrent().name(), query)).toList();
        if (found.isEmpty()) {
            throw ToolRefusal.notFound("query", failed(groups).isEmpty() ? "tools.downloads.no_match" : "tools.downloads.no_match_some_down",
                    query, failed(groups).size());
        }
        return found;
    }

    /** The hash as an argument: 40 (v1) or 64 (v2) hex digits. */
    static String checkHash(String hash) {
        if (hash == null) {
            return null;
        }
        String given = hash.strip().toLowerCase(Locale.ROOT);
        if (!Torrent.isHash(given)) {
            throw new InvalidArgument("hash", "tools.argument.hash");
        }
        return given;
    }
}
