package dev.medianest.features.assistant;

import dev.medianest.features.downloads.DownloadBoard;

/** {@code pause_download}: pauses torrents by hash, by words of their names, or all of them; admins only. */
final class PauseDownloadTool extends DefinedTool<TorrentSwitch.Selection> {

    private static final ToolDefinition DEFINITION = new ToolDefinition("pause_download",
            "Pauses downloads in the download clients: one torrent by hash (from list_downloads), every torrent whose name "
                    + "has the words of query, or all=true for every torrent of every client. Give exactly one of hash, query "
                    + "and all. Only admins may control downloads; others get a forbidden error. Use it for \"pause Tenet\", "
                    + "\"pause everything\".",
            TorrentSwitch.schema("pause"),
            true);

    private final TorrentSwitch torrents;

    PauseDownloadTool(DownloadTargets targets) {
        super(DEFINITION, TorrentSwitch.Selection.class);
        this.torrents = new TorrentSwitch(targets, DownloadBoard.Action.PAUSE);
    }

    @Override
    public ToolResult run(Call<TorrentSwitch.Selection> call) {
        return torrents.run(call);
    }
}
