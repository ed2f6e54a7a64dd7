use permissions::PermissionSet;

#[derive(PermissionSet)]
enum GuildPermission {
    #[permission(bit = 19)]
    BanMembers,
    #[permission(bit = 19)]
    KickMembers,
}

fn main() {}
