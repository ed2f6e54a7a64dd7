use permissions::PermissionSet;

#[derive(PermissionSet)]
enum GuildPermission {
    #[permission(bit = 31, name = "ADMIN ISTRATOR")]
    Administrator,
}

fn main() {}
