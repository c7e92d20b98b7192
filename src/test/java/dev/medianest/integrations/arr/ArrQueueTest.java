package dev.medianest.integrations.arr;

import dev.medianest.features.catalog.MediaKeeper.Download.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How the download client's state and the *arr application's own fold into the one state a person reads. */
class ArrQueueTest {

    private static ArrApi.QueueRecord record(String status, String trackedState, String trackedStatus) {
        return new ArrApi.QueueRecord(1, 27, null, null, null, null, null, null, "Dune.Part.Two.2024.1080p.BluRay.x264",
                1000, 250, status, trackedStatus, trackedState, List.of(), null, null, "qBittorrent", "torrent", null, null);
    }

    @ParameterizedTest(name = "{0} / {1} / {2} is {3}")
    @CsvSource({
            "downloading, downloading, ok, DOWNLOADING",
            "queued, downloading, ok, QUEUED",
            "paused, downloading, ok, PAUSED",
            "delay, downloading, ok, DELAYED",
            "completed, importPending, ok, IMPORTING",
            "completed, importing, ok, IMPORTING",
            "completed, importBlocked, warning, NEEDS_ATTENTION",
            "completed, imported, ok, DONE",
            "downloading, downloading, warning, NEEDS_ATTENTION",
            "downloadClientUnavailable, downloading, ok, NEEDS_ATTENTION",
            "failed, failedPending, error, FAILED",
            "warning, failed, ok, FAILED",
            "unknown, downloading, error, FAILED"})
    void client_and_application_states_fold_into_one(String status, String trackedState, String trackedStatus, State expected) {
        assertThat(ArrQueue.state(record(status, trackedState, trackedStatus))).isEqualTo(expected);
    }

    @Test
    void the_queue_is_read_until_the_total_is_reached_and_no_further() {
        List<Integer> asked = new ArrayList<>();
        List<ArrApi.QueueRecord> all = ArrQueue.all(page -> {
            asked.add(page);
            return new ArrApi.Page<>(page, 2, 5, page < 3 ? List.of(record("queued", "downloading", "ok"), record("queued", "downloading", "ok"))
                    : List.of(record("queued", "downloading", "ok")));
        });
        assertThat(all).hasSize(5);
        assertThat(asked).containsExactly(1, 2, 3);
    }

    @Test
    void a_queue_that_claims_more_than_it_sends_is_not_read_for_ever() {
        List<Integer> asked = new ArrayList<>();
        ArrQueue.all(page -> {
            asked.add(page);
            return new ArrApi.Page<>(page, 1, 1_000_000, List.of(record("queued", "downloading", "ok")));
        });
        assertThat(asked).hasSize(20);
    }
}
