//! A crate that depends on `permissions` under another name, `perms`. Generated code must
//! reach the runtime through `#[permissions(crate = "perms")]`, never `::permissions`.
#![forbid(unsafe_code)]

use perms::PermissionSet;

/// Tox Mod's composite row and default, through the renamed crate.
#[derive(PermissionSet)]
#[permissions(crate = "perms", bits = u16, default = SEND_MESSAGES)]
pub enum ToxPermission {
    /// Grants all permissons
    #[permission(value = 0x0001, bypass)]
    Administrator,
    /// Allows viewing any action logged in a public channel
    #[permission(value = 0x0002)]
    ViewPublicLogs,
    /// Allows viewing settings for the guild
    #[permission(value = 0x0100)]
    ViewSettings,
    /// Allows Sending Messages and Executing Base Level Commands
    #[permission(value = 0x0112, composite)]
    SendMessages,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derive_works_through_a_renamed_dependency() {
        assert_eq!(ToxPermissions::DEFAULT.bits(), 0x0112);
        assert!(ToxPermissions::ADMINISTRATOR.grants(ToxPermissions::SEND_MESSAGES));
        assert!(ToxPermissions::DEFAULT.grants(ToxPermissions::VIEW_SETTINGS));
    }
}
