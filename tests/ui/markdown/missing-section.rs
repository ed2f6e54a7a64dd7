use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
### Guild Permissions

| Permission | Bit Number | Description |
|---|---|---|
| Administrator | 31 | Allows the user to bypass all permissions checks |
", section = "Guild Permission")]
pub struct GuildPermissions(u32);

fn main() {}
