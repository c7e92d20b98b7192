package dev.medianest.features.assistant;

import dev.medianest.features.downloads.DownloadAudience;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.requests.Discovery;
import dev.medianest.features.requests.Requests;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.platform.i18n.Messages;

import java.util.ArrayList;
import java.util.List;

/**
 * Every assistant tool, built from the features' use cases, in the order they are offered to a
 * model: finding titles, asking for them, following requests, downloads, recommendations, services,
 * help. The composition root hands the list to {@link Tools}.
 */
public final class AssistantTools {

    private AssistantTools() {
    }

    public static List<Tool<?>> all(Discovery discovery, Requests requests, DownloadBoard downloads, ServiceHealth health, Messages messages) {
        TitleSearch search = new TitleSearch(discovery);
        DownloadTargets targets = new DownloadTargets(downloads, new DownloadAudience(requests::torrentHashesOf));
        List<Tool<?>> tools = new ArrayList<>(List.of(
                new SearchMediaTool(search),
                new MediaDetailsTool(discovery),
                new RequestMediaTool(discovery),
                new RequestStatusTool(requests),
                new CancelRequestTool(requests),
                new ListDownloadsTool(targets),
                TorrentSwitch.pause(targets),
                TorrentSwitch.resume(targets),
                new CancelDownloadTool(targets),
                new RecommendSimilarTool(discovery, search),
                new RecommendForMeTool(discovery, requests),
                new ServiceStatusTool(health)));
        List<ToolDefinition> definitions = new ArrayList<>();
        tools.add(new HelpTool(() -> definitions, messages));
        tools.forEach(tool -> definitions.add(tool.definition()));
        return List.copyOf(tools);
    }
}
