package dev.medianest.integrations.arr;

import dev.medianest.features.catalog.MediaKeeper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * An *arr download queue read whole and said the way MediaKeeper speaks. The applications page
 * their queue (QueueResourcePagingResource); the download client's state ({@code status}) and the
 * application's own ({@code trackedDownloadState}: importPending, importBlocked, imported …) are
 * folded into one state a person understands.
 */
public final class ArrQueue {

    /** Records per page asked for. */
    public static final int PAGE_SIZE = 100;
    /** A household queue has tens of entries; a runaway one is cut rather than read for ever. */
    private static final int MAX_PAGES = 20;

    private ArrQueue() {
    }

    /** Every record, page after page, until the application's total is reached. */
    public static List<ArrApi.QueueRecord> all(IntFunction<ArrApi.Page<ArrApi.QueueRecord>> page) {
        List<ArrApi.QueueRecord> records = new ArrayList<>();
        for (int number = 1; number <= MAX_PAGES; number++) {
            ArrApi.Page<ArrApi.QueueRecord> next = page.apply(number);
            records.addAll(next.records());
            if (next.records().isEmpty() || records.size() >= next.totalRecords()) {
                break;
            }
        }
        return records;
    }

    /**
     * Every download of the queue {@code page} reads, each under the title {@code libraryId} names
     * (a record without one, such as a release the application could not match, is left out).
     */
    public static List<MediaKeeper.Download> downloads(IntFunction<ArrApi.Page<ArrApi.QueueRecord>> page,
                                                        Function<ArrApi.QueueRecord, Integer> libraryId) {
        return all(page).stream().filter(record -> libraryId.apply(record) != null)
                .map(record -> download(record, libraryId.apply(record))).toList();
    }

    /** One record as a download of the title {@code libraryId}. */
    public static MediaKeeper.Download download(ArrApi.QueueRecord record, long libraryId) {
        OptionalInt episode = record.episode() == null ? OptionalInt.empty() : OptionalInt.of(record.episode().episodeNumber());
        return new MediaKeeper.Download(libraryId, record.title(), optional(record.seasonNumber()), episode,
                Math.round(Math.max(0, record.size())), Math.round(Math.max(0, record.sizeleft())), state(record),
                Optional.ofNullable(record.estimatedCompletionTime()), problem(record));
    }

    static MediaKeeper.Download.State state(ArrApi.QueueRecord record) {
        String tracked = String.valueOf(record.trackedDownloadState());
        String status = String.valueOf(record.status());
        if ("error".equals(record.trackedDownloadStatus()) || status.equals("failed") || tracked.startsWith("failed")) {
            return MediaKeeper.Download.State.FAILED;
        }
        switch (tracked) {
            case "importBlocked":
                return MediaKeeper.Download.State.NEEDS_ATTENTION;
            case "importPending", "importing":
                return MediaKeeper.Download.State.IMPORTING;
            case "imported":
                return MediaKeeper.Download.State.DONE;
            default:
                break;
        }
        if ("warning".equals(record.trackedDownloadStatus())) {
            return MediaKeeper.Download.State.NEEDS_ATTENTION;
        }
        return switch (status) {
            case "downloading" -> MediaKeeper.Download.State.DOWNLOADING;
            case "paused" -> MediaKeeper.Download.State.PAUSED;
            case "delay" -> MediaKeeper.Download.State.DELAYED;
            case "completed" -> MediaKeeper.Download.State.IMPORTING;
            case "warning", "downloadClientUnavailable", "fallback" -> MediaKeeper.Download.State.NEEDS_ATTENTION;
            default -> MediaKeeper.Download.State.QUEUED;
        };
    }

    private static Optional<String> problem(ArrApi.QueueRecord record) {
        if (record.errorMessage() != null && !record.errorMessage().isBlank()) {
            return Optional.of(record.errorMessage());
        }
        String messages = record.statusMessages().stream().flatMap(message -> message.messages().stream())
                .filter(text -> !text.isBlank()).distinct().collect(Collectors.joining(" "));
        return messages.isEmpty() ? Optional.empty() : Optional.of(messages);
    }

    private static OptionalInt optional(Integer value) {
        return value == null ? OptionalInt.empty() : OptionalInt.of(value);
    }
}
