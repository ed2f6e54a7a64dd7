use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16, bits = u32)]
enum ToxPermission {
    #[permission(value = 0x0001, bypass, bypass)]
    Administrator,
}

fn main() {}
