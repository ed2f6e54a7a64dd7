//! Typed permission sets for Rust services.
//!
//! Write the permission table once — as Rust rows, or as the Markdown table that already sits
//! in your documentation — and get a real [`bitflags`] type with the permission semantics
//! that bitflags leaves to you: a default (@everyone) set, composite and implied rows, bypass
//! rows such as Administrator, requirements with readable denials, role and channel
//! resolution, and guards for handlers. Misuse is a compile error on the offending token.
//!
//! # Quickstart
//!
//! ```
//! use permissions::{Denied, HasPermissions, PermissionSet, requires};
//!
//! /// Tox Mod client permissions.
//! #[derive(PermissionSet)]
//! #[permissions(bits = u16, set = ToxPermissions, default = SEND_MESSAGES)]
//! pub enum ToxPermission {
//!     /// Grants all permissions
//!     #[permission(value = 0x0001, bypass)]
//!     Administrator,
//!     /// Allows viewing any action logged in a public channel
//!     #[permission(value = 0x0002)]
//!     ViewPublicLogs,
//!     /// Allows viewing settings for the guild
//!     #[permission(value = 0x0100)]
//!     ViewSettings,
//!     /// Allows Sending Messages and Executing Base Level Commands
//!     #[permission(value = 0x0112, composite)]
//!     SendMessages,
//!     /// Allows modifying settings for the guild
//!     #[permission(value = 0x0200)]
//!     ManageSettings,
//! }
//!
//! pub struct Session {
//!     perms: ToxPermissions,
//! }
//!
//! impl HasPermissions for Session {
//!     type Set = ToxPermissions;
//!     fn permissions(&self) -> ToxPermissions {
//!         self.perms
//!     }
//! }
//!
//! /// Changes the guild's settings.
//! #[requires(MANAGE_SETTINGS)]
//! fn update_settings(session: &Session, name: &str) -> Result<String, Denied<ToxPermissions>> {
//!     Ok(format!("renamed to {name}"))
//! }
//!
//! // A new guild's @everyone holds 0x0112: SEND_MESSAGES, which covers VIEW_SETTINGS.
//! let member = Session { perms: ToxPermissions::DEFAULT };
//! assert_eq!(member.perms.bits(), 0x0112);
//! assert!(member.perms.grants(ToxPermissions::VIEW_SETTINGS));
//!
//! let denied = update_settings(&member, "tox").unwrap_err();
//! assert_eq!(denied.to_string(), "missing MANAGE_SETTINGS");
//!
//! // ADMINISTRATOR satisfies every requirement.
//! let admin = Session { perms: ToxPermissions::ADMINISTRATOR };
//! assert_eq!(update_settings(&admin, "tox").unwrap(), "renamed to tox");
//!
//! // Stored values keep unknown bits, and bitflags' text format round-trips.
//! let stored: ToxPermissions = "SEND_MESSAGES | 0x8000".parse().unwrap();
//! assert_eq!(stored.bits(), 0x8112);
//! assert_eq!(stored.to_string(), "VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES | 0x8000");
//! ```
//!
//! # Where to go next
//!
//! - [`PermissionSet`](derive@PermissionSet): every option of the derive, both forms.
//! - [`requires`]: guards on functions, methods and async handlers.
//! - [`PermissionSet`](trait@PermissionSet), [`Requirement`], [`Denied`]: the runtime.
//! - `table`: the Markdown table reader, at run time (feature `table`).
//! - `audit`: the registry of guarded functions (feature `audit`).
//!
//! # Features
//!
//! - `std` (default): `std::error::Error` details; off for `no_std`.
//! - `table`: `permissions::table`, the derive's Markdown table reader at run time (read a
//!   document, list every error, check it against a lock). Off by default: the derive reads
//!   documents with its own copy, built for the compiler, so a crate that only derives sets
//!   does not build the reader a second time.
//! - `audit`: the `permissions::audit` registry of guarded functions, which can print as a
//!   Markdown table. Off by default, because it costs build time in every crate that uses
//!   `#[requires]`.
//! - `serde`: `Serialize`/`Deserialize` for every generated set, in bitflags' text format or
//!   as a decimal string (`#[permissions(serde = "decimal")]`).
//! - `axum`: `permissions::axum`, refusals as axum responses (a denial is a 403 whose JSON
//!   body names what is missing; `Unauthorized` is a 401) and the extractor pattern that lets
//!   `#[requires]` guard axum handlers unchanged. Implies `std` and `serde`.
//! - `sqlx`, `rusqlite`: every generated set is a database column value (sqlx's `Type`,
//!   `Encode`, `Decode`; rusqlite's `ToSql`, `FromSql`), in the integer column of its width
//!   with the top bit as the sign, or decimal `TEXT` for `u128`; values a set cannot hold are a
//!   `storage::ColumnError` naming it. See `permissions::storage`.
#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub use permissions_core::*;
// Named as well as globbed, so that without the feature rustc says `audit` is gated behind
// it, rather than that there is no such module.
#[cfg(feature = "audit")]
#[doc(inline)]
pub use permissions_core::audit;
#[cfg(any(feature = "sqlx", feature = "rusqlite"))]
#[doc(inline)]
pub use permissions_core::storage;
#[cfg(feature = "table")]
#[doc(inline)]
pub use permissions_core::table;

/// Derives a typed permission set from Rust rows (on a fieldless enum) or from a Markdown
/// table (on a newtype struct).
///
/// # From Rust rows
///
/// ```
/// use permissions::PermissionSet;
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u32, set = GuildPermissions, default = SEND_INVITES)]
/// pub enum GuildPermission {
///     /// Allows the user to bypass all permissions checks
///     #[permission(bit = 31, bypass)]
///     Administrator,
///     /// Allows the user to ban members
///     #[permission(bit = 19)]
///     BanMembers,
///     /// Allows the user to send invites
///     #[permission(bit = 3)]
///     SendInvites,
/// }
///
/// assert_eq!(GuildPermissions::ADMINISTRATOR.bits(), 0x8000_0000);
/// assert_eq!(GuildPermission::BanMembers.name(), "BAN_MEMBERS");
/// assert_eq!(GuildPermissions::from(GuildPermission::SendInvites).bits(), 1 << 3);
/// ```
///
/// Rows take `bit = N`, `value = LIT`, or neither (the lowest free bit), and may add
/// `implies(Row, ..)`, `composite` (the value covers other rows on purpose), `bypass`, and
/// `name = ".."`. The container takes `bits = u8..u128`, `set = Name`, `default = A | B`,
/// `bypass = A`, `serde = "text" | "decimal" | "bits"`, `aliases` (a row whose value equals
/// an earlier row's is an alias of it, not an error), `lock = "permissions.lock"` (each name's
/// bits are recorded in that file, and a build that would change them or drop a name fails;
/// `PERMISSIONS_LOCK=overwrite cargo build` writes it), and `crate = "path"` for a renamed
/// dependency.
///
/// The generated struct is a bitflags type (`bitflags::Flags`, operators, `iter_names`,
/// `from_name`, `Debug`, `Display`/`FromStr` in bitflags' text format) with one documented
/// constant per row, and implements [`PermissionSet`](trait@PermissionSet). The enum gains
/// `ALL`, `name()`, `description()`, `bits()`, and `From<Enum>` for the set.
///
/// # From a Markdown table
///
/// ```
/// use permissions::PermissionSet;
///
/// #[derive(PermissionSet)]
/// #[permissions(markdown_str = "
/// | Permission       | Value  | Description                                          |
/// | ---------------- | ------ | ---------------------------------------------------- |
/// | ADMINISTRATOR    | 0x0001 | Grants all permissons                                |
/// | VIEW_PUBLIC_LOGS | 0x0002 | Allows viewing any action logged in a public channel |
/// | VIEW_SETTINGS    | 0x0100 | Allows viewing settings for the guild                |
/// | SEND_MESSAGES    | 0x0112 | Allows Sending Messages and Executing Base Level Commands |
/// ", default = SEND_MESSAGES, bypass = ADMINISTRATOR)]
/// pub struct ToxPermissions(u16);
///
/// assert_eq!(ToxPermissions::DEFAULT.bits(), 0x0112);
/// assert!(ToxPermissions::SEND_MESSAGES.contains(ToxPermissions::VIEW_SETTINGS));
/// ```
///
/// `markdown = "docs/permissions.md"` reads a file relative to the crate's `Cargo.toml`
/// (editing it rebuilds the crate), `section = "Heading"` picks a table, `auto_bits`
/// numbers a names-only table, `table = 2` picks the second table under that heading,
/// `columns(name = "Right", description = "When enabled")` says which header plays which role
/// (`name`, `value`, `bit`, `position`, `description`) when a document uses other words, and
/// `implies(USER = PUBLIC)` adds what a table cannot say. `aliases` and `lock` work as on the
/// enum form, the lock pointing at the document's row.
/// Every error in a document names its file and line.
///
/// The derive supplies `Clone`, `Copy`, `PartialEq`, `Eq`, `PartialOrd`, `Ord`, `Hash`,
/// `Debug`, `Display` and `FromStr` for the struct: do not derive them as well.
pub use permissions_macros::PermissionSet;

/// Guards a function with a permission requirement, checked before its body runs.
///
/// ```
/// # use permissions::{Denied, HasPermissions, PermissionSet, requires};
/// # #[derive(PermissionSet)]
/// # #[permissions(bits = u32, set = GuildPermissions)]
/// # pub enum GuildPermission {
/// #     #[permission(bit = 31, bypass)] Administrator,
/// #     #[permission(bit = 19)] BanMembers,
/// #     #[permission(bit = 18)] KickMembers,
/// # }
/// pub struct Member {
///     perms: GuildPermissions,
/// }
///
/// impl HasPermissions for Member {
///     type Set = GuildPermissions;
///     fn permissions(&self) -> GuildPermissions {
///         self.perms
///     }
/// }
///
/// #[derive(Debug)]
/// pub enum ApiError {
///     Forbidden(String),
/// }
///
/// impl From<Denied<GuildPermissions>> for ApiError {
///     fn from(denied: Denied<GuildPermissions>) -> Self {
///         ApiError::Forbidden(denied.to_string())
///     }
/// }
///
/// /// Removes a member from the guild.
/// #[requires(any(BAN_MEMBERS, KICK_MEMBERS), on = actor)]
/// fn remove(target: u64, actor: &Member) -> Result<u64, ApiError> {
///     Ok(target)
/// }
///
/// let moderator = Member { perms: GuildPermissions::KICK_MEMBERS };
/// assert_eq!(remove(7, &moderator).unwrap(), 7);
/// let member = Member { perms: GuildPermissions::empty() };
/// assert!(matches!(remove(7, &member), Err(ApiError::Forbidden(m)) if m == "missing one of BAN_MEMBERS | KICK_MEMBERS"));
/// ```
///
/// - The checked value is the first parameter (`self` for a method), or the one named with
///   `on = name`, also inside a pattern such as `Extension(session): Extension<Session>`. Its
///   type implements [`HasPermissions`].
/// - A bare name is a row of that type's set (a derived one), so a typo gets rustc's "a field
///   with a similar name exists" at the typo. A path (`GuildPermissions::BAN_MEMBERS`) works
///   too, and is how a constant of your own, or a set not made by the derive, is named. A
///   generic holder binds its set for bare names: `H: HasPermissions<Set = GuildPermissions>`.
/// - `A | B` and `all(A, B)` require both; `any(A, B)` needs one. They nest.
/// - On refusal the function returns `Err(From::from(denied))`: its error type implements
///   `From<Denied<Set>>`. The signature is left as written: no hidden parameter, no new
///   return type. It works on `fn`, `async fn`, methods, trait impls and generic functions,
///   and several stack.
/// - The requirement is appended to the function's rustdoc, and, with the `audit` feature,
///   the function is listed in the `permissions::audit` registry.
/// - `crate = "path"` names the runtime for a renamed dependency.
pub use permissions_macros::requires;
