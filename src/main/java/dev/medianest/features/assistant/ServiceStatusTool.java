package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.services.Probe;
import dev.medianest.features.services.ServiceCheck;
import dev.medianest.features.services.ServiceHealth;
import dev.medianest.features.services.ServiceStatus;
import dev.medianest.platform.i18n.Messages;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code service_status}: every configured service as the dashboard shows it to any signed-in
 * person: kind, name, up, degraded, down or not checked yet, why when it is not up, and how fast it
 * answered. Never a setting, an API key or the credentials of an address.
 */
final class ServiceStatusTool extends DefinedTool<ServiceStatusTool.Arguments> {

    /** Takes no arguments. */
    record Arguments() {
    }

    private static final ToolDefinition DEFINITION = new ToolDefinition("service_status",
            "Tells whether MediaNest's services (Radarr, Sonarr, Readarr, Prowlarr, Seerr, TMDb, qBittorrent, Transmission, Deluge) "
                    + "are up, degraded, down or not checked yet, with the reason when they are not up and their response time, as "
                    + "the dashboard shows them. Use it for \"is everything working\", \"is Radarr down\", or when another tool "
                    + "reports a service as unreachable.",
            ArgumentSchema.object().build(),
            false);

    private final ServiceHealth health;

    ServiceStatusTool(ServiceHealth health) {
        super(DEFINITION, Arguments.class);
        this.health = health;
    }

    @Override
    public ToolResult run(Call<Arguments> call) {
        Messages.Texts texts = call.texts();
        List<ServiceStatus> board = health.board();
        ObjectNode structured = ToolViews.NODES.objectNode();
        ArrayNode services = structured.putArray("services");
        List<ToolCard> cards = new ArrayList<>();
        List<String> notUp = new ArrayList<>();
        int up = 0;
        for (ServiceStatus status : board) {
            String state = state(status);
            Optional<String> reason = status.latest().filter(check -> !"up".equals(state)).flatMap(ServiceCheck::problem)
                    .map(problem -> ToolViews.problemText(problem, texts));
            ObjectNode view = services.addObject();
            view.put("id", status.instance().id());
            view.put("kind", status.instance().kind().key());
            view.put("kindName", status.instance().kind().displayName());
            view.put("name", status.instance().name());
            view.put("fourK", status.instance().is4k());
            view.put("state", state);
            view.put("reason", reason.orElse(null));
            view.put("responseTimeMs", status.latest().filter(check -> check.state() != Probe.State.DOWN)
                    .map(check -> check.responseTime().toMillis()).orElse(null));
            view.put("version", status.latest().flatMap(ServiceCheck::version).orElse(null));
            view.put("checkedAt", status.latest().map(check -> check.checkedAt().toString()).orElse(null));
            ToolViews.putDouble(view, "uptime24h", status.lastDay().answered());
            view.put("webUrl", withoutCredentials(status.webUrl()));
            String stateText = texts.get("dashboard.state." + state);
            String detail = reason.map(text -> stateText + ": " + text).orElseGet(() -> status.latest()
                    .filter(check -> check.state() != Probe.State.DOWN).map(check -> stateText + " · " + texts.get("unit.ms",
                            check.responseTime().toMillis())).orElse(stateText));
            cards.add(new ToolCard("service", status.instance().name(), OptionalInt.empty(), Optional.empty(), detail,
                    Optional.of("/"), Optional.empty(), List.of(stateText)));
            if ("up".equals(state)) {
                up++;
            } else {
                notUp.add(reason.map(text -> texts.get("tools.services.not_up_because", status.instance().name(), stateText
                        .toLowerCase(texts.language().locale()), text)).orElseGet(() -> texts.get("tools.services.not_up",
                        status.instance().name(), stateText.toLowerCase(texts.language().locale()))));
            }
        }
        structured.put("up", up);
        structured.put("total", board.size());
        String summary;
        if (board.isEmpty()) {
            summary = texts.get("tools.services.none");
        } else if (notUp.isEmpty()) {
            summary = texts.get("tools.services.all_up", board.size());
        } else {
            summary = texts.get("tools.services.some_not_up", up, board.size(), String.join("; ", notUp));
        }
        return new ToolResult(structured, summary, cards);
    }

    private static String state(ServiceStatus status) {
        return status.state().map(state -> state.name().toLowerCase(Locale.ROOT)).orElse("unknown");
    }

    /**
     * The address of the service's own web UI, as the dashboard links it, without any user name,
     * password, query or fragment an address may carry.
     */
    static String withoutCredentials(String address) {
        try {
            URI uri = new URI(address);
            return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
        } catch (URISyntaxException | IllegalArgumentException unusable) {
            return null;
        }
    }
}
