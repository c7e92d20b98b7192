package dev.medianest.features.assistant;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TitleFormsTest {

    /** The title as written, then its nominative form second: the one the metadata search knows. */
    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "Дюну | Дюна",
            "Дюны | Дюна",
            "Схватку | Схватка",
            "Довода | Довод",
            "Интерстеллара | Интерстеллар",
            "Матрицу | Матрица",
            "Тёмного рыцаря | Тёмный рыцарь",
            "Тёмному рыцарю | Тёмный рыцарь",
            "Бойцовского клуба | Бойцовский клуб",
            "Зелёную милю | Зелёная миля",
            "Зелёной мили | Зелёная миля",
            "Властелина колец | Властелин колец",
            "Игру престолов | Игра престолов",
            "Пиратов Карибского моря | Пираты Карибского моря",
            "Человека-паука | Человек-паук",
            "Гарри Поттера и философский камень | Гарри Поттер и философский камень",
            "Матрицу: Воскрешение | Матрица: Воскрешение",
            "Книги джунглей | Книга джунглей",
            "Мстителей | Мстители",
            "Бурю | Буря",
            "ДЮНУ | ДЮНА",
            "дюну | дюна",
    })
    void the_base_form_comes_right_after_the_title_as_written(String written, String base) {
        assertThat(TitleForms.candidates(written)).startsWith(written, base);
    }

    @Test
    void other_cases_of_a_noun_reach_its_base_form_too() {
        assertThat(TitleForms.candidates("Дюне")).contains("Дюна");
        assertThat(TitleForms.candidates("Дюной")).contains("Дюна");
        assertThat(TitleForms.candidates("Доводу")).contains("Довод");
        assertThat(TitleForms.candidates("Доводом")).contains("Довод");
        assertThat(TitleForms.candidates("Доводе")).contains("Довод");
    }

    @Test
    void titles_already_in_the_nominative_with_an_adjective_stay_as_they_are() {
        assertThat(TitleForms.candidates("Звёздные войны")).containsExactly("Звёздные войны");
        assertThat(TitleForms.candidates("Бойцовский клуб")).containsExactly("Бойцовский клуб");
    }

    @Test
    void english_titles_and_short_words_are_only_themselves() {
        assertThat(TitleForms.candidates("Heat")).containsExactly("Heat");
        assertThat(TitleForms.candidates("The Dark Knight")).containsExactly("The Dark Knight");
        assertThat(TitleForms.candidates("Оно")).containsExactly("Оно");
        assertThat(TitleForms.candidates("1+1")).containsExactly("1+1");
    }

    @Test
    void forms_are_stripped_unique_few_and_never_blank() {
        assertThat(TitleForms.candidates("  Дюну  ").getFirst()).isEqualTo("Дюну");
        for (String title : new String[]{"Дюну", "Доводу", "Гарри Поттера и философский камень", "Мстителей", "Игру престолов",
                "Тёмного рыцаря", "Дюна", "Человека-паука"}) {
            assertThat(TitleForms.candidates(title)).as(title).doesNotHaveDuplicates().hasSizeBetween(1, 6)
                    .allSatisfy(form -> assertThat(form).isNotBlank());
        }
    }
}
