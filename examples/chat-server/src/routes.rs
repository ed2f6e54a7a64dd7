//! The HTTP handlers. Each guarded one takes, as its first parameter, an extractor that
//! resolves the caller's permissions ([`GuildContext`] or [`ChannelContext`]), and states what
//! it needs with `#[requires(..)]`. Handlers that hand out permissions also ask the escalation
//! guards of `permissions::resolve`.

use std::fmt::Display;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use permissions::resolve::{self, Member, Overwrite, Roles, Target};
use permissions::{PermissionSet, requires};
use serde::{Deserialize, Serialize};
use sqlx::AnyConnection;

use crate::AppState;
use crate::context::{Body, ChannelContext, GuildContext, Ids};
use crate::db::{self, Guild, Id, Message, Role, User};
use crate::error::ApiError;
use crate::perms::{GuildPermissions, TEXT_POLICY, TextPermissions};

/// How many messages a listing returns: the latest ones.
const PAGE: u32 = 100;
/// The longest message, in characters.
const MAX_MESSAGE: usize = 2000;
/// The longest role name, in characters.
const MAX_ROLE_NAME: usize = 100;

/// `GET /channels/{channel}/messages`: the channel's latest messages, oldest first.
#[requires(VIEW_CHANNEL | READ_HISTORY)]
pub async fn list_messages(
    channel: ChannelContext,
    State(app): State<AppState>,
) -> Result<Json<Vec<Message>>, ApiError> {
    let messages = db::messages(&mut *app.db.acquire().await?, channel.channel.id, PAGE).await?;
    Ok(Json(messages))
}

/// The body of a new message.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewMessage {
    /// The text, 1 to 2000 characters.
    pub content: String,
}

/// `POST /channels/{channel}/messages`: posts a message.
#[requires(SEND_MESSAGES)]
pub async fn post_message(
    channel: ChannelContext,
    State(app): State<AppState>,
    Body(message): Body<NewMessage>,
) -> Result<(StatusCode, Json<Message>), ApiError> {
    let content = message.content.trim();
    if content.is_empty() {
        return Err(ApiError::bad_request("`content` is empty"));
    }
    if content.chars().count() > MAX_MESSAGE {
        return Err(ApiError::bad_request(format!(
            "`content` is longer than {MAX_MESSAGE} characters"
        )));
    }
    let author = &channel.member.user;
    let db = &mut *app.db.acquire().await?;
    let message = db::insert_message(db, channel.channel.id, author, content).await?;
    Ok((StatusCode::CREATED, Json(message)))
}

/// The body of a new role.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRole {
    /// The role's name.
    pub name: String,
    /// Its position: at least 1 (@everyone is 0), and below the caller's highest role.
    pub position: i64,
    /// What it grants, in bitflags' text form (`"KICK_MEMBERS | BAN_MEMBERS"`).
    #[serde(default = "GuildPermissions::empty")]
    pub permissions: GuildPermissions,
}

/// `POST /guilds/{guild}/roles`: creates a role. The caller may create it only below its own
/// highest role, and only with permissions it holds itself.
#[requires(CREATE_ROLES)]
pub async fn create_role(
    member: GuildContext,
    State(app): State<AppState>,
    Body(role): Body<NewRole>,
) -> Result<(StatusCode, Json<Role>), ApiError> {
    let name = role.name.trim();
    if name.is_empty() || name.chars().count() > MAX_ROLE_NAME {
        return Err(ApiError::bad_request(format!(
            "`name` must have 1 to {MAX_ROLE_NAME} characters"
        )));
    }
    if role.position < 1 {
        return Err(ApiError::bad_request(
            "`position` must be at least 1: @everyone is at 0",
        ));
    }
    defined(role.permissions, "permissions")?;
    member.actor(member.permissions).check_edit_role(
        role.position,
        GuildPermissions::empty(),
        role.permissions,
    )?;
    let db = &mut *app.db.acquire().await?;
    let created =
        db::insert_role(db, member.guild.id, name, role.position, role.permissions).await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The path of a member's role.
#[derive(Deserialize)]
pub struct MemberRole {
    /// The member's user id.
    pub user: Id,
    /// The role's id.
    pub role: Id,
}

/// A member, as the role and moderation endpoints return it.
#[derive(Serialize)]
pub struct MemberView {
    /// The user.
    pub user: User,
    /// Its roles, highest first.
    pub roles: Vec<Role>,
    /// Its guild permissions, resolved.
    pub permissions: GuildPermissions,
}

/// `PUT /guilds/{guild}/members/{user}/roles/{role}`: gives a member a role. The role must be
/// below the caller's highest, and the caller must hold what the role grants.
#[requires(ASSIGN_ROLES)]
pub async fn assign_role(
    member: GuildContext,
    State(app): State<AppState>,
    Ids(path): Ids<MemberRole>,
) -> Result<Json<MemberView>, ApiError> {
    change_role(&member, &app, &path, RoleChange::Assign).await
}

/// `DELETE /guilds/{guild}/members/{user}/roles/{role}`: takes a role from a member. The role
/// must be below the caller's highest.
#[requires(REMOVE_ROLES)]
pub async fn remove_role(
    member: GuildContext,
    State(app): State<AppState>,
    Ids(path): Ids<MemberRole>,
) -> Result<Json<MemberView>, ApiError> {
    change_role(&member, &app, &path, RoleChange::Remove).await
}

/// What a role endpoint does to the member.
enum RoleChange {
    Assign,
    Remove,
}

/// Finds the role and the member of `path`, asks the escalation guard whether the caller may,
/// and then changes the member's roles.
async fn change_role(
    member: &GuildContext,
    app: &AppState,
    path: &MemberRole,
    change: RoleChange,
) -> Result<Json<MemberView>, ApiError> {
    let db = &mut *app.db.acquire().await?;
    let role = db::role(db, member.guild.id, path.role)
        .await?
        .ok_or(ApiError::NotFound("role"))?;
    let target = guild_member(db, &member.guild, path.user).await?;
    let actor = member.actor(member.permissions);
    let (guild, user) = (member.guild.id, target.user.id);
    match change {
        RoleChange::Assign => {
            actor.check_assign(role.position, role.permissions)?;
            db::add_member_role(db, guild, user, role.id).await?;
        }
        RoleChange::Remove => {
            actor.check_remove(role.position)?;
            db::remove_member_role(db, guild, user, role.id).await?;
        }
    }
    Ok(Json(member_view(db, &member.guild, target.user).await?))
}

/// The path of a member.
#[derive(Deserialize)]
pub struct MemberPath {
    /// The member's user id.
    pub user: Id,
}

/// What a kick or a ban did.
#[derive(Serialize)]
pub struct Moderated {
    /// `"kicked"` or `"banned"`.
    pub action: &'static str,
    /// The member.
    pub user: User,
    /// Whether the user was a member until now.
    pub was_member: bool,
}

/// `DELETE /guilds/{guild}/members/{user}`: kicks a member whose highest role is below the
/// caller's.
#[requires(KICK_MEMBERS)]
pub async fn kick(
    member: GuildContext,
    State(app): State<AppState>,
    Ids(path): Ids<MemberPath>,
) -> Result<Json<Moderated>, ApiError> {
    let db = &mut *app.db.acquire().await?;
    let target = guild_member(db, &member.guild, path.user).await?;
    outranks(&member, &target, "kick")?;
    let was_member = db::remove_member(db, member.guild.id, target.user.id).await?;
    Ok(Json(Moderated {
        action: "kicked",
        user: target.user,
        was_member,
    }))
}

/// `PUT /guilds/{guild}/bans/{user}`: bans a user, removing them from the guild if they are a
/// member whose highest role is below the caller's.
#[requires(BAN_MEMBERS)]
pub async fn ban(
    member: GuildContext,
    State(app): State<AppState>,
    Ids(path): Ids<MemberPath>,
) -> Result<Json<Moderated>, ApiError> {
    let db = &mut *app.db.acquire().await?;
    let user = db::user(db, path.user)
        .await?
        .ok_or(ApiError::NotFound("user"))?;
    let was_member = match GuildContext::of(db, user.clone(), member.guild.clone()).await {
        Ok(target) => {
            outranks(&member, &target, "ban")?;
            db::remove_member(db, member.guild.id, user.id).await?
        }
        Err(ApiError::NotMember) => false,
        Err(other) => return Err(other),
    };
    db::insert_ban(db, member.guild.id, user.id, member.user.id).await?;
    Ok(Json(Moderated {
        action: "banned",
        user,
        was_member,
    }))
}

/// Whom an overwrite applies to, in a request or a response: `"everyone"`, `{"role": 14}` or
/// `{"member": 5}`.
#[derive(Clone, Copy, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverwriteTarget {
    /// The @everyone role.
    Everyone,
    /// A role of the guild.
    Role(Id),
    /// A member of the guild.
    Member(Id),
}

/// A channel overwrite, in a request or a response.
#[derive(Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct OverwriteBody {
    /// Whom it applies to.
    pub target: OverwriteTarget,
    /// The channel permissions it grants (`"SEND_MESSAGES"`).
    #[serde(default = "TextPermissions::empty")]
    pub allow: TextPermissions,
    /// The channel permissions it takes away.
    #[serde(default = "TextPermissions::empty")]
    pub deny: TextPermissions,
}

/// `PUT /channels/{channel}/overwrites`: creates or replaces an overwrite. The caller must hold,
/// in this channel, every flag whose allow or deny it changes.
#[requires(MANAGE_OVERWRITES)]
pub async fn put_overwrite(
    channel: ChannelContext,
    State(app): State<AppState>,
    Body(body): Body<OverwriteBody>,
) -> Result<Json<OverwriteBody>, ApiError> {
    defined(body.allow, "allow")?;
    defined(body.deny, "deny")?;
    let db = &mut *app.db.acquire().await?;
    let guild = &channel.member.guild;
    let target = match body.target {
        OverwriteTarget::Everyone => Target::Everyone,
        OverwriteTarget::Role(id) => {
            db::role(db, guild.id, id)
                .await?
                .ok_or(ApiError::NotFound("role"))?;
            Target::Role(id)
        }
        OverwriteTarget::Member(id) => {
            db::membership(db, guild.id, id)
                .await?
                .ok_or(ApiError::NotFound("member"))?;
            Target::Member(id)
        }
    };
    let after = Overwrite::new(target, body.allow, body.deny);
    let before = db::overwrite(db, channel.channel.id, target).await?;
    channel
        .member
        .actor(channel.permissions)
        .check_overwrite(before.as_ref(), &after)?;
    db::put_overwrite(db, channel.channel.id, &after).await?;
    Ok(Json(body))
}

/// A member who can view a channel, and what it holds there.
#[derive(Serialize)]
pub struct ChannelMember {
    /// The member.
    pub user: User,
    /// Its permissions in the channel, overwrites and policy applied.
    pub permissions: TextPermissions,
}

/// `GET /channels/{channel}/members`: the guild's members who can view the channel (the owner
/// and administrators included), by user id, with their permissions there.
///
/// This is the question a server asks for every message it delivers, so it takes the
/// prepared path: the guild's roles and the channel's overwrites are indexed once
/// ([`Roles`], [`Channel`](resolve::Channel)) and each member then costs O(its roles), not
/// O(its roles + the channel's overwrites). They are built per request here; a larger server
/// would keep them in an `Arc` per guild and channel, and rebuild one when a role or an
/// overwrite changes.
#[requires(VIEW_CHANNEL)]
pub async fn list_members(
    channel: ChannelContext,
    State(app): State<AppState>,
) -> Result<Json<Vec<ChannelMember>>, ApiError> {
    let guild = &channel.member.guild;
    let (overwrites, db::Roster { roles, members }) = {
        let db = &mut *app.db.acquire().await?;
        (
            db::overwrites(db, channel.channel.id).await?,
            db::roster(db, guild.id).await?,
        )
    };
    let roles = Roles::new(guild.everyone, roles);
    let prepared = resolve::Channel::new(&overwrites);
    let listed = members.iter().map(|listed| {
        let member = Member::new(listed.user.id, &listed.roles)
            .with_owner(listed.user.id == guild.owner)
            .with_timeout(listed.membership.timed_out);
        (member, listed.membership.personal)
    });
    // The viewers come from `members`, which is sorted by user id: each is found there.
    let viewers = prepared
        .members_with(&roles, listed, &TEXT_POLICY, TextPermissions::VIEW_CHANNEL)
        .filter_map(|(member, permissions)| {
            let at = members
                .binary_search_by_key(&member.id, |listed| listed.user.id)
                .ok()?;
            Some(ChannelMember {
                user: members.get(at)?.user.clone(),
                permissions,
            })
        })
        .collect();
    Ok(Json(viewers))
}

/// A channel and what the caller holds in it.
#[derive(Serialize)]
pub struct ChannelView {
    /// The channel.
    #[serde(flatten)]
    pub channel: db::Channel,
    /// The caller's permissions in it, overwrites and policy applied.
    pub permissions: TextPermissions,
}

/// What `GET /guilds/{guild}/me` returns.
#[derive(Serialize)]
pub struct Me {
    /// The caller, its roles and its guild permissions.
    #[serde(flatten)]
    pub member: MemberView,
    /// Whether the caller owns the guild.
    pub owner: bool,
    /// Whether the caller is timed out.
    pub timed_out: bool,
    /// The guild's channels, with the caller's permissions in each.
    pub channels: Vec<ChannelView>,
}

/// `GET /guilds/{guild}/me`: the caller's resolved permissions, in the guild and in each of its
/// channels. Any member may ask, so it is not guarded.
pub async fn me(member: GuildContext, State(app): State<AppState>) -> Result<Json<Me>, ApiError> {
    let db = &mut *app.db.acquire().await?;
    let mut channels = Vec::new();
    for channel in db::channels(db, member.guild.id).await? {
        let permissions = member.in_channel(db, channel.id).await?;
        channels.push(ChannelView {
            channel,
            permissions,
        });
    }
    Ok(Json(Me {
        owner: member.is_owner(),
        timed_out: member.timed_out,
        channels,
        member: MemberView {
            user: member.user,
            roles: member.roles,
            permissions: member.permissions,
        },
    }))
}

/// One guarded handler, as `GET /audit` lists it.
pub type AuditEntry = &'static permissions::audit::Handler;

/// `GET /audit`: every handler guarded with `#[requires]` in this server, with what it
/// requires, from the registry that the guards fill at compile time. Public: it says what the
/// API demands, not who holds what.
pub async fn audit() -> Json<Vec<AuditEntry>> {
    Json(permissions::audit::handlers().collect())
}

/// `user` as a member of `guild`, with its roles and permissions.
async fn guild_member(
    db: &mut AnyConnection,
    guild: &Guild,
    user: Id,
) -> Result<GuildContext, ApiError> {
    let user = db::user(db, user)
        .await?
        .ok_or(ApiError::NotFound("member"))?;
    match GuildContext::of(db, user, guild.clone()).await {
        Err(ApiError::NotMember) => Err(ApiError::NotFound("member")),
        other => other,
    }
}

async fn member_view(
    db: &mut AnyConnection,
    guild: &Guild,
    user: User,
) -> Result<MemberView, ApiError> {
    let member = GuildContext::of(db, user, guild.clone()).await?;
    Ok(MemberView {
        user: member.user,
        roles: member.roles,
        permissions: member.permissions,
    })
}

/// Moderation reaches only members whose highest role is below the actor's, and never the
/// owner; the owner reaches everyone else.
fn outranks(
    actor: &GuildContext,
    target: &GuildContext,
    action: &'static str,
) -> Result<(), ApiError> {
    let refuse = |reason: String| ApiError::Hierarchy {
        action,
        target: target.user.id,
        reason,
    };
    if target.is_owner() {
        return Err(refuse("they own the guild".to_owned()));
    }
    let (theirs, yours) = (target.highest_role(), actor.highest_role());
    if actor.is_owner() || theirs < yours {
        Ok(())
    } else {
        Err(refuse(format!(
            "their highest role, at position {theirs}, is not below yours, at position {yours}"
        )))
    }
}

/// Refuses bits that no row of the table defines (bits 0-2 of the guild set are "Not Used").
fn defined<S: PermissionSet + Display>(set: S, field: &str) -> Result<(), ApiError> {
    let known = S::ROWS
        .iter()
        .fold(S::empty(), |known, row| known.union(row.value()));
    let undefined = set.difference(known);
    if undefined.is_empty() {
        Ok(())
    } else {
        Err(ApiError::bad_request(format!(
            "`{field}` has bits that no permission defines: {undefined}"
        )))
    }
}
