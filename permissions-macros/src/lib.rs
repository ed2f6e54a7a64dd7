//! Procedural macros of the [`permissions`](https://docs.rs/permissions) crate.
//!
//! Use them through the facade crate; their documentation lives on its re-exports.
#![forbid(unsafe_code)]

mod ast;
mod attr;
mod case;
mod check;
mod ctxt;
mod expand;
mod markdown;
mod requirement;
mod signature;

use proc_macro::TokenStream;
use syn::{DeriveInput, parse_macro_input};

/// Derives a typed permission set from Rust rows or a Markdown table.
#[proc_macro_derive(PermissionSet, attributes(permissions, permission))]
pub fn derive_permission_set(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand::derive::derive(&input).into()
}

/// Guards a function with a permission requirement.
#[proc_macro_attribute]
pub fn requires(args: TokenStream, item: TokenStream) -> TokenStream {
    expand::requires::requires(args.into(), item.into()).into()
}
