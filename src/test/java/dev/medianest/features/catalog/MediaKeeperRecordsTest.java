package dev.medianest.features.catalog;

import dev.medianest.features.catalog.MediaKeeper.Addition;
import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.Download;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.MediaKeeper.Presence;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The port's records refuse what cannot be right, whoever builds them: a form, an LLM tool call or a remote answer. */
class MediaKeeperRecordsTest {

    @Test
    void external_ids_take_the_shape_of_their_catalogue() {
        assertThat(ExternalId.imdb(" TT0087182 ").value()).isEqualTo("tt0087182");
        assertThat(new ExternalId(Catalogue.ISBN, "978-0-441-17271-9").value()).isEqualTo("9780441172719");
        assertThat(new ExternalId(Catalogue.ISBN, "044117271x").value()).isEqualTo("044117271X");
        assertThat(ExternalId.tmdb(438631).number()).isEqualTo(438631);
        assertThatThrownBy(() -> new ExternalId(Catalogue.TMDB, "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalId(Catalogue.TVDB, "99999999999")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalId(Catalogue.IMDB, "0087182")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ExternalId(Catalogue.GOODREADS, "3634639; DROP")).isInstanceOf(IllegalArgumentException.class);
        assertThat(ExternalId.parse(Catalogue.IMDB, "")).isEmpty();
    }

    @Test
    void an_addition_never_searches_for_what_nobody_monitors() {
        assertThatThrownBy(() -> new Addition(ExternalId.tmdb(693134), Optional.empty(), Optional.empty(), Set.of(), false, Set.of(), true))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Addition.of(ExternalId.tvdb(280619)).withSeasons(Set.of(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Addition.of(ExternalId.tmdb(693134)).withQualityProfile(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Addition.of(ExternalId.tmdb(693134)).withRootFolder(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Addition.of(ExternalId.tvdb(280619)).withSeasons(Set.of(1, 2)).withoutSearch().searchNow()).isFalse();
    }

    @Test
    void presence_outside_the_library_has_nothing_and_complete_needs_every_file() {
        assertThatThrownBy(() -> new Presence(Optional.empty(), true, 0, 1, List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Presence(Optional.of(7L), true, 16, 18, List.of()).complete()).isFalse();
        assertThat(new Presence(Optional.of(7L), true, 18, 18, List.of()).complete()).isTrue();
        assertThat(new Presence(Optional.of(9L), true, 0, 0, List.of()).complete()).as("a series with nothing aired yet").isFalse();
    }

    @Test
    void a_download_reports_its_share_done() {
        Download halfway = new Download(27, "Dune.Part.Two.2024.1080p", OptionalInt.empty(), OptionalInt.empty(), 1000, 250,
                Download.State.DOWNLOADING, Optional.empty(), Optional.empty());
        assertThat(halfway.fraction()).isEqualTo(0.75);
        assertThat(new Download(27, null, OptionalInt.empty(), OptionalInt.empty(), 0, 0, Download.State.QUEUED, Optional.empty(),
                Optional.empty()).fraction()).isZero();
    }
}
