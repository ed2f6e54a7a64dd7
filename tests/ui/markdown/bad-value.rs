use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission    | Value  | Description |
|---------------|--------|-------------|
| ADMINISTRATOR | 0x0001 | Grants all permissons |
| VIEW_SETTINGS | 0x01G0 | Allows viewing settings for the guild |
")]
pub struct ToxPermissions(u16);

fn main() {}
