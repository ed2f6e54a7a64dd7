use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(bits = u32)]
pub enum GuildPermission {
    /// Allows the user to manage emoji names (not images)
    #[permission(bit = 13)]
    ManageEmojis,
    /// The old name of MANAGE_EMOJIS
    #[permission(bit = 13)]
    EditEmojis,
}

fn main() {}
