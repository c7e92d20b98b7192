package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.downloads.TorrentState;
import dev.medianest.platform.i18n.Messages;

import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * {@code list_downloads}: the torrents of every download client the caller may see, with progress,
 * speeds and time left. A client that cannot be asked is a problem in the result, never the tool's
 * failure: the others still list.
 */
final class ListDownloadsTool extends DefinedTool<ListDownloadsTool.Arguments> {

    /** Torrents shown at most, the ones still downloading first; the total says how many matched. */
    static final int MAX_SHOWN = 25;
    static final List<String> STATES = Arrays.stream(TorrentState.values()).map(state -> state.name().toLowerCase(Locale.ROOT)).toList();

    /**
     * @param query only torrents whose names have these words ("Tenet" matches "Tenet.2020.2160p.UHD")
     * @param state only torrents in this state
     */
    record Arguments(String query, String state) {
        Arguments {
            query = ArgumentChecks.optionalText("query", query, ArgumentChecks.MAX_QUERY).orElse(null);
            state = state == null ? null : state.strip().toLowerCase(Locale.ROOT);
            if (state != null && !STATES.contains(state)) {
                throw new InvalidArgument("state", "tools.argument.one_of", String.join(", ", STATES));
            }
        }

        Optional<TorrentState> wantedState() {
            return state == null ? Optional.empty() : Optional.of(TorrentState.valueOf(state.toUpperCase(Locale.ROOT)));
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("list_downloads",
            "Lists the torrents in the download clients (qBittorrent, Transmission, Deluge) with name, state, progress (0-1), size, "
                    + "speeds (bytes per second), time left and client. Admins see every torrent; other people only the downloads of "
                    + "their own requests. Use it for \"what is downloading\", \"how far is Dune\". query filters by words of the torrent "
                    + "name; state by state. Each torrent's hash can be passed to pause_download, resume_download or cancel_download. "
                    + "Clients that could not be asked are listed under problems.",
            ArgumentSchema.object()
                    .text("query", "Only torrents whose names contain these words, e.g. \"Tenet\".", ArgumentChecks.MAX_QUERY, false)
                    .choice("state", "Only torrents in this state.", STATES, false)
                    .build(),
            false);

    private final DownloadTargets targets;

    ListDownloadsTool(DownloadTargets targets) {
        super(DEFINITION, Arguments.class);
        this.targets = targets;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Arguments asked = call.arguments();
        Messages.Texts texts = call.texts();
        List<DownloadBoard.Group> groups = targets.visible(call.who());
        List<DownloadTargets.Target> matching = DownloadTargets.all(groups).stream()
                .filter(target -> asked.query() == null || TitleWords.matches(target.torrent().name(), asked.query()))
                .filter(target -> asked.wantedState().map(state -> target.torrent().state() == state).orElse(true))
                .sorted(Comparator.comparing((DownloadTargets.Target target) -> target.torrent().progress() >= 1)
                        .thenComparing(target -> target.torrent().addedAt(), Comparator.reverseOrder()))
                .toList();
        List<DownloadTargets.Target> shown = matching.stream().limit(MAX_SHOWN).toList();
        List<DownloadBoard.Failed> failed = DownloadTargets.failed(groups);

        ObjectNode structured = ToolViews.NODES.objectNode();
        ArrayNode downloads = structured.putArray("downloads");
        shown.forEach(target -> downloads.add(ToolViews.torrent(target.torrent(), target.group())));
        structured.put("total", matching.size());
        structured.put("canControl", call.who().admin());
        ArrayNode problems = structured.putArray("problems");
        failed.forEach(group -> problems.add(ToolViews.clientProblem(group, texts)));
        List<ToolCard> cards = shown.stream().map(target -> ToolViews.torrentCard(target.torrent(), target.group(), texts)).toList();
        return new ToolResult(structured, summary(matching, failed, texts), cards);
    }

    private static String summary(List<DownloadTargets.Target> matching, List<DownloadBoard.Failed> failed, Messages.Texts texts) {
        String listed;
        if (matching.isEmpty()) {
            listed = texts.get("tools.downloads.none");
        } else {
            Map<TorrentState, Long> byState = matching.stream().collect(Collectors.groupingBy(target -> target.torrent().state(),
                    () -> new EnumMap<>(TorrentState.class), Collectors.counting()));
            listed = texts.get("tools.downloads.listed", matching.size(), byState.entrySet().stream()
                    .map(entry -> entry.getValue() + " " + texts.get("board.state." + entry.getKey().name().toLowerCase(Locale.ROOT))
                            .toLowerCase(texts.language().locale()))
                    .collect(Collectors.joining(", ")));
        }
        if (failed.isEmpty()) {
            return listed;
        }
        return listed + " " + texts.get("tools.downloads.clients_down", failed.stream().map(group -> group.instance().name())
                .collect(Collectors.joining(", ")), ToolViews.problemText(failed.getFirst().problem(), texts));
    }
}
