use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = i32)]
enum GuildPermission {
    #[permission(bit = 31)]
    Administrator,
}

fn main() {}
