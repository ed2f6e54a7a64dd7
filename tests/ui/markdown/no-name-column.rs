use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Value  | Description |
|--------|-------------|
| 0x0001 | Grants all permissons |
")]
pub struct ToxPermissions(u16);

fn main() {}
