package dev.medianest.channels.web;

import dev.medianest.features.accounts.Principal;

import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.BoardView;
import dev.medianest.features.downloads.DownloadAudience;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.downloads.TorrentFileLimit;
import dev.medianest.features.services.ServiceInstance;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.errors.ErrorCode;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Downloads page: every download client's torrents, sortable and filterable on the server, with
 * per-torrent actions and an add form (magnet or uploaded .torrent file). Admins only for now;
 * other members see that their requests' downloads will appear here once requests exist.
 */
final class DownloadPages {

    private final DownloadAudience audience;

    private final Pages pages;
    private final DownloadBoard board;
    private final TorrentFileLimit limit;

    DownloadPages(Pages pages, DownloadBoard board, TorrentFileLimit limit, DownloadAudience audience) {
        this.audience = audience;
        this.pages = pages;
        this.board = board;
        this.limit = limit;
    }

    void list(Context ctx) {
        show(ctx, Map.of(), Map.of());
    }

    void add(Context ctx) {
        Map<String, String> typed = new LinkedHashMap<>();
        for (String name : List.of("client", "magnet", "category", "savePath")) {
            typed.put(name, Optional.ofNullable(ctx.formParam(name)).orElse(""));
        }
        typed.put("paused", ctx.formParam("paused") == null ? "" : "on");
        try {
            long client = parseId(typed.get("client"));
            AddTorrent.Source source = source(ctx, typed.get("magnet"), limit);
            board.add(client, new AddTorrent(source, Optional.of(typed.get("category")), Optional.of(typed.get("savePath")),
                    !typed.get("paused").isEmpty()));
            ctx.redirect("/downloads?notice=torrent_added", io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (AppException failure) {
            ctx.status(ApiErrors.status(failure.code()));
            Map<String, String> errors = new LinkedHashMap<>();
            if (failure.details().isEmpty()) {
                errors.put("form", RequestState.of(ctx).texts.get(failure.code().messageKey(), failure.args()));
            } else {
                failure.details().forEach((field, key) -> errors.put(field, RequestState.of(ctx).texts.get(key, failure.args())));
            }
            show(ctx, typed, errors);
        }
    }

    void act(Context ctx) {
        DownloadBoard.Action action = switch (ctx.pathParam("action")) {
            case "pause" -> DownloadBoard.Action.PAUSE;
            case "resume" -> DownloadBoard.Action.RESUME;
            case "recheck" -> DownloadBoard.Action.RECHECK;
            case "remove" -> "on".equals(ctx.formParam("deleteData")) || "true".equals(ctx.formParam("deleteData"))
                    ? DownloadBoard.Action.REMOVE_WITH_DATA : DownloadBoard.Action.REMOVE;
            default -> throw new AppException(ErrorCode.NOT_FOUND);
        };
        board.act(UserApi.id(ctx), ctx.pathParam("hash"), action);
        back(ctx);
    }

    void category(Context ctx) {
        board.setCategory(UserApi.id(ctx), ctx.pathParam("hash"), ctx.formParam("category"));
        back(ctx);
    }

    void pauseAll(Context ctx) {
        board.pauseAll(UserApi.id(ctx));
        back(ctx);
    }

    void resumeAll(Context ctx) {
        board.resumeAll(UserApi.id(ctx));
        back(ctx);
    }

    private void back(Context ctx) {
        String view = Optional.ofNullable(ctx.formParam("view")).filter(q -> q.matches("[A-Za-z0-9=&%._+-]*")).orElse("");
        ctx.redirect("/downloads" + (view.isEmpty() ? "" : "?" + view), io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void show(Context ctx, Map<String, String> typed, Map<String, String> errors) {
        PageContext page = pages.context(ctx);
        Map<String, Object> params = new LinkedHashMap<>();
        BoardView view = BoardView.of(ctx::queryParam);
        Principal viewer = RequestState.of(ctx).requirePrincipal();
        List<DownloadBoard.Group> groups = audience.visible(viewer, board.groups()).stream().filter(view::shows).toList();
        // Members filter among the clients their downloads are in; admins among all of them.
        List<ServiceInstance> clients = page.admin() ? board.clients() : groups.stream().map(DownloadBoard.Group::instance).toList();
        params.put("page", page);
        params.put("view", view);
        params.put("clients", clients);
        params.put("groups", groups);
        params.put("form", typed);
        params.put("errors", errors);
        params.put("maxTorrentMegabytes", limit.megabytes());
        pages.render(ctx, "downloads.jte", params);
    }

    private static AddTorrent.Source source(Context ctx, String magnet, TorrentFileLimit limit) {
        UploadedFile file = ctx.uploadedFile("torrent");
        if (file != null && file.size() > 0) {
            if (!limit.admits(file.size())) {
                throw limit.exceeded();
            }
            try (InputStream in = file.content()) {
                return AddTorrent.File.of(file.filename(), in.readNBytes((int) limit.bytes() + 1), limit);
            } catch (IOException e) {
                throw AppException.invalid("torrent", "validation.download.torrent_file");
            }
        }
        if (magnet == null || magnet.isBlank()) {
            throw AppException.invalid("magnet", "validation.download.source");
        }
        return new AddTorrent.Magnet(magnet.strip());
    }

    static long parseId(String text) {
        try {
            return Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw AppException.invalid("client", "validation.download.client");
        }
    }
}
