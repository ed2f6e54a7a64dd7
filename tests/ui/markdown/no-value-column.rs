use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Flag     | Description |
|----------|-------------|
| `PUBLIC` | Indicates that the current session currently contains public permissions |
| `USER`   | Indicates that the current session allows user permissions |
")]
pub struct SessionPermissions(u16);

fn main() {}
