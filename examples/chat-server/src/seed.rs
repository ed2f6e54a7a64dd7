//! The seed data: one guild whose members show each part of resolution. Each user's bearer
//! token is their name followed by `-token` (`mo-token`).
//!
//! | user | roles | shows |
//! |---|---|---|
//! | olivia | (owner) | ownership: everything, everywhere, above every role |
//! | ada | Admins (5) | ADMINISTRATOR bypasses every check and every overwrite |
//! | mo | Moderators (4) | kicks, bans, creates and assigns roles, but only below position 4 and only with what mo holds |
//! | hal | Helpers (3) | kicks and assigns, below position 3 |
//! | nina | Newcomers (1) | #lounge denies Newcomers VIEW_CHANNEL, but a member overwrite lets nina in |
//! | nick | Newcomers (1) | the same role, without the member overwrite: #lounge is hidden |
//! | eve | | @everyone only |
//! | tim | | timed out: may read, may not post |
//! | sam | | not a member of the guild |
//!
//! #announcements denies @everyone SEND_MESSAGES and ADD_REACTIONS, and allows Moderators
//! SEND_MESSAGES again: nobody reacts there, only moderators post. So even mo may not hand out
//! ADD_REACTIONS in an overwrite there: it does not hold it in that channel.

use permissions::resolve::Overwrite;
use sqlx::AnyConnection;

use crate::db::{Engine, Id};
use crate::perms::{GuildPermissions as G, TextPermissions as T};

/// The guild.
pub const GUILD: Id = 1;

/// The owner.
pub const OLIVIA: Id = 1;
/// An administrator.
pub const ADA: Id = 2;
/// A moderator.
pub const MO: Id = 3;
/// A helper.
pub const HAL: Id = 4;
/// A newcomer with a member overwrite in #lounge.
pub const NINA: Id = 5;
/// A newcomer.
pub const NICK: Id = 6;
/// A member with no role.
pub const EVE: Id = 7;
/// A timed-out member.
pub const TIM: Id = 8;
/// A user who is not a member of the guild.
pub const SAM: Id = 9;

/// Position 5: ADMINISTRATOR.
pub const ADMINS: Id = 10;
/// Position 4: moderation and role management.
pub const MODERATORS: Id = 11;
/// Position 3: kicking and role assignment.
pub const HELPERS: Id = 12;
/// Position 2: events.
pub const EVENT_HOSTS: Id = 13;
/// Position 1: no permissions of its own; hidden from #lounge.
pub const NEWCOMERS: Id = 14;

/// No overwrites.
pub const GENERAL: Id = 100;
/// @everyone may neither post nor react; Moderators may post.
pub const ANNOUNCEMENTS: Id = 101;
/// Newcomers may not see it; nina may.
pub const LOUNGE: Id = 102;

/// What @everyone holds in the guild.
pub const EVERYONE: G = G::SEND_INVITES.union(G::CREATE_EVENTS);

/// What Moderators hold.
pub const MODERATOR_PERMISSIONS: G = G::KICK_MEMBERS
    .union(G::BAN_MEMBERS)
    .union(G::CREATE_ROLES)
    .union(G::ASSIGN_ROLES)
    .union(G::REMOVE_ROLES)
    .union(G::MANAGE_CHANNELS)
    .union(G::VIEW_AUDIT_LOGS);

/// Inserts the seed data, on `db` (which the caller makes a transaction).
pub(crate) async fn insert(db: &mut AnyConnection, engine: Engine) -> sqlx::Result<()> {
    let users = [
        (OLIVIA, "olivia"),
        (ADA, "ada"),
        (MO, "mo"),
        (HAL, "hal"),
        (NINA, "nina"),
        (NICK, "nick"),
        (EVE, "eve"),
        (TIM, "tim"),
        (SAM, "sam"),
    ];
    for (id, name) in users {
        sqlx::query("INSERT INTO users (id, name, token) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(name)
            .bind(format!("{name}-token"))
            .execute(&mut *db)
            .await?;
    }
    sqlx::query(
        "INSERT INTO guilds (id, name, owner_id, everyone) VALUES ($1, 'Seed 002 Guild', $2, $3)",
    )
    .bind(GUILD)
    .bind(OLIVIA)
    .bind(EVERYONE)
    .execute(&mut *db)
    .await?;
    let roles = [
        (ADMINS, "Admins", 5, G::ADMINISTRATOR),
        (MODERATORS, "Moderators", 4, MODERATOR_PERMISSIONS),
        (
            HELPERS,
            "Helpers",
            3,
            G::KICK_MEMBERS | G::ASSIGN_ROLES | G::REMOVE_ROLES,
        ),
        (
            EVENT_HOSTS,
            "Event Hosts",
            2,
            G::MANAGE_EVENTS | G::DELETE_EVENTS,
        ),
        (NEWCOMERS, "Newcomers", 1, G::empty()),
    ];
    for (id, name, position, permissions) in roles {
        sqlx::query(
            "INSERT INTO roles (id, guild_id, name, position, permissions) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(GUILD)
        .bind(name)
        .bind(position)
        .bind(permissions)
        .execute(&mut *db)
        .await?;
    }
    let members: [(Id, &[Id], bool); 8] = [
        (OLIVIA, &[], false),
        (ADA, &[ADMINS], false),
        (MO, &[MODERATORS], false),
        (HAL, &[HELPERS], false),
        (NINA, &[NEWCOMERS], false),
        (NICK, &[NEWCOMERS], false),
        (EVE, &[], false),
        (TIM, &[], true),
    ];
    for (user, roles, timed_out) in members {
        sqlx::query("INSERT INTO members (guild_id, user_id, timed_out) VALUES ($1, $2, $3)")
            .bind(GUILD)
            .bind(user)
            .bind(i16::from(timed_out))
            .execute(&mut *db)
            .await?;
        for role in roles {
            crate::db::add_member_role(db, GUILD, user, *role).await?;
        }
    }
    for (id, name) in [
        (GENERAL, "general"),
        (ANNOUNCEMENTS, "announcements"),
        (LOUNGE, "lounge"),
    ] {
        sqlx::query("INSERT INTO channels (id, guild_id, name) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(GUILD)
            .bind(name)
            .execute(&mut *db)
            .await?;
    }
    let overwrites = [
        (
            ANNOUNCEMENTS,
            Overwrite::everyone().deny(T::SEND_MESSAGES | T::ADD_REACTIONS),
        ),
        (
            ANNOUNCEMENTS,
            Overwrite::role(MODERATORS).allow(T::SEND_MESSAGES),
        ),
        (LOUNGE, Overwrite::role(NEWCOMERS).deny(T::VIEW_CHANNEL)),
        (LOUNGE, Overwrite::member(NINA).allow(T::VIEW_CHANNEL)),
    ];
    for (channel, overwrite) in &overwrites {
        crate::db::put_overwrite(db, *channel, overwrite).await?;
    }
    let messages = [
        (GENERAL, OLIVIA, "Welcome to the guild!"),
        (GENERAL, EVE, "Hello, everyone."),
        (ANNOUNCEMENTS, MO, "Read the rules before posting."),
        (LOUNGE, NINA, "Glad to be in here."),
    ];
    for (channel, author, content) in messages {
        sqlx::query(
            "INSERT INTO messages (channel_id, author_id, content, created_at) VALUES ($1, $2, $3, 0)",
        )
        .bind(channel)
        .bind(author)
        .bind(content)
        .execute(&mut *db)
        .await?;
    }
    if engine == Engine::Postgres {
        // The seed chose its ids; the identity columns go on after them.
        for table in ["users", "guilds", "roles", "channels"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            ))
            .execute(&mut *db)
            .await?;
        }
    }
    Ok(())
}
