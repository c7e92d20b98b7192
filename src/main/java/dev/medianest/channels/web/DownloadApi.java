package dev.medianest.channels.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.downloads.AddTorrent;
import dev.medianest.features.downloads.Capabilities;
import dev.medianest.features.downloads.DownloadAudience;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.errors.AppException;
import dev.medianest.platform.i18n.Messages;
import io.javalin.http.Context;

import java.net.URI;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@code /api/v1/downloads}: the torrents of every download client, and actions on them, for admins. */
final class DownloadApi {

    private static final Set<String> ADD_FIELDS = Set.of("magnet", "url", "torrent", "fileName", "category", "savePath", "paused");

    private final DownloadAudience audience;
    private final DownloadBoard board;
    private final ObjectMapper mapper;
    private final TorrentUploads uploads;

    DownloadApi(DownloadBoard board, ObjectMapper mapper, TorrentUploads uploads, DownloadAudience audience) {
        this.audience = audience;
        this.board = board;
        this.mapper = mapper;
        this.uploads = uploads;
    }

    void list(Context ctx) {
        Messages.Texts texts = RequestState.of(ctx).texts;
        List<DownloadBoard.Group> visible = audience.visible(RequestState.of(ctx).requirePrincipal(), board.groups());
        ctx.json(Map.of("groups", visible.stream().map(group -> group(group, texts)).toList()));
    }

    void add(Context ctx) {
        long id = UserApi.id(ctx);
        JsonInput input = JsonInput.read(ctx, mapper, ADD_FIELDS, uploads.bodyLimit(ctx).orElseThrow(), uploads.limit()::exceeded);
        Optional<String> magnet = input.string("magnet");
        Optional<String> url = input.string("url");
        Optional<String> torrent = input.string("torrent");
        Optional<String> category = input.string("category");
        Optional<String> savePath = input.string("savePath");
        boolean paused = input.bool("paused").orElse(false);
        String fileName = input.string("fileName").orElse(null);
        int given = (magnet.isPresent() ? 1 : 0) + (url.isPresent() ? 1 : 0) + (torrent.isPresent() ? 1 : 0);
        if (given != 1) {
            input.problem("magnet", "validation.download.source");
        }
        input.throwIfInvalid();
        AddTorrent.Source source;
        if (magnet.isPresent()) {
            source = new AddTorrent.Magnet(magnet.get());
        } else if (url.isPresent()) {
            try {
                source = new AddTorrent.Url(URI.create(url.get()));
            } catch (IllegalArgumentException e) {
                throw AppException.invalid("url", "validation.download.url");
            }
        } else {
            byte[] bytes;
            try {
                bytes = Base64.getDecoder().decode(torrent.get());
            } catch (IllegalArgumentException e) {
                throw AppException.invalid("torrent", "validation.download.torrent_file");
            }
            source = AddTorrent.File.of(fileName, bytes, uploads.limit());
        }
        String hash = board.add(id, new AddTorrent(source, category, savePath, paused));
        ctx.status(201).json(Map.of("hash", hash));
    }

    void pause(Context ctx) {
        act(ctx, DownloadBoard.Action.PAUSE);
    }

    void resume(Context ctx) {
        act(ctx, DownloadBoard.Action.RESUME);
    }

    void recheck(Context ctx) {
        act(ctx, DownloadBoard.Action.RECHECK);
    }

    void remove(Context ctx) {
        act(ctx, "true".equals(ctx.queryParam("deleteData")) ? DownloadBoard.Action.REMOVE_WITH_DATA : DownloadBoard.Action.REMOVE);
    }

    void category(Context ctx) {
        JsonInput input = JsonInput.read(ctx, mapper, Set.of("category"));
        String category = input.string("category").orElse("");
        input.throwIfInvalid();
        board.setCategory(UserApi.id(ctx), ctx.pathParam("hash"), category);
        ctx.status(204);
    }

    void pauseAll(Context ctx) {
        board.pauseAll(UserApi.id(ctx));
        ctx.status(204);
    }

    void resumeAll(Context ctx) {
        board.resumeAll(UserApi.id(ctx));
        ctx.status(204);
    }

    private void act(Context ctx, DownloadBoard.Action action) {
        board.act(UserApi.id(ctx), ctx.pathParam("hash"), action);
        ctx.status(204);
    }

    private static Map<String, Object> group(DownloadBoard.Group group, Messages.Texts texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("serviceId", group.instance().id());
        view.put("kind", group.instance().kind().key());
        view.put("name", group.instance().name());
        switch (group) {
            case DownloadBoard.Listed listed -> {
                view.put("ok", true);
                view.put("problem", null);
                view.put("capabilities", capabilities(listed.capabilities()));
                view.put("torrents", listed.torrents().stream().map(DownloadApi::torrent).toList());
            }
            case DownloadBoard.Failed failed -> {
                view.put("ok", false);
                view.put("problem", problem(failed.problem(), texts));
                view.put("capabilities", null);
                view.put("torrents", List.of());
            }
        }
        return view;
    }

    private static Map<String, Object> capabilities(Capabilities capabilities) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("categories", capabilities.categories());
        view.put("savePath", capabilities.savePath());
        view.put("recheck", capabilities.recheck());
        view.put("pauseAll", capabilities.pauseAll());
        view.put("addPaused", capabilities.addPaused());
        return view;
    }

    static Map<String, Object> torrent(Torrent torrent) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("hash", torrent.hash());
        view.put("name", torrent.name());
        view.put("state", torrent.state().name());
        view.put("progress", torrent.progress());
        view.put("size", torrent.size());
        view.put("downloaded", torrent.downloaded());
        view.put("downloadSpeed", torrent.downloadSpeed());
        view.put("uploadSpeed", torrent.uploadSpeed());
        view.put("etaSeconds", torrent.eta().map(java.time.Duration::toSeconds).orElse(null));
        view.put("ratio", torrent.ratio());
        view.put("seeds", torrent.seeds());
        view.put("peers", torrent.peers());
        view.put("category", torrent.category().orElse(null));
        view.put("savePath", torrent.savePath());
        view.put("addedAt", torrent.addedAt().toString());
        view.put("completedAt", torrent.completedAt().map(Object::toString).orElse(null));
        return view;
    }

    private static Map<String, Object> problem(ServiceProblem problem, Messages.Texts texts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("code", problem.messageKey());
        view.put("message", texts.get(problem.messageKey(), problem.args().toArray()));
        return view;
    }
}
