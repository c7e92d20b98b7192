-- The assistant (SQLite): each person's conversation (kept only while history is on), the state a
-- conversation is in between messages (numbered choices, a confirmation waiting for yes or no, the
-- title talked about) so it survives a restart, the tokens each person's LLM turns used per day,
-- and the assistant's settings as changed in Settings › Assistant (the API key sealed).
CREATE TABLE assistant_messages (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role       TEXT    NOT NULL CHECK (role IN ('user', 'assistant')),
    text       TEXT    NOT NULL,
    extras     TEXT    NOT NULL DEFAULT '{}',
    created_at INTEGER NOT NULL
);
CREATE INDEX assistant_messages_by_user ON assistant_messages (user_id, id);

CREATE TABLE assistant_states (
    user_id    INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    state      TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE assistant_usage (
    user_id       INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day           TEXT    NOT NULL,
    model         TEXT    NOT NULL,
    turns         INTEGER NOT NULL,
    input_tokens  INTEGER NOT NULL,
    output_tokens INTEGER NOT NULL,
    PRIMARY KEY (user_id, day, model)
);

CREATE TABLE assistant_settings (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    provider        TEXT    NOT NULL,
    base_url        TEXT,
    model           TEXT    NOT NULL,
    api_key         TEXT,
    timeout_seconds INTEGER NOT NULL,
    max_retries     INTEGER NOT NULL,
    history         INTEGER NOT NULL,
    per_minute      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);
