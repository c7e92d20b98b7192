package dev.medianest.features.assistant;

import dev.medianest.features.downloads.DownloadBoard;

/** {@code resume_download}: resumes torrents by hash, by words of their names, or all of them; admins only. */
final class ResumeDownloadTool extends DefinedTool<TorrentSwitch.Selection> {

    private static final ToolDefinition DEFINITION = new ToolDefinition("resume_download",
            "Resumes paused downloads in the download clients: one torrent by hash (from list_downloads), every torrent whose name "
                    + "has the words of query, or all=true for every torrent of every client. Give exactly one of hash, query "
                    + "and all. Only admins may control downloads; others get a forbidden error. Use it for \"resume Tenet\", "
                    + "\"resume everything\".",
            TorrentSwitch.schema("resume"),
            true);

    private final TorrentSwitch torrents;

    ResumeDownloadTool(DownloadTargets targets) {
        super(DEFINITION, TorrentSwitch.Selection.class);
        this.torrents = new TorrentSwitch(targets, DownloadBoard.Action.RESUME);
    }

    @Override
    public ToolResult run(Call<TorrentSwitch.Selection> call) {
        return torrents.run(call);
    }
}
