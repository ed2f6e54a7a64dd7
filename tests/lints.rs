//! Generated code is clean under the strictest lints a user may set: CI runs clippy with
//! `-D warnings` over this file, and rustc checks `deny(warnings)` on every test build.
#![deny(warnings, missing_docs, clippy::pedantic)]

use permissions::{PermissionSet, Requirement};

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

#[test]
fn generated_code_passes_pedantic_lints() {
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
