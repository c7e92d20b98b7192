-- Requests for movies, series and books, who asked, their timeline and per-user quotas (SQLite).
-- Times are epoch milliseconds. title_key identifies a title across requests ("MOVIE:tmdb:438631").
CREATE TABLE requests (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    media_type         TEXT    NOT NULL CHECK (media_type IN ('MOVIE', 'SERIES', 'BOOK')),
    title_key          TEXT    NOT NULL,
    tmdb_id            INTEGER,
    tvdb_id            INTEGER,
    imdb_id            TEXT,
    book_id            TEXT,
    title              TEXT    NOT NULL,
    year               INTEGER,
    poster_url         TEXT,
    is_4k              INTEGER NOT NULL DEFAULT 0,
    season_mode        TEXT    NOT NULL DEFAULT 'ALL' CHECK (season_mode IN ('ALL', 'FUTURE', 'CHOSEN')),
    seasons            TEXT    NOT NULL DEFAULT '',
    state              TEXT    NOT NULL,
    service_id         INTEGER REFERENCES services (id) ON DELETE SET NULL,
    quality_profile_id INTEGER,
    root_folder        TEXT,
    tags               TEXT    NOT NULL DEFAULT '',
    route              TEXT    NOT NULL DEFAULT 'DIRECT' CHECK (route IN ('DIRECT', 'SEERR')),
    library_id         INTEGER,
    remote_request_id  INTEGER,
    files_present      INTEGER NOT NULL DEFAULT 0,
    files_expected     INTEGER NOT NULL DEFAULT 0,
    progress           REAL,
    last_error         TEXT,
    attempts           INTEGER NOT NULL DEFAULT 0,
    next_attempt_at    INTEGER,
    created_by         INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         INTEGER NOT NULL,
    updated_at         INTEGER NOT NULL
);
CREATE INDEX requests_by_title ON requests (title_key, is_4k);
CREATE INDEX requests_by_state ON requests (state, updated_at);

CREATE TABLE request_requesters (
    request_id   INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    requested_at INTEGER NOT NULL,
    season_count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (request_id, user_id)
);
CREATE INDEX request_requesters_by_user ON request_requesters (user_id, requested_at);

CREATE TABLE request_history (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
    at         INTEGER NOT NULL,
    actor_id   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor_name TEXT,
    from_state TEXT,
    to_state   TEXT    NOT NULL,
    reason     TEXT
);
CREATE INDEX request_history_by_request ON request_history (request_id, at);

CREATE TABLE request_quotas (
    user_id      INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    movie_limit  INTEGER,
    season_limit INTEGER,
    book_limit   INTEGER,
    days         INTEGER
);
