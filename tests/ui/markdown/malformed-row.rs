use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission       | Value  | Description |
|------------------|--------|-------------|
| ADMINISTRATOR    | 0x0001 | Grants all permissons |
| VIEW_PUBLIC_LOGS | 0x0002 | Allows viewing any action | logged in a public channel |
")]
pub struct ToxPermissions(u16);

fn main() {}
