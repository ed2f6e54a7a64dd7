use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    /// Grants all permissons
    #[permission(value = 0x0001, bypass)]
    Administrator,
    /// Allows viewing any action logged in a public channel
    #[permissions(value = 0x0002)]
    ViewPublicLogs,
}

fn main() {}
