use permissions::PermissionSet;

#[derive(PermissionSet)]
enum GuildPermission {
    #[permission(bit = 31, value = 0x8000_0000)]
    Administrator,
}

fn main() {}
