use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    /// Grants all permissons
    #[permission(bypass, 0x0001)]
    Administrator,
    /// Allows viewing settings for the guild
    #[permission(0x0100)]
    ViewSettings,
    /// Allows modifying settings for the guild
    #[permission(1 << 9)]
    ManageSettings,
    /// Allows viewing any action logged in a public channel
    #[permission("VIEW_LOGS", value = 0x0002)]
    ViewPublicLogs,
}

fn main() {}
