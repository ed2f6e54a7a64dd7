use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
enum ToxPermission {
    /// Allows viewing settings for the guild
    #[permission(0x0100)]
    ViewSettings,
}

fn main() {}
