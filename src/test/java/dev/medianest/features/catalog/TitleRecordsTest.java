package dev.medianest.features.catalog;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Titles, ids and queries refuse nonsense at construction, whoever builds them. */
class TitleRecordsTest {

    @Test
    void ids_need_at_least_one_well_formed_id() {
        assertThat(TitleIds.of(0, null, " ")).isEmpty();
        assertThat(TitleIds.of(null, 269613, "tt2802850")).get().satisfies(ids -> {
            assertThat(ids.tvdb()).hasValue(269613);
            assertThat(ids.imdb()).contains("tt2802850");
        });
        assertThatThrownBy(() -> new TitleIds(OptionalInt.of(-5), OptionalInt.empty(), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TitleIds(OptionalInt.empty(), OptionalInt.empty(), Optional.of("1160419"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_book_is_known_by_its_goodreads_work_and_ids_that_share_one_name_the_same_title() {
        TitleIds book = TitleIds.ofGoodreads(3634639);
        assertThat(book.goodreads()).hasValue(3634639);
        assertThatThrownBy(() -> TitleIds.ofGoodreads(0)).isInstanceOf(IllegalArgumentException.class);
        TitleIds fromTmdb = TitleIds.of(60622, 269613, "tt2802850").orElseThrow();
        assertThat(TitleIds.ofTvdb(269613).overlaps(fromTmdb)).isTrue();
        assertThat(TitleIds.ofTmdb(60622).overlaps(TitleIds.ofTvdb(60622))).isFalse();
        assertThat(TitleIds.ofTmdb(60622).with(TitleIds.ofTvdb(269613))).isEqualTo(TitleIds.of(60622, 269613, null).orElseThrow());
    }

    @Test
    void details_derive_season_numbers_from_their_seasons_and_leave_specials_out() {
        Title fargo = new Title(TitleType.SERIES, TitleIds.ofTmdb(60622), "Fargo", null, OptionalInt.of(2014), "", Optional.empty(),
                OptionalDouble.empty(), List.of());
        TitleDetails byNumber = new TitleDetails(fargo, OptionalInt.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(2, 0, 1));
        assertThat(byNumber.seasons()).containsExactly(1, 2);
        assertThat(byNumber.seasonDetails()).allSatisfy(season -> assertThat(season.episodeCount()).isEmpty());
        TitleDetails counted = new TitleDetails(fargo, OptionalInt.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), List.of(),
                List.of(new TitleDetails.Season(2, "Year 2", OptionalInt.of(10), Optional.empty()), new TitleDetails.Season(1, "Year 1", OptionalInt.of(10), Optional.empty())));
        assertThat(counted.seasons()).containsExactly(1, 2);
        assertThatThrownBy(() -> new TitleDetails.Season(0, "Specials", OptionalInt.of(3), Optional.empty())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_title_without_a_name_or_with_an_impossible_rating_is_refused() {
        TitleIds dune = TitleIds.ofTmdb(438631);
        Title title = new Title(TitleType.MOVIE, dune, " Дюна ", null, OptionalInt.of(2021), null, Optional.empty(), OptionalDouble.of(7.8), List.of("фантастика"));
        assertThat(title.title()).isEqualTo("Дюна");
        assertThat(title.originalTitle()).isEqualTo("Дюна");
        assertThat(title.overview()).isEmpty();
        assertThatThrownBy(() -> new Title(TitleType.MOVIE, dune, "", null, OptionalInt.empty(), "", Optional.empty(), OptionalDouble.empty(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Title(TitleType.MOVIE, dune, "Dune", null, OptionalInt.empty(), "", Optional.empty(), OptionalDouble.of(11), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_query_is_printable_words_of_bounded_length() {
        assertThat(TitleQuery.of("  скачай Дюну  ", Locale.forLanguageTag("ru")).text()).isEqualTo("скачай Дюну");
        assertThatThrownBy(() -> TitleQuery.of("   ", Locale.US)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TitleQuery.of("Dune\u0000", Locale.US)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TitleQuery.of("x".repeat(TitleQuery.MAX_LENGTH + 1), Locale.US)).isInstanceOf(IllegalArgumentException.class);
    }
}
