use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
### Guild Permissions

| Permission | Bit Number | Description |
|---|---|---|
| Administrator | 31 | Allows the user to bypass all permissions checks |

### Text Channel Permissions

### Voice Channel Permissions
", section = "Text Channel Permissions")]
pub struct TextPermissions(u32);

fn main() {}
