// The Markdown form's options together: headers mapped with `columns(..)`, the second table
// under a heading, aliases, and a lock that the table keeps to.
use permissions::PermissionSet;

// trybuild builds each case in target/tests/trybuild/permissions/: the lock is four folders up.

#[derive(PermissionSet)]
#[permissions(
    markdown_str = "
## Tox Mod

| Right            | Mask   |
|------------------|--------|
| VIEW_LOGS        | 0x0400 |

| Right            | Mask   | When enabled                                              |
|------------------|--------|-----------------------------------------------------------|
| Administrator    | 0x0001 | Grants all permissions                                    |
| View Public Logs | 0x0002 | Allows viewing any action logged in a public channel      |
| View Settings    | 0x0100 | Allows viewing settings for the guild                     |
| Send Messages    | 0x0112 | Allows Sending Messages and Executing Base Level Commands |
| Manage Settings  | 0x0200 | Allows modifying settings for the guild                   |
| Edit Settings    | 0x0200 | The old name of Manage Settings                           |
",
    section = "Tox Mod",
    table = 2,
    columns(name = "Right", value = "Mask", description = "When enabled"),
    aliases,
    lock = "../../../../tests/fixtures/tox.lock",
    bypass = ADMINISTRATOR
)]
pub struct ToxPermissions(u16);

// The enum form keeps to the same lock.
#[derive(PermissionSet)]
#[permissions(bits = u16, set = EnumPermissions, lock = "../../../../tests/fixtures/tox.lock")]
pub enum ToxPermission {
    #[permission(value = 0x0001, bypass)]
    Administrator,
    #[permission(value = 0x0002)]
    ViewPublicLogs,
    #[permission(value = 0x0100)]
    ViewSettings,
    #[permission(value = 0x0112, composite)]
    SendMessages,
    #[permission(value = 0x0200)]
    ManageSettings,
    // New names are fine.
    #[permission(value = 0x0400)]
    ViewLogs,
}

fn main() {
    assert_eq!(ToxPermissions::SEND_MESSAGES.bits(), 0x0112);
    assert_eq!(ToxPermissions::EDIT_SETTINGS, ToxPermissions::MANAGE_SETTINGS);
    assert_eq!(ToxPermissions::EDIT_SETTINGS.to_string(), "MANAGE_SETTINGS");
    assert!(ToxPermissions::ADMINISTRATOR.grants(ToxPermissions::MANAGE_SETTINGS));
    assert_eq!(
        ToxPermissions::row("VIEW_SETTINGS").map(|r| r.description()),
        Some("Allows viewing settings for the guild")
    );
    assert_eq!(ToxPermissions::all().bits(), 0x0313);
    assert_eq!(ToxPermission::ViewLogs.bits(), 0x0400);
}
