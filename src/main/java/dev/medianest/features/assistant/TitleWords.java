package dev.medianest.features.assistant;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Whether a name (a torrent's, a request's title) has the words a person named, the way release
 * names are written: dots, underscores, dashes and brackets separate words, case does not matter.
 * "Tenet" matches "Tenet.2020.2160p.UHD.BluRay.x265"; "dune 2024" matches "Dune.Part.Two.2024.2160p".
 */
final class TitleWords {

    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private TitleWords() {
    }

    /** Every word of the query (in any of its {@link TitleForms}) is a word of the name. */
    static boolean matches(String name, String query) {
        Set<String> words = Set.copyOf(words(name));
        for (String form : TitleForms.candidates(query)) {
            List<String> wanted = words(form);
            if (!wanted.isEmpty() && words.containsAll(wanted)) {
                return true;
            }
        }
        return false;
    }

    static List<String> words(String text) {
        return Arrays.stream(SEPARATORS.split(text.toLowerCase(Locale.ROOT).replace('ё', 'е')))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.toList());
    }
}
