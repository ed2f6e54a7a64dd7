use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u16)]
pub enum ToxPermission {
    /// Allows viewing settings for the guild
    #[permission(bit = 0x0100)]
    ViewSettings,
}

fn main() {}
