use permissions::PermissionSet;

// Only the missing document is an error: `default` and `bypass` have nothing to be checked
// against yet.
#[derive(PermissionSet)]
#[permissions(default = SEND_INVITES, bypass = ADMINISTRATOR)]
pub struct GuildPermissions(u32);

fn main() {}
