use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission   | Bit Number | Description |
|--------------|------------|-------------|
| Ban Members  | 19         | Allows the user to ban members |
| Kick Members | 19         | Allows the user to kick members |
| Not Used     | 2          | Not used |
| Send Invites | 2          | Allows the user to send invites |
")]
pub struct GuildPermissions(u32);

fn main() {}
