//! What both macros share: errors collected so that one build reports every mistake, in
//! source order, the one "did you mean", and the path generated code reaches the runtime by.

use std::fmt::{self, Display};

use proc_macro2::{Delimiter, Group, Ident, Literal, Punct, Spacing, Span, TokenStream, TokenTree};
use quote::ToTokens;

/// One mistake: a message and the tokens it points at, from `start` to `end`.
pub struct Error {
    start: Span,
    end: Span,
    message: String,
}

impl Error {
    /// An error at `span`.
    pub fn new(span: Span, message: impl Display) -> Self {
        Error {
            start: span,
            end: span,
            message: message.to_string(),
        }
    }

    /// An error whose span covers `tokens`, from the first to the last.
    pub fn new_spanned(tokens: impl ToTokens, message: impl Display) -> Self {
        Error::over(tokens.into_token_stream(), message.to_string())
    }

    /// `new_spanned`'s body, compiled once rather than once per type of tokens and message.
    fn over(tokens: TokenStream, message: String) -> Self {
        let mut tokens = tokens.into_iter();
        let start = tokens.next().map_or_else(Span::call_site, |t| t.span());
        let end = tokens.last().map_or(start, |t| t.span());
        Error {
            start,
            end,
            message,
        }
    }

    /// Where the error starts.
    pub fn span(&self) -> Span {
        self.start
    }

    /// `::core::compile_error! { "message" }`, spanned so that rustc underlines the tokens
    /// from `start` to `end`: a stable proc macro cannot join two spans, but rustc joins the
    /// spans of the tokens an error expands from.
    pub fn to_compile_error(&self) -> TokenStream {
        let punct = |ch, spacing| {
            let mut p = Punct::new(ch, spacing);
            p.set_span(self.start);
            TokenTree::Punct(p)
        };
        let mut message = Literal::string(&self.message);
        message.set_span(self.end);
        let mut body = Group::new(Delimiter::Brace, TokenTree::Literal(message).into());
        body.set_span(self.end);
        TokenStream::from_iter([
            punct(':', Spacing::Joint),
            punct(':', Spacing::Alone),
            TokenTree::Ident(Ident::new("core", self.start)),
            punct(':', Spacing::Joint),
            punct(':', Spacing::Alone),
            TokenTree::Ident(Ident::new("compile_error", self.start)),
            punct('!', Spacing::Alone),
            TokenTree::Group(body),
        ])
    }
}

impl Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

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
        self.errors.push(error);
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

    /// Every collected message, in the order found, for tests.
    #[cfg(test)]
    pub fn into_messages(self) -> Vec<String> {
        self.errors.iter().map(Error::to_string).collect()
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
pub fn private(krate: &impl ToTokens) -> TokenStream {
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
        let path = private(&quote::quote!(::permissions)).to_string();
        assert_eq!(path, ":: permissions :: __private_0_1_0");
    }
}
