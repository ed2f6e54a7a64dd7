//! axum integration (feature `axum`): refusals as HTTP responses, and the pattern that lets
//! `#[requires]` guard axum handlers unchanged.
//!
//! - [`Denied`] is an [`IntoResponse`]: `403 Forbidden` with a JSON body that names what is
//!   missing, `{"error":"forbidden","message":"missing BAN_MEMBERS","missing":["BAN_MEMBERS"],
//!   "requirement":"BAN_MEMBERS"}`. A handler may return `Result<_, Denied<S>>` directly, or
//!   its own error type with `From<Denied<S>>` that delegates to this response.
//! - [`Escalation`], an escalation guard's refusal, is a `403` too:
//!   `{"error":"escalation","action":"assign_role","reason":"not_held","flags":["BAN_MEMBERS"],
//!   "message":"refused to assign the role: it would grant BAN_MEMBERS, which you do not hold"}`.
//! - [`Unauthorized`] is the rejection of an extractor that finds no session, or an invalid
//!   one: `401` with `WWW-Authenticate: Bearer` and `{"error":"unauthorized","message":..}`.
//!   [`bearer_token`] reads `Authorization: Bearer <token>` or says why it cannot.
//!
//! # Guarding a handler
//!
//! `#[requires]` checks the handler's first parameter. Make it an extractor that also
//! implements [`HasPermissions`](crate::HasPermissions): it authenticates the request and
//! works out what the caller holds, axum runs it before the handler, and the guard checks it as
//! the handler's first statement. Nothing else changes: the handler keeps its signature, its
//! other extractors, and its place in the router.
//!
//! ```
//! use axum::extract::{FromRequestParts, Path};
//! use axum::http::request::Parts;
//! use axum::routing::post;
//! use axum::{Json, Router};
//! use permissions::axum::{Unauthorized, bearer_token};
//! use permissions::{Denied, HasPermissions, PermissionSet, requires};
//!
//! #[derive(PermissionSet)]
//! #[permissions(bits = u32, default = SEND_INVITES)]
//! pub enum GuildPermission {
//!     #[permission(bit = 31, bypass)]
//!     Administrator,
//!     #[permission(bit = 19)]
//!     BanMembers,
//!     #[permission(bit = 18)]
//!     KickMembers,
//!     #[permission(bit = 3)]
//!     SendInvites,
//! }
//!
//! /// The caller, authenticated by its bearer token.
//! pub struct Session {
//!     user: u64,
//!     permissions: GuildPermissions,
//! }
//!
//! impl HasPermissions for Session {
//!     type Set = GuildPermissions;
//!     fn permissions(&self) -> GuildPermissions {
//!         self.permissions
//!     }
//! }
//!
//! impl<State: Send + Sync> FromRequestParts<State> for Session {
//!     type Rejection = Unauthorized;
//!
//!     async fn from_request_parts(parts: &mut Parts, _: &State) -> Result<Self, Unauthorized> {
//!         // A real service looks the token up in its database, and resolves the caller's
//!         // roles with `permissions::resolve`.
//!         let (user, permissions) = match bearer_token(&parts.headers)? {
//!             "moderator-token" => (7, GuildPermissions::DEFAULT | GuildPermissions::BAN_MEMBERS),
//!             "member-token" => (8, GuildPermissions::DEFAULT),
//!             _ => return Err(Unauthorized::invalid()),
//!         };
//!         Ok(Session { user, permissions })
//!     }
//! }
//!
//! #[derive(Debug, serde::Serialize)]
//! pub struct Banned {
//!     user: u64,
//!     by: u64,
//! }
//!
//! /// Bans a member.
//! #[requires(BAN_MEMBERS)]
//! async fn ban(session: Session, Path(user): Path<u64>) -> Result<Json<Banned>, Denied<GuildPermissions>> {
//!     Ok(Json(Banned { user, by: session.user }))
//! }
//!
//! let app: Router = Router::new().route("/members/{user}/ban", post(ban));
//! # let _ = app;
//! #
//! # // The rest calls the extractor and the handler as axum would, without a server. Neither
//! # // ever waits, so polling each future once finishes it.
//! # fn now<F: std::future::Future>(future: F) -> F::Output {
//! #     let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
//! #     match std::pin::pin!(future).poll(&mut cx) {
//! #         std::task::Poll::Ready(out) => out,
//! #         std::task::Poll::Pending => unreachable!("nothing here waits"),
//! #     }
//! # }
//! # fn parts(authorization: Option<&str>) -> Parts {
//! #     let mut request = axum::http::Request::builder();
//! #     if let Some(value) = authorization {
//! #         request = request.header("authorization", value);
//! #     }
//! #     request.body(()).unwrap().into_parts().0
//! # }
//! # fn body(response: axum::response::Response) -> serde_json::Value {
//! #     let bytes = now(axum::body::to_bytes(response.into_body(), 4096)).unwrap();
//! #     serde_json::from_slice(&bytes).unwrap()
//! # }
//! use axum::http::StatusCode;
//! use axum::response::IntoResponse;
//!
//! // A member without BAN_MEMBERS is refused with a 403 that says what is missing.
//! let member = now(Session::from_request_parts(&mut parts(Some("Bearer member-token")), &())).unwrap();
//! let refused = now(ban(member, Path(9))).unwrap_err().into_response();
//! assert_eq!(refused.status(), StatusCode::FORBIDDEN);
//! assert_eq!(
//!     body(refused),
//!     serde_json::json!({
//!         "error": "forbidden",
//!         "message": "missing BAN_MEMBERS",
//!         "missing": ["BAN_MEMBERS"],
//!         "requirement": "BAN_MEMBERS",
//!     })
//! );
//!
//! // A moderator gets through.
//! let moderator = now(Session::from_request_parts(&mut parts(Some("Bearer moderator-token")), &())).unwrap();
//! let Json(banned) = now(ban(moderator, Path(9))).unwrap();
//! assert_eq!((banned.user, banned.by), (9, 7));
//!
//! // No token, or a wrong one: 401 before the handler runs.
//! let rejected = now(Session::from_request_parts(&mut parts(None), &())).err().unwrap();
//! let response = rejected.into_response();
//! assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
//! assert_eq!(response.headers()["www-authenticate"], "Bearer");
//! assert_eq!(body(response)["error"], "unauthorized");
//! ```
//!
//! A handler with errors of its own returns its own type, which implements
//! `From<Denied<GuildPermissions>>` and, in its `IntoResponse`, hands a denial to
//! `denied.into_response()`. Guards can be stacked: one on a guild extractor, one on a channel
//! extractor (`#[requires(SEND_MESSAGES, on = channel)]`). The extractor's rejection decides
//! what an unauthenticated request gets; [`Unauthorized`] gives the usual 401.
//!
//! Like the [`serde`](crate::serde) module, this one shares its name with a crate: code that
//! glob-imports `use permissions::*;` names the axum crate as `::axum`.

use alloc::borrow::Cow;
use core::fmt;

use ::axum::Json;
use ::axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use ::axum::response::{IntoResponse, Response};
use serde_core::ser::{SerializeMap, SerializeSeq, SerializeStruct};
use serde_core::{Serialize, Serializer};

use crate::requirement::largest_rows;
use crate::resolve::{Action, Escalation, Reason};
use crate::{Denied, PermissionSet};

/// `403 Forbidden`, with a JSON body: `error` (`"forbidden"`), `message` (the denial's text,
/// `"missing BAN_MEMBERS"`), `missing` (the missing rows' names, and any bits no row covers in
/// hex) and `requirement` (the requirement as written, `"any(BAN_MEMBERS, KICK_MEMBERS)"`).
///
/// ```
/// # use permissions::{PermissionSet, Requirement};
/// # #[derive(PermissionSet)]
/// # #[permissions(bits = u32)]
/// # enum GuildPermission { #[permission(bit = 19)] BanMembers, #[permission(bit = 18)] KickMembers }
/// use axum::response::IntoResponse;
///
/// let denied = GuildPermissions::empty()
///     .check(&Requirement::All(GuildPermissions::BAN_MEMBERS | GuildPermissions::KICK_MEMBERS))
///     .unwrap_err();
/// let response = denied.into_response();
/// assert_eq!(response.status(), axum::http::StatusCode::FORBIDDEN);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// ```
impl<S: PermissionSet + Serialize> IntoResponse for Denied<S> {
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, Json(Forbidden(&self))).into_response()
    }
}

/// The body of a denial's response.
struct Forbidden<'a, S: 'static>(&'a Denied<S>);

impl<S: PermissionSet + Serialize> Serialize for Forbidden<'_, S> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        let denied = self.0;
        let mut out = serializer.serialize_struct("Forbidden", 4)?;
        out.serialize_field("error", "forbidden")?;
        out.serialize_field("message", &Text(denied))?;
        out.serialize_field("missing", &Names(denied.missing()))?;
        out.serialize_field("requirement", denied.requirement())?;
        out.end()
    }
}

/// `403 Forbidden` for a refused escalation, with a JSON body: `error` (`"escalation"`),
/// `action` (`"assign_role"`, `"remove_role"`, `"edit_role"`, `"edit_overwrite"`), `reason`
/// and its details, and `message` (the refusal's text). The reasons are `"role_not_below"`
/// with the positions `role` and `highest`; `"not_held"` with the `flags` the actor lacks; and
/// `"bypass_in_overwrite"` with the bypass `flags` an overwrite tried to allow.
///
/// ```
/// # use permissions::PermissionSet;
/// # #[derive(PermissionSet)]
/// # #[permissions(bits = u32)]
/// # enum GuildPermission { #[permission(bit = 25)] ManageRoles, #[permission(bit = 19)] BanMembers }
/// use axum::response::IntoResponse;
/// use permissions::resolve::Actor;
///
/// let moderator = Actor::new(GuildPermissions::MANAGE_ROLES, 3_u32);
/// let refused = moderator.check_remove(3).unwrap_err();
/// assert_eq!(refused.into_response().status(), axum::http::StatusCode::FORBIDDEN);
/// ```
impl<S, P> IntoResponse for Escalation<S, P>
where
    S: PermissionSet + Serialize,
    P: Copy + fmt::Display + Serialize,
{
    fn into_response(self) -> Response {
        (StatusCode::FORBIDDEN, Json(Refused(&self))).into_response()
    }
}

/// The body of a refused escalation's response.
struct Refused<'a, S, P>(&'a Escalation<S, P>);

impl<S, P> Serialize for Refused<'_, S, P>
where
    S: PermissionSet + Serialize,
    P: Copy + fmt::Display + Serialize,
{
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        let refused = self.0;
        let action = match refused.action() {
            Action::AssignRole => "assign_role",
            Action::RemoveRole => "remove_role",
            Action::EditRole => "edit_role",
            Action::EditOverwrite => "edit_overwrite",
        };
        let mut out = serializer.serialize_map(None)?;
        out.serialize_entry("error", "escalation")?;
        out.serialize_entry("action", action)?;
        match refused.reason() {
            Reason::RoleNotBelow { role, highest } => {
                out.serialize_entry("reason", "role_not_below")?;
                out.serialize_entry("role", &role)?;
                out.serialize_entry("highest", &highest)?;
            }
            Reason::NotHeld { flags } => {
                out.serialize_entry("reason", "not_held")?;
                out.serialize_entry("flags", &Names(flags))?;
            }
            Reason::BypassInOverwrite { flags } => {
                out.serialize_entry("reason", "bypass_in_overwrite")?;
                out.serialize_entry("flags", &Names(flags))?;
            }
        }
        out.serialize_entry("message", &Text(refused))?;
        out.end()
    }
}

/// The names of the largest rows in a set (`["USER"]`, not `["PUBLIC", "USER"]`), then the
/// bits no row covers as one hex string (`"0x4"`).
struct Names<S>(S);

impl<S: PermissionSet> Serialize for Names<S> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        let mut out = serializer.serialize_seq(None)?;
        let mut covered = S::empty();
        for row in largest_rows(self.0) {
            out.serialize_element(row.name())?;
            covered = covered.union(row.value());
        }
        let rest = self.0.difference(covered);
        if !rest.is_empty() {
            out.serialize_element(&Text(Hex(rest)))?;
        }
        out.end()
    }
}

/// Bits in hex, `0x4`.
struct Hex<S>(S);

impl<S: PermissionSet> fmt::Display for Hex<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("0x")?;
        bitflags::parser::WriteHex::write_hex(&self.0.bits(), f)
    }
}

/// A `Display` value serialized as its text, without an intermediate `String`.
struct Text<D>(D);

impl<D: fmt::Display> Serialize for Text<D> {
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        serializer.collect_str(&self.0)
    }
}

/// The rejection of an extractor that found no session, or an invalid one: `401
/// Unauthorized`, with `WWW-Authenticate: Bearer` and the JSON body
/// `{"error":"unauthorized","message":".."}`.
///
/// ```
/// use axum::response::IntoResponse;
/// use permissions::axum::Unauthorized;
///
/// let rejection = Unauthorized::invalid();
/// assert_eq!(rejection.message(), "the bearer token is not valid");
/// let response = rejection.into_response();
/// assert_eq!(response.status(), axum::http::StatusCode::UNAUTHORIZED);
/// assert_eq!(response.headers()["www-authenticate"], "Bearer");
///
/// let custom = Unauthorized::new("the session has expired");
/// assert_eq!(custom.to_string(), "unauthorized: the session has expired");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Unauthorized {
    message: Cow<'static, str>,
}

impl Unauthorized {
    /// A rejection that says why, in `message`.
    #[must_use]
    pub fn new(message: impl Into<Cow<'static, str>>) -> Self {
        Unauthorized {
            message: message.into(),
        }
    }

    /// The request has no `Authorization` header.
    #[must_use]
    pub const fn missing() -> Self {
        Unauthorized {
            message: Cow::Borrowed("missing the `Authorization: Bearer <token>` header"),
        }
    }

    /// The `Authorization` header is not `Bearer <token>`.
    #[must_use]
    pub const fn malformed() -> Self {
        Unauthorized {
            message: Cow::Borrowed("the `Authorization` header is not `Bearer <token>`"),
        }
    }

    /// The token is well formed, but no session has it.
    #[must_use]
    pub const fn invalid() -> Self {
        Unauthorized {
            message: Cow::Borrowed("the bearer token is not valid"),
        }
    }

    /// Why the request was rejected.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Unauthorized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unauthorized: {}", self.message)
    }
}

impl core::error::Error for Unauthorized {}

impl Serialize for Unauthorized {
    /// `{"error":"unauthorized","message":".."}`, the body of the response.
    fn serialize<Ser: Serializer>(&self, serializer: Ser) -> Result<Ser::Ok, Ser::Error> {
        let mut out = serializer.serialize_struct("Unauthorized", 2)?;
        out.serialize_field("error", "unauthorized")?;
        out.serialize_field("message", self.message())?;
        out.end()
    }
}

impl IntoResponse for Unauthorized {
    fn into_response(self) -> Response {
        let mut response = (StatusCode::UNAUTHORIZED, Json(&self)).into_response();
        response
            .headers_mut()
            .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        response
    }
}

/// The token of an `Authorization: Bearer <token>` header.
///
/// The scheme is matched without regard to case, as RFC 9110 has it. A missing header gives
/// [`Unauthorized::missing`]; another scheme, an empty token, a token with spaces or a header
/// that is not visible ASCII gives [`Unauthorized::malformed`].
///
/// # Errors
/// When the request carries no bearer token, as above.
///
/// ```
/// use axum::http::HeaderMap;
/// use permissions::axum::{Unauthorized, bearer_token};
///
/// let mut headers = HeaderMap::new();
/// assert_eq!(bearer_token(&headers), Err(Unauthorized::missing()));
/// headers.insert("authorization", "Bearer alice-token".parse().unwrap());
/// assert_eq!(bearer_token(&headers), Ok("alice-token"));
/// headers.insert("authorization", "Basic YWxpY2U6".parse().unwrap());
/// assert_eq!(bearer_token(&headers), Err(Unauthorized::malformed()));
/// ```
pub fn bearer_token(headers: &HeaderMap) -> Result<&str, Unauthorized> {
    let value = headers
        .get(header::AUTHORIZATION)
        .ok_or_else(Unauthorized::missing)?;
    let value = value.to_str().map_err(|_| Unauthorized::malformed())?;
    let (scheme, token) = value
        .trim()
        .split_once(' ')
        .ok_or_else(Unauthorized::malformed)?;
    let token = token.trim_start();
    if !scheme.eq_ignore_ascii_case("bearer")
        || token.is_empty()
        || token.contains(|c: char| c.is_ascii_whitespace())
    {
        return Err(Unauthorized::malformed());
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use ::axum::http::{HeaderMap, HeaderValue, StatusCode};
    use ::axum::response::IntoResponse;
    use serde_core::{Serialize, Serializer};
    use serde_json::{Value, json};

    use super::{Unauthorized, bearer_token};
    use crate::resolve::tests::Text;
    use crate::resolve::{Actor, Overwrite};
    use crate::{PermissionSet, Requirement};

    impl Serialize for Text {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            crate::serde::text::serialize(self, serializer)
        }
    }

    /// The response's status and JSON body. Its body is already complete, so one poll reads it.
    fn read(response: impl IntoResponse) -> (StatusCode, Value) {
        let response = response.into_response();
        let status = response.status();
        let mut cx = core::task::Context::from_waker(core::task::Waker::noop());
        let read = ::axum::body::to_bytes(response.into_body(), usize::MAX);
        let core::task::Poll::Ready(Ok(bytes)) = core::pin::pin!(read).as_mut().poll(&mut cx)
        else {
            panic!("the body was not ready");
        };
        (status, serde_json::from_slice(&bytes).expect("a JSON body"))
    }

    #[test]
    fn a_denial_names_missing_rows_and_unknown_bits() {
        let unknown = Text::from_bits_retain(0x40);
        let denied = Text::VIEW
            .check(&Requirement::All(Text::SEND | unknown))
            .unwrap_err();
        assert_eq!(
            read(denied),
            (
                StatusCode::FORBIDDEN,
                json!({
                    "error": "forbidden",
                    "message": "missing SEND | 0x40",
                    "missing": ["SEND", "0x40"],
                    "requirement": "SEND | 0x40",
                })
            )
        );

        const EITHER: Requirement<Text> =
            Requirement::AnyOf(&[Requirement::All(Text::SEND), Requirement::All(Text::MANAGE)]);
        let (_, body) = read(Text::VIEW.check(&EITHER).unwrap_err());
        assert_eq!(body["message"], "missing one of SEND | MANAGE");
        assert_eq!(body["missing"], json!(["SEND", "MANAGE"]));
        assert_eq!(body["requirement"], "any(SEND, MANAGE)");
    }

    #[test]
    fn an_escalation_says_what_and_why() {
        let refused = Actor::new(Text::VIEW, 2_u8).check_remove(2).unwrap_err();
        assert_eq!(
            read(refused),
            (
                StatusCode::FORBIDDEN,
                json!({
                    "error": "escalation",
                    "action": "remove_role",
                    "reason": "role_not_below",
                    "role": 2,
                    "highest": 2,
                    "message": "refused to remove the role at position 2: it is not below your highest role, at position 2",
                })
            )
        );

        let refused = Actor::new(Text::VIEW, 2_u8)
            .check_assign(1, Text::VIEW | Text::REACT)
            .unwrap_err();
        let (_, body) = read(refused);
        assert_eq!(
            (&body["action"], &body["reason"], &body["flags"]),
            (&json!("assign_role"), &json!("not_held"), &json!(["REACT"]))
        );

        let bypass = Overwrite::member(1_u8).allow(Text::ADMIN);
        let refused = Actor::new(Text::ADMIN, 0_u8)
            .check_overwrite(None, &bypass)
            .unwrap_err();
        let (_, body) = read(refused);
        assert_eq!(
            (&body["action"], &body["reason"], &body["flags"]),
            (
                &json!("edit_overwrite"),
                &json!("bypass_in_overwrite"),
                &json!(["ADMIN"])
            )
        );
    }

    #[test]
    fn unauthorized_is_a_401_with_a_challenge() {
        let response = Unauthorized::missing().into_response();
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        assert_eq!(
            read(response),
            (
                StatusCode::UNAUTHORIZED,
                json!({
                    "error": "unauthorized",
                    "message": "missing the `Authorization: Bearer <token>` header",
                })
            )
        );
    }

    fn token(value: &'static [u8]) -> Result<String, Unauthorized> {
        let mut headers = HeaderMap::new();
        let value = HeaderValue::from_bytes(value).expect("a header value");
        headers.insert("authorization", value);
        bearer_token(&headers).map(str::to_owned)
    }

    #[test]
    fn bearer_tokens_are_read_and_everything_else_is_malformed() {
        assert_eq!(token(b"Bearer abc"), Ok("abc".into()));
        assert_eq!(token(b"bearer   abc "), Ok("abc".into()));
        assert_eq!(token(b"BEARER a.b-c_d~e+f/g="), Ok("a.b-c_d~e+f/g=".into()));
        for bad in [
            &b"Bearer"[..],
            b"Bearer ",
            b"Bearer a b",
            b"Basic abc",
            b"Bearerabc",
            b"",
            b"Bearer \xff\xfe",
        ] {
            assert_eq!(
                token(bad),
                Err(Unauthorized::malformed()),
                "{}",
                String::from_utf8_lossy(bad)
            );
        }
    }
}
