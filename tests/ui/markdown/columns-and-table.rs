use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Right         | Value      |
|---------------|------------|
| Administrator | 0x80000000 |
", columns(nmae = "Right"))]
pub struct MisspeltRole(u32);

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Right         | Value      |
|---------------|------------|
| Administrator | 0x80000000 |
", columns(value = "Value", name = "Rights"))]
pub struct NoSuchColumn(u32);

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission    | Value      |
|---------------|------------|
| Administrator | 0x80000000 |
", table = 2)]
pub struct NoSecondTable(u32);

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission    | Value      |
|---------------|------------|
| Administrator | 0x80000000 |
", table = 0)]
pub struct TableZero(u32);

fn main() {}
