-- The chat server's tables on SQLite (schema.postgres.sql is the same on PostgreSQL).
-- Permission sets are stored as the `permissions` crate's `sqlx` feature encodes them: the
-- signed integer of their width (guild permissions u32 as i32, text channel permissions u16 as
-- i16), so Administrator, bit 31, is negative, as in PostgreSQL's INTEGER. Bits the tables do
-- not know are kept and never grant anything.
-- (Run inside the server's first write transaction: the connection's own settings, foreign
-- keys, busy timeout and the WAL journal, are set in `db.rs`.)

CREATE TABLE IF NOT EXISTS users (
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    token TEXT NOT NULL UNIQUE
);

CREATE TABLE IF NOT EXISTS guilds (
    id       INTEGER PRIMARY KEY,
    name     TEXT NOT NULL,
    owner_id INTEGER NOT NULL REFERENCES users (id),
    -- The @everyone role's permissions.
    everyone INTEGER NOT NULL
);

-- Higher positions are more powerful; @everyone stands at 0, below every role.
CREATE TABLE IF NOT EXISTS roles (
    id          INTEGER PRIMARY KEY,
    guild_id    INTEGER NOT NULL REFERENCES guilds (id),
    name        TEXT NOT NULL,
    position    INTEGER NOT NULL CHECK (position > 0),
    permissions INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS members (
    guild_id  INTEGER NOT NULL REFERENCES guilds (id),
    user_id   INTEGER NOT NULL REFERENCES users (id),
    -- Permissions given to this member alone.
    personal  INTEGER NOT NULL DEFAULT 0,
    -- 1 if timed out: an integer, as sqlx's `Any` driver reads no SQLite BOOLEAN.
    timed_out INTEGER NOT NULL DEFAULT 0 CHECK (timed_out IN (0, 1)),
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE IF NOT EXISTS member_roles (
    guild_id INTEGER NOT NULL,
    user_id  INTEGER NOT NULL,
    role_id  INTEGER NOT NULL REFERENCES roles (id),
    PRIMARY KEY (guild_id, user_id, role_id),
    FOREIGN KEY (guild_id, user_id) REFERENCES members (guild_id, user_id) ON DELETE CASCADE
);

CREATE TABLE IF NOT EXISTS bans (
    guild_id  INTEGER NOT NULL REFERENCES guilds (id),
    user_id   INTEGER NOT NULL REFERENCES users (id),
    banned_by INTEGER NOT NULL REFERENCES users (id),
    PRIMARY KEY (guild_id, user_id)
);

CREATE TABLE IF NOT EXISTS channels (
    id       INTEGER PRIMARY KEY,
    guild_id INTEGER NOT NULL REFERENCES guilds (id),
    name     TEXT NOT NULL
);

-- kind 'everyone' has target_id 0; 'role' a role id; 'member' a user id.
CREATE TABLE IF NOT EXISTS overwrites (
    channel_id INTEGER NOT NULL REFERENCES channels (id),
    kind       TEXT NOT NULL CHECK (kind IN ('everyone', 'role', 'member')),
    target_id  INTEGER NOT NULL,
    allow      INTEGER NOT NULL,
    deny       INTEGER NOT NULL,
    PRIMARY KEY (channel_id, kind, target_id)
);

CREATE TABLE IF NOT EXISTS messages (
    id         INTEGER PRIMARY KEY,
    channel_id INTEGER NOT NULL REFERENCES channels (id),
    author_id  INTEGER NOT NULL REFERENCES users (id),
    content    TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE INDEX IF NOT EXISTS messages_by_channel ON messages (channel_id, id);
