use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u32)]
pub enum GuildPermission {
    /// Allows management and editing of emojis
    #[permission(bit = 30)]
    ManageEmojis,
    /// The old name of MANAGE_EMOJIS
    #[permission(bit = 30)]
    ManageEmojisAndStickers,
}

fn main() {}
