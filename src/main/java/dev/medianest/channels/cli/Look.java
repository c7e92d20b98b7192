package dev.medianest.channels.cli;

import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;

import java.util.Locale;
import java.util.Map;

/**
 * How the assistant's commands draw on a terminal: colours or none ({@code NO_COLOR}, a dumb
 * terminal, output that is not a terminal), Unicode blocks and marks or their ASCII stand-ins
 * when the locale is not UTF-8, and the width to fit.
 */
record Look(boolean colour, boolean unicode, int width) {

    private static final String EIGHTHS = " ▏▎▍▌▋▊▉";

    /** Plain text for output that goes to a file or a pipe, Unicode unless the locale says otherwise. */
    static Look plain(Map<String, String> environment) {
        return new Look(false, unicode(environment), columns(environment, 100));
    }

    /**
     * Whether the locale's character set is UTF-8: the first of LC_ALL, LC_CTYPE and LANG that is
     * set decides, unless the launcher, which runs the JVM in UTF-8 whatever the locale, left the
     * terminal's own in MEDIANEST_CHARSET.
     */
    static boolean unicode(Map<String, String> environment) {
        for (String name : new String[]{"MEDIANEST_CHARSET", "LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = environment.get(name);
            if (value != null && !value.isBlank()) {
                String lower = value.toLowerCase(Locale.ROOT);
                return lower.contains("utf-8") || lower.contains("utf8");
            }
        }
        return false;
    }

    /** no-color.org: a NO_COLOR that is set and not empty turns colours off. */
    static boolean colourWanted(Map<String, String> environment) {
        String noColor = environment.get("NO_COLOR");
        return (noColor == null || noColor.isEmpty()) && !"dumb".equals(environment.get("TERM"));
    }

    static int columns(Map<String, String> environment, int fallback) {
        try {
            int columns = Integer.parseInt(environment.getOrDefault("COLUMNS", "").strip());
            return columns >= 20 ? columns : fallback;
        } catch (NumberFormatException unset) {
            return fallback;
        }
    }

    Look withWidth(int columns) {
        return new Look(colour, unicode, columns >= 20 ? columns : width);
    }

    /**
     * A bar of {@code cells} characters for a share from 0 to 1: full blocks with an eighth-block
     * edge on a light shade, or {@code ####----} in ASCII.
     */
    String bar(double share, int cells) {
        double clamped = Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
        StringBuilder bar = new StringBuilder(cells);
        if (!unicode) {
            int full = (int) Math.round(clamped * cells);
            bar.append("#".repeat(full)).append("-".repeat(cells - full));
            return "[" + bar + "]";
        }
        int eighths = (int) Math.round(clamped * cells * 8);
        int full = eighths / 8;
        bar.append("█".repeat(full));
        if (full < cells) {
            int rest = eighths % 8;
            bar.append(rest == 0 ? '░' : EIGHTHS.charAt(rest));
            bar.append("░".repeat(cells - full - 1));
        }
        return bar.toString();
    }

    /** A share as a whole percentage, {@code 42 %}. */
    static String percent(double share) {
        return Math.round(Math.max(0, Math.min(1, share)) * 100) + " %";
    }

    String bullet() {
        return unicode ? "•" : "*";
    }

    String dot() {
        return unicode ? " · " : " - ";
    }

    String arrow() {
        return unicode ? "›" : ">";
    }

    String dim(String text) {
        return styled(text, AttributedStyle.DEFAULT.faint());
    }

    String bold(String text) {
        return styled(text, AttributedStyle.BOLD);
    }

    String accent(String text) {
        return styled(text, AttributedStyle.BOLD.foreground(AttributedStyle.CYAN));
    }

    String warning(String text) {
        return styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.RED));
    }

    String good(String text) {
        return styled(text, AttributedStyle.DEFAULT.foreground(AttributedStyle.GREEN));
    }

    private String styled(String text, AttributedStyle style) {
        return colour ? new AttributedString(text, style).toAnsi() : text;
    }

    /** The text cut to {@code max} characters with an ellipsis, or padded with spaces to exactly {@code max}. */
    String fit(String text, int max) {
        if (text.length() <= max) {
            return text + " ".repeat(max - text.length());
        }
        String more = unicode ? "…" : "~";
        return text.substring(0, Math.max(0, max - more.length())) + more;
    }
}
