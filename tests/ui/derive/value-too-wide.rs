use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u8)]
enum ToxPermission {
    #[permission(value = 0x0112)]
    SendMessages,
}

fn main() {}
