// Three bad rows, three errors, in one build.
use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    #[permission(value = 0)]
    Administrator,
    #[permission(bit = 40)]
    ViewPublicLogs,
    #[permission(vlaue = 0x0004)]
    ViewPrivateLogs,
}

fn main() {
    // The set still exists, so this line adds no error of its own.
    let _ = ToxPermissions::VIEW_PUBLIC_LOGS;
}
