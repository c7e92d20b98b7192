package dev.medianest.integrations.medianest;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * {@link ServerStatus} from a running MediaNest's JSON API: {@code GET /api/v1/downloads} and
 * {@code GET /api/v1/requests} (openapi.json: DownloadGroups, RequestList). These, not the
 * assistant's tools, because they need no {@code assistant} permission, list every torrent rather
 * than the assistant's first 25, and keep the clients apart with each one's problem.
 */
public final class RemoteStatus {

    private final MediaNestClient client;

    public RemoteStatus(MediaNestClient client) {
        this.client = client;
    }

    /**
     * @param everyone everyone's requests (the server gives managers everyone's with {@code scope=all})
     * @param limit    the latest this many requests, 1 to 200
     */
    public ServerStatus read(boolean everyone, int limit) {
        List<ServerStatus.Client> clients = new ArrayList<>();
        for (JsonNode group : client.get("/api/v1/downloads").path("groups")) {
            List<ServerStatus.Download> torrents = new ArrayList<>();
            group.path("torrents").forEach(torrent -> torrents.add(new ServerStatus.Download(torrent.path("name").asText(),
                    torrent.path("state").asText(), torrent.path("progress").asDouble(), torrent.path("size").asLong(),
                    torrent.path("downloadSpeed").asLong(),
                    torrent.path("etaSeconds").isNumber() ? Optional.of(Duration.ofSeconds(torrent.path("etaSeconds").asLong())) : Optional.empty())));
            Optional<String> problem = group.path("ok").asBoolean(true) ? Optional.empty()
                    : Optional.of(group.path("problem").path("message").asText(group.path("problem").path("code").asText("")));
            clients.add(new ServerStatus.Client(group.path("name").asText(), group.path("kind").asText(), problem, torrents));
        }
        JsonNode page = client.get("/api/v1/requests?sort=updated&scope=" + (everyone ? "all" : "mine") + "&limit=" + limit);
        List<ServerStatus.Request> requests = new ArrayList<>();
        for (JsonNode item : page.path("items")) {
            List<String> requesters = new ArrayList<>();
            item.path("requesters").forEach(requester -> requesters.add(requester.path("username").asText()));
            JsonNode progress = item.path("progress");
            requests.add(new ServerStatus.Request(item.path("id").asLong(), item.path("type").asText(), item.path("title").asText(),
                    item.path("year").isNumber() ? OptionalInt.of(item.path("year").asInt()) : OptionalInt.empty(), item.path("fourK").asBoolean(),
                    item.path("state").asText(), progress.path("filesPresent").asInt(), progress.path("filesExpected").asInt(),
                    progress.path("downloading").isNumber() ? OptionalDouble.of(progress.path("downloading").asDouble()) : OptionalDouble.empty(),
                    requesters, item.path("lastError").path("message").isTextual() ? Optional.of(item.path("lastError").path("message").asText())
                    : Optional.empty(), instant(item.path("updatedAt").asText())));
        }
        return new ServerStatus(clients, requests, page.path("total").asInt(requests.size()), everyone);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException unreadable) {
            return Instant.EPOCH;
        }
    }
}
