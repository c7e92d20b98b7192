package dev.medianest.features.requests;

import dev.medianest.features.catalog.TitleType;

import java.util.Optional;
import java.util.Set;

/**
 * Which requests to list and in what order.
 *
 * @param requester only requests this user asked for; empty for everyone's (managers only)
 * @param states    any of these states; empty for all
 */
public record RequestFilter(Optional<Long> requester, Set<RequestState> states, Optional<TitleType> type, Sort sort, int limit, int offset) {

    public static final int MAX_LIMIT = 200;

    public enum Sort { NEWEST, OLDEST, UPDATED, TITLE }

    public RequestFilter {
        if (requester == null || states == null || type == null || sort == null) {
            throw new IllegalArgumentException("filters may be empty but not missing");
        }
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit runs from 1 to " + MAX_LIMIT + " and offset from 0");
        }
        states = Set.copyOf(states);
    }

    public static RequestFilter everything() {
        return new RequestFilter(Optional.empty(), Set.of(), Optional.empty(), Sort.NEWEST, 50, 0);
    }

    public RequestFilter onlyOf(long userId) {
        return new RequestFilter(Optional.of(userId), states, type, sort, limit, offset);
    }
}
