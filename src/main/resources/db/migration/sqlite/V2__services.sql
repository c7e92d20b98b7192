-- Configured services (Radarr, Sonarr, …) and their health history (SQLite). Times are epoch milliseconds.
CREATE TABLE services (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    kind              TEXT    NOT NULL,
    name              TEXT    NOT NULL,
    name_key          TEXT    NOT NULL,
    base_url          TEXT    NOT NULL,
    options           TEXT    NOT NULL DEFAULT '{}',
    secrets           TEXT    NOT NULL DEFAULT '',
    is_default        INTEGER NOT NULL DEFAULT 0,
    is_4k             INTEGER NOT NULL DEFAULT 0,
    allow_self_signed INTEGER NOT NULL DEFAULT 0,
    timeout_seconds   INTEGER NOT NULL DEFAULT 5,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL,
    UNIQUE (kind, name_key)
);

CREATE TABLE service_checks (
    service_id  INTEGER NOT NULL REFERENCES services (id) ON DELETE CASCADE,
    checked_at  INTEGER NOT NULL,
    state       TEXT    NOT NULL CHECK (state IN ('UP', 'DEGRADED', 'DOWN')),
    response_ms INTEGER NOT NULL,
    version     TEXT,
    problem     TEXT
);
CREATE INDEX service_checks_by_time ON service_checks (service_id, checked_at);
