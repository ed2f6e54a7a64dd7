use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
### Guild Permissions

| Permission | Bit Number | Description |
|---|---|---|
| Administrator | 31 | Allows the user to bypass all permissions checks |

### Text Channel Permissions

| Permission | Bit Number | Description |
|---|---|---|
| View Channel | 0 | See the channel |
")]
pub struct GuildPermissions(u32);

fn main() {}
