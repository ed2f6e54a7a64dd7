use permissions::PermissionSet;

// Keys written wrong in ways that syn's parser reported in its own words, on the whole derive,
// or twice: each is one error, on the key or the token at fault, with the fix.
#[derive(PermissionSet)]
#[permissions(bits u16, set = Self, default = Self::ViewSettings, bypass = 340282366920938463463374607431768211456)]
pub enum ToxPermission {
    #[permission(value =)]
    ViewSettings,
    #[permission(bit)]
    ManageSettings,
    #[permission(bit = 4,, name = "VIEW_LOGS")]
    ViewPublicLogs,
    #[permission(, bit = 2)]
    ViewPrivateLogs,
    #[permission(implies(1), value = 1u7)]
    SendMessages,
    #[permission(implies(ToxPermission::ViewSettings))]
    KickMembers,
    #[permission(implies(ViewSettings,, KickMembers))]
    BanMembers,
    #[permission[bit = 10]]
    MuteMembers,
    #[permission(implies)]
    DeafenMembers,
}

#[derive(PermissionSet)]
#[permissions(bits = u16 u32, "u16")]
pub enum Other {
    Administrator,
}

// More than a value before the next `,`: the fix depends on what it is.
#[derive(PermissionSet)]
#[permissions(bits = core::primitive::u16, set = my::ToxPermissions, default = ViewSettings & ManageSettings)]
pub enum Joined {
    #[permission(name = "ADMIN" "ADMINISTRATOR")]
    Administrator,
    ViewSettings,
    ManageSettings,
}

#[derive(PermissionSet)]
#[permissions(bits = u16 | u32, bypass = Administrator + ViewSettings)]
pub enum Added {
    Administrator,
    ViewSettings,
}

// `:` where `=` belongs.
#[derive(PermissionSet)]
pub enum Colon {
    #[permission(value: 0x0100)]
    ViewSettings,
}

#[derive(PermissionSet)]
#[permissions]
pub enum Bare {
    Administrator,
}

#[derive(PermissionSet)]
#[permissions(
    crate = "not a path",
    markdown_str = "| Permission | Value |\n|---|---|\n| ADMINISTRATOR | 0x0001 |",
    columns(name "Permission"),
    implies(ADMINISTRATOR VIEW_SETTINGS)
)]
pub struct GuildPermissions(u32);

#[derive(PermissionSet)]
#[permissions(
    markdown_str = "| Permission | Value |\n|---|---|\n| ADMINISTRATOR | 0x0001 |\n| VIEW_SETTINGS | 0x0100 |",
    implies(ADMINISTRATOR: VIEW_SETTINGS)
)]
pub struct ColonPermissions(u32);

fn main() {}
