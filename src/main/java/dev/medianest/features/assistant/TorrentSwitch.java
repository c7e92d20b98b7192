package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.i18n.Messages;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code pause_download} and {@code resume_download}: pause or resume torrents, one by hash, every
 * one whose name has the query's words, or all of every client. Admins only. A torrent or a client
 * that refuses is reported beside the ones that did it; the call fails only when none did.
 */
final class TorrentSwitch extends DefinedTool<TorrentSwitch.Selection> {

    /**
     * Which torrents: exactly one of a hash, words of the name, or all.
     *
     * @param hash  a torrent's info hash, from list_downloads
     * @param query words of the torrent names ("Tenet" matches "Tenet.2020.2160p.UHD.BluRay.x265")
     * @param all   every torrent of every client
     */
    record Selection(String hash, String query, Boolean all) {
        Selection {
            hash = DownloadTargets.checkHash(hash);
            query = ArgumentChecks.optionalText("query", query, ArgumentChecks.MAX_QUERY).orElse(null);
            ArgumentChecks.exactlyOne(List.of("hash", "query", "all"), hash != null, query != null, Boolean.TRUE.equals(all));
        }

        boolean everything() {
            return Boolean.TRUE.equals(all);
        }
    }

    private static final ToolDefinition PAUSE = new ToolDefinition("pause_download",
            "Pauses downloads in the download clients: one torrent by hash (from list_downloads), every torrent whose name "
                    + "has the words of query, or all=true for every torrent of every client. Give exactly one of hash, query "
                    + "and all. Only admins may control downloads; others get a forbidden error. Use it for \"pause Tenet\", "
                    + "\"pause everything\".",
            schema("pause"),
            true);

    private static final ToolDefinition RESUME = new ToolDefinition("resume_download",
            "Resumes paused downloads in the download clients: one torrent by hash (from list_downloads), every torrent whose name "
                    + "has the words of query, or all=true for every torrent of every client. Give exactly one of hash, query "
                    + "and all. Only admins may control downloads; others get a forbidden error. Use it for \"resume Tenet\", "
                    + "\"resume everything\".",
            schema("resume"),
            true);

    /** The schema both tools share; the verb ("pause", "resume") goes into the descriptions. */
    private static JsonNode schema(String verb) {
        return ArgumentSchema.object()
                .text("hash", "The info hash of one torrent to " + verb + ", from list_downloads.", 64, false)
                .text("query", "Words of the torrent names to " + verb + ", e.g. \"Tenet\"; every torrent whose name has them is "
                        + verb + "d.", ArgumentChecks.MAX_QUERY, false)
                .flag("all", "true to " + verb + " every torrent of every download client.")
                .build();
    }

    static TorrentSwitch pause(DownloadTargets targets) {
        return new TorrentSwitch(PAUSE, targets, DownloadBoard.Action.PAUSE, "paused");
    }

    static TorrentSwitch resume(DownloadTargets targets) {
        return new TorrentSwitch(RESUME, targets, DownloadBoard.Action.RESUME, "resumed");
    }

    private final DownloadTargets targets;
    private final DownloadBoard.Action action;
    /** "paused" or "resumed": the message keys' middle part. */
    private final String done;

    private TorrentSwitch(ToolDefinition definition, DownloadTargets targets, DownloadBoard.Action action, String done) {
        super(definition, Selection.class);
        this.targets = targets;
        this.action = action;
        this.done = done;
    }

    @Override
    public ToolResult run(Call<Selection> call) {
        DownloadTargets.requireControl(call.who());
        Selection asked = call.arguments();
        Messages.Texts texts = call.texts();
        List<DownloadBoard.Group> groups = targets.visible(call.who());
        List<DownloadTargets.Target> chosen = asked.everything() ? DownloadTargets.all(groups)
                : asked.hash() != null ? DownloadTargets.byHash(groups, asked.hash()) : DownloadTargets.byQuery(groups, asked.query());

        List<DownloadTargets.Target> acted = new ArrayList<>();
        List<ObjectNode> refused = new ArrayList<>();
        Optional<AppException> firstRefusal = Optional.empty();
        List<DownloadTargets.Target> oneByOne = new ArrayList<>(chosen);
        if (asked.everything()) {
            // A client that can switch all its torrents in one call is asked once rather than per torrent.
            for (DownloadBoard.Group group : groups) {
                if (group instanceof DownloadBoard.Listed listed && listed.capabilities().pauseAll() && !listed.torrents().isEmpty()) {
                    List<DownloadTargets.Target> ofClient = oneByOne.stream().filter(target -> target.group() == listed).toList();
                    oneByOne.removeAll(ofClient);
                    try {
                        switchAll(listed.instance().id());
                        acted.addAll(ofClient);
                    } catch (AppException refusal) {
                        firstRefusal = firstRefusal.or(() -> Optional.of(refusal));
                        ofClient.forEach(target -> refused.add(refusal(target, refusal, texts)));
                    }
                }
            }
        }
        for (DownloadTargets.Target target : oneByOne) {
            try {
                targets.board().act(target.clientId(), target.torrent().hash(), action);
                acted.add(target);
            } catch (AppException refusal) {
                firstRefusal = firstRefusal.or(() -> Optional.of(refusal));
                refused.add(refusal(target, refusal, texts));
            }
        }
        if (acted.isEmpty() && firstRefusal.isPresent()) {
            throw firstRefusal.get();
        }
        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.put("action", action == DownloadBoard.Action.PAUSE ? "pause" : "resume");
        structured.put("all", asked.everything());
        ArrayNode actedView = structured.putArray("acted");
        acted.forEach(target -> actedView.add(target.view()));
        ArrayNode failed = structured.putArray("failed");
        refused.forEach(failed::add);
        ArrayNode problems = structured.putArray("problems");
        DownloadTargets.failed(groups).forEach(group -> problems.add(ToolViews.clientProblem(group, texts)));
        List<ToolCard> cards = acted.stream().map(target -> ToolViews.torrentCard(target.torrent(), target.group(), texts)).toList();
        return new ToolResult(structured, summary(asked, acted, refused.size(), DownloadTargets.failed(groups).size(), texts), cards);
    }

    private void switchAll(long clientId) {
        if (action == DownloadBoard.Action.PAUSE) {
            targets.board().pauseAll(clientId);
        } else {
            targets.board().resumeAll(clientId);
        }
    }

    private static ObjectNode refusal(DownloadTargets.Target target, AppException refusal, Messages.Texts texts) {
        ObjectNode failure = target.view();
        failure.put("message", Tools.describe(refusal, texts));
        return failure;
    }

    private String summary(Selection asked, List<DownloadTargets.Target> acted, int refused, int clientsDown, Messages.Texts texts) {
        String said;
        if (asked.everything()) {
            said = texts.get("tools.downloads." + done + "_all", acted.size());
        } else if (acted.size() == 1) {
            said = texts.get("tools.downloads." + done + "_one", acted.getFirst().torrent().name());
        } else {
            said = texts.get("tools.downloads." + done + "_many", acted.size(),
                    String.join(", ", acted.stream().map(target -> target.torrent().name()).toList()));
        }
        if (refused > 0) {
            said += " " + texts.get("tools.downloads.some_refused", refused);
        }
        if (clientsDown > 0 && asked.everything()) {
            said += " " + texts.get("tools.downloads.some_clients_down", clientsDown);
        }
        return said;
    }
}
