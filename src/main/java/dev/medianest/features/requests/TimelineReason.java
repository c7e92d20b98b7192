package dev.medianest.features.requests;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a request moved, as a person reads it: the timeline stores short codes for what MediaNest did
 * itself ("auto_approved", "joined", "withdrawn", "seasons:CHOSEN:1,3") and the words a manager
 * wrote when declining. A code becomes a message key with its arguments for the reader's
 * language; anything else is the manager's own text, shown as written.
 */
public sealed interface TimelineReason {

    /** A reason MediaNest recorded: {@code requestpage.reason.<code>} with its arguments. */
    record Coded(String messageKey, List<String> args) implements TimelineReason {
        public Coded {
            args = List.copyOf(args);
        }
    }

    /** A reason someone wrote (a decline), shown as written. */
    record Written(String text) implements TimelineReason {
    }

    Pattern SEASONS = Pattern.compile("seasons:(ALL|FUTURE|CHOSEN)(?::([0-9,]+))?");
    List<String> CODES = List.of("auto_approved", "joined", "withdrawn");

    static Optional<TimelineReason> of(Optional<String> reason) {
        return reason.map(String::strip).filter(text -> !text.isEmpty()).map(TimelineReason::parse);
    }

    private static TimelineReason parse(String reason) {
        if (CODES.contains(reason)) {
            return new Coded("requestpage.reason." + reason, List.of());
        }
        Matcher seasons = SEASONS.matcher(reason);
        if (seasons.matches()) {
            String numbers = seasons.group(2) == null ? "" : seasons.group(2).replace(",", ", ");
            String mode = seasons.group(1).toLowerCase(java.util.Locale.ROOT);
            return new Coded(switch (mode) {
                case "all" -> "requestpage.reason.seasons_all";
                case "future" -> "requestpage.reason.seasons_future";
                default -> "requestpage.reason.seasons_chosen";
            }, List.of(numbers));
        }
        return new Written(reason);
    }
}
