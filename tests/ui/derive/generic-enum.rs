use permissions::PermissionSet;

#[derive(PermissionSet)]
enum GuildPermission<T> {
    Administrator,
    Other(T),
}

fn main() {}
