//! The store, on sqlx: SQLite (embedded, the default) or PostgreSQL, chosen by the URL. The
//! schema, and one function per query. Permission sets are bound and read as they are: the
//! `sqlx` feature of `permissions` makes each one a column value (guild permissions, `u32`, in an
//! `INTEGER`; text channel permissions, `u16`, in a `SMALLINT`; the top bit as the sign).
//!
//! Every function takes a connection, so that a handler takes one from the pool and runs its
//! queries on it. Nothing is cached between requests: every request reads the roles and
//! overwrites it resolves from the database, so that several server processes on one
//! PostgreSQL see each other's changes on their next request.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use permissions::resolve::{Overwrite, Target};
use serde::Serialize;
use sqlx::any::{AnyPoolOptions, AnyRow};
use sqlx::pool::PoolConnection;
use sqlx::{Any, AnyConnection, AnyPool, Connection, Executor, Row};

use crate::perms::{GuildPermissions, TextPermissions};

/// Ids of users, guilds, roles, channels and messages: 64-bit integer keys.
pub type Id = i64;

/// A connection of the pool, as handlers hold it.
pub type Conn = PoolConnection<Any>;

/// The database engines the server runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// SQLite, embedded: a file, or in memory.
    Sqlite,
    /// A PostgreSQL server, which several server processes may share.
    Postgres,
}

impl Engine {
    /// The engine of a database URL: `sqlite:...` or `postgres://...`.
    ///
    /// # Errors
    /// For any other scheme.
    pub fn of(url: &str) -> Result<Engine, sqlx::Error> {
        if url.starts_with("sqlite:") {
            Ok(Engine::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Ok(Engine::Postgres)
        } else {
            // Not echoed: a URL may hold a password.
            Err(sqlx::Error::Configuration(
                "the database URL must start with sqlite: or postgres://".into(),
            ))
        }
    }

    fn schema(self) -> &'static str {
        match self {
            Engine::Sqlite => include_str!("schema.sqlite.sql"),
            Engine::Postgres => include_str!("schema.postgres.sql"),
        }
    }
}

/// SQLite's "database is locked" (`SQLITE_BUSY`, code 5, with its extended codes). Only for
/// SQLite: other engines' codes (PostgreSQL's SQLSTATE `42501`) may read as numbers too.
fn is_busy(err: &sqlx::Error) -> bool {
    err.as_database_error()
        .and_then(|e| e.code())
        .and_then(|code| code.parse::<u32>().ok())
        .is_some_and(|code| code & 0xff == 5)
}

/// `url` with the password, if it has one, replaced by `***`, for printing.
#[must_use]
pub fn redacted(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    match rest.split_once('@') {
        Some((user, host)) if user.contains(':') => {
            let name = user.split(':').next().unwrap_or_default();
            format!("{scheme}://{name}:***@{host}")
        }
        _ => url.to_owned(),
    }
}

/// The pool of connections to the database.
#[derive(Clone)]
pub struct Db {
    pool: AnyPool,
    engine: Engine,
}

impl Db {
    /// A SQLite database in memory, with the seed data.
    ///
    /// # Errors
    /// When SQLite cannot create the tables or the seed.
    pub async fn in_memory() -> sqlx::Result<Db> {
        Db::connect("sqlite::memory:").await
    }

    /// The database at `url` (`sqlite:chat.sqlite?mode=rwc`, `sqlite::memory:`,
    /// `postgres://user@host/db`): its tables are created if missing, and the seed data
    /// inserted if it has no guild yet.
    ///
    /// # Errors
    /// When the URL names no supported engine, or the database refuses.
    pub async fn connect(url: &str) -> sqlx::Result<Db> {
        // Two servers opening one new SQLite file at once: while one sets the file up (its WAL
        // journal), SQLite can refuse the other with "database is locked" before any busy
        // timeout applies. Setting up again a little later is safe (it only creates what is
        // missing), and bounded: 50 tries, 100 ms apart.
        let engine = Engine::of(url)?;
        let mut tries = 1;
        loop {
            match Self::open(url, engine).await {
                Err(err) if engine == Engine::Sqlite && tries < 50 && is_busy(&err) => {
                    tries += 1;
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
                opened => return opened,
            }
        }
    }

    async fn open(url: &str, engine: Engine) -> sqlx::Result<Db> {
        sqlx::any::install_default_drivers();
        let options = if url.starts_with("sqlite::memory:") || url.contains("mode=memory") {
            // Each connection to an in-memory SQLite is a database of its own: keep one, for
            // ever.
            AnyPoolOptions::new()
                .min_connections(1)
                .max_connections(1)
                .idle_timeout(None)
                .max_lifetime(None)
        } else {
            AnyPoolOptions::new().max_connections(16)
        };
        let pool = options
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn: &mut AnyConnection, _| {
                Box::pin(async move {
                    // A server that finds the file locked by another waits for it (up to
                    // 10 s) instead of failing at once.
                    if engine == Engine::Sqlite {
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                    }
                    Ok(())
                })
            })
            .connect(url)
            .await?;
        // Several servers may start at once on one database: one at a time creates the tables
        // and the seed, and the others find them done.
        let mut conn = pool.acquire().await?;
        let mut tx = match engine {
            Engine::Sqlite => {
                // Readers do not wait for writers, for several connections on one file. SQLite
                // changes its journal mode only outside a transaction.
                conn.execute("PRAGMA journal_mode = WAL").await?;
                // A write transaction from its first statement: a second server waits here
                // until the first has committed its tables and seed, then counts it. (Creating
                // the tables outside it, two servers at once could each hold a read lock and
                // want the write lock, and SQLite fails one at once, busy timeout or not.)
                let mut tx = conn.begin_with("BEGIN IMMEDIATE").await?;
                sqlx::raw_sql(engine.schema()).execute(&mut *tx).await?;
                tx
            }
            Engine::Postgres => {
                let mut tx = conn.begin().await?;
                sqlx::query("SELECT pg_advisory_xact_lock(1402)")
                    .execute(&mut *tx)
                    .await?;
                sqlx::raw_sql(engine.schema()).execute(&mut *tx).await?;
                tx
            }
        };
        let (guilds,): (i64,) = sqlx::query_as("SELECT count(*) FROM guilds")
            .fetch_one(&mut *tx)
            .await?;
        if guilds == 0 {
            crate::seed::insert(&mut tx, engine).await?;
        }
        tx.commit().await?;
        drop(conn);
        Ok(Db { pool, engine })
    }

    /// The engine it runs on.
    #[must_use]
    pub fn engine(&self) -> Engine {
        self.engine
    }

    /// A connection from the pool.
    ///
    /// # Errors
    /// When none comes free in time, or the database is gone.
    pub async fn acquire(&self) -> sqlx::Result<Conn> {
        self.pool.acquire().await
    }
}

/// A user, as a bearer token identifies it.
#[derive(Clone, Debug, Serialize)]
pub struct User {
    /// The user's id.
    pub id: Id,
    /// The user's name.
    pub name: String,
}

/// A guild: its owner, and the permissions of its @everyone role.
#[derive(Clone, Debug)]
pub struct Guild {
    /// The guild's id.
    pub id: Id,
    /// The guild's name.
    pub name: String,
    /// The user who owns the guild, and so holds everything in it.
    pub owner: Id,
    /// What every member holds: the @everyone role.
    pub everyone: GuildPermissions,
}

/// A role of a guild.
#[derive(Clone, Debug, Serialize)]
pub struct Role {
    /// The role's id.
    pub id: Id,
    /// The role's name.
    pub name: String,
    /// Its place in the hierarchy: higher is more powerful, @everyone is 0.
    pub position: i64,
    /// What the role grants.
    pub permissions: GuildPermissions,
}

/// A member's standing in a guild, besides its roles.
#[derive(Clone, Copy, Debug)]
pub struct Membership {
    /// Permissions given to the member alone.
    pub personal: GuildPermissions,
    /// Whether the member is timed out.
    pub timed_out: bool,
}

/// A text channel.
#[derive(Clone, Debug, Serialize)]
pub struct Channel {
    /// The channel's id.
    pub id: Id,
    /// The guild the channel belongs to.
    pub guild: Id,
    /// The channel's name.
    pub name: String,
}

/// A message in a channel.
#[derive(Clone, Debug, Serialize)]
pub struct Message {
    /// The message's id.
    pub id: Id,
    /// The channel it was posted in.
    pub channel: Id,
    /// The author's user id.
    pub author: Id,
    /// The author's name.
    pub author_name: String,
    /// The text.
    pub content: String,
    /// Seconds since the Unix epoch.
    pub created_at: i64,
}

fn user_from((id, name): (Id, String)) -> User {
    User { id, name }
}

/// The user whose token this is.
pub async fn user_by_token(db: &mut AnyConnection, token: &str) -> sqlx::Result<Option<User>> {
    let row = sqlx::query_as("SELECT id, name FROM users WHERE token = $1")
        .bind(token)
        .fetch_optional(db)
        .await?;
    Ok(row.map(user_from))
}

/// The user with this id.
pub async fn user(db: &mut AnyConnection, id: Id) -> sqlx::Result<Option<User>> {
    let row = sqlx::query_as("SELECT id, name FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(user_from))
}

/// The guild with this id.
pub async fn guild(db: &mut AnyConnection, id: Id) -> sqlx::Result<Option<Guild>> {
    let row = sqlx::query_as("SELECT id, name, owner_id, everyone FROM guilds WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(|(id, name, owner, everyone)| Guild {
        id,
        name,
        owner,
        everyone,
    }))
}

/// The member's standing in the guild; `None` if the user is not a member.
pub async fn membership(
    db: &mut AnyConnection,
    guild: Id,
    user: Id,
) -> sqlx::Result<Option<Membership>> {
    let row = sqlx::query_as(
        "SELECT personal, timed_out FROM members WHERE guild_id = $1 AND user_id = $2",
    )
    .bind(guild)
    .bind(user)
    .fetch_optional(db)
    .await?;
    Ok(row.map(
        |(personal, timed_out): (GuildPermissions, i16)| Membership {
            personal,
            timed_out: timed_out != 0,
        },
    ))
}

fn role_from((id, name, position, permissions): (Id, String, i64, GuildPermissions)) -> Role {
    Role {
        id,
        name,
        position,
        permissions,
    }
}

/// The member's roles, highest first.
pub async fn member_roles(db: &mut AnyConnection, guild: Id, user: Id) -> sqlx::Result<Vec<Role>> {
    let rows = sqlx::query_as(
        "SELECT r.id, r.name, r.position, r.permissions
         FROM member_roles m JOIN roles r ON r.id = m.role_id
         WHERE m.guild_id = $1 AND m.user_id = $2
         ORDER BY r.position DESC, r.id",
    )
    .bind(guild)
    .bind(user)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(role_from).collect())
}

/// The guild's role with this id.
pub async fn role(db: &mut AnyConnection, guild: Id, role: Id) -> sqlx::Result<Option<Role>> {
    let row = sqlx::query_as(
        "SELECT id, name, position, permissions FROM roles WHERE guild_id = $1 AND id = $2",
    )
    .bind(guild)
    .bind(role)
    .fetch_optional(db)
    .await?;
    Ok(row.map(role_from))
}

/// Creates a role.
pub async fn insert_role(
    db: &mut AnyConnection,
    guild: Id,
    name: &str,
    position: i64,
    permissions: GuildPermissions,
) -> sqlx::Result<Role> {
    let (id,) = sqlx::query_as(
        "INSERT INTO roles (guild_id, name, position, permissions) VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(guild)
    .bind(name)
    .bind(position)
    .bind(permissions)
    .fetch_one(db)
    .await?;
    Ok(Role {
        id,
        name: name.to_owned(),
        position,
        permissions,
    })
}

/// Runs a statement on three ids and says whether it changed a row.
async fn changed(db: &mut AnyConnection, sql: &str, ids: [Id; 3]) -> sqlx::Result<bool> {
    let [a, b, c] = ids;
    let done = sqlx::query(sql).bind(a).bind(b).bind(c).execute(db).await?;
    Ok(done.rows_affected() > 0)
}

/// Gives the member the role; `false` if it had it already.
pub async fn add_member_role(
    db: &mut AnyConnection,
    guild: Id,
    user: Id,
    role: Id,
) -> sqlx::Result<bool> {
    let sql = "INSERT INTO member_roles (guild_id, user_id, role_id) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING";
    changed(db, sql, [guild, user, role]).await
}

/// Takes the role from the member; `false` if it did not have it.
pub async fn remove_member_role(
    db: &mut AnyConnection,
    guild: Id,
    user: Id,
    role: Id,
) -> sqlx::Result<bool> {
    let sql = "DELETE FROM member_roles WHERE guild_id = $1 AND user_id = $2 AND role_id = $3";
    changed(db, sql, [guild, user, role]).await
}

/// Removes the member from the guild, with its roles; `false` if it was not a member.
pub async fn remove_member(db: &mut AnyConnection, guild: Id, user: Id) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM members WHERE guild_id = $1 AND user_id = $2")
        .bind(guild)
        .bind(user)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Records a ban; `false` if the user was banned already.
pub async fn insert_ban(db: &mut AnyConnection, guild: Id, user: Id, by: Id) -> sqlx::Result<bool> {
    let sql = "INSERT INTO bans (guild_id, user_id, banned_by) VALUES ($1, $2, $3)
               ON CONFLICT DO NOTHING";
    changed(db, sql, [guild, user, by]).await
}

/// A member of a guild as a member list needs it.
#[derive(Clone, Debug)]
pub struct Listed {
    /// The user.
    pub user: User,
    /// Its standing in the guild.
    pub membership: Membership,
    /// The ids of its roles.
    pub roles: Vec<Id>,
}

/// What resolving many members of a guild at once reads.
#[derive(Clone, Debug)]
pub struct Roster {
    /// The guild's roles: id and permissions.
    pub roles: Vec<(Id, GuildPermissions)>,
    /// Its members, by user id.
    pub members: Vec<Listed>,
}

/// The guild's roles and members.
pub async fn roster(db: &mut AnyConnection, guild: Id) -> sqlx::Result<Roster> {
    let roles = sqlx::query_as("SELECT id, permissions FROM roles WHERE guild_id = $1")
        .bind(guild)
        .fetch_all(&mut *db)
        .await?;
    // One row per member and role (one with a NULL role for a member without roles), in
    // order of user id, so that each member's rows are adjacent.
    let rows: Vec<(Id, String, GuildPermissions, i16, Option<Id>)> = sqlx::query_as(
        "SELECT m.user_id, u.name, m.personal, m.timed_out, r.role_id
         FROM members m JOIN users u ON u.id = m.user_id
         LEFT JOIN member_roles r ON r.guild_id = m.guild_id AND r.user_id = m.user_id
         WHERE m.guild_id = $1 ORDER BY m.user_id",
    )
    .bind(guild)
    .fetch_all(db)
    .await?;
    let mut members: Vec<Listed> = Vec::new();
    for (id, name, personal, timed_out, role) in rows {
        match members.last_mut() {
            Some(last) if last.user.id == id => last.roles.extend(role),
            _ => members.push(Listed {
                user: User { id, name },
                membership: Membership {
                    personal,
                    timed_out: timed_out != 0,
                },
                roles: role.into_iter().collect(),
            }),
        }
    }
    Ok(Roster { roles, members })
}

fn channel_from((id, guild, name): (Id, Id, String)) -> Channel {
    Channel { id, guild, name }
}

/// The channel with this id.
pub async fn channel(db: &mut AnyConnection, id: Id) -> sqlx::Result<Option<Channel>> {
    let row = sqlx::query_as("SELECT id, guild_id, name FROM channels WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(channel_from))
}

/// The guild's channels, by id.
pub async fn channels(db: &mut AnyConnection, guild: Id) -> sqlx::Result<Vec<Channel>> {
    let rows =
        sqlx::query_as("SELECT id, guild_id, name FROM channels WHERE guild_id = $1 ORDER BY id")
            .bind(guild)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().map(channel_from).collect())
}

/// The channel's overwrites, in the resolution API's form.
pub async fn overwrites(
    db: &mut AnyConnection,
    channel: Id,
) -> sqlx::Result<Vec<Overwrite<Id, TextPermissions>>> {
    let rows: Vec<AnyRow> =
        sqlx::query("SELECT kind, target_id, allow, deny FROM overwrites WHERE channel_id = $1")
            .bind(channel)
            .fetch_all(db)
            .await?;
    rows.iter()
        .map(|row| {
            let kind: &str = row.try_get(0)?;
            let id: Id = row.try_get(1)?;
            let target = match kind {
                "role" => Target::Role(id),
                "member" => Target::Member(id),
                _ => Target::Everyone,
            };
            Ok(Overwrite::new(target, row.try_get(2)?, row.try_get(3)?))
        })
        .collect()
}

/// The channel's overwrite for `target`, if it has one.
pub async fn overwrite(
    db: &mut AnyConnection,
    channel: Id,
    target: Target<Id>,
) -> sqlx::Result<Option<Overwrite<Id, TextPermissions>>> {
    let (kind, id) = target_key(target);
    let row = sqlx::query_as(
        "SELECT allow, deny FROM overwrites WHERE channel_id = $1 AND kind = $2 AND target_id = $3",
    )
    .bind(channel)
    .bind(kind)
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(allow, deny)| Overwrite::new(target, allow, deny)))
}

/// Creates or replaces an overwrite.
pub async fn put_overwrite(
    db: &mut AnyConnection,
    channel: Id,
    overwrite: &Overwrite<Id, TextPermissions>,
) -> sqlx::Result<()> {
    let (kind, id) = target_key(overwrite.target);
    sqlx::query(
        "INSERT INTO overwrites (channel_id, kind, target_id, allow, deny)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (channel_id, kind, target_id)
         DO UPDATE SET allow = excluded.allow, deny = excluded.deny",
    )
    .bind(channel)
    .bind(kind)
    .bind(id)
    .bind(overwrite.allow)
    .bind(overwrite.deny)
    .execute(db)
    .await
    .map(drop)
}

fn target_key(target: Target<Id>) -> (&'static str, Id) {
    match target {
        Target::Everyone => ("everyone", 0),
        Target::Role(id) => ("role", id),
        Target::Member(id) => ("member", id),
    }
}

/// The channel's latest `limit` messages, oldest first.
pub async fn messages(
    db: &mut AnyConnection,
    channel: Id,
    limit: u32,
) -> sqlx::Result<Vec<Message>> {
    let rows = sqlx::query_as(
        "SELECT * FROM (
             SELECT m.id, m.channel_id, m.author_id, u.name, m.content, m.created_at
             FROM messages m JOIN users u ON u.id = m.author_id
             WHERE m.channel_id = $1 ORDER BY m.id DESC LIMIT $2
         ) AS latest ORDER BY id",
    )
    .bind(channel)
    .bind(i64::from(limit))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(
            |(id, channel, author, author_name, content, created_at)| Message {
                id,
                channel,
                author,
                author_name,
                content,
                created_at,
            },
        )
        .collect())
}

/// Posts a message.
pub async fn insert_message(
    db: &mut AnyConnection,
    channel: Id,
    author: &User,
    content: &str,
) -> sqlx::Result<Message> {
    let created_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
        });
    let (id,) = sqlx::query_as(
        "INSERT INTO messages (channel_id, author_id, content, created_at) VALUES ($1, $2, $3, $4)
         RETURNING id",
    )
    .bind(channel)
    .bind(author.id)
    .bind(content)
    .bind(created_at)
    .fetch_one(db)
    .await?;
    Ok(Message {
        id,
        channel,
        author: author.id,
        author_name: author.name.clone(),
        content: content.to_owned(),
        created_at,
    })
}
