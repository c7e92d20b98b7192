package dev.medianest.channels.cli;

import dev.medianest.App;
import dev.medianest.integrations.medianest.ServerStatus;
import dev.medianest.platform.i18n.Messages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code medianest status}: the downloads of every client the caller may see, each with a progress
 * bar, speed and time left (a client that is down says why), and their latest requests (everyone's
 * with {@code --all} for admins and managers).
 */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false)
final class StatusCommand implements Callable<Integer> {

    static final int DEFAULT_LIMIT = 20;
    private static final int BAR = 15;

    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = {"-a", "--all"}, descriptionKey = "all")
    boolean all;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", defaultValue = "" + DEFAULT_LIMIT, descriptionKey = "limit")
    int limit;

    @Option(names = "--json", descriptionKey = "json")
    boolean json;

    private final Console console;

    StatusCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        return CommandProblem.guarded(console, () -> {
            if (limit < 1 || limit > 200) {
                throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.status.bad_limit", limit));
            }
            try (Target opened = target.open(console, spec)) {
                if (all && !opened.managesRequests()) {
                    throw new CommandProblem(Console.INVALID_INPUT, console.texts.get("cli.status.all_not_allowed", opened.username()));
                }
                ServerStatus status = opened.status(all, limit);
                if (json) {
                    console.out.println(App.json().valueToTree(view(status)).toString());
                } else {
                    print(status, Look.plain(console.environment), console.texts, console.out);
                }
                console.out.flush();
                return 0;
            }
        });
    }


    /** The summary for people: one block of downloads per client, then the requests. */
    static void print(ServerStatus status, Look look, Messages.Texts texts, PrintWriter out) {
        out.println(look.bold(texts.get("cli.status.downloads")));
        if (status.downloads().isEmpty()) {
            out.println("  " + texts.get("cli.status.no_clients"));
        }
        int nameWidth = Math.max(12, Math.min(40, look.width() - 50));
        for (ServerStatus.Client client : status.downloads()) {
            String heading = "  " + look.bold(client.name()) + " (" + client.kind() + ")";
            if (client.problem().isPresent()) {
                out.println(heading + "  " + look.warning(texts.get("cli.status.client_down", client.problem().get())));
                continue;
            }
            out.println(heading);
            if (client.torrents().isEmpty()) {
                out.println("    " + texts.get("cli.status.client_empty"));
            }
            for (ServerStatus.Download torrent : client.torrents()) {
                out.println("    " + download(torrent, look, texts, nameWidth));
            }
        }
        out.println();
        String whose = texts.get(status.everyone() ? "cli.status.requests_everyone" : "cli.status.requests_yours", status.requests().size(),
                status.requestsTotal());
        out.println(look.bold(whose));
        if (status.requests().isEmpty()) {
            out.println("  " + texts.get("cli.status.no_requests"));
        }
        for (ServerStatus.Request request : status.requests()) {
            out.println("  " + request(request, status.everyone(), look, texts, nameWidth));
        }
    }

    private static String download(ServerStatus.Download torrent, Look look, Messages.Texts texts, int nameWidth) {
        String state = texts.get("board.state." + torrent.state().toLowerCase(Locale.ROOT));
        StringBuilder line = new StringBuilder(look.fit(torrent.name(), nameWidth)).append("  ").append(look.fit(state, 16)).append(' ')
                .append(look.good(look.bar(torrent.progress(), BAR))).append(' ').append(String.format("%5s", Look.percent(torrent.progress())));
        if (torrent.speed() > 0) {
            line.append("  ").append(texts.get("cli.status.speed", texts.bytes(torrent.speed())));
        }
        torrent.eta().filter(left -> !left.isZero() && !left.isNegative())
                .ifPresent(left -> line.append("  ").append(texts.get("cli.status.eta", texts.duration(left))));
        return line.toString().stripTrailing();
    }

    private static String request(ServerStatus.Request request, boolean everyone, Look look, Messages.Texts texts, int nameWidth) {
        StringBuilder title = new StringBuilder(request.title());
        request.year().ifPresent(year -> title.append(" (").append(year).append(')'));
        if (request.fourK()) {
            title.append(" 4K");
        }
        StringBuilder line = new StringBuilder(look.fit(title.toString(), nameWidth)).append("  ")
                .append(look.fit(texts.get("request.state." + request.state()), 16)).append(' ');
        share(request).ifPresent(share -> line.append(look.good(look.bar(share, BAR))).append(' ').append(String.format("%5s", Look.percent(share))));
        if (everyone && !request.requesters().isEmpty()) {
            line.append("  ").append(look.dim(String.join(", ", request.requesters())));
        }
        request.problem().ifPresent(problem -> line.append("  ").append(look.warning(problem)));
        return line.toString().stripTrailing();
    }

    /** How far a request is: the queue's share while downloading, else files there against files wanted. */
    static java.util.OptionalDouble share(ServerStatus.Request request) {
        if (request.downloading().isPresent()) {
            return request.downloading();
        }
        if ("available".equals(request.state())) {
            return java.util.OptionalDouble.of(1);
        }
        if (request.filesExpected() > 0 && !"pending".equals(request.state())) {
            return java.util.OptionalDouble.of(Math.min(1, (double) request.filesPresent() / request.filesExpected()));
        }
        return java.util.OptionalDouble.empty();
    }

    /** {@code --json}: the same summary for scripts, with amounts in bytes and seconds. */
    static Map<String, Object> view(ServerStatus status) {
        List<Object> clients = new ArrayList<>();
        for (ServerStatus.Client client : status.downloads()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("name", client.name());
            node.put("kind", client.kind());
            node.put("ok", client.problem().isEmpty());
            node.put("problem", client.problem().orElse(null));
            node.put("torrents", client.torrents().stream().map(torrent -> {
                Map<String, Object> view = new LinkedHashMap<>();
                view.put("name", torrent.name());
                view.put("state", torrent.state().toLowerCase(Locale.ROOT));
                view.put("progress", torrent.progress());
                view.put("size", torrent.size());
                view.put("downloadSpeed", torrent.speed());
                view.put("etaSeconds", torrent.eta().map(Duration::toSeconds).orElse(null));
                return view;
            }).toList());
            clients.add(node);
        }
        List<Object> requests = new ArrayList<>();
        for (ServerStatus.Request request : status.requests()) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("id", request.id());
            node.put("type", request.type());
            node.put("title", request.title());
            node.put("year", request.year().isPresent() ? request.year().getAsInt() : null);
            node.put("fourK", request.fourK());
            node.put("state", request.state());
            node.put("progress", share(request).isPresent() ? share(request).getAsDouble() : null);
            node.put("requesters", request.requesters());
            node.put("problem", request.problem().orElse(null));
            node.put("updatedAt", request.updatedAt().toString());
            requests.add(node);
        }
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("downloads", clients);
        view.put("requests", requests);
        view.put("requestsTotal", status.requestsTotal());
        view.put("everyone", status.everyone());
        return view;
    }
}
