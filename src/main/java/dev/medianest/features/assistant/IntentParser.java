package dev.medianest.features.assistant;

import dev.medianest.features.catalog.TitleType;
import dev.medianest.platform.i18n.Language;

import java.net.URI;
import java.time.Clock;
import java.time.Year;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The offline understanding of one chat message, in English or Russian: which {@link Intent} it
 * states and which slots it names (title, year, media type, quality, HDR, season, URL, audio only),
 * plus the conversational hints the engine needs (a numbered choice, a pointer back at the title
 * talked about, a yes or no, "everything"). Deterministic: a fixed vocabulary and fixed rules, no
 * network, no model; the same message always reads the same (for a given year, see below).
 *
 * <p>How a message is read, in this order:
 * <ol>
 *   <li>Words are split at white space; each gets a normal form (lower case, ё as е, punctuation and
 *       emoji around it dropped). Text in quotes («…», "…", “…”) is the title and nothing inside it
 *       is read as a command or a slot.</li>
 *   <li>The first http(s) URL is taken. Slots with unmistakable words are taken wherever they stand,
 *       with the little words that lead into them ("in 4K", "в качестве 1080p", "with HDR",
 *       "season 2 of", "2 сезон", "S02", "(1995)", "from 1995", "1995 года").</li>
 *   <li>A yes or no at the start ("yes,", "нет,", "давай") is noted; polite words at the edges
 *       ("please", "can you", "пожалуйста", "можешь") are dropped.</li>
 *   <li>The intent comes from an ordered table of phrases: the first rule that matches wins. A rule
 *       matches at the start of the message ("скачай …"), anywhere ("… на паузу", "what's
 *       downloading"), at the end ("Дюну скачай"), or around the title ("is … on Plex",
 *       "поставь … на паузу"). Specific phrases come before plain verbs, so "show active
 *       downloads" is a status question and not a search.</li>
 *   <li>What is left is the title: the first stretch of words not used above, without a leading
 *       media type ("the book", "сериал"), its lead-ins ("like", "похожее на", "загрузку") and
 *       polite words. A type word or pronoun written with a capital letter belongs to the title
 *       ("The Book Thief", "Книга джунглей", "It"). When that stretch is only "it"/"его",
 *       "the second one"/"второй"/"2", or "everything"/"всё", it is a reference, a choice or
 *       everything instead of a title.</li>
 * </ol>
 *
 * <p>The year rule: a number from 1900 to 2100 is the year when it is in brackets ("(2049)"), after
 * "from"/"year"/"released in", or before "года"/"г."; a number at the end of the title is the year
 * only when a title is left without it and it is no later than five years after the current one, so
 * "Heat 1995" is Heat of 1995 while "Blade Runner 2049" and "1917" stay titles. Bare 2160/1080/720
 * at the end of a title are a quality by the same rule. A season does not imply the series type,
 * and unknown messages carry slots but never a title. See docs/assistant.md for the whole list.
 *
 * <p>Immutable and thread-safe; the tables are built once, on first use.
 */
public final class IntentParser {

    private final int latestTrailingYear;

    /** Reads years against the system clock. */
    public IntentParser() {
        this(Clock.systemUTC());
    }

    /** Reads years against the given clock: a trailing number is a year up to five years ahead. */
    public IntentParser(Clock clock) {
        this.latestTrailingYear = Year.now(clock).getValue() + 5;
    }

    /** What the message says; never null, never throws (an empty or odd message is {@link Intent#UNKNOWN}). */
    public Understanding understand(String message) {
        if (message == null || message.isBlank()) {
            return Understanding.unknown(message != null && hasCyrillic(message) ? Language.RU : Language.EN);
        }
        return new Reading(message, latestTrailingYear).read();
    }

    static boolean hasCyrillic(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.UnicodeBlock.of(text.charAt(i)) == Character.UnicodeBlock.CYRILLIC && Character.isLetter(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    // --- one message ----------------------------------------------------------------------------

    /** The work on one message; lives for one call, so its mutable state is never shared. */
    private static final class Reading {

        private final String message;
        private final int latestTrailingYear;
        private final List<Token> tokens;
        private final Language language;

        private Intent intent;
        private TitleType mediaType;
        private Integer year;
        private Quality quality;
        private boolean hdr;
        private Integer season;
        private String url;
        private boolean audioOnly;
        private boolean videoWords;
        private boolean youtubeWords;
        private Integer choice;
        private boolean reference;
        private Boolean answer;
        private boolean answerCancels;
        private boolean everything;

        Reading(String message, int latestTrailingYear) {
            this.message = message;
            this.latestTrailingYear = latestTrailingYear;
            this.tokens = tokenize(message);
            this.language = hasCyrillic(message) ? Language.RU : Language.EN;
        }

        Understanding read() {
            takeUrl();
            takeSlots();
            takeAnswer();
            dropEdgeFiller();
            intent = services() ? Intent.SERVICES : intentFromRules();
            adjustForUrl();
            String title = readTitle();
            if (intent == Intent.UNKNOWN && answerCancels && title == null) {
                intent = Intent.CANCEL; // a lone "cancel"/"отмена": no to a pending confirmation, or cancel what was talked about
            }
            if (title != null) {
                answer = null;
            }
            return new Understanding(intent, Optional.ofNullable(mediaType), Optional.ofNullable(title), optional(year),
                    Optional.ofNullable(quality), hdr, optional(season), Optional.ofNullable(url), audioOnly, optional(choice),
                    reference, Optional.ofNullable(answer), everything, language);
        }

        private static OptionalInt optional(Integer value) {
            return value == null ? OptionalInt.empty() : OptionalInt.of(value);
        }

        // --- URL and slots ----------------------------------------------------------------------

        private void takeUrl() {
            for (Token token : tokens) {
                Matcher found = URL.matcher(token.text);
                if (!token.quoted && found.find()) {
                    url = trimUrl(found.group());
                    token.used = true;
                    return;
                }
            }
        }

        private static String trimUrl(String raw) {
            String trimmed = raw;
            while (!trimmed.isEmpty() && ".,;:!?»\"'”)>]".indexOf(trimmed.charAt(trimmed.length() - 1)) >= 0
                    && !(trimmed.endsWith(")") && trimmed.indexOf('(') >= 0)) {
                trimmed = trimmed.substring(0, trimmed.length() - 1);
            }
            return trimmed;
        }

        /** Slots whose words mean nothing else, taken wherever they stand. */
        private void takeSlots() {
            takeBracketYears();
            int[] view = view();
            for (int i = 0; i < view.length; i++) {
                if (tokens.get(view[i]).used) {
                    continue;
                }
                i = takeSlotAt(view, i);
            }
        }

        private void takeBracketYears() {
            for (Token token : tokens) {
                Matcher bracketed = BRACKET_YEAR.matcher(token.text);
                if (!token.quoted && year == null && bracketed.matches()) {
                    int value = Integer.parseInt(bracketed.group(1));
                    if (value >= 1900 && value <= 2100) {
                        year = value;
                        token.used = true;
                    }
                }
            }
        }

        /** Takes the slot starting at view position i, if any; returns the last position it used. */
        private int takeSlotAt(int[] view, int i) {
            Tables t = Tables.INSTANCE;
            int end;
            if ((end = longest(t.qualityPhrases, view, i)) > i) {
                quality = t.qualityOf(words(view), i, end);
                use(view, i, end);
                return end - 1;
            }
            if ((end = longest(t.hdrPhrases, view, i)) > i) {
                hdr = true;
                use(view, i, end);
                return end - 1;
            }
            if (word(view[i]).equals("dv") && (quality != null || hdr || i + 1 < view.length && t.isHdrWord(word(view[i + 1])))) {
                hdr = true;
                use(view, i, i + 1);
                return i;
            }
            if ((end = takeSeason(view, i)) > i) {
                use(view, i, end);
                return end - 1;
            }
            if ((end = takeExplicitYear(view, i)) > i) {
                use(view, i, end);
                return end - 1;
            }
            if ((end = longest(t.youtubePhrases, view, i)) > i) {
                youtubeWords = true;
                use(view, i, end);
                return end - 1;
            }
            if (url != null && (end = longest(t.audioPhrases, view, i)) > i) {
                audioOnly = true;
                use(view, i, end);
                return end - 1;
            }
            if (url != null && (end = longest(t.videoPhrases, view, i)) > i) {
                videoWords = true;
                use(view, i, end);
                return end - 1;
            }
            return i;
        }

        /** "season 2", "сезон 2", "2 сезон", "2-й сезон", "второй сезон", "second season", "S02", "S02E05"; then "of"/"из". */
        private int takeSeason(int[] view, int i) {
            Tables t = Tables.INSTANCE;
            int start = i;
            if (t.seasonLeads.contains(word(view[i])) && i + 1 < view.length) {
                start = i + 1;
            }
            Integer number = null;
            int end = -1;
            Matcher code = SEASON_CODE.matcher(word(view[start]));
            if (code.matches()) {
                number = Integer.parseInt(code.group(1));
                end = start + 1;
            } else if (t.seasonWords.contains(word(view[start])) && start + 1 < view.length) {
                number = number(word(view[start + 1]), true);
                end = start + 2;
            } else if (start + 1 < view.length && t.seasonWords.contains(word(view[start + 1]))) {
                number = number(word(view[start]), true);
                end = start + 2;
            }
            if (number == null || number < 1 || number > 100) {
                return i;
            }
            if (end < view.length && t.seasonTrails.contains(word(view[end]))) {
                end++;
            }
            season = number;
            return end;
        }

        /** "from 1995", "from the year 1995", "released in 1995", "year 1995", "1995 года", "1995 г.", "1995г". */
        private int takeExplicitYear(int[] view, int i) {
            Tables t = Tables.INSTANCE;
            int end = longest(t.yearLeads, view, i);
            if (end > i && end < view.length && yearValue(word(view[end])) != null) {
                year = yearValue(word(view[end]));
                return end + 1;
            }
            Integer value = yearValue(word(view[i]));
            if (value != null && i + 1 < view.length && t.yearTrails.contains(word(view[i + 1]))) {
                year = value;
                int last = i + 2;
                if (last < view.length && word(view[last]).equals("выпуска")) {
                    last++;
                }
                return last;
            }
            Matcher glued = GLUED_YEAR.matcher(word(view[i]));
            if (glued.matches() && yearValue(glued.group(1)) != null) {
                year = yearValue(glued.group(1));
                return i + 1;
            }
            return i;
        }

        private static Integer yearValue(String word) {
            if (word.length() != 4 || !word.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int value = Integer.parseInt(word);
            return value >= 1900 && value <= 2100 ? value : null;
        }

        // --- answers and filler -----------------------------------------------------------------

        /** A yes or no opening the message; a command that starts with the same words wins ("не надо качать …"). */
        private void takeAnswer() {
            Tables t = Tables.INSTANCE;
            int[] view = view();
            if (view.length == 0) {
                return;
            }
            int yes = longest(t.yesPhrases, view, 0);
            int no = longest(t.noPhrases, view, 0);
            int end = Math.max(yes, no);
            if (end <= 0) {
                return;
            }
            for (Rule rule : t.rules) {
                int command = rule.anchor == Anchor.START ? longest(rule.heads, view, 0) : -1;
                if (command > end || command == end && view.length > end) {
                    return;
                }
            }
            answer = yes >= no;
            answerCancels = !answer && t.cancellingNo.contains(word(view[0]));
            use(view, 0, end);
        }

        /** Polite words at the start and the end, as long as something is left. */
        private void dropEdgeFiller() {
            Tables t = Tables.INSTANCE;
            boolean changed = true;
            while (changed) {
                changed = false;
                int[] view = view();
                int end = longest(t.leadingFiller, view, 0);
                if (end > 0 && end < view.length) {
                    use(view, 0, end);
                    changed = true;
                    continue;
                }
                int start = trailingMatch(t.trailingFiller, view, view.length);
                if (start > 0) {
                    use(view, start, view.length);
                    changed = true;
                }
            }
        }

        // --- intent -----------------------------------------------------------------------------

        /**
         * Whether the message asks about the services: a word for the services as a whole, or a
         * named service with a word about its health ("is Radarr up?"), and no command verb first.
         */
        private boolean services() {
            Tables t = Tables.INSTANCE;
            int[] view = view();
            if (view.length == 0 || t.commandVerbs.contains(word(view[0]))) {
                return false;
            }
            boolean collective = false;
            boolean named = false;
            boolean health = false;
            boolean everythingWord = false;
            for (int index : view) {
                String word = word(index);
                collective |= t.serviceCollective.contains(word);
                named |= t.serviceNames.contains(word);
                health |= t.healthWords.contains(word);
                everythingWord |= t.everythingWords.contains(word);
            }
            if (named && longestAnywhere(t.libraryPlaces, view) >= 0) {
                return false;
            }
            if (collective || named && health || everythingWord && health && t.healthOnly(words(view))) {
                use(view, 0, view.length);
                return true;
            }
            return false;
        }

        private Intent intentFromRules() {
            int[] view = view();
            if (view.length == 0) {
                return Intent.UNKNOWN;
            }
            for (Rule rule : Tables.INSTANCE.rules) {
                if (rule.apply(this, view)) {
                    if (rule.anchor != Anchor.START) {
                        dropAskers();
                    }
                    return rule.intent;
                }
            }
            if (youtubeWords) {
                return Intent.YOUTUBE;
            }
            return Intent.UNKNOWN;
        }

        /** "show", "tell me", "покажи" left in front of a phrase that decided the intent elsewhere. */
        private void dropAskers() {
            int[] view = view();
            int end = longest(Tables.INSTANCE.askers, view, 0);
            if (end > 0) {
                use(view, 0, end);
            }
        }

        /**
         * A link is a video to download when it is on YouTube, when the message speaks of video or
         * audio, or when nothing else was asked ("download https://…"); a film database link stays a
         * request, and any other intent keeps the link as its slot.
         */
        private void adjustForUrl() {
            if (url == null) {
                if (youtubeWords && intent == Intent.REQUEST) {
                    intent = Intent.YOUTUBE; // "download Never Gonna Give You Up from YouTube": the engine asks for the link
                }
                return;
            }
            String host = host(url);
            boolean youtube = host.equals("youtu.be") || host.equals("youtube.com") || host.endsWith(".youtube.com")
                    || host.equals("youtube-nocookie.com") || host.endsWith(".youtube-nocookie.com");
            boolean database = Tables.INSTANCE.databaseHosts.stream().anyMatch(known -> host.equals(known) || host.endsWith("." + known));
            if (database && !audioOnly && !videoWords) {
                if (intent == Intent.UNKNOWN) {
                    intent = Intent.REQUEST;
                }
                return;
            }
            if (intent == Intent.REQUEST || intent == Intent.UNKNOWN || intent == Intent.YOUTUBE
                    || youtube && (intent == Intent.SEARCH) || audioOnly || videoWords) {
                intent = Intent.YOUTUBE;
            }
        }

        private static String host(String link) {
            try {
                String host = URI.create(link.replace(" ", "%20")).getHost();
                return host == null ? "" : host.toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException malformed) {
                Matcher authority = HOST.matcher(link);
                return authority.find() ? authority.group(1).toLowerCase(Locale.ROOT) : "";
            }
        }

        // --- title ------------------------------------------------------------------------------

        private String readTitle() {
            Tables t = Tables.INSTANCE;
            List<Integer> run = titleRun();
            if (run.isEmpty()) {
                return null;
            }
            // Lead-ins and edge words, repeatedly: "the book", "movies like", "что-то похожее на", "please".
            boolean changed = true;
            while (changed && !run.isEmpty()) {
                changed = false;
                if (everythingSpan(run)) {
                    return null;
                }
                int typeEnd = typeWords(run);
                if (typeEnd > 0) {
                    run = run.subList(typeEnd, run.size());
                    changed = true;
                    continue;
                }
                int lead = longest(t.leadIns(intent), words(run), 0);
                if (lead > 0 && (lead < run.size() || intent != Intent.SEARCH)) {
                    run = run.subList(lead, run.size());
                    changed = true;
                    continue;
                }
                int filler = longest(t.edgeFiller, words(run), 0);
                if (filler > 0) {
                    run = run.subList(filler, run.size());
                    changed = true;
                    continue;
                }
                int trailing = trailingMatch(t.edgeFiller, words(run), run.size());
                if (trailing > 0) {
                    run = run.subList(0, trailing);
                    changed = true;
                }
            }
            if (run.isEmpty() || everythingSpan(run)) {
                return null;
            }
            String[] words = words(run);
            if (t.softFillerOnly(words)) {
                return null;
            }
            Integer picked = choice(words);
            if (picked != null) {
                choice = picked;
                return null;
            }
            if (referenceSpan(run)) {
                reference = true;
                return null;
            }
            run = takeTrailingNumbers(run);
            if (intent == Intent.UNKNOWN || intent == Intent.SERVICES || intent == Intent.HELP
                    || intent == Intent.YOUTUBE && url != null) {
                if (year == null && intent == Intent.UNKNOWN) {
                    takeLoneYear(run);
                }
                return null;
            }
            return text(run);
        }

        /** The quoted words when there are some, else the first stretch of words not used yet. */
        private List<Integer> titleRun() {
            List<Integer> quoted = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                if (tokens.get(i).quoted && !tokens.get(i).word.isEmpty()) {
                    quoted.add(i);
                }
            }
            if (!quoted.isEmpty()) {
                typeBeforeQuote(quoted.getFirst());
                List<Integer> run = new ArrayList<>();
                for (int i = quoted.getFirst(); i <= quoted.getLast(); i++) {
                    run.add(i);
                }
                run.removeIf(index -> tokens.get(index).word.isEmpty());
                return run;
            }
            List<Integer> run = new ArrayList<>();
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.used) {
                    if (run.stream().anyMatch(index -> !tokens.get(index).word.isEmpty())) {
                        break;
                    }
                    run.clear();
                    continue;
                }
                run.add(i);
            }
            run.removeIf(index -> tokens.get(index).word.isEmpty());
            return run;
        }

        /** The media type named right before a quoted title: "скачай фильм «Дюна»", "download the book "Dune"". */
        private void typeBeforeQuote(int firstQuoted) {
            List<Integer> before = new ArrayList<>();
            for (int i = firstQuoted - 1; i >= 0 && !tokens.get(i).used && before.size() < 4; i--) {
                if (!tokens.get(i).word.isEmpty()) {
                    before.addFirst(i);
                }
            }
            TitleType named = mediaType;
            for (int start = 0; start < before.size(); start++) {
                List<Integer> tail = before.subList(start, before.size());
                if (typeWords(tail) == tail.size()) {
                    tail.forEach(index -> tokens.get(index).used = true);
                    return;
                }
                mediaType = named; // a type word followed by other words is not the quoted title's type
            }
        }

        /**
         * A leading media type ("the book", "a movie called", "сериал", "фильмы"), unless it is
         * written with a capital letter inside the message, which makes it part of the title.
         */
        private int typeWords(List<Integer> run) {
            Tables t = Tables.INSTANCE;
            String[] words = words(run);
            int start = 0;
            while (start < 2 && words.length > start + 1 && t.typeDeterminers.contains(words[start])) {
                start++;
            }
            TitleType type = t.typeWords.get(words[start]);
            int end = start + 1;
            if (type == null && start + 1 < words.length) {
                type = t.typeWords.get(words[start] + " " + words[start + 1]);
                end = start + 2;
            }
            if (type == null) {
                return 0;
            }
            for (int i = start; i < end; i++) {
                if (capitalizedInside(run.get(i))) {
                    return 0;
                }
            }
            int called = longest(t.calledWords, words, end);
            mediaType = type;
            return Math.max(end, called);
        }

        /** Written with a capital first letter, and not as the first word of the message (where people capitalise anyway). */
        private boolean capitalizedInside(int index) {
            Token token = tokens.get(index);
            boolean first = tokens.subList(0, index).stream().allMatch(before -> before.word.isEmpty());
            int[] letters = token.text.codePoints().filter(Character::isLetter).toArray();
            // "Book", "It", "Книгу" are capitalised; "TV" and "HDR" are acronyms, and a shouted message has no capitals.
            return !first && letters.length > 0 && Character.isUpperCase(letters[0])
                    && Arrays.stream(letters).skip(1).anyMatch(Character::isLowerCase) || !first && letters.length == 1 && Character.isUpperCase(letters[0]);
        }

        private boolean everythingSpan(List<Integer> run) {
            if (longest(Tables.INSTANCE.everythingPhrases, words(run), 0) == run.size() && !capitalizedInside(run.getFirst())) {
                everything = true;
                return true;
            }
            return false;
        }

        private boolean referenceSpan(List<Integer> run) {
            Tables t = Tables.INSTANCE;
            String[] words = words(run);
            int end = longest(t.referencePhrases, words, 0);
            if (end != words.length || capitalizedInside(run.getFirst())) {
                return false;
            }
            for (String word : words) {
                TitleType type = t.typeWords.get(word);
                if (type != null) {
                    mediaType = type;
                }
            }
            return true;
        }

        /** "2", "#2", "the second one", "second", "number two", "option 2", "номер 2", "второй", "вторую", "второй вариант". */
        private Integer choice(String[] words) {
            Tables t = Tables.INSTANCE;
            int i = 0;
            while (i < words.length - 1 && t.choiceLeads.contains(words[i])) {
                i++;
            }
            int marker = longest(t.choiceMarkers, words, i);
            if (marker > i && marker + 1 == words.length) {
                Integer value = number(words[marker], false);
                return value == null || value < 1 || value > 20 ? null : value;
            }
            if (i >= words.length) {
                return null;
            }
            Integer value = ordinal(words[i]);
            if (value == null && i == words.length - 1 && words[i].chars().allMatch(Character::isDigit) && words[i].length() <= 2) {
                int bare = Integer.parseInt(words[i]);
                return bare >= 1 && bare <= 10 ? bare : null;
            }
            if (value == null || value > 20) {
                return null;
            }
            i++;
            if (i < words.length && t.choiceTrails.contains(words[i])) {
                i++;
            }
            TitleType type = i < words.length ? t.typeWords.get(words[i]) : null;
            if (type != null) {
                i++;
            }
            if (i != words.length) {
                return null;
            }
            if (type != null) {
                mediaType = type;
            }
            return value;
        }

        /** A year, then a bare 2160/1080/720, at the end of the title when a title is left without them. */
        private List<Integer> takeTrailingNumbers(List<Integer> run) {
            List<Integer> left = run;
            for (int round = 0; round < 2 && left.size() > 1; round++) {
                String last = tokens.get(left.getLast()).word;
                // "Class of 1984", "Summer of 1942": a number right after "of" is part of the title.
                Integer value = Set.of("of", "in").contains(tokens.get(left.get(left.size() - 2)).word) ? null : yearValue(last);
                if (year == null && value != null && value <= latestTrailingYear && !tokens.get(left.getLast()).quoted) {
                    year = value;
                    left = left.subList(0, left.size() - 1);
                    continue;
                }
                Quality bare = Tables.INSTANCE.bareQuality.get(last);
                if (quality == null && bare != null && !tokens.get(left.getLast()).quoted) {
                    quality = bare;
                    left = left.subList(0, left.size() - 1);
                    continue;
                }
                break;
            }
            return left;
        }

        private void takeLoneYear(List<Integer> run) {
            for (int index : run) {
                Integer value = yearValue(tokens.get(index).word);
                if (value != null) {
                    year = value;
                    return;
                }
            }
        }

        /** The title as written: the original text of the run, spaces collapsed, quotes and end punctuation trimmed. */
        private String text(List<Integer> run) {
            if (run.isEmpty()) {
                return null;
            }
            String raw = message.substring(tokens.get(run.getFirst()).start, tokens.get(run.getLast()).end);
            String text = SPACES.matcher(raw).replaceAll(" ").strip();
            int start = 0;
            int end = text.length();
            while (start < end && trimmable(text, start, end, true)) {
                start += Character.charCount(text.codePointAt(start));
            }
            while (end > start && trimmable(text, start, end, false)) {
                end -= Character.charCount(text.codePointBefore(end));
            }
            String title = text.substring(start, end).strip();
            return title.isEmpty() ? null : title;
        }

        private static boolean trimmable(String text, int start, int end, boolean front) {
            int c = front ? text.codePointAt(start) : text.codePointBefore(end);
            if (Character.isLetterOrDigit(c)) {
                return false;
            }
            String inside = text.substring(start, end);
            return switch (c) {
                case '(' -> inside.indexOf(')') < 0;
                case ')' -> inside.indexOf('(') < 0;
                case '[' -> inside.indexOf(']') < 0;
                case ']' -> inside.indexOf('[') < 0;
                case '\'' -> true;
                case '&', '+', '$', '%', '\u00b0' -> false;
                default -> true;
            };
        }

        // --- tokens and matching ----------------------------------------------------------------

        String word(int index) {
            return tokens.get(index).word;
        }

        private int[] wordsFor;
        private String[] wordsOfView;

        /** The normal forms of a view's tokens; the last view asked for is remembered, as loops ask again and again. */
        String[] words(int[] view) {
            if (view != wordsFor) {
                String[] words = new String[view.length];
                for (int i = 0; i < view.length; i++) {
                    words[i] = tokens.get(view[i]).word;
                }
                wordsFor = view;
                wordsOfView = words;
            }
            return wordsOfView;
        }

        /** Notes the media type a word of an intent phrase names ("movies like …"). */
        void typeNamed(int index) {
            TitleType type = Tables.INSTANCE.typeWords.get(word(index));
            if (type != null) {
                mediaType = type;
            }
        }

        private String[] words(List<Integer> run) {
            String[] words = new String[run.size()];
            for (int i = 0; i < words.length; i++) {
                words[i] = tokens.get(run.get(i)).word;
            }
            return words;
        }

        /** The tokens still free to read: not used, not quoted, with a word in them. */
        int[] view() {
            int[] view = new int[tokens.size()];
            int size = 0;
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (!token.used && !token.quoted && !token.word.isEmpty()) {
                    view[size++] = i;
                }
            }
            return Arrays.copyOf(view, size);
        }

        void use(int[] view, int from, int to) {
            for (int i = from; i < to; i++) {
                tokens.get(view[i]).used = true;
            }
        }

        int longest(List<Phrase> phrases, int[] view, int at) {
            return longest(phrases, words(view), at);
        }

        static int longest(List<Phrase> phrases, String[] words, int at) {
            int best = -1;
            for (Phrase phrase : phrases) {
                best = Math.max(best, phrase.match(words, at));
            }
            return best;
        }

        /** The first position where one of the phrases matches, or -1. */
        int longestAnywhere(List<Phrase> phrases, int[] view) {
            for (int at = 0; at < view.length; at++) {
                if (longest(phrases, view, at) > at) {
                    return at;
                }
            }
            return -1;
        }

        /** Where a phrase ending exactly at {@code end} starts, earliest first; -1 when none does. */
        int trailingMatch(List<Phrase> phrases, int[] view, int end) {
            return trailingMatch(phrases, words(view), end);
        }

        static int trailingMatch(List<Phrase> phrases, String[] words, int end) {
            for (int at = Math.max(0, end - Tables.LONGEST_PHRASE); at < end; at++) {
                for (Phrase phrase : phrases) {
                    if (phrase.matchesExactly(words, at, end)) {
                        return at;
                    }
                }
            }
            return -1;
        }
    }

    // --- numbers ----------------------------------------------------------------------------------

    /** A cardinal or ordinal number written in digits or words ("2", "2nd", "two", "second", "два", "второй", "2-й"). */
    static Integer number(String word, boolean ordinalsToo) {
        if (!word.isEmpty() && word.length() <= 3 && word.chars().allMatch(Character::isDigit)) {
            return Integer.parseInt(word);
        }
        Integer cardinal = Tables.INSTANCE.cardinals.get(word);
        if (cardinal != null) {
            return cardinal;
        }
        return ordinalsToo ? ordinal(word) : null;
    }

    /** "2nd", "second", "второй", "вторую", "2-й", "2й" → 2. */
    static Integer ordinal(String word) {
        Matcher digits = DIGIT_ORDINAL.matcher(word);
        if (digits.matches()) {
            return Integer.parseInt(digits.group(1));
        }
        Tables t = Tables.INSTANCE;
        Integer english = t.englishOrdinals.get(word);
        if (english != null) {
            return english;
        }
        for (Map.Entry<String, Integer> stem : t.russianOrdinalStems.entrySet()) {
            if (word.startsWith(stem.getKey()) && t.russianOrdinalEndings.contains(word.substring(stem.getKey().length()))) {
                return stem.getValue();
            }
        }
        return null;
    }

    // --- tokens -----------------------------------------------------------------------------------

    /** One piece of the message between spaces (brackets split off), with its normal form. */
    private static final class Token {
        final int start;
        final int end;
        final String text;
        final String word;
        final boolean quoted;
        boolean used;

        Token(String message, int start, int end, boolean quoted) {
            this.start = start;
            this.end = end;
            this.text = message.substring(start, end);
            this.word = normalize(text);
            this.quoted = quoted;
        }
    }

    private static List<Token> tokenize(String message) {
        int[] quote = quotedRange(message);
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        int length = message.length();
        while (i < length) {
            while (i < length && separator(message.charAt(i))) {
                i++;
            }
            if (i >= length) {
                break;
            }
            int start = i;
            i++;
            while (i < length && !separator(message.charAt(i)) && message.charAt(i) != '(' && message.charAt(i - 1) != ')') {
                i++;
            }
            boolean quoted = quote != null && start >= quote[0] && i <= quote[1];
            tokens.add(new Token(message, start, i, quoted));
        }
        return tokens;
    }

    private static boolean separator(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c);
    }

    /** The first quoted stretch: from an opening quote mark to its closing one, both included; null when none. */
    private static int[] quotedRange(String message) {
        String openers = "«“„\"";
        for (int i = 0; i < message.length(); i++) {
            int kind = openers.indexOf(message.charAt(i));
            if (kind < 0) {
                continue;
            }
            String closers = switch (message.charAt(i)) {
                case '«' -> "»";
                case '“' -> "”\"";
                case '„' -> "“”\"";
                default -> "\"”";
            };
            for (int j = i + 1; j < message.length(); j++) {
                if (closers.indexOf(message.charAt(j)) >= 0) {
                    return j > i + 1 ? new int[]{i, j + 1} : null;
                }
            }
            return null;
        }
        return null;
    }

    /** Lower case, ё as е, straight apostrophes, no punctuation or emoji around it, no "-ка" ("скачай-ка"). */
    static String normalize(String text) {
        String lower = text.toLowerCase(Locale.ROOT).replace('ё', 'е').replace('’', '\'').replace('`', '\'');
        int start = 0;
        int end = lower.length();
        while (start < end && !Character.isLetterOrDigit(lower.codePointAt(start))) {
            start += Character.charCount(lower.codePointAt(start));
        }
        while (end > start && !Character.isLetterOrDigit(lower.codePointBefore(end))) {
            end -= Character.charCount(lower.codePointBefore(end));
        }
        String word = lower.substring(start, end);
        if (word.endsWith("-ка") && word.length() > 5) {
            word = word.substring(0, word.length() - 3);
        }
        return word;
    }

    private static final Pattern URL = Pattern.compile("https?://\\S+", Pattern.CASE_INSENSITIVE);
    private static final Pattern HOST = Pattern.compile("https?://([^/?#:\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final Pattern BRACKET_YEAR = Pattern.compile("[(\\[](\\d{4})[)\\]][.,!?;:]*");
    private static final Pattern GLUED_YEAR = Pattern.compile("(\\d{4})(?:г|гг|года|год)");
    private static final Pattern SEASON_CODE = Pattern.compile("s(\\d{1,2})(?:e\\d{1,3})?");
    private static final Pattern DIGIT_ORDINAL = Pattern.compile("(\\d{1,2})(?:st|nd|rd|th|-?й|-?ой|-?ий|-?ый|-?я|-?ю|-?е|-?го|-?ого|-?м|-?ом)");

    // --- phrases and rules ------------------------------------------------------------------------

    /** One word of a phrase: the forms it accepts, and whether it may be left out. */
    private record Part(Set<String> forms, boolean optional) {
    }

    /**
     * A sequence of words, written "show|list my? downloads": words split at spaces, alternatives at
     * "|", a trailing "?" makes a word optional. Matches greedily, the longest way first.
     */
    private record Phrase(List<Part> parts, Set<String> starts) {

        static Phrase of(String spec) {
            List<Part> parts = new ArrayList<>();
            for (String piece : spec.trim().split(" +")) {
                boolean optional = piece.length() > 1 && piece.endsWith("?");
                String forms = optional ? piece.substring(0, piece.length() - 1) : piece;
                parts.add(new Part(Set.copyOf(Arrays.asList(forms.split("\\|"))), optional));
            }
            return new Phrase(List.copyOf(parts), firstWords(parts));
        }

        /** Every word a match can begin with: the forms of the leading optional parts and of the first required one. */
        static Set<String> firstWords(List<Part> parts) {
            Set<String> starts = new HashSet<>();
            for (Part part : parts) {
                starts.addAll(part.forms);
                if (!part.optional) {
                    break;
                }
            }
            return Set.copyOf(starts);
        }

        /** The end of the longest match starting at {@code at}, or -1. */
        int match(String[] words, int at) {
            if (at >= words.length || !starts.contains(words[at])) {
                return -1;
            }
            return match(0, at, words);
        }

        boolean matchesExactly(String[] words, int at, int end) {
            return at < words.length && starts.contains(words[at]) && matchTo(0, at, end, words);
        }

        private int match(int part, int at, String[] words) {
            if (part == parts.size()) {
                return at;
            }
            Part current = parts.get(part);
            int best = -1;
            if (at < words.length && current.forms.contains(words[at])) {
                best = match(part + 1, at + 1, words);
            }
            if (current.optional) {
                best = Math.max(best, match(part + 1, at, words));
            }
            return best == at && part == 0 ? -1 : best;
        }

        private boolean matchTo(int part, int at, int end, String[] words) {
            if (part == parts.size()) {
                return at == end;
            }
            Part current = parts.get(part);
            return at < end && current.forms.contains(words[at]) && matchTo(part + 1, at + 1, end, words)
                    || current.optional && matchTo(part + 1, at, end, words);
        }
    }

    /** Where a rule's phrase must stand. */
    private enum Anchor {
        /** First word of the message (after polite words). */
        START,
        /** Anywhere; the earliest place wins. */
        ANY,
        /** Last words of the message (before polite words). */
        END,
        /** The whole message. */
        WHOLE
    }

    /**
     * One line of the intent table: a head phrase at its anchor, then, when tails are given, one
     * of them somewhere after the head (required or only taken when present).
     */
    private record Rule(Intent intent, Anchor anchor, List<Phrase> heads, List<Phrase> tails, boolean tailRequired, Set<String> starts) {

        Rule(Intent intent, Anchor anchor, List<Phrase> heads, List<Phrase> tails, boolean tailRequired) {
            this(intent, anchor, heads, tails, tailRequired, startsOf(heads));
        }

        private static Set<String> startsOf(List<Phrase> heads) {
            Set<String> starts = new HashSet<>();
            heads.forEach(head -> starts.addAll(head.starts()));
            return Set.copyOf(starts);
        }

        boolean apply(Reading reading, int[] view) {
            String[] words = reading.words(view);
            int headStart = -1;
            int headEnd = -1;
            switch (anchor) {
                case START -> {
                    headStart = 0;
                    headEnd = reading.longest(heads, view, 0);
                }
                case WHOLE -> {
                    headStart = 0;
                    headEnd = reading.longest(heads, view, 0) == view.length ? view.length : -1;
                }
                case ANY -> {
                    for (int at = 0; at < view.length && headEnd < 0; at++) {
                        if (!starts.contains(words[at])) {
                            continue;
                        }
                        int end = reading.longest(heads, view, at);
                        if (end > at) {
                            headStart = at;
                            headEnd = end;
                        }
                    }
                }
                case END -> {
                    int end = view.length;
                    int filler;
                    while ((filler = reading.trailingMatch(Tables.INSTANCE.softFiller, view, end)) > 0) {
                        end = filler;
                    }
                    headStart = reading.trailingMatch(heads, view, end);
                    headEnd = headStart > 0 ? end : -1;
                }
            }
            if (headEnd <= headStart) {
                return false;
            }
            int tailStart = -1;
            int tailEnd = -1;
            for (int at = headEnd; at < view.length && !tails.isEmpty() && tailEnd < 0; at++) {
                int end = reading.longest(tails, view, at);
                if (end > at) {
                    tailStart = at;
                    tailEnd = end;
                }
            }
            if (tailRequired && tailEnd < 0) {
                return false;
            }
            if (intent == Intent.RECOMMEND) {
                for (int at = headStart; at < headEnd; at++) {
                    reading.typeNamed(view[at]);
                }
            }
            reading.use(view, headStart, headEnd);
            if (tailEnd > 0) {
                reading.use(view, tailStart, tailEnd);
            }
            return true;
        }
    }

    // --- the vocabulary -----------------------------------------------------------------------------

    /** Every word list and the intent table, built once when the first message is read. */
    private static final class Tables {

        static final Tables INSTANCE = new Tables();
        static final int LONGEST_PHRASE = 8;

        final List<Phrase> qualityPhrases;
        final Map<String, Quality> qualityWords;
        final Map<String, Quality> bareQuality = Map.of("2160", Quality.P2160, "1080", Quality.P1080, "720", Quality.P720);
        final List<Phrase> hdrPhrases = phrases("with|and|in|plus|с|и|в? hdr|hdr10|dovi|dolbyvision",
                "with|and|in|plus|с|и|в? dolby vision");
        final Set<String> seasonLeads = Set.of("the", "in", "во", "в", "на");
        final Set<String> seasonWords = Set.of("season", "сезон", "сезона", "сезоне", "сезону");
        final Set<String> seasonTrails = Set.of("of", "из", "for");
        final List<Phrase> yearLeads = phrases("from|of the? year", "released|made|out|came in", "from", "year", "год|года");
        final Set<String> yearTrails = Set.of("года", "год", "г", "гг", "year", "release");
        final List<Phrase> youtubePhrases = phrases("from|on|off|at? youtube|ютуба|ютуб|ютюба|ютюб|youtubе",
                "с|из|на|со? youtube|ютуба|ютуб|ютюба|ютюб|ютубе");
        final List<Phrase> audioPhrases = phrases("just|only? the? audio|sound|soundtrack|music|song|mp3 only?",
                "as|in|to|into mp3|audio", "только? аудио|звук|музыку|музыка|песню|мп3|mp3|аудиодорожку",
                "в|как mp3|мп3|аудио");
        final List<Phrase> videoPhrases = phrases("the|this|a? video|clip|playlist", "видео|видос|ролик|клип|плейлист|видеоролик");
        final List<Phrase> yesPhrases = phrases("yes|yeah|yep|yup|sure|ok|okay|confirm|confirmed|correct|right|affirmative please?",
                "do|go it|ahead", "yes|sure please? do it?", "да|ага|угу|конечно|давай|подтверждаю|ок|окей|хорошо|ладно|верно|точно|го|естественно|разумеется|подтвердить",
                "да|ага давай|конечно|пожалуйста?");
        final List<Phrase> noPhrases = phrases("no|nope|nah|cancel|abort|negative", "no thanks|thank|way?", "don't|dont|do not",
                "never|nevermind mind?", "not now", "нет|неа|отмена|отмени|отменить|отбой|стоп",
                "нет не надо|нужно", "не надо|нужно|стоит", "нет спасибо");
        final Set<String> cancellingNo = Set.of("cancel", "abort", "отмена", "отмени", "отменить", "отбой");
        final List<Phrase> leadingFiller = phrases(
                "please|pls|plz|kindly|hey|hi|hello|yo|so|ok|okay|well|now|medianest|bot|assistant",
                "can|could|would|will you|u please?", "can|could|would you kindly|please",
                "i'd|i like you to", "i would like you to", "i want|need you to", "go ahead and",
                "would you mind", "help me|us", "пожалуйста|пж|плиз|привет|здравствуй|здравствуйте|эй|слушай|слушайте|бот|а|ну|так|ок|окей|ладно|итак",
                "не? можешь|можете|сможешь|сможете|мог|могла|могли бы? пожалуйста?",
                "будь|будьте добр|добра|добры|любезен", "помоги|помогите мне?", "хочу чтобы ты", "мне|нам");
        final List<Phrase> trailingFiller = phrases("please|pls|plz|thanks|thx|cheers|asap", "thank you",
                "for me|us please?", "пожалуйста|плиз|пж|спасибо|срочно|побыстрее|быстрее", "мне|нам пожалуйста?");
        final List<Phrase> softFiller = phrases("now|right|currently|today|tonight|already|yet|still|again|then|there|going|on",
                "at the moment", "right now", "for now", "сейчас|щас|сегодня|уже|еще|вечером|там|теперь|тогда|же|то",
                "на вечер|сегодня", "в данный момент", "прямо сейчас");
        final List<Phrase> edgeFiller = phrases("please|pls|plz|kindly|thanks|asap", "for me|us",
                "пожалуйста|плиз|пж|спасибо|срочно|мне|нам", "для меня|нас");
        final List<Phrase> askers = phrases("show|list|display|view|check|see|tell|give|get me|us?", "let me know",
                "what|which are|is the?", "what're|what's|whats the?", "are|is there any?", "any|got", "do you have|see any?", "can|could you? tell|show me?",
                "покажи|покажите|выведи|скажи|скажите|подскажи|подскажите|расскажи|проверь|глянь|посмотри|дай мне?");
        final List<Phrase> libraryPlaces;
        final List<Phrase> everythingPhrases = phrases(
                "all|everything of? the|my|them|those|these? downloads|torrents|transfers|requests|items|things?",
                "them|those all", "every|each download|torrent|one|item|request", "downloads|torrents|transfers",
                "все|всё|всех|весь наши|мои? загрузки|закачки|торренты|запросы|заявки|подряд|разом|сразу|вместе?",
                "загрузки|закачки|торренты");
        final Set<String> everythingWords = Set.of("everything", "all", "все", "всё", "everyone", "всех");
        final List<Phrase> referencePhrases = phrases(
                "it|that|this|him|her|them", "the same",
                "that|this same? one|movie|film|show|series|book|thing|title|download|torrent|request",
                "the same? movie|film|show|series|book|thing|title|download|torrent|request", "the same one",
                "его|ее|это|этот|эту|эта|этого|этой|этим|тот|ту|та|того|той|то|него|нее|нему|ней|им|ими|их|такой|такую|он|она|оно|ним|нем|же",
                "его|ее|это|этот|эту|эта|этого|этой|тот|ту|того|той|тот|то|такой|такую же? фильм|фильма|сериал|сериала|книгу|книги|книга|кино|штуку|загрузку|закачку|же");
        final Set<String> choiceLeads = Set.of("the", "that", "this", "i'll", "i", "take", "pick", "choose", "давай", "возьми",
                "выбираю", "беру", "хочу", "тот", "та", "ту", "то", "и", "with", "go", "a", "'ll", "want", "like", "need");
        final List<Phrase> choiceMarkers = phrases("number|no|option|choice|item|nr|num|result|номер|вариант|пункт|результат",
                "под номером", "номером");
        final Set<String> choiceTrails = Set.of("one", "option", "choice", "item", "result", "вариант", "пункт", "по", "номер");
        final Map<String, TitleType> typeWords;
        final Set<String> typeDeterminers = Set.of("the", "a", "an", "some", "any", "good", "new", "one",
                "какой-нибудь", "какой-то", "какую-нибудь", "новый", "новую", "хороший", "хорошую", "интересный", "интересную",
                "several", "few", "других", "другие", "другой", "another", "more");
        final List<Phrase> calledWords = phrases("called|named|titled", "with the? title|name", "под названием",
                "который|которая|которые называется|называются", "с названием", "по имени");
        final Map<String, Integer> cardinals;
        final Map<String, Integer> englishOrdinals;
        final Map<String, Integer> russianOrdinalStems;
        final Set<String> russianOrdinalEndings = Set.of("ый", "ой", "ий", "ая", "ое", "ую", "ого", "ому", "ом", "ым", "ые", "ых",
                "ья", "ье", "ью", "ьего", "ьему", "ьем", "ьим", "ьей", "ей", "ее", "яя", "юю", "их", "ие");
        final Set<String> serviceCollective = Set.of("services", "сервисы", "сервисов", "сервисам", "службы", "служб", "apps",
                "stack", "стек", "infrastructure", "servers", "сервера", "серверы", "серверов", "system", "systems", "система",
                "системы", "integrations", "интеграции", "приложения", "health", "healthcheck", "uptime");
        final Set<String> serviceNames = Set.of("radarr", "sonarr", "readarr", "lidarr", "prowlarr", "bazarr", "qbittorrent", "qbit",
                "transmission", "deluge", "plex", "jellyfin", "emby", "overseerr", "jellyseerr", "seerr", "tmdb", "sabnzbd", "nzbget",
                "tautulli", "jackett", "радарр", "сонарр", "ридарр", "проулар", "плекс", "джеллифин", "кубит", "кьюбиторрент",
                "трансмишн", "server", "сервер", "indexers", "индексаторы", "service", "сервис");
        final Set<String> healthWords = Set.of("up", "down", "running", "working", "online", "offline", "alive", "healthy", "ok",
                "okay", "reachable", "broken", "status", "health", "fine", "responding", "dead", "работают", "работает", "работаете",
                "живы", "жив", "живой", "живые", "доступен", "доступны", "лежит", "лежат", "упал", "упали", "статус", "состояние",
                "здоровье", "порядке", "отвечает", "отвечают", "работоспособны", "запущены", "запущен", "норм", "нормально", "ок");
        final Set<String> commandVerbs;
        final Set<String> healthGlue = Set.of("is", "are", "ли", "в", "у", "нас", "тебя", "all", "good", "ok", "the", "still");
        final List<Phrase> leadInsRecommend = phrases(
                "me|us? something|anything|stuff|smth good|new|interesting? similar? like|to|as?", "some|a few? good? similar? like|to|as",
                "something|anything|stuff similar to|like", "similar|like to?", "such as", "more like", "in the style of",
                "that|which? is|are? similar to|like", "based on",
                "что-нибудь|что-то|что-либо|нечто|чего-нибудь хорошее|интересное|новое? похожее|похожий|похожие|похожую|похожих|похожего на",
                "похожее|похожий|похожие|похожую|похожих|похожего|подобное|подобные на",
                "что-нибудь|что-то|нечто вроде|типа|наподобие|как", "что-нибудь|что-то|что-либо|нечто|чего-нибудь хорошее|интересное|новое?", "что-нибудь|что-то|нечто? в духе|стиле", "вроде|типа|наподобие|как",
                "в стиле|духе", "по мотивам", "мне|нам");
        final List<Phrase> leadInsDownloads = phrases(
                "the|my? download|downloads|downloading|torrent|transfer|request of|for|on?",
                "загрузку|закачку|скачивание|скачку|загрузки|закачки|скачивания|загрузка|закачка|загрузкой|закачкой|торрент|заявку|запрос на?");
        final List<Phrase> leadInsStatus = phrases(
                "the|my? download|downloads|downloading|torrent|transfer|request of|for|on?", "of|for|on",
                "загрузку|закачку|скачивание|загрузки|закачки|скачивания|загрузкой|закачкой|загрузке|закачке|заявки|запроса",
                "с|со|по|у");
        final List<Phrase> leadInsSearch = phrases("for|about|up", "info|information about|on|for",
                "про|о|об|по", "информацию|инфу о|об|про");
        final List<Phrase> leadInsRequest = phrases("me|us", "мне|нам");
        final List<Phrase> leadInsLibrary = phrases("ли", "у нас|меня ли?");
        final List<Phrase> noLeadIns = List.of();
        final Set<String> databaseHosts = Set.of("imdb.com", "themoviedb.org", "thetvdb.com", "trakt.tv", "goodreads.com",
                "kinopoisk.ru", "letterboxd.com");
        final List<Rule> rules;

        private Tables() {
            Map<String, Quality> qualityWords = new HashMap<>();
            qualityWords.putAll(Map.of("4k", Quality.P2160, "4к", Quality.P2160, "uhd", Quality.P2160, "2160p", Quality.P2160,
                    "2160", Quality.P2160, "ultrahd", Quality.P2160, "4kuhd", Quality.P2160, "2160р", Quality.P2160));
            qualityWords.putAll(Map.of("1080p", Quality.P1080, "1080", Quality.P1080, "1080i", Quality.P1080, "fullhd", Quality.P1080,
                    "full-hd", Quality.P1080, "fhd", Quality.P1080, "1080р", Quality.P1080, "фуллхд", Quality.P1080));
            qualityWords.putAll(Map.of("720p", Quality.P720, "720", Quality.P720, "hd", Quality.P720, "хд", Quality.P720,
                    "720р", Quality.P720, "hdready", Quality.P720));
            qualityWords.putAll(Map.of("full", Quality.P1080, "фулл", Quality.P1080, "фул", Quality.P1080, "ultra", Quality.P2160,
                    "ультра", Quality.P2160, "4k-uhd", Quality.P2160, "uhd-4k", Quality.P2160, "ultra-hd", Quality.P2160));
            this.qualityWords = Map.copyOf(qualityWords);
            String named = "4k|4к|uhd|2160p|2160р|ultrahd|4kuhd|4k-uhd|uhd-4k|ultra-hd|1080p|1080р|1080i|fullhd|full-hd|fhd|фуллхд|720p|720р|hdready|hd|хд";
            String quality = "quality|resolution|качестве|качество|разрешении";
            qualityPhrases = phrases(
                    "in|at|в|во|with|с? " + named + " uhd? " + quality + "?",
                    "in|at|в|во|with|с? ultra|ультра|full|фулл|фул hd|хд " + quality + "?",
                    "in|at|в|во " + quality + " " + named + "|2160|1080|720",
                    "in|at|в|во 2160|1080|720 " + quality + "?",
                    "2160|1080|720 " + quality + "|p|р|пикселей");
            Map<String, TitleType> typeWords = new HashMap<>();
            for (String movie : List.of("movie", "movies", "film", "films", "flick", "flicks", "фильм", "фильма", "фильмы", "фильмов",
                    "фильму", "фильмом", "фильмах", "кино", "кинчик", "киношку", "кинцо", "мультфильм", "мультфильмы", "мультик",
                    "мультики", "мульт", "кинофильм", "feature")) {
                typeWords.put(movie, TitleType.MOVIE);
            }
            for (String series : List.of("series", "show", "shows", "tv show", "tv shows", "tv series", "tv", "tvshow", "serial",
                    "sitcom", "сериал", "сериала", "сериалы", "сериалов", "сериалу", "сериалом", "сериальчик", "шоу", "мультсериал",
                    "мультсериалы", "телешоу", "телесериал", "аниме-сериал", "tv-show", "tv-series")) {
                typeWords.put(series, TitleType.SERIES);
            }
            for (String book : List.of("book", "books", "novel", "novels", "ebook", "e-book", "ebooks", "книга", "книгу", "книги",
                    "книг", "книжку", "книжка", "книжки", "книге", "роман", "романа", "романы", "электронку", "ебук")) {
                typeWords.put(book, TitleType.BOOK);
            }
            this.typeWords = Map.copyOf(typeWords);
            Map<String, Integer> cardinals = new HashMap<>();
            Map<String, Integer> englishOrdinals = new HashMap<>();
            Map<String, Integer> russianOrdinalStems = new HashMap<>();
            String[] englishNumbers = {"one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
                    "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"};
            String[] englishOrdinalWords = {"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                    "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth",
                    "eighteenth", "nineteenth", "twentieth"};
            String[][] russianNumbers = {{"один", "одна", "одну", "раз"}, {"два", "две"}, {"три"}, {"четыре"}, {"пять"}, {"шесть"},
                    {"семь"}, {"восемь"}, {"девять"}, {"десять"}, {"одиннадцать"}, {"двенадцать"}};
            String[] russianStems = {"перв", "втор", "трет", "четверт", "пят", "шест", "седьм", "восьм", "девят", "десят",
                    "одиннадцат", "двенадцат"};
            for (int i = 0; i < englishNumbers.length; i++) {
                cardinals.put(englishNumbers[i], i + 1);
                englishOrdinals.put(englishOrdinalWords[i], i + 1);
            }
            for (int i = 0; i < russianNumbers.length; i++) {
                for (String form : russianNumbers[i]) {
                    cardinals.put(form, i + 1);
                }
                russianOrdinalStems.put(russianStems[i], i + 1);
            }
            this.cardinals = Map.copyOf(cardinals);
            this.englishOrdinals = Map.copyOf(englishOrdinals);
            this.russianOrdinalStems = Map.copyOf(russianOrdinalStems);
            libraryPlaces = phrases(
                    "is|are? already? on|in plex|jellyfin|emby|library|collection|server already?",
                    "is|are? already? in|on the|my|our|your library|collection|server|plex|jellyfin|emby already?",
                    "is|are? already? available to? watch|stream?",
                    "уже? есть? в|на библиотеке|медиатеке|коллекции|сервере|плексе|плекс|plex|jellyfin|джеллифине|джеллифин|emby|фонотеке",
                    "уже? есть? в|на нашей|моей|твоей библиотеке|медиатеке|коллекции|сервере",
                    "уже? есть? в доступе", "уже? доступен|доступна|доступно|доступны для? просмотра?");
            Set<String> commandVerbs = new HashSet<>();
            List<Rule> rules = new ArrayList<>();
            buildRules(rules, commandVerbs);
            this.commandVerbs = Set.copyOf(commandVerbs);
            this.rules = List.copyOf(rules);
        }

        /** The intent table, most specific first. */
        private void buildRules(List<Rule> rules, Set<String> commandVerbs) {
            String requestVerbs = "download|dl|redownload|grab|fetch|snag|queue|request|order|torrent|get|add|скачай|скачать|скачайте|скачаешь|скачаем|скачивай|скачиваем|скачни|качни|качай|качать|закачай|закачать|закачайте|загрузи|загрузить|загрузите|загрузим|добавь|добавить|добавьте|добавим|запроси|запросить|запросите|закажи|заказать|закажите|скачивать";
            String searchVerbs = "search|find|lookup|seek|найди|найти|найдите|поищи|поискать|поищите|ищи|искать|поиск|покажи|покажите|показать";
            String pauseVerbs = "pause|suspend|halt|freeze|hold|stop|приостанови|приостановить|приостановите|останови|остановить|остановите|стопни|стоп|тормозни|притормози|заморозь|заморозить|пауза|паузу|паузни";
            String resumeVerbs = "resume|continue|unpause|un-pause|restart|start|продолжи|продолжить|продолжите|продолжай|возобнови|возобновить|возобновите|запусти|запустить|запустите|перезапусти|докачай|докачать";
            String cancelVerbs = "cancel|remove|delete|abort|drop|kill|trash|discard|withdraw|forget|unrequest|nuke|отмени|отменить|отмените|удали|удалить|удалите|убери|убрать|уберите|отзови|снеси|снести|отмена";
            String recommendVerbs = "recommend|suggest|посоветуй|посоветуйте|порекомендуй|порекомендуйте|рекомендуй|предложи|предложите|посоветовать|порекомендовать";
            for (String verbs : List.of(requestVerbs, searchVerbs, pauseVerbs, resumeVerbs, cancelVerbs, recommendVerbs)) {
                commandVerbs.addAll(Arrays.asList(verbs.split("\\|")));
            }
            commandVerbs.addAll(List.of("i", "i'd", "хочу", "нужен", "нужна", "нужно", "поставь", "сними"));

            // Help, as the whole message ("help me find Heat" is a search).
            rule(rules, Intent.HELP, Anchor.WHOLE, "help|помощь|помоги|помогите|справка|хелп|sos|usage|commands|команды|man|info|инструкция me|us?",
                    "help please?", "what can|do you do|understand|know", "what can i ask|say|do|type", "what do you understand",
                    "what are you", "who are you", "how does this|it work", "how do i|we use this|you|it", "how to use this|you|it?",
                    "show|list the|your? commands|options", "what are the|your? commands|options",
                    "что ты умеешь|можешь|понимаешь делать?", "что умеешь|можешь|понимаешь", "что ты умеешь|можешь делать",
                    "что можно спросить|сказать|делать", "как пользоваться|работать", "как тобой пользоваться", "как это работает",
                    "список|какие команд|команды|команды есть?", "кто ты|такой", "что ты такое", "ты кто", "что ты за бот");
            // Pause and resume around the title, and requests that say where to put it.
            gap(rules, Intent.PAUSE, "поставь|поставить|поставьте|ставь|поставим", "на паузу|паузе|стоп");
            gap(rules, Intent.PAUSE, "put|place|set", "on hold|pause");
            gap(rules, Intent.RESUME, "сними|снять|снимите|убери|уберите", "с паузы|паузу");
            gap(rules, Intent.RESUME, "take", "off hold|pause");
            gap(rules, Intent.RESUME, "start|restart", "again|over");
            gap(rules, Intent.REQUEST, "поставь|поставить|поставьте|ставь|добавь|добавить|добавьте|отправь|закинь|кинь|кидай",
                    "на закачку|загрузку|скачивание|скачку|закачки", "в очередь|закачки|загрузки|библиотеку|радарр|сонарр|ридарр|медиатеку|коллекцию|радар|сонар");
            gap(rules, Intent.REQUEST, "add|put|send|throw|queue",
                    "to|in|into|onto the|my|our? queue|library|plex|jellyfin|radarr|sonarr|readarr|watchlist|collection|list|downloads");
            rule(rules, Intent.PAUSE, Anchor.ANY, "на паузу");
            rule(rules, Intent.RESUME, Anchor.ANY, "с паузы", "off hold");
            rule(rules, Intent.RESUME, Anchor.START, "сними паузу с|со?");
            // Cancel phrased as "don't".
            rule(rules, Intent.CANCEL, Anchor.START, "don't|dont download|get|grab|bother", "do not download|get|grab|bother", "stop and remove|delete|cancel",
                    "не качай|скачивай|загружай|закачивай|надо|нужно", "не надо|нужно|стоит качать|скачивать|загружать|закачивать",
                    "get rid of", "больше не качай");
            rule(rules, Intent.CANCEL, Anchor.ANY, "больше не нужен|нужна|нужно|нужны|надо", "no longer needed|wanted");
            // Status: what is downloading, how far a title is.
            gap(rules, Intent.STATUS, "how is|are;how's|hows", "going|doing|coming|progressing|getting");
            gap(rules, Intent.STATUS, "when will", "be done|ready|finished|downloaded|complete", "finish|complete|arrive");
            gap(rules, Intent.STATUS, "how long until|till|before|for", "is|be done|ready|finished|downloaded|complete", "finishes|completes|arrives");
            rule(rules, Intent.STATUS, Anchor.START,
                    "show|list|display|view|check|see|get me? my|the|all? active|current|running|ongoing|pending? downloads|torrents|queue|transfers|requests|progress",
                    "download|downloads status|progress|queue|list", "what's|whats|what're currently|still? downloading|queued|pending",
                    "what is|are currently|still? downloading|queued|pending", "what is|are being downloaded",
                    "what's|whats in|on the? download? queue", "what is|are in|on the? download? queue",
                    "how is|are", "how's|hows", "how far along|is", "how long until|till|for|left on?", "how much longer|left for|on?",
                    "when will|is|does", "where is|are", "where's|wheres", "check on", "status|progress|eta of|for|on?",
                    "статус|прогресс|состояние загрузки|закачки|загрузок|закачек?", "как там", "как дела с|со",
                    "что там с|по?", "что с|со|по", "где", "когда будет|будут", "сколько осталось|ждать|качать|до?",
                    "покажи|покажите|выведи|открой мои|все|текущие|активные? загрузки|закачки|торренты|очередь|запросы|заявки",
                    "мои|активные|текущие загрузки|закачки|запросы|заявки|торренты");
            rule(rules, Intent.STATUS, Anchor.WHOLE, "queue|downloads|torrents|requests|очередь|загрузки|закачки|торренты|запросы|заявки|eta");
            rule(rules, Intent.STATUS, Anchor.ANY,
                    "what's|whats|what're currently|still|now? downloading", "what is|are currently|still|now? downloading",
                    "what is|are being downloaded",
                    "active|current|running|ongoing downloads|torrents|transfers", "download|downloads queue|status|progress",
                    "что|чего сейчас|щас|там? качается|качаются|скачивается|скачиваются|загружается|загружаются|закачивается|закачиваются|грузится|грузятся|качаем|качаешь|скачиваем|скачиваешь", "что|чего сейчас? в очереди",
                    "активные|текущие загрузки|закачки|торренты", "статус|состояние загрузок|закачек|скачивания",
                    "очередь загрузок|закачек", "мои запросы|заявки|загрузки",
                    "скачался|скачалась|скачалось|скачались|загрузился|загрузилась|загрузилось|загрузились|докачался|докачалась|докачалось|докачались|скачан|скачана|скачано|готов|готова|готово ли?",
                    "когда скачается|скачаются|загрузится|загрузятся|докачается", "когда будет готов|готова|готово|скачан|скачана|скачано",
                    "сколько осталось", "is it done|finished|ready", "my requests|downloads");
            gap(rules, Intent.STATUS, "is|has|have|are|did", "downloaded|done|finished|ready|complete|completed|downloading|arrived yet?", "in yet",
                    "finish|finished downloading?");
            
            // Recommendations said as "something like".
            rule(rules, Intent.RECOMMEND, Anchor.START, recommendVerbs + " me|us?", "recommendations|suggestions|ideas|рекомендации|рекомендацию|рекомендуешь|посоветуешь|порекомендуешь",
                    "any|some|give|got|have recommendations|suggestions|ideas", "give me|us some? recommendations|suggestions|ideas",
                    "what do you recommend|suggest", "что посоветуешь|порекомендуешь|рекомендуешь|предложишь",
                    "подскажи|подскажите что посмотреть|почитать", "what should|can|could|shall i|we watch|read|see",
                    "what to watch|read|see", "что мне|нам|бы? посмотреть|почитать|глянуть", "что можно посмотреть|почитать|глянуть",
                    "what's|whats good to watch|read", "what is good to watch|read");
            rule(rules, Intent.RECOMMEND, Anchor.START, "movies|films|shows|series|books|novels|фильмы|сериалы|книги|мультики|мультфильмы|аниме like|similar|похожие|вроде|типа|наподобие to|на?");
            rule(rules, Intent.RECOMMEND, Anchor.ANY, "something|anything like|similar to?", "more like", "similar to",
                    "что-нибудь|что-то|нечто|чего-нибудь похожее|похожий|похожие|похожую|похожих|подобное на?",
                    "похожее|похожий|похожие|похожую|похожих|подобное на", "что мне|нам|бы? посмотреть|почитать|глянуть",
                    "what should|can|could i|we watch|read", "what to watch|read");
            // The library: "is … on Plex", "do we have …", "есть ли …".
            gap(rules, Intent.LIBRARY, "is|are|was|isn't there?", "on|in plex|jellyfin|emby|library|collection",
                    "in|on the|my|our|your library|collection|server|plex|jellyfin|emby", "available to? watch|stream?");
            libraryRule(rules, List.of("do|does|did we|i|you have|own|got", "have|got we|i got?", "we|i have|got",
                            "is there", "check if|whether", "can i|we watch|stream|play", "do we|i already have",
                            "есть|имеется ли", "у нас|меня|тебя есть ли?", "есть ли? у нас|меня", "а? есть", "проверь есть ли",
                            "можно ли посмотреть", "имеется ли у нас?"));
            rule(rules, Intent.LIBRARY, Anchor.START, "what's|whats in|on the|my|our? library|plex|jellyfin|collection",
                    "what is in|on the|my|our? library|plex|jellyfin|collection", "what do we|i have in|on the|my|our? library|plex|jellyfin|collection",
                    "show|list|browse the|my|our? library|collection", "что есть|лежит в|на библиотеке|плексе|коллекции|сервере",
                    "что у нас|меня есть", "покажи|открой библиотеку|коллекцию");
            // Plain verbs at the start.
            rule(rules, Intent.REQUEST, Anchor.START, "find|search|look and download|get|grab|add",
                    "найди|найти и скачай|добавь|загрузи|скачать|добавить", "давай скачаем|посмотрим|глянем|добавим|загрузим",
                    "i|we want|need|wanna to? watch|see|download|get|have|grab|read|add?",
                    "i'd|we'd like to? watch|see|download|get|have|read|add?", "i|we would like to? watch|see|download|get|have|read|add?",
                    "wanna|gonna watch|see|download|get", "let's|lets watch|download|get|see|grab", "get|download|grab|fetch me|us",
                    "хочу|хотим|хотелось|хотел|хотела|нужен|нужна|нужно|нужны|надо бы? посмотреть|глянуть|скачать|почитать|прочитать|увидеть|пересмотреть?",
                    "мне|нам? нужен|нужна|нужно|нужны|надо", "поставь|поставьте|поставить", requestVerbs);
            rule(rules, Intent.SEARCH, Anchor.START, "search|look for|up", "look|lookup|find for|up", "find me|us?", "show me|us",
                    "tell me about", "what|who is", "what's|whats|who's", "info|information about|on", "what do you know about",
                    "найди|найдите|поищи|поищите|покажи|покажите мне|нам?", "что за", "расскажи|расскажите о|об|про",
                    "информация|инфа о|об|про", "что известно о|об|про", searchVerbs);
            String downloadOf = " the|my? download|downloads|torrent|torrents|request|requests|order of|for|on?";
            rule(rules, Intent.PAUSE, Anchor.START, pauseVerbs, pauseVerbs + " downloading", pauseVerbs + downloadOf);
            rule(rules, Intent.RESUME, Anchor.START, resumeVerbs, resumeVerbs + " downloading", resumeVerbs + downloadOf,
                    "keep|start downloading", "go|carry on downloading|with?", "go on with");
            rule(rules, Intent.CANCEL, Anchor.START, cancelVerbs, cancelVerbs + " downloading", cancelVerbs + downloadOf,
                    cancelVerbs + " заказ|запрос|заявку на?");
            // The library again, said after the title ("Heat on Plex?", "Дюна есть в плексе?").
            rule(rules, Intent.LIBRARY, Anchor.ANY, "есть в|на библиотеке|медиатеке|коллекции|плексе|plex|jellyfin|сервере");
            rules.add(new Rule(Intent.LIBRARY, Anchor.ANY, libraryPlaces, List.of(), false));
            rule(rules, Intent.LIBRARY, Anchor.END, "есть|имеется ли?", "у нас|меня есть", "есть ли у нас|меня?");
            // Verbs at the end ("Дюну скачай").
            rule(rules, Intent.REQUEST, Anchor.END, requestVerbs);
            rule(rules, Intent.SEARCH, Anchor.END, searchVerbs);
            rule(rules, Intent.PAUSE, Anchor.END, pauseVerbs);
            rule(rules, Intent.RESUME, Anchor.END, resumeVerbs);
            rule(rules, Intent.CANCEL, Anchor.END, cancelVerbs);
            rule(rules, Intent.RECOMMEND, Anchor.END, recommendVerbs);
            rule(rules, Intent.STATUS, Anchor.END, "status|progress|статус|прогресс");
        }

        private static void rule(List<Rule> rules, Intent intent, Anchor anchor, String... heads) {
            rules.add(new Rule(intent, anchor, phrases(heads), List.of(), false));
        }

        /** One of the heads (separated by ";") at the start, one of the tails somewhere after it: "поставь … на паузу". */
        private static void gap(List<Rule> rules, Intent intent, String heads, String... tails) {
            rules.add(new Rule(intent, Anchor.START, phrases(heads.split(";")), phrases(tails), true));
        }

        /** A question opening the message, with a place in the library taken when it is there too. */
        private void libraryRule(List<Rule> rules, List<String> heads) {
            rules.add(new Rule(Intent.LIBRARY, Anchor.START, phrases(heads.toArray(String[]::new)), libraryPlaces, false));
        }

        List<Phrase> leadIns(Intent intent) {
            return switch (intent) {
                case RECOMMEND -> leadInsRecommend;
                case PAUSE, RESUME, CANCEL -> leadInsDownloads;
                case STATUS -> leadInsStatus;
                case SEARCH -> leadInsSearch;
                case REQUEST, YOUTUBE -> leadInsRequest;
                case LIBRARY -> leadInsLibrary;
                case SERVICES, HELP, UNKNOWN -> noLeadIns;
            };
        }

        Quality qualityOf(String[] words, int from, int to) {
            Quality found = null;
            for (int i = from; i < to; i++) {
                Quality quality = qualityWords.get(words[i]);
                if (quality != null && (found == null || quality.ordinal() < found.ordinal())) {
                    found = quality;
                }
            }
            return found;
        }

        boolean isHdrWord(String word) {
            return word.equals("hdr") || word.equals("hdr10") || word.equals("dolby");
        }

        /** Whether a message with "everything" is only about things being up ("is everything running?"). */
        boolean healthOnly(String[] words) {
            for (String word : words) {
                if (!everythingWords.contains(word) && !healthWords.contains(word)
                        && !healthGlue.contains(word)) {
                    return false;
                }
            }
            return true;
        }

        boolean softFillerOnly(String[] words) {
            int at = 0;
            while (at < words.length) {
                int end = Reading.longest(softFiller, words, at);
                if (end <= at) {
                    return false;
                }
                at = end;
            }
            return true;
        }

        private static List<Phrase> phrases(String... specs) {
            List<Phrase> list = new ArrayList<>();
            for (String spec : specs) {
                list.add(Phrase.of(spec));
            }
            return List.copyOf(list);
        }
    }
}
