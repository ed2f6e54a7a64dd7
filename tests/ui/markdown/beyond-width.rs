use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission    | Bit Number | Description |
|---------------|------------|-------------|
| Administrator | 31         | Allows the user to bypass all permissions checks |
")]
pub struct GuildPermissions(u16);

fn main() {}
