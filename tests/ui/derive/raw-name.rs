use permissions::PermissionSet;

#[derive(PermissionSet)]
pub enum Keyword {
    #[permission(name = "r#fn")]
    Function,
}

fn main() {}
