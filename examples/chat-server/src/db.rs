//! The SQLite store: the schema, and one function per query. Every function takes the
//! connection, so that a handler locks the database once and runs its queries under that lock.

use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{SystemTime, UNIX_EPOCH};

use permissions::resolve::{Overwrite, Target};
use rusqlite::{Connection, OptionalExtension, Row, params};
use serde::Serialize;

use crate::perms::{GuildPermissions, TextPermissions};

/// Ids of users, guilds, roles, channels and messages: SQLite's integer keys.
pub type Id = i64;

/// A shared connection. Queries are short and never wait on anything else, so handlers lock
/// it, query, and let go, without holding it across an `.await`.
#[derive(Clone)]
pub struct Db(Arc<Mutex<Connection>>);

impl Db {
    /// A database in memory, with the seed data.
    ///
    /// # Errors
    /// When SQLite cannot create the tables or the seed.
    pub fn in_memory() -> rusqlite::Result<Db> {
        Db::prepare(Connection::open_in_memory()?)
    }

    /// The database in the file at `path`, created (with the seed data) if it has no guilds.
    ///
    /// # Errors
    /// When SQLite cannot open the file or create the tables.
    pub fn open(path: &Path) -> rusqlite::Result<Db> {
        Db::prepare(Connection::open(path)?)
    }

    fn prepare(mut conn: Connection) -> rusqlite::Result<Db> {
        conn.execute_batch(include_str!("schema.sql"))?;
        let guilds: i64 = conn.query_row("SELECT count(*) FROM guilds", [], |row| row.get(0))?;
        if guilds == 0 {
            crate::seed::insert(&mut conn)?;
        }
        Ok(Db(Arc::new(Mutex::new(conn))))
    }

    /// The connection. A handler that panicked while holding it left no transaction open
    /// (rusqlite rolls back on drop), so a poisoned lock is still safe to use.
    pub fn lock(&self) -> MutexGuard<'_, Connection> {
        self.0.lock().unwrap_or_else(PoisonError::into_inner)
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

fn user_from(row: &Row<'_>) -> rusqlite::Result<User> {
    Ok(User {
        id: row.get(0)?,
        name: row.get(1)?,
    })
}

/// The user whose token this is.
pub fn user_by_token(db: &Connection, token: &str) -> rusqlite::Result<Option<User>> {
    db.query_row(
        "SELECT id, name FROM users WHERE token = ?1",
        [token],
        user_from,
    )
    .optional()
}

/// The user with this id.
pub fn user(db: &Connection, id: Id) -> rusqlite::Result<Option<User>> {
    db.query_row("SELECT id, name FROM users WHERE id = ?1", [id], user_from)
        .optional()
}

/// The guild with this id.
pub fn guild(db: &Connection, id: Id) -> rusqlite::Result<Option<Guild>> {
    db.query_row(
        "SELECT id, name, owner_id, everyone FROM guilds WHERE id = ?1",
        [id],
        |row| {
            Ok(Guild {
                id: row.get(0)?,
                name: row.get(1)?,
                owner: row.get(2)?,
                everyone: GuildPermissions::from_bits_retain(row.get(3)?),
            })
        },
    )
    .optional()
}

/// The member's standing in the guild; `None` if the user is not a member.
pub fn membership(db: &Connection, guild: Id, user: Id) -> rusqlite::Result<Option<Membership>> {
    db.query_row(
        "SELECT personal, timed_out FROM members WHERE guild_id = ?1 AND user_id = ?2",
        [guild, user],
        |row| {
            Ok(Membership {
                personal: GuildPermissions::from_bits_retain(row.get(0)?),
                timed_out: row.get(1)?,
            })
        },
    )
    .optional()
}

fn role_from(row: &Row<'_>) -> rusqlite::Result<Role> {
    Ok(Role {
        id: row.get(0)?,
        name: row.get(1)?,
        position: row.get(2)?,
        permissions: GuildPermissions::from_bits_retain(row.get(3)?),
    })
}

/// The member's roles, highest first.
pub fn member_roles(db: &Connection, guild: Id, user: Id) -> rusqlite::Result<Vec<Role>> {
    let mut query = db.prepare_cached(
        "SELECT r.id, r.name, r.position, r.permissions
         FROM member_roles m JOIN roles r ON r.id = m.role_id
         WHERE m.guild_id = ?1 AND m.user_id = ?2
         ORDER BY r.position DESC, r.id",
    )?;
    let roles = query.query_map([guild, user], role_from)?;
    roles.collect()
}

/// The guild's role with this id.
pub fn role(db: &Connection, guild: Id, role: Id) -> rusqlite::Result<Option<Role>> {
    db.query_row(
        "SELECT id, name, position, permissions FROM roles WHERE guild_id = ?1 AND id = ?2",
        [guild, role],
        role_from,
    )
    .optional()
}

/// Creates a role.
pub fn insert_role(
    db: &Connection,
    guild: Id,
    name: &str,
    position: i64,
    permissions: GuildPermissions,
) -> rusqlite::Result<Role> {
    db.execute(
        "INSERT INTO roles (guild_id, name, position, permissions) VALUES (?1, ?2, ?3, ?4)",
        params![guild, name, position, permissions.bits()],
    )?;
    Ok(Role {
        id: db.last_insert_rowid(),
        name: name.to_owned(),
        position,
        permissions,
    })
}

/// Gives the member the role; `false` if it had it already.
pub fn add_member_role(db: &Connection, guild: Id, user: Id, role: Id) -> rusqlite::Result<bool> {
    db.execute(
        "INSERT OR IGNORE INTO member_roles (guild_id, user_id, role_id) VALUES (?1, ?2, ?3)",
        [guild, user, role],
    )
    .map(|n| n > 0)
}

/// Takes the role from the member; `false` if it did not have it.
pub fn remove_member_role(
    db: &Connection,
    guild: Id,
    user: Id,
    role: Id,
) -> rusqlite::Result<bool> {
    db.execute(
        "DELETE FROM member_roles WHERE guild_id = ?1 AND user_id = ?2 AND role_id = ?3",
        [guild, user, role],
    )
    .map(|n| n > 0)
}

/// Removes the member from the guild, with its roles; `false` if it was not a member.
pub fn remove_member(db: &Connection, guild: Id, user: Id) -> rusqlite::Result<bool> {
    db.execute(
        "DELETE FROM members WHERE guild_id = ?1 AND user_id = ?2",
        [guild, user],
    )
    .map(|n| n > 0)
}

/// Records a ban; `false` if the user was banned already.
pub fn insert_ban(db: &Connection, guild: Id, user: Id, by: Id) -> rusqlite::Result<bool> {
    db.execute(
        "INSERT OR IGNORE INTO bans (guild_id, user_id, banned_by) VALUES (?1, ?2, ?3)",
        [guild, user, by],
    )
    .map(|n| n > 0)
}

fn channel_from(row: &Row<'_>) -> rusqlite::Result<Channel> {
    Ok(Channel {
        id: row.get(0)?,
        guild: row.get(1)?,
        name: row.get(2)?,
    })
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
pub fn roster(db: &Connection, guild: Id) -> rusqlite::Result<Roster> {
    let mut query = db.prepare_cached("SELECT id, permissions FROM roles WHERE guild_id = ?1")?;
    let roles = query
        .query_map([guild], |row| {
            Ok((row.get(0)?, GuildPermissions::from_bits_retain(row.get(1)?)))
        })?
        .collect::<rusqlite::Result<_>>()?;
    // One row per member and role (one with a NULL role for a member without roles), in
    // order of user id, so that each member's rows are adjacent.
    let mut query = db.prepare_cached(
        "SELECT m.user_id, u.name, m.personal, m.timed_out, r.role_id
         FROM members m JOIN users u ON u.id = m.user_id
         LEFT JOIN member_roles r ON r.guild_id = m.guild_id AND r.user_id = m.user_id
         WHERE m.guild_id = ?1 ORDER BY m.user_id",
    )?;
    let mut members: Vec<Listed> = Vec::new();
    let mut rows = query.query([guild])?;
    while let Some(row) = rows.next()? {
        let id: Id = row.get(0)?;
        let role: Option<Id> = row.get(4)?;
        match members.last_mut() {
            Some(last) if last.user.id == id => last.roles.extend(role),
            _ => members.push(Listed {
                user: User {
                    id,
                    name: row.get(1)?,
                },
                membership: Membership {
                    personal: GuildPermissions::from_bits_retain(row.get(2)?),
                    timed_out: row.get(3)?,
                },
                roles: role.into_iter().collect(),
            }),
        }
    }
    Ok(Roster { roles, members })
}

/// The channel with this id.
pub fn channel(db: &Connection, id: Id) -> rusqlite::Result<Option<Channel>> {
    db.query_row(
        "SELECT id, guild_id, name FROM channels WHERE id = ?1",
        [id],
        channel_from,
    )
    .optional()
}

/// The guild's channels, by id.
pub fn channels(db: &Connection, guild: Id) -> rusqlite::Result<Vec<Channel>> {
    let mut query = db.prepare_cached(
        "SELECT id, guild_id, name FROM channels WHERE guild_id = ?1 ORDER BY id",
    )?;
    let channels = query.query_map([guild], channel_from)?;
    channels.collect()
}

/// The channel's overwrites, in the resolution API's form.
pub fn overwrites(
    db: &Connection,
    channel: Id,
) -> rusqlite::Result<Vec<Overwrite<Id, TextPermissions>>> {
    let mut query = db.prepare_cached(
        "SELECT kind, target_id, allow, deny FROM overwrites WHERE channel_id = ?1",
    )?;
    let rows = query.query_map([channel], |row| {
        let kind: String = row.get(0)?;
        let id: Id = row.get(1)?;
        let target = match kind.as_str() {
            "role" => Target::Role(id),
            "member" => Target::Member(id),
            _ => Target::Everyone,
        };
        Ok(Overwrite::new(
            target,
            TextPermissions::from_bits_retain(row.get(2)?),
            TextPermissions::from_bits_retain(row.get(3)?),
        ))
    })?;
    rows.collect()
}

/// The channel's overwrite for `target`, if it has one.
pub fn overwrite(
    db: &Connection,
    channel: Id,
    target: Target<Id>,
) -> rusqlite::Result<Option<Overwrite<Id, TextPermissions>>> {
    let (kind, id) = target_key(target);
    db.query_row(
        "SELECT allow, deny FROM overwrites WHERE channel_id = ?1 AND kind = ?2 AND target_id = ?3",
        params![channel, kind, id],
        |row| {
            Ok(Overwrite::new(
                target,
                TextPermissions::from_bits_retain(row.get(0)?),
                TextPermissions::from_bits_retain(row.get(1)?),
            ))
        },
    )
    .optional()
}

/// Creates or replaces an overwrite.
pub fn put_overwrite(
    db: &Connection,
    channel: Id,
    overwrite: &Overwrite<Id, TextPermissions>,
) -> rusqlite::Result<()> {
    let (kind, id) = target_key(overwrite.target);
    db.execute(
        "INSERT OR REPLACE INTO overwrites (channel_id, kind, target_id, allow, deny)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            channel,
            kind,
            id,
            overwrite.allow.bits(),
            overwrite.deny.bits()
        ],
    )
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
pub fn messages(db: &Connection, channel: Id, limit: u32) -> rusqlite::Result<Vec<Message>> {
    let mut query = db.prepare_cached(
        "SELECT * FROM (
             SELECT m.id, m.channel_id, m.author_id, u.name, m.content, m.created_at
             FROM messages m JOIN users u ON u.id = m.author_id
             WHERE m.channel_id = ?1 ORDER BY m.id DESC LIMIT ?2
         ) ORDER BY id",
    )?;
    let rows = query.query_map(params![channel, limit], |row| {
        Ok(Message {
            id: row.get(0)?,
            channel: row.get(1)?,
            author: row.get(2)?,
            author_name: row.get(3)?,
            content: row.get(4)?,
            created_at: row.get(5)?,
        })
    })?;
    rows.collect()
}

/// Posts a message.
pub fn insert_message(
    db: &Connection,
    channel: Id,
    author: &User,
    content: &str,
) -> rusqlite::Result<Message> {
    let created_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_secs()).unwrap_or(i64::MAX)
        });
    db.execute(
        "INSERT INTO messages (channel_id, author_id, content, created_at) VALUES (?1, ?2, ?3, ?4)",
        params![channel, author.id, content, created_at],
    )?;
    Ok(Message {
        id: db.last_insert_rowid(),
        channel,
        author: author.id,
        author_name: author.name.clone(),
        content: content.to_owned(),
        created_at,
    })
}
