package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.platform.i18n.Messages;

import java.util.List;
import java.util.stream.Collectors;

/**
 * {@code cancel_download}: removes exactly one torrent from its client, by hash or by words of its
 * name, keeping its files unless asked. Words that match several torrents remove none: the caller
 * is given the candidates to pick one by hash. Admins only.
 */
final class CancelDownloadTool extends DefinedTool<CancelDownloadTool.Arguments> {

    /**
     * @param hash        the torrent's info hash, from list_downloads
     * @param query       words of the torrent's name
     * @param deleteFiles also delete the downloaded files (false when absent)
     */
    record Arguments(String hash, String query, Boolean deleteFiles) {
        Arguments {
            hash = DownloadTargets.checkHash(hash);
            query = ArgumentChecks.optionalText("query", query, ArgumentChecks.MAX_QUERY).orElse(null);
            ArgumentChecks.exactlyOne(List.of("hash", "query"), hash != null, query != null);
        }

        boolean withFiles() {
            return Boolean.TRUE.equals(deleteFiles);
        }
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("cancel_download",
            "Removes one torrent from its download client, by hash (from list_downloads) or by words of its name (query). Give "
                    + "exactly one of hash and query. If the words match several torrents nothing is removed and the error lists them "
                    + "with their hashes: ask the person which one and call again with its hash. deleteFiles=true also deletes the "
                    + "downloaded files; by default they are kept. Only admins may control downloads. The person should confirm before "
                    + "you call this.",
            ArgumentSchema.object()
                    .text("hash", "The info hash of the torrent to remove, from list_downloads.", 64, false)
                    .text("query", "Words of the torrent's name, e.g. \"Tenet\"; must match exactly one torrent.", ArgumentChecks.MAX_QUERY, false)
                    .flag("deleteFiles", "true to delete the downloaded files too; false (the default) keeps them.")
                    .build(),
            true);

    private final DownloadTargets targets;

    CancelDownloadTool(DownloadTargets targets) {
        super(DEFINITION, Arguments.class);
        this.targets = targets;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        DownloadTargets.requireControl(call.who());
        Arguments asked = call.arguments();
        Messages.Texts texts = call.texts();
        List<DownloadBoard.Group> groups = targets.visible(call.who());
        List<DownloadTargets.Target> found = asked.hash() != null ? DownloadTargets.byHash(groups, asked.hash())
                : DownloadTargets.byQuery(groups, asked.query());
        if (found.size() > 1) {
            String candidates = found.stream().map(target -> target.torrent().name() + " (" + target.torrent().hash() + ", "
                    + target.group().instance().name() + ")").collect(Collectors.joining("; "));
            throw ToolRefusal.conflict(asked.hash() != null ? "hash" : "query", "tools.cancel_download.several", found.size(),
                    asked.hash() != null ? asked.hash() : asked.query(), candidates);
        }
        DownloadTargets.Target target = found.getFirst();
        targets.board().act(target.clientId(), target.torrent().hash(),
                asked.withFiles() ? DownloadBoard.Action.REMOVE_WITH_DATA : DownloadBoard.Action.REMOVE);
        ObjectNode structured = ToolViews.NODES.objectNode();
        structured.set("removed", target.view());
        structured.put("filesDeleted", asked.withFiles());
        ArrayNode problems = structured.putArray("problems");
        DownloadTargets.failed(groups).forEach(group -> problems.add(ToolViews.clientProblem(group, texts)));
        String summary = texts.get(asked.withFiles() ? "tools.cancel_download.removed_with_files" : "tools.cancel_download.removed",
                target.torrent().name(), target.group().instance().name());
        return new ToolResult(structured, summary, List.of(ToolViews.torrentCard(target.torrent(), target.group(), texts)));
    }
}
