use permissions::PermissionSet;

#[derive(PermissionSet)]
enum GuildPermission {
    Administrator = 0x8000_0000,
}

fn main() {}
