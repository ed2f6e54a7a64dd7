//! The extractors that `#[requires]` checks: who is calling, and what they hold in the guild or
//! channel the path names, worked out with `permissions::resolve`.
//!
//! Each is an axum extractor (`FromRequestParts`) that also implements `HasPermissions`, so a
//! handler whose first parameter is one of them can be guarded with `#[requires(..)]`
//! unchanged. Their rejections are [`ApiError`]s: 401 without a valid token, 404 for an unknown
//! guild or channel, 400 for an id that is not a number, 403 for a non-member.

use axum::extract::rejection::{JsonRejection, PathRejection};
use axum::extract::{FromRequest, FromRequestParts, Path, RawPathParams, Request};
use axum::http::request::Parts;
use permissions::HasPermissions;
use permissions::axum::{Unauthorized, bearer_token};
use permissions::resolve::{self, Actor, Member};
use serde::de::DeserializeOwned;
use sqlx::AnyConnection;

use crate::AppState;
use crate::db::{self, Channel, Guild, Id, Role, User};
use crate::error::ApiError;
use crate::perms::{GuildPermissions, TEXT_POLICY, TextPermissions};

/// The caller, identified by the bearer token of its request.
#[derive(Clone, Debug)]
pub struct Session {
    /// The user.
    pub user: User,
}

impl Session {
    async fn from_parts(parts: &Parts, db: &mut AnyConnection) -> Result<Session, ApiError> {
        let token = bearer_token(&parts.headers)?;
        match db::user_by_token(db, token).await? {
            Some(user) => Ok(Session { user }),
            None => Err(Unauthorized::invalid().into()),
        }
    }
}

impl FromRequestParts<AppState> for Session {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        Session::from_parts(parts, &mut *app.db.acquire().await?).await
    }
}

/// The caller as a member of the guild in the path (`{guild}`): its roles and its guild
/// permissions, resolved from @everyone, its roles and its personal permissions.
#[derive(Clone, Debug)]
pub struct GuildContext {
    /// The caller.
    pub user: User,
    /// The guild.
    pub guild: Guild,
    /// The caller's roles, highest first.
    pub roles: Vec<Role>,
    /// Whether the caller is timed out in the guild.
    pub timed_out: bool,
    /// The caller's guild permissions: `all()` for the owner and for Administrators.
    pub permissions: GuildPermissions,
}

impl GuildContext {
    /// Resolves `user`'s membership of `guild`: [`ApiError::NotMember`] if it has none.
    ///
    /// # Errors
    /// When the user is not a member, or the database fails.
    pub async fn of(
        db: &mut AnyConnection,
        user: User,
        guild: Guild,
    ) -> Result<GuildContext, ApiError> {
        let membership = db::membership(db, guild.id, user.id)
            .await?
            .ok_or(ApiError::NotMember)?;
        let roles = db::member_roles(db, guild.id, user.id).await?;
        let permissions = resolve::base_permissions(
            guild.everyone,
            roles.iter().map(|role| role.permissions),
            membership.personal,
            user.id == guild.owner,
        );
        Ok(GuildContext {
            user,
            guild,
            roles,
            timed_out: membership.timed_out,
            permissions,
        })
    }

    /// Whether the caller owns the guild.
    #[must_use]
    pub fn is_owner(&self) -> bool {
        self.user.id == self.guild.owner
    }

    /// The position of the caller's highest role; 0 (@everyone's) without roles.
    #[must_use]
    pub fn highest_role(&self) -> i64 {
        self.roles
            .iter()
            .map(|role| role.position)
            .max()
            .unwrap_or(0)
    }

    /// The caller as the escalation guards see it, holding `held`.
    #[must_use]
    pub fn actor<S>(&self, held: S) -> Actor<S, i64> {
        Actor::new(held, self.highest_role()).with_owner(self.is_owner())
    }

    /// The ids of the caller's roles.
    #[must_use]
    pub fn role_ids(&self) -> Vec<Id> {
        self.roles.iter().map(|role| role.id).collect()
    }

    /// The caller's permissions in `channel`, a channel of this guild: its overwrites apply,
    /// then the text channel policy.
    ///
    /// # Errors
    /// When the database fails.
    pub async fn in_channel(
        &self,
        db: &mut AnyConnection,
        channel: Id,
    ) -> Result<TextPermissions, ApiError> {
        let overwrites = db::overwrites(db, channel).await?;
        let roles = self.role_ids();
        let member = Member::new(self.user.id, &roles)
            .with_owner(self.is_owner())
            .with_timeout(self.timed_out);
        Ok(resolve::channel_permissions(
            self.permissions,
            &member,
            &overwrites,
            &TEXT_POLICY,
        ))
    }
}

impl HasPermissions for GuildContext {
    type Set = GuildPermissions;
    fn permissions(&self) -> GuildPermissions {
        self.permissions
    }
}

impl FromRequestParts<AppState> for GuildContext {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        let (user, id) = caller_and_id(parts, app, "guild").await?;
        let db = &mut *app.db.acquire().await?;
        let guild = db::guild(db, id)
            .await?
            .ok_or(ApiError::NotFound("guild"))?;
        GuildContext::of(db, user, guild).await
    }
}

/// The caller in the channel of the path (`{channel}`): its guild context, and its permissions
/// in that channel, with the channel's overwrites and the text channel policy applied.
#[derive(Clone, Debug)]
pub struct ChannelContext {
    /// The channel.
    pub channel: Channel,
    /// The caller in the channel's guild.
    pub member: GuildContext,
    /// The caller's permissions in the channel.
    pub permissions: TextPermissions,
}

impl HasPermissions for ChannelContext {
    type Set = TextPermissions;
    fn permissions(&self) -> TextPermissions {
        self.permissions
    }
}

impl FromRequestParts<AppState> for ChannelContext {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        let (user, id) = caller_and_id(parts, app, "channel").await?;
        let db = &mut *app.db.acquire().await?;
        let channel = db::channel(db, id)
            .await?
            .ok_or(ApiError::NotFound("channel"))?;
        let guild = db::guild(db, channel.guild)
            .await?
            .ok_or(ApiError::NotFound("guild"))?;
        let member = GuildContext::of(db, user, guild).await?;
        let permissions = member.in_channel(db, channel.id).await?;
        Ok(ChannelContext {
            channel,
            member,
            permissions,
        })
    }
}

/// The caller, and the id that the path parameter `name` holds. The token is checked first, so
/// that a request without a valid one gets a 401 whatever its path.
async fn caller_and_id(
    parts: &mut Parts,
    app: &AppState,
    name: &str,
) -> Result<(User, Id), ApiError> {
    let params = RawPathParams::from_request_parts(parts, app)
        .await
        .map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
    let session = Session::from_parts(parts, &mut *app.db.acquire().await?).await?;
    let value = params
        .iter()
        .find_map(|(key, value)| (key == name).then_some(value))
        .ok_or(ApiError::NotFound("route"))?;
    let id = value.parse().map_err(|_| {
        ApiError::bad_request(format!("`{name}` must be an integer id, not {value:?}"))
    })?;
    Ok((session.user, id))
}

/// Path parameters, whose rejection is a JSON [`ApiError`] instead of axum's plain text.
pub struct Ids<T>(pub T);

impl<T: DeserializeOwned + Send> FromRequestParts<AppState> for Ids<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &AppState) -> Result<Self, ApiError> {
        match Path::<T>::from_request_parts(parts, app).await {
            Ok(Path(ids)) => Ok(Ids(ids)),
            Err(rejection) => Err(path_rejection(&rejection)),
        }
    }
}

fn path_rejection(rejection: &PathRejection) -> ApiError {
    ApiError::BadRequest(rejection.status(), rejection.body_text())
}

/// A JSON body, whose rejection (bad JSON, a missing field, a wrong content type) is a JSON
/// [`ApiError`] with axum's status and explanation.
pub struct Body<T>(pub T);

impl<T: DeserializeOwned> FromRequest<AppState> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, app: &AppState) -> Result<Self, ApiError> {
        match axum::Json::<T>::from_request(request, app).await {
            Ok(axum::Json(value)) => Ok(Body(value)),
            Err(rejection) => Err(json_rejection(&rejection)),
        }
    }
}

fn json_rejection(rejection: &JsonRejection) -> ApiError {
    ApiError::BadRequest(rejection.status(), rejection.body_text())
}
