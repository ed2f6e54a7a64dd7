//! Every way a request can fail, and the JSON response each one becomes.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use permissions::Denied;
use permissions::axum::Unauthorized;
use permissions::resolve::Escalation;
use serde_json::json;

use crate::db::Id;
use crate::perms::{GuildPermissions, TextPermissions};

/// A failed request. Each variant becomes a 4xx response with a JSON body
/// `{"error": .., "message": .., ..}`; only a database failure is a 500.
#[derive(Debug)]
pub enum ApiError {
    /// No bearer token, or an unknown one: 401.
    Unauthorized(Unauthorized),
    /// A guild permission is missing: 403, naming it.
    Guild(Denied<GuildPermissions>),
    /// A channel permission is missing: 403, naming it.
    Channel(Denied<TextPermissions>),
    /// A role change would escalate: 403, saying what and why.
    RoleEscalation(Escalation<GuildPermissions, i64>),
    /// An overwrite change would escalate: 403, saying what and why.
    OverwriteEscalation(Escalation<TextPermissions, i64>),
    /// The target member is not below the actor in the role hierarchy: 403.
    Hierarchy {
        /// What was refused: `"kick"`, `"ban"`.
        action: &'static str,
        /// The target member.
        target: Id,
        /// Why, in words.
        reason: String,
    },
    /// The caller is not a member of the guild: 403.
    NotMember,
    /// No such guild, channel, role, member or user: 404.
    NotFound(&'static str),
    /// No route has this path: 404.
    NoRoute(String),
    /// The request is malformed (bad JSON, a bad id, an empty message): 400 and kin.
    BadRequest(StatusCode, String),
    /// The database failed: 500. The details go to the server's log, not to the client.
    Internal,
}

impl ApiError {
    /// A 400 Bad Request.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::BadRequest(StatusCode::BAD_REQUEST, message.into())
    }
}

impl From<Unauthorized> for ApiError {
    fn from(rejection: Unauthorized) -> Self {
        ApiError::Unauthorized(rejection)
    }
}

impl From<Denied<GuildPermissions>> for ApiError {
    fn from(denied: Denied<GuildPermissions>) -> Self {
        ApiError::Guild(denied)
    }
}

impl From<Denied<TextPermissions>> for ApiError {
    fn from(denied: Denied<TextPermissions>) -> Self {
        ApiError::Channel(denied)
    }
}

impl From<Escalation<GuildPermissions, i64>> for ApiError {
    fn from(refused: Escalation<GuildPermissions, i64>) -> Self {
        ApiError::RoleEscalation(refused)
    }
}

impl From<Escalation<TextPermissions, i64>> for ApiError {
    fn from(refused: Escalation<TextPermissions, i64>) -> Self {
        ApiError::OverwriteEscalation(refused)
    }
}

impl From<sqlx::Error> for ApiError {
    fn from(error: sqlx::Error) -> Self {
        eprintln!("database error: {error}");
        ApiError::Internal
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let (status, body) = match self {
            ApiError::Unauthorized(rejection) => return rejection.into_response(),
            ApiError::Guild(denied) => return denied.into_response(),
            ApiError::Channel(denied) => return denied.into_response(),
            ApiError::RoleEscalation(refused) => return refused.into_response(),
            ApiError::OverwriteEscalation(refused) => return refused.into_response(),
            ApiError::Hierarchy {
                action,
                target,
                reason,
            } => (
                StatusCode::FORBIDDEN,
                json!({
                    "error": "hierarchy",
                    "action": action,
                    "target": target,
                    "message": format!("refused to {action} member {target}: {reason}"),
                }),
            ),
            ApiError::NotMember => (
                StatusCode::FORBIDDEN,
                json!({"error": "not_a_member", "message": "you are not a member of this guild"}),
            ),
            ApiError::NotFound(what) => (
                StatusCode::NOT_FOUND,
                json!({"error": "not_found", "message": format!("no such {what}")}),
            ),
            ApiError::NoRoute(path) => (
                StatusCode::NOT_FOUND,
                json!({"error": "not_found", "message": format!("no route for {path}")}),
            ),
            ApiError::BadRequest(status, message) => {
                (status, json!({"error": "bad_request", "message": message}))
            }
            ApiError::Internal => (
                StatusCode::INTERNAL_SERVER_ERROR,
                json!({"error": "internal", "message": "the database failed; see the server's log"}),
            ),
        };
        (status, Json(body)).into_response()
    }
}
