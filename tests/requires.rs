//! `#[requires]` on every kind of function, with the Tox Mod and guild tables.

use std::sync::Arc;

use permissions::{Denied, HasPermissions, PermissionSet, requires};

mod common;

use common::tox_mod::ToxPermissions;

type T = ToxPermissions;

pub struct Session {
    perms: ToxPermissions,
}

impl HasPermissions for Session {
    type Set = ToxPermissions;
    fn permissions(&self) -> ToxPermissions {
        self.perms
    }
}

fn session(perms: ToxPermissions) -> Session {
    Session { perms }
}

#[derive(Debug, PartialEq)]
pub enum ApiError {
    Forbidden(String),
    NotFound,
}

impl From<Denied<ToxPermissions>> for ApiError {
    fn from(denied: Denied<ToxPermissions>) -> Self {
        ApiError::Forbidden(denied.to_string())
    }
}

/// Changes the guild's settings.
#[requires(MANAGE_SETTINGS)]
pub fn update_settings(session: &Session, value: u32) -> Result<u32, ApiError> {
    Ok(value + 1)
}

#[test]
fn sync_function_is_checked_first() {
    let everyone = session(T::DEFAULT);
    assert_eq!(
        update_settings(&everyone, 1),
        Err(ApiError::Forbidden("missing MANAGE_SETTINGS".into()))
    );
    let manager = session(T::DEFAULT | T::MANAGE_SETTINGS);
    assert_eq!(update_settings(&manager, 1), Ok(2));
}

#[test]
fn bypass_passes_every_requirement() {
    let admin = session(T::ADMINISTRATOR);
    assert_eq!(update_settings(&admin, 41), Ok(42));
    assert_eq!(purge(&admin, 3), Ok(3));
    assert_eq!(moderate(&admin), Ok(()));
}

#[requires(EXEC_PURGE_CMD | VIEW_PRIVATE_LOGS)]
fn purge(session: &Session, count: usize) -> Result<usize, ApiError> {
    Ok(count)
}

#[requires(any(REVERT_LOG_ACTIONS, all(VIEW_PRIVATE_LOGS, EXEC_PURGE_CMD)))]
fn moderate(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[test]
fn unions_and_nesting() {
    let purger = session(T::EXEC_PURGE_CMD);
    assert_eq!(
        purge(&purger, 5),
        Err(ApiError::Forbidden("missing VIEW_PRIVATE_LOGS".into()))
    );
    assert_eq!(
        purge(&session(T::EXEC_PURGE_CMD | T::VIEW_PRIVATE_LOGS), 5),
        Ok(5)
    );

    assert_eq!(moderate(&session(T::REVERT_LOG_ACTIONS)), Ok(()));
    assert_eq!(
        moderate(&session(T::VIEW_PRIVATE_LOGS | T::EXEC_PURGE_CMD)),
        Ok(())
    );
    // Exactly the flags that are missing, from every failed alternative.
    assert_eq!(
        moderate(&session(T::VIEW_PRIVATE_LOGS)),
        Err(ApiError::Forbidden(
            "missing one of REVERT_LOG_ACTIONS | EXEC_PURGE_CMD".into()
        ))
    );
}

impl Session {
    #[requires(VIEW_SETTINGS)]
    fn settings(&self) -> Result<&'static str, ApiError> {
        Ok("settings")
    }

    #[requires(ToxPermissions::MANAGE_SETTINGS)]
    fn into_manager(self) -> Result<Self, ApiError> {
        Ok(self)
    }

    // `on = self` names the receiver, as leaving `on` out does.
    #[requires(MANAGE_SETTINGS, on = self)]
    fn transfer(&self, _to: &Session) -> Result<(), ApiError> {
        Ok(())
    }
}

#[test]
fn methods_check_self() {
    assert_eq!(session(T::DEFAULT).settings(), Ok("settings"));
    assert_eq!(
        session(T::VIEW_PUBLIC_LOGS).settings(),
        Err(ApiError::Forbidden("missing VIEW_SETTINGS".into()))
    );
    assert!(session(T::MANAGE_SETTINGS).into_manager().is_ok());
    assert!(session(T::DEFAULT).into_manager().is_err());
    // The receiver is checked, not the other session.
    let admin = session(T::ADMINISTRATOR);
    assert_eq!(session(T::MANAGE_SETTINGS).transfer(&admin), Ok(()));
    assert_eq!(
        session(T::DEFAULT).transfer(&admin),
        Err(ApiError::Forbidden("missing MANAGE_SETTINGS".into()))
    );
}

trait Logs {
    fn revert(&self, id: u32) -> Result<u32, ApiError>;
}

impl Logs for Session {
    #[requires(REVERT_LOG_ACTIONS)]
    fn revert(&self, id: u32) -> Result<u32, ApiError> {
        Ok(id)
    }
}

#[test]
fn trait_impl_methods() {
    assert_eq!(session(T::REVERT_LOG_ACTIONS).revert(7), Ok(7));
    assert!(session(T::DEFAULT).revert(7).is_err());
}

#[requires(VIEW_PUBLIC_LOGS)]
fn generic<H: HasPermissions<Set = ToxPermissions>>(holder: &H) -> Result<(), ApiError> {
    Ok(())
}

#[requires(VIEW_PRIVATE_LOGS)]
fn opaque(holder: &impl HasPermissions<Set = ToxPermissions>) -> Result<(), ApiError> {
    Ok(())
}

#[test]
fn generic_functions_and_smart_pointers() {
    let everyone = session(T::DEFAULT);
    assert_eq!(generic(&everyone), Ok(()));
    assert_eq!(generic(&Arc::new(session(T::DEFAULT))), Ok(()));
    assert_eq!(generic(&Box::new(session(T::DEFAULT))), Ok(()));
    assert_eq!(generic(&std::rc::Rc::new(session(T::DEFAULT))), Ok(()));
    assert!(generic(&session(T::VIEW_SETTINGS)).is_err());
    assert!(opaque(&everyone).is_err());
    assert!(opaque(&session(T::VIEW_PRIVATE_LOGS)).is_ok());
}

pub struct Wrapper<S>(pub S);

#[requires(MANAGE_SETTINGS, on = session)]
fn destructured(id: u32, Wrapper(session): Wrapper<Session>) -> Result<u32, ApiError> {
    Ok(id)
}

#[requires(MANAGE_SETTINGS, on = actor)]
fn named(target: u32, actor: &Session) -> Result<u32, ApiError> {
    Ok(target)
}

#[test]
fn on_names_the_holder_even_inside_a_pattern() {
    assert_eq!(named(3, &session(T::MANAGE_SETTINGS)), Ok(3));
    assert!(named(3, &session(T::DEFAULT)).is_err());
    assert_eq!(destructured(4, Wrapper(session(T::MANAGE_SETTINGS))), Ok(4));
    assert!(destructured(4, Wrapper(session(T::DEFAULT))).is_err());
}

/// Two contexts: the guild's and the channel's; both must pass.
pub struct Channel {
    perms: ToxPermissions,
}

impl HasPermissions for Channel {
    type Set = ToxPermissions;
    fn permissions(&self) -> ToxPermissions {
        self.perms
    }
}

#[requires(SEND_MESSAGES)]
#[requires(VIEW_SETTINGS, on = channel)]
fn post(guild: &Session, channel: &Channel) -> Result<(), ApiError> {
    Ok(())
}

#[test]
fn stacked_guards_all_apply() {
    let member = session(T::DEFAULT);
    let open = Channel {
        perms: T::VIEW_SETTINGS,
    };
    let closed = Channel {
        perms: T::VIEW_PUBLIC_LOGS,
    };
    assert_eq!(post(&member, &open), Ok(()));
    assert_eq!(
        post(&member, &closed),
        Err(ApiError::Forbidden("missing VIEW_SETTINGS".into()))
    );
    assert!(post(&session(T::VIEW_SETTINGS), &open).is_err());
}

#[requires(EXEC_PURGE_CMD)]
async fn purge_async(session: &Session, count: usize) -> Result<usize, ApiError> {
    tokio::task::yield_now().await;
    Ok(count)
}

#[tokio::test]
async fn async_functions() {
    assert_eq!(purge_async(&session(T::EXEC_PURGE_CMD), 2).await, Ok(2));
    assert_eq!(
        purge_async(&session(T::DEFAULT), 2).await,
        Err(ApiError::Forbidden("missing EXEC_PURGE_CMD".into()))
    );
}

/// Denied can be the error type itself, and other error variants still flow.
#[requires(VIEW_SETTINGS)]
fn lookup(session: &Session, id: u32) -> Result<u32, Denied<ToxPermissions>> {
    Ok(id)
}

#[requires(VIEW_SETTINGS)]
fn find(session: &Session, id: u32) -> Result<u32, ApiError> {
    if id == 0 {
        Err(ApiError::NotFound)
    } else {
        Ok(id)
    }
}

#[test]
fn denied_as_the_error_and_other_errors_untouched() {
    let denied = lookup(&session(T::VIEW_PUBLIC_LOGS), 1).unwrap_err();
    assert_eq!(denied.missing(), T::VIEW_SETTINGS);
    assert_eq!(find(&session(T::VIEW_SETTINGS), 0), Err(ApiError::NotFound));
}

/// A guard written by `macro_rules!`, whose `path` and `literal` fragments reach the macro
/// in groups without delimiters.
macro_rules! guarded {
    ($name:ident, $flag:path, $holder:ident, $krate:literal) => {
        #[requires(any($flag), on = $holder, crate = $krate)]
        fn $name(id: u32, $holder: &Session) -> Result<u32, ApiError> {
            Ok(id)
        }
    };
}

guarded!(
    from_macro,
    ToxPermissions::VIEW_SETTINGS,
    actor,
    "permissions"
);

/// Raw identifiers name what they spell.
#[requires(r#VIEW_SETTINGS, on = r#session)]
fn raw(id: u32, session: &Session) -> Result<u32, ApiError> {
    Ok(id)
}

#[test]
fn guards_written_by_macro_rules_or_with_raw_identifiers() {
    assert_eq!(raw(3, &session(T::VIEW_SETTINGS)), Ok(3));
    assert_eq!(
        raw(3, &session(T::EXEC_PURGE_CMD)),
        Err(ApiError::Forbidden("missing VIEW_SETTINGS".into()))
    );
    assert_eq!(from_macro(7, &session(T::VIEW_SETTINGS)), Ok(7));
    assert_eq!(
        from_macro(7, &session(T::EXEC_PURGE_CMD)),
        Err(ApiError::Forbidden("missing one of VIEW_SETTINGS".into()))
    );
}

#[cfg(feature = "audit")]
#[test]
fn the_audit_registry_lists_every_guarded_function() {
    let entries: Vec<(&str, &str, &str)> = permissions::audit::handlers()
        .filter(|h| h.module() == module_path!())
        .map(|h| (h.function(), h.holder(), h.requirement()))
        .collect();
    let expected = [
        ("destructured", "session", "MANAGE_SETTINGS"),
        ("find", "session", "VIEW_SETTINGS"),
        ("from_macro", "actor", "any(ToxPermissions::VIEW_SETTINGS)"),
        ("generic", "holder", "VIEW_PUBLIC_LOGS"),
        ("into_manager", "self", "ToxPermissions::MANAGE_SETTINGS"),
        ("lookup", "session", "VIEW_SETTINGS"),
        (
            "moderate",
            "session",
            "any(REVERT_LOG_ACTIONS, all(VIEW_PRIVATE_LOGS, EXEC_PURGE_CMD))",
        ),
        ("named", "actor", "MANAGE_SETTINGS"),
        ("opaque", "holder", "VIEW_PRIVATE_LOGS"),
        ("post", "guild", "SEND_MESSAGES"),
        ("post", "channel", "VIEW_SETTINGS"),
        ("purge", "session", "EXEC_PURGE_CMD | VIEW_PRIVATE_LOGS"),
        ("purge_async", "session", "EXEC_PURGE_CMD"),
        ("raw", "session", "VIEW_SETTINGS"),
        ("revert", "self", "REVERT_LOG_ACTIONS"),
        ("settings", "self", "VIEW_SETTINGS"),
        ("transfer", "self", "MANAGE_SETTINGS"),
        ("update_settings", "session", "MANAGE_SETTINGS"),
    ];
    assert_eq!(entries, expected);
    let table = permissions::audit::markdown_table();
    assert!(table.starts_with("| module | function | checks | requires |\n|---|---|---|---|\n"));
    assert!(table.contains("| `requires` | `update_settings` | `session` | `MANAGE_SETTINGS` |"));
    // A union's `|` is escaped, so that it does not split the cell.
    assert!(
        table.contains(r"| `purge` | `session` | `EXEC_PURGE_CMD \| VIEW_PRIVATE_LOGS` |"),
        "{table}"
    );
}
