// Raw names: an enum written `r#Foo` or `r#type` gets the set `Foos` or `types`, and a row
// `r#fn` the constant `FN`. A variant whose name gives no constant's name (`_0`) is named.
// Sets named `types` and `sqlx` build with the `rusqlite` and `sqlx` features too.
#![allow(non_camel_case_types)]

use permissions::PermissionSet;

#[derive(PermissionSet)]
pub enum r#Foo {
    A,
    #[permission(name = "ZERO")]
    _0,
}

#[derive(PermissionSet)]
pub enum r#type {
    r#fn,
}

// Sets named like the database crates' modules the derive's impls use (sqlx, rusqlite).
#[derive(PermissionSet)]
#[permissions(set = sqlx)]
pub enum Stored {
    Kept,
}

fn main() {
    assert_eq!(Foos::A.bits(), 0b1);
    assert_eq!(Foos::ZERO.bits(), 0b10);
    assert_eq!(r#Foo::_0.name(), "ZERO");
    assert_eq!(types::FN.bits(), 0b1);
    assert_eq!(r#type::r#fn.name(), "FN");
    assert_eq!(sqlx::KEPT.bits(), 0b1);
}
