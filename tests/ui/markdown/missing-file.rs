use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown = "docs/no-such-document.md")]
pub struct GuildPermissions(u32);

fn main() {}
