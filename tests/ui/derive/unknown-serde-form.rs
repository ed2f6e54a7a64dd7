use permissions::PermissionSet;

// A typo gets a suggestion; anything else gets the list.
#[derive(PermissionSet)]
#[permissions(bits = u32, serde = "decimals")]
enum GuildPermission {
    #[permission(bit = 31)]
    Administrator,
}

#[derive(PermissionSet)]
#[permissions(bits = u16, serde = "json")]
enum ToxPermission {
    #[permission(value = 0x0001)]
    Administrator,
}

fn main() {}
