//! Generated code is clean under the strictest lints a user may set: CI runs clippy with
//! `-D warnings` over this file, and rustc checks `deny(warnings)` on every test build.
//!
//! `unused_qualifications` is one of them: generated paths are absolute, and with
//! `crate = "permissions"` (a path relative to the crate root, as a renamed dependency has)
//! they name items this scope imports. The derive and `#[requires]` put
//! `#[allow(unused_qualifications)]` on what they generate; rustc 1.95 does not lint paths
//! that come from a macro expansion anyway, so this test shows that no version of the two
//! warns, not that the allow is needed today.
#![deny(warnings, missing_docs, clippy::pedantic, unused_qualifications)]

use permissions::{Denied, HasPermissions, PermissionSet, Requirement, Row, RowKind, requires};

/// Rows without doc comments still get documented constants.
#[derive(PermissionSet)]
#[permissions(bits = u32, default = SEND_INVITES)]
pub enum GuildPermission {
    /// Allows the user to bypass all permissions checks
    #[permission(bit = 31, bypass)]
    Administrator,
    // The variants' own lint is the user's business; the set's constants must still have docs.
    #[allow(missing_docs)]
    #[permission(bit = 19)]
    BanMembers,
    #[allow(missing_docs)]
    #[permission(bit = 3)]
    SendInvites,
}

/// Implied rows and auto-assigned bits in a `u128`.
#[derive(PermissionSet)]
#[permissions(bits = u128, set = SessionSet)]
pub enum SessionPermission {
    /// Public methods.
    Public,
    /// User methods.
    #[permission(implies(Public))]
    User,
}

/// The Tox Mod table, read from its document through a crate path that is not global.
#[derive(PermissionSet)]
#[permissions(
    crate = "permissions",
    markdown = "docs/tox_mod.md",
    default = SEND_MESSAGES,
    bypass = ADMINISTRATOR
)]
pub struct ToxPermissions(u16);

/// A session holding Tox Mod permissions.
pub struct Session(ToxPermissions);

impl HasPermissions for Session {
    type Set = ToxPermissions;
    fn permissions(&self) -> ToxPermissions {
        self.0
    }
}

/// A guarded function, through the same crate path.
///
/// # Errors
///
/// When the session lacks `MANAGE_SETTINGS` or `VIEW_SETTINGS`.
#[requires(any(MANAGE_SETTINGS, VIEW_SETTINGS), crate = "permissions")]
pub fn settings(session: &Session) -> Result<(), Denied<ToxPermissions>> {
    Ok(())
}

#[test]
fn generated_code_passes_pedantic_lints() {
    let rows: &[Row<ToxPermissions>] = ToxPermissions::ROWS;
    assert_eq!(
        rows.iter()
            .find(|r| r.name() == "SEND_MESSAGES")
            .map(Row::kind),
        Some(RowKind::Composite)
    );
    assert!(settings(&Session(ToxPermissions::DEFAULT)).is_ok());
    assert!(settings(&Session(ToxPermissions::empty())).is_err());

    let member = GuildPermissions::DEFAULT | GuildPermissions::BAN_MEMBERS;
    assert!(
        member
            .check(&Requirement::All(GuildPermissions::BAN_MEMBERS))
            .is_ok()
    );
    assert_eq!(member.bits(), 1 << 19 | 1 << 3);
    assert_eq!(SessionSet::USER.bits(), 0b11);
    assert_eq!(GuildPermission::ALL.len(), 3);
    assert_eq!(SessionPermission::User.name(), "USER");
}
