//! What both macros share: errors collected so that one build reports every mistake, in
//! source order, the one "did you mean", and the path generated code reaches the runtime by.

use std::fmt::Display;

use proc_macro2::{Span, TokenStream};
use quote::ToTokens;
use syn::Error;

#[derive(Default)]
pub struct Ctxt {
    errors: Vec<Error>,
}

impl Ctxt {
    /// An error whose span covers `tokens`.
    pub fn spanned(&mut self, tokens: impl ToTokens, msg: impl Display) {
        self.errors.push(Error::new_spanned(tokens, msg));
    }

    /// An error at `span`.
    pub fn at(&mut self, span: Span, msg: impl Display) {
        self.errors.push(Error::new(span, msg));
    }

    pub fn push(&mut self, error: Error) {
        self.errors.extend(error);
    }

    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Every collected error, in source order, as `compile_error!`s; empty when there are
    /// none.
    pub fn into_compile_errors(self) -> TokenStream {
        let mut errors = self.errors;
        // Spans have a place only inside a real macro expansion, not in unit tests. The
        // sort is stable: errors at one token keep the order they were found in.
        if proc_macro::is_available() {
            errors.sort_by_key(|e| {
                let span = e.span().unwrap();
                (span.line(), span.column())
            });
        }
        errors.iter().map(Error::to_compile_error).collect()
    }

    /// Every collected error, as one `syn::Error`, for tests.
    #[cfg(test)]
    pub fn into_error(self) -> Option<Error> {
        let mut errors = self.errors.into_iter();
        let mut first = errors.next()?;
        first.extend(errors);
        Some(first)
    }
}

/// `; did you mean `x`?` for the candidate closest to `word`, or nothing.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match permissions_core::table::closest(word, candidates) {
        Some(c) => format!("; did you mean `{c}`?"),
        None => String::new(),
    }
}

/// `krate::__private_0_1_0`: the runtime's private module of this very release (the three
/// crates are pinned to one version), which generated code reaches everything through.
pub fn private(krate: &syn::Path) -> TokenStream {
    let module = quote::format_ident!(
        "__private_{}",
        env!("CARGO_PKG_VERSION").replace(['.', '-', '+'], "_")
    );
    quote::quote!(#krate::#module)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(
            did_you_mean("vaule", ["bit", "value"]),
            "; did you mean `value`?"
        );
        assert_eq!(did_you_mean("colour", ["bit", "value"]), "");
    }

    #[test]
    fn the_private_module_is_named_after_the_version() {
        let path = private(&syn::parse_quote!(::permissions)).to_string();
        assert_eq!(path, ":: permissions :: __private_0_1_0");
    }
}
