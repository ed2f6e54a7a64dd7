//! `#[derive(PermissionSet)]`, in stages:
//!
//! - [`attr`]: the `#[permissions(..)]` and `#[permission(..)]` keys, and which form takes
//!   which; [`read`] reads their tokens;
//! - [`ast`]: the container and its rows, from the enum's variants;
//! - [`document`]: the newtype form's rows, from its Markdown table;
//! - [`check`]: every rule, applied by the runtime's rule engine, each broken one reported on
//!   its token;
//! - [`expand`]: the code, from the resolved rows.

mod ast;
mod attr;
mod check;
mod document;
mod expand;
mod read;
#[cfg(test)]
mod tests;

use proc_macro2::TokenStream;
use quote::quote;

use crate::ctxt::Ctxt;

pub fn derive(input: TokenStream) -> TokenStream {
    let mut cx = Ctxt::default();
    let Some(container) = ast::Container::from_input(&mut cx, input) else {
        return cx.into_compile_errors();
    };
    let (container, tracked) = document::load(&mut cx, container);
    let layout = check::resolve(&mut cx, &container);
    if let Some(lock) = &container.lock {
        document::write_lock(
            &mut cx,
            lock,
            layout.locked().map(|(_, name, bits)| (name, bits)),
        );
    }
    // On errors, the set is still emitted (broken rows without bits), so that code using it
    // shows our errors rather than a cascade of unresolved names.
    let expanded = expand::expand(&container, &layout);
    let errors = cx.into_compile_errors();
    quote! {
        #errors
        #tracked
        #expanded
    }
}
