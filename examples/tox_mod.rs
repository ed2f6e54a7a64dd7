//! Seed 001, Tox Mod client permissions: hex values, a composite SEND_MESSAGES, an @everyone
//! default of 0x0112, and ADMINISTRATOR granting all.
use permissions::{PermissionSet, Requirement};

/// Tox Mod client permissions, as the Tox Mod documentation's table gives them.
#[derive(PermissionSet, Debug, Clone, Copy, PartialEq, Eq)]
#[permissions(bits = u16, set = ToxPermissions, default = SEND_MESSAGES)]
pub enum ToxPermission {
    /// Grants all permissons
    #[permission(value = 0x0001, bypass)]
    Administrator,
    /// Allows viewing any action logged in a public channel
    #[permission(value = 0x0002)]
    ViewPublicLogs,
    /// Allows viewing any action logged in the guild
    #[permission(value = 0x0004)]
    ViewPrivateLogs,
    /// Allows reverting any reversible action logged
    #[permission(value = 0x0008)]
    RevertLogActions,
    /// Allows viewing settings for the guild
    #[permission(value = 0x0100)]
    ViewSettings,
    /// Allows Sending Messages and Executing Base Level Commands
    #[permission(value = 0x0112, composite)]
    SendMessages,
    /// Allows modifying settings for the guild
    #[permission(value = 0x0200)]
    ManageSettings,
    /// Allows executing the purge command
    #[permission(value = 0x0400)]
    ExecPurgeCmd,
}

pub fn main() {
    println!("Tox Mod client permissions (seed 001)\n");
    for row in ToxPermissions::ROWS {
        println!(
            "  {:<18} {:#06x}  {}",
            row.name(),
            row.value().bits(),
            row.description()
        );
    }

    let everyone = ToxPermissions::DEFAULT;
    println!(
        "\nA new guild's @everyone holds {everyone} = {:#06x}",
        everyone.bits()
    );
    println!(
        "  SEND_MESSAGES covers VIEW_SETTINGS: {}",
        ToxPermissions::SEND_MESSAGES.contains(ToxPermissions::VIEW_SETTINGS)
    );
    println!(
        "  SEND_MESSAGES covers VIEW_PUBLIC_LOGS: {}",
        ToxPermissions::SEND_MESSAGES.contains(ToxPermissions::VIEW_PUBLIC_LOGS)
    );

    let moderator = everyone | ToxPermissions::EXEC_PURGE_CMD;
    let manage = Requirement::All(ToxPermissions::MANAGE_SETTINGS);
    match moderator.check(&manage) {
        Ok(()) => println!("  a moderator may change settings"),
        Err(denied) => println!("  a moderator may not change settings: {denied}"),
    }
    let admin = ToxPermissions::ADMINISTRATOR;
    println!(
        "  ADMINISTRATOR alone passes MANAGE_SETTINGS: {}",
        admin.check(&manage).is_ok()
    );
}
