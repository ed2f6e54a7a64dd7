use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission  | Bit Number | Description |
|-------------|------------|-------------|
| Ban Members | 19         | Allows the user to ban members |
| BAN_MEMBERS | 18         | Allows the user to kick members |
")]
pub struct GuildPermissions(u32);

fn main() {}
