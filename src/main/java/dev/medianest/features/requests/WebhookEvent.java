package dev.medianest.features.requests;

import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a Radarr, Sonarr or Seerr webhook said, in MediaNest's terms. Each {@link WebhookFormat}
 * reads its service's payload into one of these; {@link Webhooks} then finds the requests it is
 * about and records it. Anything a format does not act on becomes {@link Ignored}, so a new event
 * type upstream never fails a call.
 */
public sealed interface WebhookEvent {

    /** The event's name as the service sent it, for the answer and the logs. */
    String name();

    /** The service's "Test" button. */
    record Test(String name) implements WebhookEvent {
    }

    /** A health report (a failing indexer, an update); logged, acted on by nobody. */
    record Health(String name, String message) implements WebhookEvent {
        public Health {
            message = message == null ? "" : message.strip();
        }
    }

    /** An event MediaNest has no use for (a rename, a title added by hand). */
    record Ignored(String name) implements WebhookEvent {
    }

    /**
     * The *arr app sent a release to its download client.
     *
     * @param downloadId the download client's id of the download: the torrent's info hash for torrent clients
     */
    record Grabbed(String name, Title title, Optional<String> downloadId) implements WebhookEvent {
        public Grabbed {
            downloadId = cleanDownloadId(downloadId);
        }
    }

    /** Files of the title were imported or deleted: how much of it is there must be asked anew. */
    record FilesChanged(String name, Title title, Optional<String> downloadId) implements WebhookEvent {
        public FilesChanged {
            downloadId = cleanDownloadId(downloadId);
        }
    }

    /**
     * Seerr's news about one of its requests.
     *
     * @param requestId Seerr's id of the request, when the notification carried one
     */
    record PortalNews(String name, Title title, Optional<Integer> requestId, Portal news) implements WebhookEvent {
    }

    /** What Seerr tells of a request. */
    enum Portal { PENDING, APPROVED, AVAILABLE, PARTIALLY_AVAILABLE, DECLINED, FAILED }

    /**
     * The title an event is about, as the service names it.
     *
     * @param libraryId the *arr app's own id of the title (absent from Seerr's notifications)
     * @param seasons   for a series, the seasons of the episodes concerned; empty when the event does not say
     */
    record Title(TitleType type, List<ExternalId> ids, Optional<Long> libraryId, Set<Integer> seasons) {
        public Title {
            if (type == null || ids == null || libraryId == null || seasons == null) {
                throw new IllegalArgumentException("a webhook title has a type, ids, and optionally a library id and seasons");
            }
            ids = List.copyOf(ids);
            seasons = Set.copyOf(seasons);
            if (ids.isEmpty() && libraryId.isEmpty()) {
                throw new IllegalArgumentException("a webhook must name its title by an id");
            }
        }

        public Optional<ExternalId> id(Catalogue catalogue) {
            return ids.stream().filter(id -> id.catalogue() == catalogue).findFirst();
        }

        /** As a requested title, for looking up the requests for it (the name is not used to match). */
        Optional<RequestedTitle> asRequested() {
            try {
                return Optional.of(new RequestedTitle(type, ids, "webhook", java.util.OptionalInt.empty(), Optional.empty()));
            } catch (IllegalArgumentException notEnough) {
                return Optional.empty();
            }
        }
    }

    /** Download ids are kept in lower case (qBittorrent's hashes) and only when they look like one: printable, short. */
    private static Optional<String> cleanDownloadId(Optional<String> id) {
        return id.map(String::strip).filter(value -> value.matches("[A-Za-z0-9._:-]{1,200}")).map(value -> value.toLowerCase(Locale.ROOT));
    }
}
