//! `#[requires(..)]`'s code: a check as the function's first statement, a line in its
//! rustdoc, and an entry in the audit registry. The signature is left exactly as written.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::{quote, quote_spanned};

use super::args::{Args, Req, bare_name};
use super::check::{Checked, respan};
use super::signature::Function;

pub fn expand(function: Function, args: &Args, checked: Checked, p: &TokenStream) -> TokenStream {
    let Checked {
        holder,
        set,
        output_span,
    } = checked;
    // Everything the check adds sits on the checked parameter's name, as its set's path does
    // (`check::holder`), so that a holder without `HasPermissions` is one error, there. Flags
    // keep their own spans, for errors about them.
    let at = holder.span();
    let requirement = requirement(&args.requirement, p, set.as_ref().map(|set| (set, at)));
    // Nested requirements hold `&'static` slices, which a const block provides; flags alone
    // are a plain temporary.
    let requirement = if args.requirement.is_flags_only() {
        let mut flags = Group::new(Delimiter::Parenthesis, requirement);
        flags.set_span(at);
        quote_spanned!(at=> &#flags)
    } else {
        let mut block = Group::new(Delimiter::Brace, quote!(&#requirement));
        block.set_span(at);
        quote_spanned!(at=> const #block)
    };
    let text = args.requirement.text();
    let name = function.name.to_string();
    let holder_name = holder.to_string();
    // Bound errors of these calls are reported at the call: the return type for `refuse`, the
    // checked parameter for `check` (when its type is `impl Trait`, whose set has no name).
    let refuse = call_at(quote!(#p::refuse), quote!(__denied), output_span);
    let check_call = call_at(
        quote!(#p::check),
        quote_spanned!(at=> &#holder, #requirement),
        at,
    );
    // The holder's set, named once before anything uses it: a holder without `HasPermissions`
    // is reported here, as the type it is, rather than as a bound of the runtime's `check`.
    let holder_set = set
        .as_ref()
        .map(|set| quote_spanned!(at=> let _: ::core::marker::PhantomData<#set>;));
    // Generated paths are absolute; with `crate = "path"` they may name what the user's
    // scope already imports, which `unused_qualifications` must not flag.
    let check = quote! {
        #[allow(unused_qualifications)]
        {
            #p::register_handler!(::core::module_path!(), #name, #holder_name, #text);
            #holder_set
            if let ::core::result::Result::Err(__denied) = #check_call {
                return #refuse;
            }
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
    quote! {
        #(#attrs)*
        #[doc = ""]
        #[doc = #doc]
        #(#rest)*
        #new_body
    }
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

/// A `Requirement` expression, evaluable in const context. `set` is the holder's set
/// type, for bare names, and where to report what the holder lacks.
fn requirement(req: &Req, p: &TokenStream, set: Option<(&TokenStream, Span)>) -> TokenStream {
    match req {
        Req::Flag(path) => {
            let flag = flag(path, p, set);
            quote_spanned!(span_of(path)=> #p::Requirement::All(#flag))
        }
        Req::Union(parts) if parts.iter().all(|r| matches!(r, Req::Flag(_))) => {
            let mut flags = parts.iter().filter_map(|r| match r {
                Req::Flag(path) => Some((path, flag(path, p, set))),
                _ => None,
            });
            let Some((first_path, first)) = flags.next() else {
                return TokenStream::new();
            };
            let rest = flags.map(|(path, flag)| quote_spanned!(span_of(path)=> .union(#flag)));
            quote_spanned!(span_of(first_path)=> #p::Requirement::All(#first #(#rest)*))
        }
        Req::Union(parts) => {
            let parts = parts.iter().map(|r| requirement(r, p, set));
            quote!(#p::Requirement::AllOf(&[#(#parts),*]))
        }
        Req::All(ident, parts) => {
            let parts = parts.iter().map(|r| requirement(r, p, set));
            quote_spanned!(ident.span()=> #p::Requirement::AllOf(&[#(#parts),*]))
        }
        Req::Any(ident, parts) => {
            let parts = parts.iter().map(|r| requirement(r, p, set));
            quote_spanned!(ident.span()=> #p::Requirement::AnyOf(&[#(#parts),*]))
        }
    }
}

/// A flag's value: a path as written, or a bare name read from the field of that name in the
/// holder's set's `Names` (`__private::Names`): a typo gets rustc's "a field with a similar
/// name exists" at the typo itself, and a holder whose set is unknown gets no error here.
/// A field of a constant is still a constant: the requirement is promoted to a static, as
/// with a path to the set's constant, and no const block is needed (each would be one more
/// body for every guard to compile).
fn flag(path: &[TokenTree], p: &TokenStream, set: Option<(&TokenStream, Span)>) -> TokenStream {
    match (bare_name(path), set) {
        (Some(name), Some((set, at))) => {
            let names = respan(quote!(<#set as #p::Names>::NAMES), at);
            quote!(#names.#name)
        }
        _ => quote!(#(#path)*),
    }
}

/// Where a flag's code is reported: its first token.
fn span_of(path: &[TokenTree]) -> Span {
    path.first().map_or_else(Span::call_site, TokenTree::span)
}

#[cfg(test)]
mod tests {
    use quote::quote;

    use super::requirement;
    use crate::ctxt::Ctxt;
    use crate::requires::args::Args;

    fn tokens(args: proc_macro2::TokenStream, with_set: bool) -> String {
        let mut cx = Ctxt::default();
        let args = Args::parse(&mut cx, args).expect("a requirement");
        let set = quote!(S);
        let set = with_set.then_some((&set, proc_macro2::Span::call_site()));
        requirement(&args.requirement, &quote!(p), set).to_string()
    }

    #[test]
    fn requirements_become_runtime_values() {
        let a = "< S as p :: Names > :: NAMES . A";
        assert_eq!(
            tokens(quote!(A), true),
            format!("p :: Requirement :: All ({a})")
        );
        assert_eq!(tokens(quote!(A), false), "p :: Requirement :: All (A)");
        // Flags joined by `|` are one set: no slice, no const block around them.
        assert_eq!(
            tokens(quote!(A | T::B | C), true),
            format!(
                "p :: Requirement :: All ({a} . union (T :: B) . union (< S as p :: Names > :: NAMES . C))"
            )
        );
        assert_eq!(
            tokens(quote!(A | any(B)), true),
            format!(
                "p :: Requirement :: AllOf (& [p :: Requirement :: All ({a}) , \
                 p :: Requirement :: AnyOf (& [p :: Requirement :: All (< S as p :: Names > :: NAMES . B)])])"
            )
        );
        assert_eq!(
            tokens(quote!(all(T::A, B)), true),
            "p :: Requirement :: AllOf (& [p :: Requirement :: All (T :: A) , \
             p :: Requirement :: All (< S as p :: Names > :: NAMES . B)])"
        );
    }
}
