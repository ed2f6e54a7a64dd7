use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission     | Value                            | Description |
|----------------|----------------------------------|-------------|
| EXEC_PURGE_CMD | `0x0000000000000400` `(1 << 11)` | Allows executing the purge command |
")]
pub struct ToxPermissions(u64);

fn main() {}
