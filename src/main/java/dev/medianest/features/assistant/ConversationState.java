package dev.medianest.features.assistant;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;

/**
 * Where one person's conversation stands between messages, stored as JSON so that a pending choice
 * or confirmation survives a restart. Absent parts are null (this record never leaves the feature).
 *
 * @param pending  numbered choices or a yes/no question waiting for an answer
 * @param topic    the title talked about last, for "that movie" / «его»
 * @param language the language of the last message with words in it, for replies to "2" or "yes"
 */
record ConversationState(Pending pending, Topic topic, String language) {

    static final ConversationState EMPTY = new ConversationState(null, null, null);

    ConversationState withPending(Pending next) {
        return new ConversationState(next, topic, language);
    }

    ConversationState withTopic(Topic next) {
        return new ConversationState(pending, next == null ? topic : next, language);
    }

    ConversationState withLanguage(String next) {
        return new ConversationState(pending, topic, next);
    }

    /** A title as the tools name it. */
    record Topic(String mediaType, String id, String title, Integer year) {
        String display() {
            return year == null ? title : title + " (" + year + ")";
        }
    }

    /**
     * What the next message may answer.
     *
     * @param kind      {@code choose} (options, then go on with {@code intent}) or {@code confirm}
     *                  (run {@code tool} with {@code arguments} on yes)
     * @param quality   the quality asked for, carried to the request after a choice
     * @param season    the season asked for, likewise
     */
    record Pending(String kind, String intent, List<Topic> options, String quality, Integer season, String tool, JsonNode arguments,
                   String question) {

        static Pending choose(Intent intent, List<Topic> options, String quality, Integer season) {
            return new Pending("choose", intent.name(), List.copyOf(options), quality, season, null, null, null);
        }

        static Pending confirm(String tool, JsonNode arguments, String question) {
            return new Pending("confirm", null, List.of(), null, null, tool, arguments, question);
        }

        boolean choosing() {
            return "choose".equals(kind);
        }
    }
}
