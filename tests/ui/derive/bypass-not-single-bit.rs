use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    #[permission(value = 0x0002)]
    ViewPublicLogs,
    #[permission(value = 0x0100)]
    ViewSettings,
    #[permission(value = 0x0112, composite, bypass)]
    SendMessages,
}

fn main() {}
