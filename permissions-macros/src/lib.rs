//! Procedural macros of the [`permissions`](https://docs.rs/permissions) crate.
//!
//! Use them through the facade crate; their documentation lives on its re-exports.
//!
//! Each macro is a folder of stages, from attributes to code: `derive/` for
//! `#[derive(PermissionSet)]`, `requires/` for `#[requires]`. What both share (collected
//! errors, "did you mean") is `ctxt.rs`; `tokens.rs` reads tokens and literals.
#![forbid(unsafe_code)]

mod ctxt;
mod derive;
mod requires;
mod tokens;

use proc_macro::TokenStream;

/// Derives a typed permission set from Rust rows or a Markdown table.
#[proc_macro_derive(PermissionSet, attributes(permissions, permission))]
pub fn derive_permission_set(input: TokenStream) -> TokenStream {
    derive::derive(input.into()).into()
}

/// Guards a function with a permission requirement.
#[proc_macro_attribute]
pub fn requires(args: TokenStream, item: TokenStream) -> TokenStream {
    requires::requires(args.into(), item.into()).into()
}
