package dev.medianest.features.requests;

import dev.medianest.features.catalog.MediaKeeper.Catalogue;
import dev.medianest.features.catalog.MediaKeeper.ExternalId;
import dev.medianest.features.catalog.TitleType;
import dev.medianest.features.services.ServiceProblem;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.Set;
import java.util.stream.Collectors;

/** SQL for requests, their requesters, timeline and quotas; the same statements run on SQLite and PostgreSQL. */
final class RequestStore {

    private static final String COLUMNS = "r.id, r.media_type, r.tmdb_id, r.tvdb_id, r.imdb_id, r.book_id, r.title, r.year, r.poster_url, "
            + "r.is_4k, r.season_mode, r.seasons, r.state, r.service_id, r.quality_profile_id, r.root_folder, r.tags, r.route, "
            + "r.library_id, r.remote_request_id, r.files_present, r.files_expected, r.progress, r.last_error, r.attempts, "
            + "r.next_attempt_at, r.created_by, r.created_at, r.updated_at";

    long insert(Handle handle, RequestDraft draft, RequestState state, MediaRequest.Route route, long createdBy, Instant now) {
        RequestedTitle title = draft.title();
        return handle.createQuery("INSERT INTO requests (media_type, title_key, tmdb_id, tvdb_id, imdb_id, book_id, title, year, poster_url, "
                        + "is_4k, season_mode, seasons, state, service_id, quality_profile_id, root_folder, tags, route, created_by, "
                        + "created_at, updated_at, next_attempt_at) VALUES (:type, :key, :tmdb, :tvdb, :imdb, :book, :title, :year, :poster, "
                        + ":fourK, :seasonMode, :seasons, :state, :serviceId, :profile, :folder, :tags, :route, :createdBy, :now, :now, :next) "
                        + "RETURNING id")
                .bind("type", title.type().name())
                .bind("key", title.key())
                .bind("tmdb", number(title, Catalogue.TMDB))
                .bind("tvdb", number(title, Catalogue.TVDB))
                .bind("imdb", title.id(Catalogue.IMDB).map(ExternalId::value).orElse(null))
                .bind("book", title.id(Catalogue.GOODREADS).map(ExternalId::value).orElse(null))
                .bind("title", title.name())
                .bind("year", title.year().isPresent() ? title.year().getAsInt() : null)
                .bind("poster", title.poster().map(URI::toString).orElse(null))
                .bind("fourK", draft.fourK())
                .bind("seasonMode", draft.seasons().mode().name())
                .bind("seasons", draft.seasons().encode())
                .bind("state", state.name())
                .bind("serviceId", draft.options().serviceId().orElse(null))
                .bind("profile", draft.options().qualityProfileId().orElse(null))
                .bind("folder", draft.options().rootFolder().orElse(null))
                .bind("tags", draft.options().tags().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")))
                .bind("route", route.name())
                .bind("createdBy", createdBy)
                .bind("now", now.toEpochMilli())
                .bind("next", state == RequestState.APPROVED ? now.toEpochMilli() : null)
                .mapTo(Long.class)
                .one();
    }

    void addRequester(Handle handle, long requestId, long userId, int counted, Instant now) {
        handle.createUpdate("INSERT INTO request_requesters (request_id, user_id, requested_at, season_count) VALUES (:request, :user, :now, :counted)")
                .bind("request", requestId).bind("user", userId).bind("now", now.toEpochMilli()).bind("counted", counted)
                .execute();
    }

    void record(Handle handle, long requestId, Instant at, Optional<Long> actorId, String actorName, Optional<RequestState> from,
                RequestState to, Optional<String> reason) {
        handle.createUpdate("INSERT INTO request_history (request_id, at, actor_id, actor_name, from_state, to_state, reason) "
                        + "VALUES (:request, :at, :actor, :actorName, :from, :to, :reason)")
                .bind("request", requestId).bind("at", at.toEpochMilli()).bind("actor", actorId.orElse(null))
                .bind("actorName", actorName).bind("from", from.map(Enum::name).orElse(null)).bind("to", to.name())
                .bind("reason", reason.orElse(null))
                .execute();
    }

    void setState(Handle handle, long requestId, RequestState state, Instant now, Optional<Instant> nextAttempt) {
        handle.createUpdate("UPDATE requests SET state = :state, updated_at = :now, next_attempt_at = :next, "
                        + "attempts = CASE WHEN :resetAttempts THEN 0 ELSE attempts END WHERE id = :id")
                .bind("state", state.name()).bind("now", now.toEpochMilli()).bind("next", nextAttempt.map(Instant::toEpochMilli).orElse(null))
                .bind("resetAttempts", state == RequestState.APPROVED).bind("id", requestId)
                .execute();
    }

    void setOptions(Handle handle, long requestId, RequestOptions options, Instant now) {
        handle.createUpdate("UPDATE requests SET service_id = :serviceId, quality_profile_id = :profile, root_folder = :folder, tags = :tags, "
                        + "updated_at = :now WHERE id = :id")
                .bind("serviceId", options.serviceId().orElse(null))
                .bind("profile", options.qualityProfileId().orElse(null))
                .bind("folder", options.rootFolder().orElse(null))
                .bind("tags", options.tags().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")))
                .bind("now", now.toEpochMilli()).bind("id", requestId)
                .execute();
    }

    void setSeasons(Handle handle, long requestId, SeasonChoice seasons, Instant now) {
        handle.createUpdate("UPDATE requests SET season_mode = :mode, seasons = :seasons, updated_at = :now WHERE id = :id")
                .bind("mode", seasons.mode().name()).bind("seasons", seasons.encode()).bind("now", now.toEpochMilli()).bind("id", requestId)
                .execute();
    }

    /** What the backend reported: ids, progress, and no error. */
    void observed(Handle handle, long requestId, RequestBackend.Observation seen, Instant now) {
        handle.createUpdate("UPDATE requests SET service_id = COALESCE(:serviceId, service_id), library_id = COALESCE(:libraryId, library_id), "
                        + "remote_request_id = COALESCE(:remoteId, remote_request_id), files_present = :present, files_expected = :expected, "
                        + "progress = :progress, last_error = NULL, attempts = 0, next_attempt_at = NULL, updated_at = :now WHERE id = :id")
                .bind("serviceId", seen.serviceId().orElse(null))
                .bind("libraryId", seen.libraryId().orElse(null))
                .bind("remoteId", seen.remoteRequestId().orElse(null))
                .bind("present", seen.progress().filesPresent())
                .bind("expected", seen.progress().filesExpected())
                .bind("progress", seen.progress().downloading().isPresent() ? seen.progress().downloading().getAsDouble() : null)
                .bind("now", now.toEpochMilli()).bind("id", requestId)
                .execute();
    }

    void failedAttempt(Handle handle, long requestId, ServiceProblem error, Instant nextAttempt, Instant now) {
        handle.createUpdate("UPDATE requests SET last_error = :error, attempts = attempts + 1, next_attempt_at = :next, updated_at = :now WHERE id = :id")
                .bind("error", error.stored()).bind("next", nextAttempt.toEpochMilli()).bind("now", now.toEpochMilli()).bind("id", requestId)
                .execute();
    }

    Optional<MediaRequest> find(Handle handle, long id) {
        return select(handle, "WHERE r.id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Open requests of the same type and edition sharing any id with the title. */
    List<MediaRequest> openFor(Handle handle, RequestedTitle title, boolean fourK) {
        List<String> matches = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        binds.put("type", title.type().name());
        binds.put("fourK", fourK);
        title.id(Catalogue.TMDB).ifPresent(id -> {
            matches.add("r.tmdb_id = :tmdb");
            binds.put("tmdb", id.number());
        });
        title.id(Catalogue.TVDB).ifPresent(id -> {
            matches.add("r.tvdb_id = :tvdb");
            binds.put("tvdb", id.number());
        });
        title.id(Catalogue.IMDB).ifPresent(id -> {
            matches.add("r.imdb_id = :imdb");
            binds.put("imdb", id.value());
        });
        title.id(Catalogue.GOODREADS).ifPresent(id -> {
            matches.add("r.book_id = :book");
            binds.put("book", id.value());
        });
        String open = Arrays.stream(RequestState.values()).filter(RequestState::open).map(state -> "'" + state.name() + "'")
                .collect(Collectors.joining(", "));
        return select(handle, "WHERE r.media_type = :type AND r.is_4k = :fourK AND r.state IN (" + open + ") AND ("
                + String.join(" OR ", matches) + ") ORDER BY r.id", binds);
    }

    /** Requests matching a filter, newest first, and how many match in all. */
    RequestPage list(Handle handle, RequestFilter filter) {
        List<String> where = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        filter.requester().ifPresent(user -> {
            where.add("EXISTS (SELECT 1 FROM request_requesters q WHERE q.request_id = r.id AND q.user_id = :user)");
            binds.put("user", user);
        });
        if (!filter.states().isEmpty()) {
            where.add("r.state IN (" + filter.states().stream().map(state -> "'" + state.name() + "'").collect(Collectors.joining(", ")) + ")");
        }
        filter.type().ifPresent(type -> {
            where.add("r.media_type = :type");
            binds.put("type", type.name());
        });
        String clause = where.isEmpty() ? "" : "WHERE " + String.join(" AND ", where);
        int total = bindAll(handle.createQuery("SELECT COUNT(*) FROM requests r " + clause), binds).mapTo(Integer.class).one();
        String order = switch (filter.sort()) {
            case NEWEST -> "r.created_at DESC, r.id DESC";
            case OLDEST -> "r.created_at ASC, r.id ASC";
            case UPDATED -> "r.updated_at DESC, r.id DESC";
            case TITLE -> "LOWER(r.title) ASC, r.id ASC";
        };
        binds.put("limit", filter.limit());
        binds.put("offset", filter.offset());
        return new RequestPage(select(handle, clause + " ORDER BY " + order + " LIMIT :limit OFFSET :offset", binds), total);
    }

    /** Requests that should be sent now: approved, and due for a (new) attempt. */
    List<MediaRequest> dueForSending(Handle handle, Instant now) {
        return select(handle, "WHERE r.state = 'APPROVED' AND (r.next_attempt_at IS NULL OR r.next_attempt_at <= :now) ORDER BY r.id",
                Map.of("now", now.toEpochMilli()));
    }

    /** Requests the backends are working on, for reconciliation. */
    List<MediaRequest> inFlight(Handle handle) {
        return select(handle, "WHERE r.state IN ('PROCESSING', 'PARTIALLY_AVAILABLE') ORDER BY r.id", Map.of());
    }

    /** Requests whose title an *arr instance keeps under this library id. */
    List<MediaRequest> byLibraryId(Handle handle, long serviceId, long libraryId) {
        return select(handle, "WHERE r.service_id = :service AND r.library_id = :library ORDER BY r.id",
                Map.of("service", serviceId, "library", libraryId));
    }

    /** Seerr-route requests Seerr keeps under this request id (for its webhooks). */
    List<MediaRequest> byRemoteRequestId(Handle handle, int remoteRequestId) {
        return select(handle, "WHERE r.route = 'SEERR' AND r.remote_request_id = :remote ORDER BY r.id", Map.of("remote", remoteRequestId));
    }

    /** Remembers a download the *arr app started for a request; the same one twice is kept once. */
    void addDownload(Handle handle, long requestId, String downloadId, Optional<Long> serviceId, Instant now) {
        handle.createUpdate("INSERT INTO request_downloads (request_id, download_id, service_id, grabbed_at) "
                        + "VALUES (:request, :download, :service, :now) ON CONFLICT (request_id, download_id) DO NOTHING")
                .bind("request", requestId).bind("download", downloadId).bind("service", serviceId.orElse(null))
                .bind("now", now.toEpochMilli())
                .execute();
    }

    List<String> downloadIds(Handle handle, long requestId) {
        return handle.createQuery("SELECT download_id FROM request_downloads WHERE request_id = :request ORDER BY grabbed_at, download_id")
                .bind("request", requestId).mapTo(String.class).list();
    }

    /** The downloads of every request the user asked for. */
    Set<String> downloadIdsOfRequester(Handle handle, long userId) {
        return new java.util.TreeSet<>(handle.createQuery("SELECT DISTINCT d.download_id FROM request_downloads d "
                        + "JOIN request_requesters q ON q.request_id = d.request_id WHERE q.user_id = :user")
                .bind("user", userId).mapTo(String.class).list());
    }

    List<MediaRequest.Transition> timeline(Handle handle, long requestId) {
        return handle.createQuery("SELECT " + TRANSITION + " FROM request_history WHERE request_id = :id ORDER BY at, id")
                .bind("id", requestId)
                .map((rs, ctx) -> transition(rs))
                .list();
    }

    /** The newest step of each of these requests' timelines, by request id, in one query. */
    Map<Long, MediaRequest.Transition> lastTransitions(Handle handle, List<Long> requestIds) {
        if (requestIds.isEmpty()) {
            return Map.of();
        }
        String ids = requestIds.stream().map(String::valueOf).collect(Collectors.joining(","));
        Map<Long, MediaRequest.Transition> last = new HashMap<>();
        // In timeline order, so each request's newest step is the one left in the map.
        handle.createQuery("SELECT request_id, " + TRANSITION + " FROM request_history WHERE request_id IN (" + ids + ") ORDER BY at, id")
                .map((rs, ctx) -> Map.entry(rs.getLong("request_id"), transition(rs)))
                .forEach(entry -> last.put(entry.getKey(), entry.getValue()));
        return last;
    }

    private static final String TRANSITION = "at, actor_id, actor_name, from_state, to_state, reason";

    private static MediaRequest.Transition transition(ResultSet rs) throws SQLException {
        return new MediaRequest.Transition(Instant.ofEpochMilli(rs.getLong("at")),
                optionalLong(rs, "actor_id"), rs.getString("actor_name") == null ? "" : rs.getString("actor_name"),
                Optional.ofNullable(rs.getString("from_state")).map(RequestState::valueOf), RequestState.valueOf(rs.getString("to_state")),
                Optional.ofNullable(rs.getString("reason")));
    }

    /** What one user asked for since a time, per media type: requests for movies and books, seasons for series; oldest first. */
    List<QuotaUse> usesSince(Handle handle, long userId, Instant since) {
        return handle.createQuery("SELECT r.media_type, q.requested_at, q.season_count FROM request_requesters q "
                        + "JOIN requests r ON r.id = q.request_id WHERE q.user_id = :user AND q.requested_at > :since "
                        + "AND q.season_count > 0 AND r.state NOT IN ('DECLINED', 'CANCELLED') ORDER BY q.requested_at")
                .bind("user", userId).bind("since", since.toEpochMilli())
                .map((rs, ctx) -> new QuotaUse(TitleType.valueOf(rs.getString("media_type")), Instant.ofEpochMilli(rs.getLong("requested_at")),
                        rs.getInt("season_count")))
                .list();
    }

    /** One requester's share of a request: when they asked and how much it counts against their quota. */
    record QuotaUse(TitleType type, Instant at, int amount) {
    }

    Optional<QuotaPolicy.Override> quotaOverride(Handle handle, long userId) {
        return handle.createQuery("SELECT movie_limit, season_limit, book_limit, days FROM request_quotas WHERE user_id = :user")
                .bind("user", userId)
                .map((rs, ctx) -> new QuotaPolicy.Override(optionalInt(rs, "movie_limit"), optionalInt(rs, "season_limit"),
                        optionalInt(rs, "book_limit"), optionalInt(rs, "days")))
                .findOne();
    }

    void setQuotaOverride(Handle handle, long userId, QuotaPolicy.Override override) {
        handle.createUpdate("DELETE FROM request_quotas WHERE user_id = :user").bind("user", userId).execute();
        if (!override.isEmpty()) {
            handle.createUpdate("INSERT INTO request_quotas (user_id, movie_limit, season_limit, book_limit, days) "
                            + "VALUES (:user, :movies, :seasons, :books, :days)")
                    .bind("user", userId)
                    .bind("movies", boxed(override.movies())).bind("seasons", boxed(override.seasons()))
                    .bind("books", boxed(override.books())).bind("days", boxed(override.days()))
                    .execute();
        }
    }

    /** Every open request of one media type, HD and 4K: a household has tens of them, so one query serves a page of titles. */
    List<MediaRequest> openOfType(Handle handle, TitleType type) {
        String open = Arrays.stream(RequestState.values()).filter(RequestState::open).map(state -> "'" + state.name() + "'")
                .collect(Collectors.joining(", "));
        return select(handle, "WHERE r.media_type = :type AND r.state IN (" + open + ") ORDER BY r.id", Map.of("type", type.name()));
    }

    /**
     * Serialises requests for titles of one type for the rest of the transaction, so two people
     * asking at once make one request: a title can be matched by any of several ids, so a lock per
     * id would not do. SQLite needs nothing, its one writer serialises everything.
     */
    void lockTitle(Handle handle, RequestedTitle title, boolean postgres) {
        if (postgres) {
            handle.createQuery("SELECT CAST(pg_advisory_xact_lock(hashtext(:key)) AS TEXT)").bind("key", "request:" + title.type().name())
                    .mapTo(String.class).findOne();
        }
    }

    private List<MediaRequest> select(Handle handle, String clause, Map<String, Object> binds) {
        List<Row> rows = bindAll(handle.createQuery("SELECT " + COLUMNS + " FROM requests r " + clause), binds)
                .map((rs, ctx) -> row(rs)).list();
        if (rows.isEmpty()) {
            return List.of();
        }
        Map<Long, List<MediaRequest.Requester>> requesters = new LinkedHashMap<>();
        String ids = rows.stream().map(row -> String.valueOf(row.id)).collect(Collectors.joining(","));
        handle.createQuery("SELECT q.request_id, q.user_id, q.requested_at, u.username, u.display_name FROM request_requesters q "
                        + "JOIN users u ON u.id = q.user_id WHERE q.request_id IN (" + ids + ") ORDER BY q.requested_at, q.user_id")
                .map((rs, ctx) -> Map.entry(rs.getLong("request_id"), new MediaRequest.Requester(rs.getLong("user_id"), rs.getString("username"),
                        rs.getString("display_name") == null ? rs.getString("username") : rs.getString("display_name"),
                        Instant.ofEpochMilli(rs.getLong("requested_at")))))
                .forEach(entry -> requesters.computeIfAbsent(entry.getKey(), id -> new ArrayList<>()).add(entry.getValue()));
        return rows.stream().map(row -> row.request(requesters.getOrDefault(row.id, List.of()))).toList();
    }

    private static Query bindAll(Query query, Map<String, Object> binds) {
        binds.forEach(query::bind);
        return query;
    }

    private record Row(long id, RequestedTitle title, boolean fourK, SeasonChoice seasons, RequestState state, MediaRequest.Route route,
                       Optional<Long> serviceId, RequestOptions options, Optional<Long> libraryId, Optional<Integer> remoteRequestId,
                       MediaRequest.Progress progress, Optional<ServiceProblem> lastError, int attempts, Optional<Instant> nextAttemptAt,
                       Optional<Long> createdBy, Instant createdAt, Instant updatedAt) {
        MediaRequest request(List<MediaRequest.Requester> requesters) {
            return new MediaRequest(id, title, fourK, seasons, state, route, serviceId, options, libraryId, remoteRequestId, progress,
                    lastError, attempts, nextAttemptAt, requesters, createdBy, createdAt, updatedAt);
        }
    }

    private static Row row(ResultSet rs) throws SQLException {
        List<ExternalId> ids = new ArrayList<>();
        optionalInt(rs, "tmdb_id").ifPresent(id -> ids.add(ExternalId.tmdb(id)));
        optionalInt(rs, "tvdb_id").ifPresent(id -> ids.add(ExternalId.tvdb(id)));
        Optional.ofNullable(rs.getString("imdb_id")).ifPresent(id -> ids.add(ExternalId.imdb(id)));
        Optional.ofNullable(rs.getString("book_id")).ifPresent(id -> ids.add(new ExternalId(Catalogue.GOODREADS, id)));
        OptionalInt year = optionalInt(rs, "year").map(OptionalInt::of).orElse(OptionalInt.empty());
        RequestedTitle title = new RequestedTitle(TitleType.valueOf(rs.getString("media_type")), ids, rs.getString("title"), year,
                Optional.ofNullable(rs.getString("poster_url")).map(URI::create));
        Set<Integer> tags = new HashSet<>();
        for (String tag : rs.getString("tags").split(",")) {
            if (!tag.isBlank()) {
                tags.add(Integer.parseInt(tag.strip()));
            }
        }
        RequestOptions options = new RequestOptions(optionalLong(rs, "service_id"),
                optionalInt(rs, "quality_profile_id"), Optional.ofNullable(rs.getString("root_folder")), tags);
        double progress = rs.getDouble("progress");
        OptionalDouble downloading = rs.wasNull() ? OptionalDouble.empty() : OptionalDouble.of(progress);
        return new Row(rs.getLong("id"), title, rs.getBoolean("is_4k"), SeasonChoice.decode(rs.getString("season_mode"), rs.getString("seasons")),
                RequestState.valueOf(rs.getString("state")), MediaRequest.Route.valueOf(rs.getString("route")), optionalLong(rs, "service_id"),
                options, optionalLong(rs, "library_id"), optionalInt(rs, "remote_request_id"),
                new MediaRequest.Progress(rs.getInt("files_present"), rs.getInt("files_expected"), downloading),
                Optional.ofNullable(rs.getString("last_error")).flatMap(ServiceProblem::fromStored), rs.getInt("attempts"),
                optionalLong(rs, "next_attempt_at").map(Instant::ofEpochMilli), optionalLong(rs, "created_by"),
                Instant.ofEpochMilli(rs.getLong("created_at")), Instant.ofEpochMilli(rs.getLong("updated_at")));
    }

    private static Optional<Long> optionalLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Optional<Integer> optionalInt(ResultSet rs, String column) throws SQLException {
        int value = rs.getInt(column);
        return rs.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Integer number(RequestedTitle title, Catalogue catalogue) {
        return title.id(catalogue).map(ExternalId::number).orElse(null);
    }


    private static Integer boxed(Optional<Integer> value) {
        return value.orElse(null);
    }
}
