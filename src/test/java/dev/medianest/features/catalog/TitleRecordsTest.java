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
