//! A crate that depends on `permissions` under another name, `perms`. Generated code must
//! reach the runtime through `#[permissions(crate = "perms")]`, never `::permissions`.
#![forbid(unsafe_code)]

use perms::PermissionSet;

/// Tox Mod's table (composite SEND_MESSAGES, default 0x0112), through the renamed crate.
#[derive(PermissionSet)]
#[permissions(
    crate = "perms",
    markdown = "../../docs/tox_mod.md",
    default = SEND_MESSAGES,
    bypass = ADMINISTRATOR
)]
pub struct ToxPermissions(u16);

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
