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
use rusqlite::{Connection, params};

use crate::db::Id;
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

/// Inserts the seed data in one transaction.
pub(crate) fn insert(conn: &mut Connection) -> rusqlite::Result<()> {
    let tx = conn.transaction()?;
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
        tx.execute(
            "INSERT INTO users (id, name, token) VALUES (?1, ?2, ?3)",
            params![id, name, format!("{name}-token")],
        )?;
    }
    tx.execute(
        "INSERT INTO guilds (id, name, owner_id, everyone) VALUES (?1, 'Seed 002 Guild', ?2, ?3)",
        params![GUILD, OLIVIA, EVERYONE.bits()],
    )?;
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
        tx.execute(
            "INSERT INTO roles (id, guild_id, name, position, permissions) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![id, GUILD, name, position, permissions.bits()],
        )?;
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
        tx.execute(
            "INSERT INTO members (guild_id, user_id, timed_out) VALUES (?1, ?2, ?3)",
            params![GUILD, user, timed_out],
        )?;
        for role in roles {
            tx.execute(
                "INSERT INTO member_roles (guild_id, user_id, role_id) VALUES (?1, ?2, ?3)",
                [GUILD, user, *role],
            )?;
        }
    }
    for (id, name) in [
        (GENERAL, "general"),
        (ANNOUNCEMENTS, "announcements"),
        (LOUNGE, "lounge"),
    ] {
        tx.execute(
            "INSERT INTO channels (id, guild_id, name) VALUES (?1, ?2, ?3)",
            params![id, GUILD, name],
        )?;
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
        crate::db::put_overwrite(&tx, *channel, overwrite)?;
    }
    let messages = [
        (GENERAL, OLIVIA, "Welcome to the guild!"),
        (GENERAL, EVE, "Hello, everyone."),
        (ANNOUNCEMENTS, MO, "Read the rules before posting."),
        (LOUNGE, NINA, "Glad to be in here."),
    ];
    for (channel, author, content) in messages {
        tx.execute(
            "INSERT INTO messages (channel_id, author_id, content, created_at) VALUES (?1, ?2, ?3, 0)",
            params![channel, author, content],
        )?;
    }
    tx.commit()
}
