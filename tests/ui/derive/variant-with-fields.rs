use permissions::PermissionSet;

#[derive(PermissionSet)]
enum GuildPermission {
    #[permission(bit = 31)]
    Administrator,
    #[permission(bit = 19)]
    BanMembers(u32),
    #[permission(bit = 18)]
    KickMembers { reason: String },
}

fn main() {}
