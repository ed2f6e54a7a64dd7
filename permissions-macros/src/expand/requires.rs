//! `#[requires(..)]`: a check as the function's first statement, a line in its rustdoc, and
//! an entry in the audit registry. The signature is left exactly as written.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{ToTokens, quote};

use crate::ctxt::did_you_mean;
use crate::requirement::Args;
use crate::signature::{self, Function, NotAFunction, Param};

pub fn requires(args: TokenStream, item: TokenStream) -> TokenStream {
    // On any error, the function is emitted unchanged beside it, so that its callers do not
    // pile up errors of their own.
    match expand(args, item.clone()) {
        Ok(tokens) => tokens,
        Err(err) => {
            let err = err.to_compile_error();
            quote!(#err #item)
        }
    }
}

fn expand(args: TokenStream, item: TokenStream) -> syn::Result<TokenStream> {
    let function = signature::parse(item).map_err(not_a_function)?;
    let args: Args = syn::parse2(args)?;
    let krate = args
        .krate
        .clone()
        .unwrap_or_else(|| syn::parse_quote!(::permissions));
    let p = quote!(#krate::__private);

    let (holder, set) = holder(&function, &args, &p)?;
    if set.is_none() && args.requirement.has_bare_names() {
        return Err(syn::Error::new(
            holder.span(),
            format!(
                "cannot name the permission set of `{holder}` from its type; write flags as paths \
                 (`GuildPermissions::BAN_MEMBERS`), or declare the type as \
                 `impl HasPermissions<Set = GuildPermissions>`"
            ),
        ));
    }
    let output_span = output_span(&function)?;

    let requirement = args.requirement.tokens(&p, set.as_ref());
    // Nested requirements hold `&'static` slices, which a const block provides; flags alone
    // are a plain temporary.
    let requirement = if args.requirement.is_flags_only() {
        quote!(&#requirement)
    } else {
        quote!(const { &#requirement })
    };
    let text = args.requirement.text();
    let name = function.name.to_string();
    let holder_name = holder.to_string();
    // Bound errors of these calls are reported at the call: the return type for `refuse`, the
    // checked parameter for `check`.
    let refuse = call_at(quote!(#p::refuse), quote!(__denied), output_span);
    let check_call = call_at(
        quote!(#p::check),
        quote!(&#holder, #requirement),
        holder.span(),
    );
    let check = quote! {
        #p::register_handler!(::core::module_path!(), #name, #holder_name, #text);
        if let ::core::result::Result::Err(__denied) = #check_call {
            return #refuse;
        }
    };

    let Function {
        head,
        attrs_end,
        body,
        ..
    } = function;
    let doc = format!(" Requires: `{text}`");
    let (attrs, rest) = head.split_at(attrs_end);
    let mut body_tokens = check;
    body_tokens.extend(body.stream());
    let mut new_body = Group::new(Delimiter::Brace, body_tokens);
    new_body.set_span(body.span());
    Ok(quote! {
        #(#attrs)*
        #[doc = ""]
        #[doc = #doc]
        #(#rest)*
        #new_body
    })
}

/// `path(args)` whose path and parentheses sit at `span`, so that rustc reports the call's
/// unmet bounds there. The arguments keep their own spans.
fn call_at(path: TokenStream, args: TokenStream, span: Span) -> TokenStream {
    let mut call: TokenStream = path
        .into_iter()
        .map(|mut t| {
            t.set_span(span);
            t
        })
        .collect();
    let mut group = Group::new(Delimiter::Parenthesis, args);
    group.set_span(span);
    call.extend([TokenTree::Group(group)]);
    call
}

fn not_a_function(kind: NotAFunction) -> syn::Error {
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
    function: &Function,
    args: &Args,
    p: &TokenStream,
) -> syn::Result<(proc_macro2::Ident, Option<TokenStream>)> {
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
            return Ok((on.clone(), set_of(param)));
        }
        if let Some(param) = function.params.iter().find(|p| p.bindings().contains(on)) {
            let set = param
                .wrapped_type(on)
                .map(|ty| quote!(<#ty as #p::HasPermissions>::Set));
            return Ok((on.clone(), set));
        }
        let names: Vec<String> = function
            .params
            .iter()
            .flat_map(|p| p.receiver.iter().cloned().chain(p.bindings()))
            .map(|i| i.to_string())
            .collect();
        return Err(syn::Error::new(
            on.span(),
            format!(
                "`on = {on}` names no parameter of `{}`{}",
                function.name,
                did_you_mean(&on.to_string(), names.iter().map(String::as_str))
            ),
        ));
    }
    let Some(first) = function.params.first() else {
        return Err(syn::Error::new(
            function.params_span,
            format!(
                "`#[requires]` checks the first parameter, but `{}` has none; add the session or member whose permissions to check",
                function.name
            ),
        ));
    };
    match first.simple_binding() {
        Some(ident) => Ok((ident.clone(), set_of(first))),
        None => {
            let span = first
                .pattern
                .first()
                .map_or(function.params_span, TokenTree::span);
            Err(syn::Error::new(
                span,
                "the first parameter is a pattern; name the parameter to check with `#[requires(.., on = name)]`",
            ))
        }
    }
}

/// The span of the return type, where a wrong return type is reported.
fn output_span(function: &Function) -> syn::Result<Span> {
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
        return Err(syn::Error::new(
            span,
            format!(
                "`#[requires]` refuses by returning `Err(..)`, so `{}` must return a `Result` whose error type implements `From<Denied<_>>`",
                function.name
            ),
        ));
    }
    Ok(function
        .output
        .as_ref()
        .and_then(|t| t.first())
        .map_or(Span::call_site(), |t| {
            t.to_token_stream()
                .into_iter()
                .next()
                .map_or(Span::call_site(), |t| t.span())
        }))
}

#[cfg(test)]
mod tests {
    use quote::quote;

    #[test]
    fn appends_the_requirement_to_the_rustdoc_and_keeps_the_signature() {
        let out = super::requires(
            quote!(any(BAN_MEMBERS, KICK_MEMBERS), on = actor),
            quote! {
                /// Removes a member.
                pub async fn remove(target: u64, actor: &Member) -> Result<(), ApiError> { Ok(()) }
            },
        )
        .to_string();
        let doc = out
            .find("\" Requires: `any(BAN_MEMBERS, KICK_MEMBERS)`\"")
            .expect("doc line");
        let own_doc = out.find("\" Removes a member.\"").expect("own doc");
        let signature = out
            .find(
                "pub async fn remove (target : u64 , actor : & Member) -> Result < () , ApiError >",
            )
            .expect("signature unchanged");
        assert!(own_doc < doc && doc < signature, "{out}");
        let check = out.find("check").expect("check call");
        let body = out.find("Ok (())").expect("body");
        assert!(
            signature < check && check < body,
            "the check comes first: {out}"
        );
    }
}

/// The guard reads user tokens by hand, so it must turn any token soup into an error, never a
/// panic: random sequences of the tokens a signature and a requirement are made of.
#[cfg(test)]
mod no_panic {
    use std::str::FromStr;

    use proc_macro2::TokenStream;
    use proptest::prelude::*;

    const ITEM: &[&str] = &[
        "#",
        "[doc = \"x\"]",
        "pub",
        "async",
        "fn",
        "struct",
        "impl",
        "f",
        "(",
        ")",
        "{",
        "}",
        "<",
        ">",
        "->",
        "-",
        ",",
        ":",
        "::",
        "&",
        "'a",
        "self",
        "Self",
        "mut",
        "x",
        "T",
        "u32",
        "impl",
        "HasPermissions",
        "Set",
        "=",
        "where",
        "Result",
        "Ok(())",
        ";",
        "Wrapper",
    ];
    const ARGS: &[&str] = &[
        "MANAGE_SETTINGS",
        "A",
        "|",
        ",",
        "on",
        "=",
        "x",
        "self",
        "all",
        "any",
        "(",
        ")",
        "::",
        "Set",
        "crate",
        "\"perms\"",
        "1",
        "&",
        "one_of",
    ];

    fn soup(alphabet: &'static [&'static str]) -> impl Strategy<Value = String> {
        proptest::collection::vec(proptest::sample::select(alphabet), 0..24)
            .prop_map(|words| words.join(" "))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn any_tokens_give_tokens_not_a_panic(args in soup(ARGS), item in soup(ITEM)) {
            // Unbalanced brackets are not token streams at all; rustc never passes them.
            if let (Ok(args), Ok(item)) = (TokenStream::from_str(&args), TokenStream::from_str(&item)) {
                let _ = super::requires(args, item);
            }
        }

        #[test]
        fn well_formed_functions_with_random_requirements(args in soup(ARGS)) {
            let item = TokenStream::from_str(
                "pub async fn f<'a, T: HasPermissions<Set = S>>(x: &'a T, Wrapper(y): Wrapper<U>) -> Result<(), E> where T: Sync { Ok(()) }",
            ).expect("a function");
            if let Ok(args) = TokenStream::from_str(&args) {
                let _ = super::requires(args, item);
            }
        }
    }
}
