package dev.medianest.channels.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.medianest.features.assistant.IntentParser;
import dev.medianest.features.assistant.Understanding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code medianest query}: one message to the assistant from the shell. For now only
 * {@code --dry-run}: it shows what the offline understanding reads in the message, without opening
 * the database, reading the configuration or acting, so it works on a machine with nothing set up.
 */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Send one message to the assistant, in English or Russian (\"download Heat 1995\", \"скачай Дюну в 4К\").",
                "This build answers only with --dry-run: it prints what the offline understanding read in the message, "
                        + "without acting, without reading the configuration and without opening the database."},
        footer = {"",
                "JSON keys (--json), each present only when the message says it:",
                "  intent     request, search, status, recommend, library, pause, resume, cancel, youtube, services, help or unknown",
                "  mediaType  movie, series or book (\"the series\", \"книгу\")",
                "  title      the title as written, without filler words (Russian stays inflected: \"Дюну\")",
                "  year       a number from 1900 to 2100: in brackets, after \"from\", before \"года\", or at the end of the title",
                "             when a title is left without it (\"Blade Runner 2049\" stays a title)",
                "  quality    2160p (4K, UHD, 4к), 1080p (full hd, 1080), 720p (hd, 720)",
                "  hdr        true for HDR, HDR10, Dolby Vision",
                "  season     a number (\"season 2\", \"2 сезон\", \"второй сезон\", \"S02\")",
                "  url        the first http(s) link",
                "  audioOnly  true when a link comes with \"audio\", \"mp3\", \"аудио\", \"музыку\", \"только звук\"",
                "Without --json one line per message names the same in the terminal's language, plus the conversational",
                "hints (a numbered choice, a reference to the title talked about, a yes or no, everything).",
                "",
                "Examples:",
                "  medianest query --dry-run --json \"download Heat 1995\"",
                "      {\"intent\":\"request\",\"title\":\"Heat\",\"year\":1995}",
                "  medianest query --dry-run --json \"скачай сериал Фарго 2 сезон\"",
                "      {\"intent\":\"request\",\"mediaType\":\"series\",\"title\":\"Фарго\",\"season\":2}",
                "  medianest query --dry-run \"grab Tenet in 4K\"",
                "      request · title \"Tenet\" · quality 2160p",
                "  printf 'pause Tenet\\nчто качается сейчас\\n' | medianest query --dry-run --json -",
                "",
                "Exit status: 0 understood (even as unknown), 2 without --dry-run or with a bad option, 1 unexpected failure.",
                "See docs/assistant.md (Offline understanding)."})
final class QueryCommand implements Callable<Integer> {

    @Option(names = "--dry-run", description = "Show what was understood and do nothing else (required in this build).")
    boolean dryRun;

    @Option(names = "--json", description = "Print one compact JSON object per message (keys below) instead of a readable line.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "MESSAGE",
            description = {"The message; several words are joined with spaces, so quotes are optional.",
                    "A single - reads one message per line from standard input (UTF-8) and prints one line per message, "
                            + "in order; an empty line prints the reading of an empty message ({\"intent\":\"unknown\"}), "
                            + "so output lines match input lines."})
    List<String> words = new ArrayList<>();

    private final Console console;
    private final ObjectMapper mapper = new ObjectMapper();

    QueryCommand(Console console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        if (!dryRun) {
            // Answering for real (the conversation engine and its tools) replaces this branch.
            console.err.println(console.texts.get("understanding.query.dry_run_only"));
            console.err.flush();
            return Console.INVALID_INPUT;
        }
        IntentParser parser = new IntentParser();
        try {
            if (words.size() == 1 && words.getFirst().equals("-")) {
                String line;
                while ((line = console.in.readLine()) != null) {
                    console.out.println(show(parser.understand(line)));
                }
            } else {
                console.out.println(show(parser.understand(String.join(" ", words))));
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        } finally {
            console.out.flush();
        }
        return 0;
    }

    private String show(Understanding understanding) {
        if (json) {
            try {
                return mapper.writeValueAsString(understanding.slots());
            } catch (JsonProcessingException impossible) {
                throw new IllegalStateException(impossible);
            }
        }
        return readable(understanding);
    }

    /** "request · title "Heat" · year 1995", in the terminal's language. */
    private String readable(Understanding understanding) {
        List<String> parts = new ArrayList<>();
        parts.add(console.texts.get("understanding.intent." + understanding.intent().wireName()));
        understanding.mediaType().ifPresent(type -> parts.add(console.texts.get("understanding.slot.type",
                console.texts.get("understanding.type." + type.name().toLowerCase(Locale.ROOT)))));
        understanding.title().ifPresent(title -> parts.add(console.texts.get("understanding.slot.title", title)));
        understanding.year().ifPresent(year -> parts.add(console.texts.get("understanding.slot.year", String.valueOf(year))));
        understanding.quality().ifPresent(quality -> parts.add(console.texts.get("understanding.slot.quality", quality.wireName())));
        if (understanding.hdr()) {
            parts.add(console.texts.get("understanding.slot.hdr"));
        }
        understanding.season().ifPresent(season -> parts.add(console.texts.get("understanding.slot.season", String.valueOf(season))));
        understanding.url().ifPresent(url -> parts.add(console.texts.get("understanding.slot.url", url)));
        if (understanding.audioOnly()) {
            parts.add(console.texts.get("understanding.slot.audio_only"));
        }
        understanding.choice().ifPresent(choice -> parts.add(console.texts.get("understanding.slot.choice", String.valueOf(choice))));
        if (understanding.reference()) {
            parts.add(console.texts.get("understanding.slot.reference"));
        }
        understanding.answer().ifPresent(yes -> parts.add(console.texts.get(yes ? "understanding.slot.answer_yes" : "understanding.slot.answer_no")));
        if (understanding.everything()) {
            parts.add(console.texts.get("understanding.slot.everything"));
        }
        return String.join(" · ", parts);
    }
}
