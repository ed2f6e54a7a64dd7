//! A small chat server on axum and sqlx (SQLite embedded, or PostgreSQL), guarded by `#[requires]` and the resolution API of
//! [`permissions`].
//!
//! Guilds have roles (with positions), members, text channels with overwrites, and messages.
//! Guild permissions come from the "Guild Permissions" table of `docs/guild.md` (seed 002),
//! channel permissions from its "Text Channel Permissions" table ([`perms`]). Every request
//! authenticates with `Authorization: Bearer <token>`; its guild or channel in the path is
//! resolved into the caller's permissions by an extractor ([`context`]); and each handler
//! states what it needs with `#[requires(..)]` ([`routes`]). Role and overwrite changes also
//! pass the escalation guards: nobody hands out more than they hold, or touches a role at or
//! above their own.
//!
//! | method | path | requires |
//! |---|---|---|
//! | `GET` | `/channels/{channel}/messages` | `VIEW_CHANNEL \| READ_HISTORY` in the channel |
//! | `POST` | `/channels/{channel}/messages` | `SEND_MESSAGES` in the channel |
//! | `GET` | `/channels/{channel}/members` | `VIEW_CHANNEL` in the channel: who else can view it |
//! | `PUT` | `/channels/{channel}/overwrites` | `MANAGE_OVERWRITES` in the channel, and every flag it changes |
//! | `POST` | `/guilds/{guild}/roles` | `CREATE_ROLES`, a position below yours, and every flag it grants |
//! | `PUT` | `/guilds/{guild}/members/{user}/roles/{role}` | `ASSIGN_ROLES`, a role below yours, and every flag it grants |
//! | `DELETE` | `/guilds/{guild}/members/{user}/roles/{role}` | `REMOVE_ROLES`, a role below yours |
//! | `DELETE` | `/guilds/{guild}/members/{user}` | `KICK_MEMBERS`, a member below you |
//! | `PUT` | `/guilds/{guild}/bans/{user}` | `BAN_MEMBERS`, a member below you |
//! | `GET` | `/guilds/{guild}/me` | membership: your resolved permissions |
//! | `GET` | `/audit` | nothing: every guarded handler and its requirement |
//!
//! Refusals are JSON: 401 `unauthorized`, 403 `forbidden` (naming the missing permissions),
//! 403 `escalation` (saying what and why), 403 `hierarchy`, 403 `not_a_member`, 404
//! `not_found`, 400 `bad_request`.
#![forbid(unsafe_code)]

pub mod context;
pub mod db;
pub mod error;
pub mod perms;
pub mod routes;
pub mod seed;

use std::future::Future;
use std::io;

use axum::Router;
use axum::http::Uri;
use axum::routing::{delete, get, post, put};
use tokio::net::TcpListener;

use crate::db::Db;
use crate::error::ApiError;

/// What every handler shares: the database.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub db: Db,
}

impl AppState {
    /// A server on an in-memory SQLite database with the seed data ([`seed`]).
    ///
    /// # Errors
    /// When SQLite cannot create it.
    pub async fn in_memory() -> sqlx::Result<AppState> {
        Ok(AppState {
            db: Db::in_memory().await?,
        })
    }

    /// A server on the database at `url`: `sqlite:FILE?mode=rwc`, `sqlite::memory:`, or
    /// `postgres://...`; seeded if it has no guild yet ([`Db::connect`]).
    ///
    /// # Errors
    /// When the URL names no supported engine, or the database refuses.
    pub async fn connect(url: &str) -> sqlx::Result<AppState> {
        Ok(AppState {
            db: Db::connect(url).await?,
        })
    }
}

/// The server's routes.
pub fn router(app: AppState) -> Router {
    Router::new()
        .route("/audit", get(routes::audit))
        .route("/guilds/{guild}/me", get(routes::me))
        .route("/guilds/{guild}/roles", post(routes::create_role))
        .route("/guilds/{guild}/members/{user}", delete(routes::kick))
        .route(
            "/guilds/{guild}/members/{user}/roles/{role}",
            put(routes::assign_role).delete(routes::remove_role),
        )
        .route("/guilds/{guild}/bans/{user}", put(routes::ban))
        .route(
            "/channels/{channel}/messages",
            get(routes::list_messages).post(routes::post_message),
        )
        .route("/channels/{channel}/members", get(routes::list_members))
        .route("/channels/{channel}/overwrites", put(routes::put_overwrite))
        .fallback(not_found)
        .with_state(app)
}

async fn not_found(uri: Uri) -> ApiError {
    ApiError::NoRoute(uri.path().to_owned())
}

/// Serves [`router`] on `listener` until `shutdown` completes.
///
/// # Errors
/// When accepting connections fails.
pub async fn serve(
    listener: TcpListener,
    app: AppState,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> io::Result<()> {
    axum::serve(listener, router(app))
        .with_graceful_shutdown(shutdown)
        .await
}
