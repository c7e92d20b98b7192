package dev.medianest.features.assistant;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The forms of a title to look up, best first: the title as written, then the base (nominative)
 * forms of inflected Russian words, so "Дюну" also tries "Дюна".
 *
 * <p>Russian titles arrive in the case the sentence puts them in: "скачай Дюну" (accusative),
 * "загрузку Довода" (genitive), "сколько осталось Дюне" (dative), "что с Дюной" (instrumental),
 * "о Доводе" (prepositional). A metadata search knows only the nominative, so the engine searches
 * these candidates in order until one is found. The rules are a handful of suffix replacements, no
 * dictionary:
 * <ul>
 *   <li>Only the head of the title changes: its leading adjectives and the first noun after them
 *       ("Тёмного рыцаря" → "Тёмный рыцарь"), or, without adjectives, the first word and the
 *       capitalised words right after it ("Гарри Поттера и философский камень" → "Гарри Поттер и …").
 *       What follows stays as written, because it is usually a genitive that belongs to the title
 *       ("Властелина колец" → "Властелин колец", "Игру престолов" → "Игра престолов"); both parts
 *       of a hyphenated word change ("Человека-паука" → "Человек-паук").</li>
 *   <li>With an adjective, its ending tells the case, and the noun is changed for that case only:
 *       -ую (accusative feminine), -ого/-его (genitive masculine), -ому (dative), -ым (instrumental),
 *       -ом (prepositional), -ой/-ей (oblique feminine), -ых (genitive plural). An adjective in the
 *       nominative ("Бойцовский клуб", "Звёздные войны") leaves the title alone.</li>
 *   <li>Without an adjective every ending of the noun is tried, most frequent in requests first:
 *       accusative feminine -у → -а, genitive masculine -а → ∅ and -я → -ь, genitive feminine
 *       -ы → -а and -и → -а/-я, then -ю → -я, dative and prepositional -е → -а / ∅, instrumental
 *       -ой → -а, -ом → ∅, dative masculine -у → ∅, and the plural -ов → -ы, -ей → -и.</li>
 *   <li>Words of three letters or fewer are never changed; letters keep their case ("ДЮНУ" → "ДЮНА");
 *       punctuation around a word stays ("Матрицу:" → "Матрица:").</li>
 * </ul>
 * A title without Cyrillic letters is its only form. At most {@value #MOST} forms, no duplicates.
 */
public final class TitleForms {

    /** The most forms returned: each one may cost a metadata search. */
    static final int MOST = 6;

    private TitleForms() {
    }

    /** A suffix and what replaces it. */
    private record Ending(String from, String to) {
    }

    /** Noun endings to try without an adjective, most likely first. */
    private static final List<Ending> NOUN_ENDINGS = List.of(
            new Ending("у", "а"), new Ending("а", ""), new Ending("ы", "а"), new Ending("я", "ь"), new Ending("и", "а"),
            new Ending("и", "я"), new Ending("ю", "я"), new Ending("е", "а"), new Ending("е", ""), new Ending("ой", "а"),
            new Ending("ом", ""), new Ending("у", ""), new Ending("ов", "ы"), new Ending("ей", "и"), new Ending("ей", "я"),
            new Ending("ю", "ь"), new Ending("ем", "ь"));

    private static final Set<Character> HUSHING_AND_VELAR = Set.of('г', 'к', 'х', 'ж', 'ш', 'ч', 'щ');
    private static final Set<String> NOMINATIVE_ADJECTIVE = Set.of("ый", "ий", "ой", "ая", "яя", "ое", "ее", "ые", "ие");

    /** The title as written first, then each other form worth a search; never empty, no duplicates. */
    public static List<String> candidates(String title) {
        String written = title.strip();
        LinkedHashSet<String> forms = new LinkedHashSet<>();
        forms.add(written);
        if (!IntentParser.hasCyrillic(written)) {
            return List.copyOf(forms);
        }
        String[] words = written.split("\\s+");
        int adjectives = leadingAdjectives(words);
        if (adjectives > 0 && adjectives < words.length) {
            adjectivePhrase(words, adjectives).ifPresentOrElse(forms::add, () -> { });
        } else {
            int head = headGroup(words);
            for (Ending ending : NOUN_ENDINGS) {
                String[] changed = words.clone();
                boolean any = false;
                for (int i = 0; i < head; i++) {
                    String form = replaceInWord(words[i], ending);
                    if (form != null) {
                        changed[i] = form;
                        any = true;
                    }
                }
                if (any) {
                    forms.add(String.join(" ", changed));
                }
                if (forms.size() >= MOST) {
                    break;
                }
            }
        }
        forms.removeIf(String::isBlank);
        return List.copyOf(forms).subList(0, Math.min(MOST, forms.size()));
    }

    /** The first word, and the capitalised words right after it with no punctuation between. */
    private static int headGroup(String[] words) {
        int head = 1;
        while (head < words.length && !endsWithPunctuation(words[head - 1]) && startsUpper(words[head])
                && startsUpper(words[0])) {
            head++;
        }
        return head;
    }

    private static boolean endsWithPunctuation(String word) {
        return !word.isEmpty() && !Character.isLetterOrDigit(word.charAt(word.length() - 1));
    }

    private static boolean startsUpper(String word) {
        return !word.isEmpty() && Character.isUpperCase(word.charAt(0));
    }

    /** How many words at the start look like adjectives (by their ending), before a noun. */
    private static int leadingAdjectives(String[] words) {
        int count = 0;
        while (count < words.length - 1 && adjectiveEnding(core(words[count])) != null && !endsWithPunctuation(words[count])) {
            count++;
        }
        return count;
    }

    private static String adjectiveEnding(String word) {
        String lower = word.toLowerCase(Locale.ROOT);
        if (lower.length() < 5) {
            return null;
        }
        for (String ending : List.of("ого", "его", "ому", "ему", "ую", "юю", "ым", "им", "ом", "ем", "ой", "ей", "ых", "их",
                "ый", "ий", "ая", "яя", "ое", "ее", "ые", "ие")) {
            if (lower.endsWith(ending)) {
                return ending;
            }
        }
        return null;
    }

    /** Adjectives and their noun put in the nominative, for the case the first adjective shows. */
    private static java.util.Optional<String> adjectivePhrase(String[] words, int adjectives) {
        String ending = adjectiveEnding(core(words[0]));
        if (ending == null || NOMINATIVE_ADJECTIVE.contains(ending) && !ending.equals("ой")) {
            return java.util.Optional.empty();
        }
        boolean feminine = Set.of("ую", "юю", "ой", "ей").contains(ending);
        List<Ending> noun = switch (ending) {
            case "ую", "юю" -> List.of(new Ending("у", "а"), new Ending("ю", "я"));
            case "ого", "его" -> List.of(new Ending("а", ""), new Ending("я", "ь"));
            case "ому", "ему" -> List.of(new Ending("у", ""), new Ending("ю", "ь"));
            case "ым", "им" -> List.of(new Ending("ом", ""), new Ending("ем", "ь"));
            case "ом", "ем" -> List.of(new Ending("е", ""));
            case "ой", "ей" -> List.of(new Ending("ы", "а"), new Ending("и", "а"), new Ending("и", "я"), new Ending("е", "а"),
                    new Ending("ой", "а"), new Ending("ей", "я"));
            case "ых", "их" -> List.of(new Ending("ов", "ы"), new Ending("ей", "и"));
            default -> List.<Ending>of();
        };
        String[] changed = words.clone();
        for (int i = 0; i < adjectives; i++) {
            changed[i] = nominativeAdjective(words[i], feminine);
        }
        for (Ending option : noun) {
            String form = replaceInWord(words[adjectives], option);
            if (form != null) {
                changed[adjectives] = form;
                break;
            }
        }
        return java.util.Optional.of(String.join(" ", changed));
    }

    /** "Тёмного" → "Тёмный", "Бойцовского" → "Бойцовский", "Зелёную" → "Зелёная", "Звёздных" → "Звёздные". */
    private static String nominativeAdjective(String word, boolean feminine) {
        String core = core(word);
        String ending = adjectiveEnding(core);
        if (ending == null || NOMINATIVE_ADJECTIVE.contains(ending) && !(feminine && ending.equals("ой"))) {
            return word;
        }
        String stem = core.substring(0, core.length() - ending.length());
        char last = Character.toLowerCase(stem.charAt(stem.length() - 1));
        boolean soft = ending.startsWith("е") || ending.startsWith("ю") || ending.startsWith("и") || HUSHING_AND_VELAR.contains(last);
        String nominative;
        if (feminine) {
            nominative = ending.startsWith("е") || ending.startsWith("ю") ? "яя" : "ая";
        } else if (ending.equals("ых") || ending.equals("их")) {
            nominative = soft ? "ие" : "ые";
        } else {
            nominative = soft ? "ий" : "ый";
        }
        return withCore(word, stem + matchCase(nominative, core.substring(stem.length())));
    }

    /** The word with the ending replaced (each part of a hyphenated word), or null when it does not end so. */
    private static String replaceInWord(String word, Ending ending) {
        String[] parts = word.split("-", -1);
        boolean any = false;
        for (int i = 0; i < parts.length; i++) {
            String core = core(parts[i]);
            String lower = core.toLowerCase(Locale.ROOT);
            if (core.length() <= 3 || !lower.endsWith(ending.from) || !IntentParser.hasCyrillic(core)) {
                continue;
            }
            String stem = core.substring(0, core.length() - ending.from.length());
            if (ending.to.isEmpty() && isVowel(stem.charAt(stem.length() - 1))) {
                continue; // a masculine noun ends in a consonant: "Довода" → "Довод", but "Ирия" never → "Ири"
            }
            if (ending.from.equals("и") && ending.to.equals("а") != HUSHING_AND_VELAR.contains(Character.toLowerCase(stem.charAt(stem.length() - 1)))) {
                continue; // after г, к, х and the hushing letters the genitive -и comes from -а ("Книги"), else from -я ("Земли")
            }
            parts[i] = withCore(parts[i], stem + matchCase(ending.to, core.substring(stem.length())));
            any = true;
        }
        return any ? String.join("-", parts) : null;
    }

    private static boolean isVowel(char c) {
        return "аеёиоуыэюяАЕЁИОУЫЭЮЯ".indexOf(c) >= 0;
    }

    /** The word with its letters replaced and the punctuation around them kept. */
    private static String withCore(String word, String core) {
        int[] letters = letters(word);
        return word.substring(0, letters[0]) + core + word.substring(letters[1]);
    }

    /** The letters of a word without punctuation around them. */
    private static String core(String word) {
        int[] letters = letters(word);
        return word.substring(letters[0], letters[1]);
    }

    /** Where the letters and digits of a word start and end. */
    private static int[] letters(String word) {
        int start = 0;
        int end = word.length();
        while (start < end && !Character.isLetterOrDigit(word.charAt(start))) {
            start++;
        }
        while (end > start && !Character.isLetterOrDigit(word.charAt(end - 1))) {
            end--;
        }
        return new int[]{start, end};
    }

    /** The replacement in capitals when the replaced ending was in capitals ("ДЮНУ" → "ДЮНА"). */
    private static String matchCase(String replacement, String replaced) {
        boolean upper = !replaced.isEmpty() && replaced.chars().filter(Character::isLetter).allMatch(Character::isUpperCase);
        return upper ? replacement.toUpperCase(Locale.ROOT) : replacement;
    }
}
