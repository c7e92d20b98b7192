package dev.medianest.channels.cli;

import dev.medianest.features.assistant.ChatReply;
import dev.medianest.features.assistant.ReplyChoice;
import dev.medianest.features.assistant.ToolCard;
import dev.medianest.platform.i18n.Language;
import dev.medianest.platform.i18n.Messages;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** How a reply, a card, a bar and an amount look on a terminal. */
class ReplyPrinterTest {

    private static final Look UNICODE = new Look(false, true, 100);
    private static final Look ASCII = new Look(false, false, 100);
    private static final Messages MESSAGES = new Messages();

    @Test
    void bars_fill_in_eighths_of_a_cell_or_in_ascii() {
        assertThat(UNICODE.bar(0.5, 4)).isEqualTo("██░░");
        assertThat(UNICODE.bar(1.0 / 16, 2)).isEqualTo("▏░");
        assertThat(UNICODE.bar(1, 3)).isEqualTo("███");
        assertThat(UNICODE.bar(0, 3)).isEqualTo("░░░");
        assertThat(ASCII.bar(0.5, 4)).isEqualTo("[##--]");
        assertThat(ASCII.bar(7, 2)).isEqualTo("[##]");
    }

    @Test
    void the_locale_decides_between_unicode_and_ascii_and_no_color_turns_colours_off() {
        assertThat(Look.unicode(Map.of("LANG", "ru_RU.UTF-8"))).isTrue();
        assertThat(Look.unicode(Map.of("LC_ALL", "C", "LANG", "en_US.UTF-8"))).isFalse();
        assertThat(Look.unicode(Map.of())).isFalse();
        assertThat(Look.colourWanted(Map.of("NO_COLOR", "1"))).isFalse();
        assertThat(Look.colourWanted(Map.of("NO_COLOR", ""))).isTrue();
        assertThat(new Look(true, true, 80).bold("x")).contains("\u001b[");
    }

    @Test
    void a_card_is_one_compact_line() {
        ToolCard card = new ToolCard("download", "Dune", OptionalInt.of(2021), Optional.empty(), "Downloading", Optional.empty(), Optional.of(0.25),
                List.of("4K"));

        assertThat(ReplyPrinter.card(card, UNICODE)).isEqualTo("• Dune (2021) · Downloading · 4K  ███░░░░░░░░░ 25 %");
        assertThat(ReplyPrinter.card(card, ASCII)).isEqualTo("* Dune (2021) - Downloading - 4K  [###---------] 25 %");
    }

    @Test
    void streamed_text_is_not_printed_twice_and_the_rest_follows_it() {
        StringWriter written = new StringWriter();
        ReplyPrinter printer = new ReplyPrinter(new PrintWriter(written), UNICODE, "  ");
        ToolCard card = new ToolCard("title", "Heat", OptionalInt.of(1995), Optional.empty(), "Not requested", Optional.empty(), Optional.empty(),
                List.of());

        printer.status("Searching TMDb for Heat…");
        printer.text("Request ");
        printer.text("Heat (1995)?");
        printer.finish(new ChatReply("Request Heat (1995)?", List.of(card), List.of(new ReplyChoice("Yes", "Yes"), new ReplyChoice("No", "No")),
                ChatReply.Mode.FALLBACK, Optional.of("The model did not answer in time; answering offline")));

        assertThat(written.toString()).isEqualTo("""
                  Searching TMDb for Heat…
                  Request Heat (1995)?
                  • Heat (1995) · Not requested
                  [1] Yes  [2] No
                  (The model did not answer in time; answering offline)
                """);
    }

    @Test
    void numbered_buttons_show_their_number_once_and_a_detached_printer_stays_quiet() {
        StringWriter written = new StringWriter();
        ReplyPrinter printer = new ReplyPrinter(new PrintWriter(written), ASCII, "");

        printer.detach();
        printer.text("late");

        assertThat(written.toString()).isEmpty();
        assertThat(ReplyPrinter.choices(List.of(new ReplyChoice("1", "1"), new ReplyChoice("2", "2")), ASCII)).isEqualTo("[1]  [2]");
    }

    @Test
    void times_left_read_as_a_person_says_them() {
        Messages.Texts english = MESSAGES.in(Language.EN);
        Messages.Texts russian = MESSAGES.in(Language.RU);

        assertThat(english.duration(Duration.ofSeconds(45))).isEqualTo("45 s");
        assertThat(english.duration(Duration.ofMinutes(185))).isEqualTo("3 h 5 min");
        assertThat(russian.duration(Duration.ofHours(52))).isEqualTo("2 д 4 ч");
    }
}
