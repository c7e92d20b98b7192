package dev.medianest.features.requests;

import dev.medianest.features.catalog.TitleType;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * How the Requests page is filtered and sorted, read leniently from its query string (a value the
 * page does not know is ignored), so a link and the live stream opened with the same query show the
 * same requests. The JSON API reads its own, strict parameters into a {@link RequestFilter}.
 *
 * @param tab      a key of {@link #TABS}: a group of states
 * @param type     only this media type, when present
 * @param everyone everyone's requests (managers only; others always see their own)
 * @param user     only requests this user asked for (managers, with {@code everyone})
 * @param sort     the order
 * @param offset   how many requests to skip, for the pages after the first
 */
public record RequestListView(String tab, Optional<TitleType> type, boolean everyone, Optional<Long> user, RequestFilter.Sort sort,
                              int offset) {

    public static final int PAGE_SIZE = 50;

    /** The tabs of the page and the states each one shows; "all" shows every state. */
    public static final Map<String, Set<RequestState>> TABS = tabs();

    public RequestListView {
        if (tab == null || !TABS.containsKey(tab) || type == null || user == null || sort == null || offset < 0) {
            throw new IllegalArgumentException("a list view has a known tab, a sort and an offset from 0");
        }
    }

    private static Map<String, Set<RequestState>> tabs() {
        Map<String, Set<RequestState>> tabs = new LinkedHashMap<>();
        tabs.put("all", Set.of());
        tabs.put("pending", EnumSet.of(RequestState.PENDING));
        tabs.put("active", EnumSet.of(RequestState.APPROVED, RequestState.PROCESSING, RequestState.PARTIALLY_AVAILABLE));
        tabs.put("available", EnumSet.of(RequestState.AVAILABLE));
        tabs.put("failed", EnumSet.of(RequestState.FAILED));
        tabs.put("closed", EnumSet.of(RequestState.DECLINED, RequestState.CANCELLED));
        return java.util.Collections.unmodifiableMap(tabs);
    }

    /** The view a query string asks for; {@code manager} decides whether "everyone" is the default. */
    public static RequestListView of(UnaryOperator<String> param, boolean manager) {
        String tab = Optional.ofNullable(param.apply("tab")).filter(TABS::containsKey).orElse("all");
        Optional<TitleType> type = Optional.ofNullable(param.apply("type")).flatMap(name -> List.of(TitleType.values()).stream()
                .filter(candidate -> candidate.name().equalsIgnoreCase(name.strip())).findFirst());
        String scope = param.apply("scope");
        boolean everyone = manager && !"mine".equals(scope);
        Optional<Long> user = everyone ? positive(param.apply("user")) : Optional.empty();
        RequestFilter.Sort sort = Optional.ofNullable(param.apply("sort")).flatMap(name -> List.of(RequestFilter.Sort.values()).stream()
                .filter(candidate -> candidate.name().equalsIgnoreCase(name.strip())).findFirst()).orElse(RequestFilter.Sort.NEWEST);
        int offset = positive(param.apply("offset")).filter(value -> value < 1_000_000).map(Long::intValue).orElse(0);
        return new RequestListView(tab, type, everyone, user, sort, offset);
    }

    private static Optional<Long> positive(String text) {
        try {
            return text == null ? Optional.empty() : Optional.of(Long.parseLong(text.strip())).filter(value -> value > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** The filter for a viewer: their own requests unless they chose everyone's. */
    public RequestFilter filter(long viewerId) {
        Optional<Long> requester = everyone ? user : Optional.of(viewerId);
        return new RequestFilter(requester, TABS.get(tab), type, sort, PAGE_SIZE, offset);
    }

    /** The query string of this view ("tab=pending&sort=oldest"), without the defaults. */
    public String query() {
        return query(tab, offset);
    }

    /** The query of the same view on another tab, from its first page. */
    public String withTab(String other) {
        return query(other, 0);
    }

    /** The query of the same view from another offset. */
    public String withOffset(int other) {
        return query(tab, Math.max(0, other));
    }

    private String query(String shownTab, int shownOffset) {
        Map<String, String> parts = new LinkedHashMap<>();
        if (!shownTab.equals("all")) {
            parts.put("tab", shownTab);
        }
        type.ifPresent(value -> parts.put("type", value.name().toLowerCase(Locale.ROOT)));
        if (!everyone) {
            parts.put("scope", "mine");
        }
        user.ifPresent(value -> parts.put("user", String.valueOf(value)));
        if (sort != RequestFilter.Sort.NEWEST) {
            parts.put("sort", sort.name().toLowerCase(Locale.ROOT));
        }
        if (shownOffset > 0) {
            parts.put("offset", String.valueOf(shownOffset));
        }
        return parts.entrySet().stream().map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
