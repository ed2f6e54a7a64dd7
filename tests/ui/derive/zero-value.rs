use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    #[permission(value = 0x0000)]
    Nothing,
}

fn main() {}
