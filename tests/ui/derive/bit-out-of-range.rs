use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    #[permission(bit = 16)]
    ExecPurgeCmd,
}

fn main() {}
