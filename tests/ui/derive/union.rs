use permissions::PermissionSet;

#[derive(PermissionSet)]
union GuildPermissions {
    bits: u32,
}

fn main() {}
