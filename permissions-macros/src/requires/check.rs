//! The rules of `#[requires]`, checked before any code is generated: the item is a function
//! with a body, the checked parameter exists and its permission set can be named, and the
//! function returns a `Result`. Each broken rule is one error on its token, and every one of
//! them is reported in one build.

use proc_macro2::{Delimiter, Ident, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};

use super::args::Args;
use super::signature::{Function, NotAFunction, Param};
use crate::ctxt::{Ctxt, did_you_mean};

/// What expansion needs, checked.
pub struct Checked {
    /// The checked parameter's name.
    pub holder: Ident,
    /// The type of its permission set, when it can be named.
    pub set: Option<TokenStream>,
    /// Where a wrong return type is reported.
    pub output_span: Span,
}

/// Checks a guarded function; `None` when a rule is broken (and reported).
pub fn check(cx: &mut Ctxt, function: &Function, args: &Args, p: &TokenStream) -> Option<Checked> {
    let holder = holder(cx, function, args, p);
    let output_span = output_span(cx, function);
    let (holder, set) = holder?;
    if set.is_none() && args.requirement.has_bare_names() {
        cx.at(
            holder.span(),
            format!(
                "cannot name the permission set of `{holder}` from its type; write flags as paths \
                 (`GuildPermissions::BAN_MEMBERS`), or declare the type as \
                 `impl HasPermissions<Set = GuildPermissions>`"
            ),
        );
        return None;
    }
    Some(Checked {
        holder,
        set,
        output_span: output_span?,
    })
}

pub fn not_a_function(kind: NotAFunction) -> syn::Error {
    match kind {
        NotAFunction::Item(ident) if ident == "impl" => syn::Error::new(
            ident.span(),
            "`#[requires]` goes on a function, not an `impl` block: put it on each method",
        ),
        NotAFunction::Item(ident) => syn::Error::new(
            ident.span(),
            format!("`#[requires]` goes on a function, not a `{ident}`"),
        ),
        NotAFunction::NoBody(name) => syn::Error::new(
            name.span(),
            "`#[requires]` needs a function body to check in; put it on the implementations",
        ),
        NotAFunction::Unknown => {
            syn::Error::new(Span::call_site(), "`#[requires]` goes on a function")
        }
    }
}

/// The checked parameter's name and, when it can be named, the type of its permission set.
fn holder(
    cx: &mut Ctxt,
    function: &Function,
    args: &Args,
    p: &TokenStream,
) -> Option<(Ident, Option<TokenStream>)> {
    let set_of = |param: &Param| -> Option<TokenStream> {
        if let Some(set) = param.impl_trait_set() {
            return Some(set);
        }
        if param.is_impl_trait() {
            return None;
        }
        let ty = &param.ty;
        Some(quote!(<#ty as #p::HasPermissions>::Set))
    };
    if let Some(on) = &args.on {
        if let Some(param) = function
            .params
            .iter()
            .find(|p| p.simple_binding() == Some(on))
        {
            return Some((on.clone(), set_of(param)));
        }
        if let Some(param) = function.params.iter().find(|p| p.bindings().contains(on)) {
            let set = param
                .wrapped_type(on)
                .map(|ty| quote!(<#ty as #p::HasPermissions>::Set));
            return Some((on.clone(), set));
        }
        let names: Vec<String> = function
            .params
            .iter()
            .flat_map(|p| p.receiver.iter().cloned().chain(p.bindings()))
            .map(|i| i.to_string())
            .collect();
        cx.at(
            on.span(),
            format!(
                "`on = {on}` names no parameter of `{}`{}",
                function.name,
                did_you_mean(&on.to_string(), names.iter().map(String::as_str))
            ),
        );
        return None;
    }
    let Some(first) = function.params.first() else {
        cx.at(
            function.params_span,
            format!(
                "`#[requires]` checks the first parameter, but `{}` has none; add the session or member whose permissions to check",
                function.name
            ),
        );
        return None;
    };
    match first.simple_binding() {
        Some(ident) => Some((ident.clone(), set_of(first))),
        None => {
            let span = first
                .pattern
                .first()
                .map_or(function.params_span, TokenTree::span);
            cx.at(
                span,
                "the first parameter is a pattern; name the parameter to check with `#[requires(.., on = name)]`",
            );
            None
        }
    }
}

/// The span of the return type, where a wrong return type is reported.
fn output_span(cx: &mut Ctxt, function: &Function) -> Option<Span> {
    let returns_unit = match &function.output {
        None => true,
        Some(tokens) => {
            matches!(tokens.as_slice(), [TokenTree::Group(g)] if g.delimiter() == Delimiter::Parenthesis && g.stream().is_empty())
        }
    };
    let impl_trait = function
        .output
        .as_ref()
        .and_then(|t| t.first())
        .is_some_and(|t| matches!(t, TokenTree::Ident(i) if i == "impl"));
    if returns_unit || impl_trait {
        let span = function
            .output
            .as_ref()
            .and_then(|t| t.first())
            .map_or(function.name.span(), TokenTree::span);
        cx.at(
            span,
            format!(
                "`#[requires]` refuses by returning `Err(..)`, so `{}` must return a `Result` whose error type implements `From<Denied<_>>`",
                function.name
            ),
        );
        return None;
    }
    Some(
        function
            .output
            .as_ref()
            .and_then(|t| t.first())
            .map_or(Span::call_site(), |t| {
                t.to_token_stream()
                    .into_iter()
                    .next()
                    .map_or(Span::call_site(), |t| t.span())
            }),
    )
}
