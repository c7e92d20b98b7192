package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.medianest.features.catalog.Title;
import dev.medianest.features.catalog.TitleAddress;
import dev.medianest.features.downloads.DownloadBoard;
import dev.medianest.features.downloads.Torrent;
import dev.medianest.features.requests.Availability;
import dev.medianest.features.requests.MediaRequest;
import dev.medianest.features.requests.RequestedTitle;
import dev.medianest.features.requests.SeasonChoice;
import dev.medianest.features.requests.TitleAvailability;
import dev.medianest.features.services.ServiceProblem;
import dev.medianest.platform.i18n.Messages;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * How titles, requests, downloads and problems look in tool results: the JSON an LLM or MCP client
 * reads (stable field names, documented in docs/assistant.md) and the cards a chat shows.
 */
final class ToolViews {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    /** An overview is cut to about this many characters: enough to tell two titles apart. */
    static final int OVERVIEW = 200;

    private ToolViews() {
    }

    // --- titles ----------------------------------------------------------------------------

    /** The path of a title's page, the same one the web's Discover cards link to. */
    static String link(Title title) {
        return TitleAddress.href(title);
    }

    static ObjectNode title(Title title, TitleAvailability availability) {
        ObjectNode view = NODES.objectNode();
        view.put("mediaType", TitleAddress.segment(title.type()));
        view.put("id", TitleAddress.id(title.type(), title.ids()));
        view.put("title", title.title());
        view.put("originalTitle", title.originalTitle());
        putInt(view, "year", title.year());
        view.put("overview", shortened(title.overview(), OVERVIEW));
        view.put("poster", title.poster().map(URI::toString).orElse(null));
        putDouble(view, "rating", title.rating());
        view.set("availability", availability(availability));
        view.put("link", link(title));
        return view;
    }

    static ObjectNode availability(TitleAvailability availability) {
        ObjectNode view = NODES.objectNode();
        view.put("hd", availability.hd().wireName());
        view.put("fourK", availability.fourK().wireName());
        return view;
    }

    /** Whether the household has the whole title, in HD or in 4K. */
    static boolean available(TitleAvailability availability) {
        return availability.hd() == Availability.AVAILABLE || availability.fourK() == Availability.AVAILABLE;
    }

    static ToolCard titleCard(Title title, TitleAvailability availability, Messages.Texts texts) {
        List<String> badges = badges(availability, texts);
        String detail = badges.isEmpty() ? texts.get("discover.availability.not_requested") : String.join(" · ", badges);
        return new ToolCard("title", title.title(), title.year(), title.poster().map(URI::toString), detail, Optional.of(link(title)),
                Optional.empty(), badges);
    }

    /** The badges a Discover card shows: "Available", "4K · Requested"; none for a title nobody has or asked for. */
    static List<String> badges(TitleAvailability availability, Messages.Texts texts) {
        List<String> badges = new ArrayList<>(2);
        if (availability.hd().shown()) {
            badges.add(texts.get("discover.availability." + availability.hd().wireName()));
        }
        if (availability.fourK().shown()) {
            badges.add("4K · " + texts.get("discover.availability." + availability.fourK().wireName()));
        }
        return badges;
    }

    /** "Dune (2021)". */
    static String named(String title, OptionalInt year) {
        return year.isPresent() ? title + " (" + year.getAsInt() + ")" : title;
    }

    static String named(Title title) {
        return named(title.title(), title.year());
    }

    /** Cut at a word near {@code max} characters, with an ellipsis when anything was cut. */
    static String shortened(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int cut = text.lastIndexOf(' ', max);
        return text.substring(0, cut > max / 2 ? cut : max).strip() + "…";
    }

    // --- requests --------------------------------------------------------------------------

    static ObjectNode request(MediaRequest request, Messages.Texts texts) {
        RequestedTitle title = request.title();
        ObjectNode view = NODES.objectNode();
        view.put("id", request.id());
        view.put("mediaType", TitleAddress.segment(title.type()));
        view.put("titleId", TitleAddress.id(title.type(), title.titleIds()));
        view.put("title", title.name());
        putInt(view, "year", title.year());
        view.put("quality", request.fourK() ? "4k" : "hd");
        view.set("seasons", seasons(request.seasons()));
        view.put("state", request.state().wireName());
        view.put("stateText", texts.get("request.state." + request.state().wireName()));
        ObjectNode progress = view.putObject("progress");
        progress.put("filesPresent", request.progress().filesPresent());
        progress.put("filesExpected", request.progress().filesExpected());
        putDouble(progress, "downloading", request.progress().downloading());
        view.set("lastError", request.lastError().<JsonNode>map(problem -> problem(problem, texts)).orElse(NODES.nullNode()));
        view.put("nextAttemptAt", request.nextAttemptAt().map(Object::toString).orElse(null));
        ArrayNode requesters = view.putArray("requesters");
        request.requesters().forEach(requester -> requesters.add(requester.username()));
        view.put("createdAt", request.createdAt().toString());
        view.put("updatedAt", request.updatedAt().toString());
        view.put("link", "/requests/" + request.id());
        return view;
    }

    /** {@code "all"}, {@code "future"} or the chosen season numbers, as request_media takes them. */
    static JsonNode seasons(SeasonChoice seasons) {
        return switch (seasons.mode()) {
            case ALL -> NODES.textNode("all");
            case FUTURE -> NODES.textNode("future");
            case CHOSEN -> {
                ArrayNode numbers = NODES.arrayNode();
                seasons.chosen().forEach(numbers::add);
                yield numbers;
            }
        };
    }

    static ToolCard requestCard(MediaRequest request, Messages.Texts texts) {
        RequestedTitle title = request.title();
        String state = texts.get("request.state." + request.state().wireName());
        String detail = request.lastError().map(problem -> state + " · " + problemText(problem, texts)).orElse(state);
        Optional<Double> progress = request.progress().downloading().isPresent()
                ? Optional.of(request.progress().downloading().getAsDouble()) : Optional.empty();
        List<String> badges = request.fourK() ? List.of(state, "4K") : List.of(state);
        return new ToolCard("request", title.name(), title.year(), title.poster().map(URI::toString), detail,
                Optional.of("/requests/" + request.id()), progress, badges);
    }

    /**
     * The first three arguments of the request summaries: the title's name, " (2021)" or nothing,
     * and " in 4K" or nothing, so each language quotes the name its own way («Дюна» (2021) в 4K).
     */
    static List<Object> requestNaming(MediaRequest request, Messages.Texts texts) {
        RequestedTitle title = request.title();
        return List.of(title.name(), title.year().isPresent() ? " (" + title.year().getAsInt() + ")" : "", quality(request.fourK(), texts));
    }

    /** The request summary {@code key} with the naming arguments first, then {@code more}. */
    static String aboutRequest(String key, MediaRequest request, Messages.Texts texts, Object... more) {
        List<Object> args = new ArrayList<>(requestNaming(request, texts));
        args.addAll(List.of(more));
        return texts.get(key, args.toArray());
    }

    /** " in 4K" or nothing, in the reader's language. */
    static String quality(boolean fourK, Messages.Texts texts) {
        return fourK ? texts.get("tools.quality.4k") : "";
    }

    // --- downloads -------------------------------------------------------------------------

    static ObjectNode torrent(Torrent torrent, DownloadBoard.Listed group) {
        ObjectNode view = NODES.objectNode();
        view.put("hash", torrent.hash());
        view.put("name", torrent.name());
        view.put("state", torrent.state().name().toLowerCase(Locale.ROOT));
        view.put("progress", torrent.progress());
        view.put("size", torrent.size());
        view.put("downloaded", torrent.downloaded());
        view.put("downloadSpeed", torrent.downloadSpeed());
        view.put("uploadSpeed", torrent.uploadSpeed());
        view.put("etaSeconds", torrent.eta().map(Duration::toSeconds).orElse(null));
        view.put("ratio", torrent.ratio());
        view.put("category", torrent.category().orElse(null));
        ObjectNode client = view.putObject("client");
        client.put("id", group.instance().id());
        client.put("name", group.instance().name());
        client.put("kind", group.instance().kind().key());
        return view;
    }

    static ToolCard torrentCard(Torrent torrent, DownloadBoard.Listed group, Messages.Texts texts) {
        List<String> parts = new ArrayList<>();
        parts.add(texts.get("board.state." + torrent.state().name().toLowerCase(Locale.ROOT)));
        parts.add(Math.round(torrent.progress() * 100) + " %");
        parts.add(texts.bytes(torrent.size()));
        if (torrent.downloadSpeed() > 0) {
            parts.add("↓ " + texts.bytes(torrent.downloadSpeed()) + texts.get("tools.downloads.per_second"));
        }
        torrent.eta().ifPresent(eta -> parts.add(texts.get("tools.downloads.eta", texts.duration(eta))));
        return new ToolCard("download", torrent.name(), OptionalInt.empty(), Optional.empty(), String.join(" · ", parts),
                Optional.of("/downloads"), Optional.of(torrent.progress()), List.of(group.instance().name()));
    }

    /** A failed client as a problem: which one, and why. */
    static ObjectNode clientProblem(DownloadBoard.Failed failed, Messages.Texts texts) {
        ObjectNode view = problem(failed.problem(), texts);
        view.put("clientId", failed.instance().id());
        view.put("client", failed.instance().name());
        view.put("kind", failed.instance().kind().key());
        return view;
    }

    // --- problems --------------------------------------------------------------------------

    static ObjectNode problem(ServiceProblem problem, Messages.Texts texts) {
        ObjectNode view = NODES.objectNode();
        view.put("code", problem.messageKey());
        view.put("message", problemText(problem, texts));
        return view;
    }

    static String problemText(ServiceProblem problem, Messages.Texts texts) {
        return texts.get(problem.messageKey(), problem.args().toArray());
    }

    static ArrayNode problems(List<ServiceProblem> problems, Messages.Texts texts) {
        ArrayNode list = NODES.arrayNode();
        problems.stream().distinct().forEach(problem -> list.add(problem(problem, texts)));
        return list;
    }

    // --- small JSON helpers ----------------------------------------------------------------

    static void putInt(ObjectNode node, String field, OptionalInt value) {
        if (value.isPresent()) {
            node.put(field, value.getAsInt());
        } else {
            node.putNull(field);
        }
    }

    static void putDouble(ObjectNode node, String field, OptionalDouble value) {
        if (value.isPresent()) {
            node.put(field, value.getAsDouble());
        } else {
            node.putNull(field);
        }
    }
}
