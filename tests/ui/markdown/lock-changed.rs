use permissions::PermissionSet;

// trybuild builds each case in target/tests/trybuild/permissions/: the lock is four folders up.

// A row inserted above VIEW_SETTINGS in a table without values renumbers it.
#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission       | Value  |
|------------------|--------|
| Administrator    | 0x0001 |
| View Public Logs | 0x0002 |
| View Settings    | 0x0004 |
| Send Messages    | 0x0112 |
| Manage Settings  | 0x0200 |
", lock = "../../../../tests/fixtures/tox.lock")]
pub struct ToxPermissions(u16);

#[derive(PermissionSet)]
#[permissions(markdown_str = "
| Permission | Value  |
|------------|--------|
| Public     | 0x0001 |
", lock = "../../../../tests/fixtures/no-such.lock")]
pub struct NoLock(u16);

fn main() {}
