use permissions::PermissionSet;

#[derive(PermissionSet)]
#[permissions(markdown_str = "| Flag | Value |\n|---|---|\n| A | 1 |")]
pub enum NotAStruct {
    A,
}

#[derive(PermissionSet)]
pub struct NoDocument(u32);

#[derive(PermissionSet)]
#[permissions(markdown = "docs/guild.md", markdown_str = "| Flag | Value |\n|---|---|\n| A | 1 |")]
pub struct BothSources(u32);

#[derive(PermissionSet)]
#[permissions(markdown_str = "| Flag | Value |\n|---|---|\n| A | 1 |")]
pub struct NotBits(i32);

#[derive(PermissionSet)]
#[permissions(markdown_str = "| Flag | Value |\n|---|---|\n| A | 1 |", default = B, bypass = A | 0x2)]
pub struct UnknownNames(u32);

// A document whose value cannot be read is one error, on the value: the document is not
// missing as well.
#[derive(PermissionSet)]
#[permissions(markdown_str = b"| Flag | Value |\n|---|---|\n| A | 1 |")]
pub struct ByteString(u32);

#[derive(PermissionSet)]
#[permissions(markdown = concat!("docs/", "guild.md"))]
pub struct NotALiteral(u32);

fn main() {}
