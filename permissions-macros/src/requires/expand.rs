//! `#[requires(..)]`'s code: a check as the function's first statement, a line in its
//! rustdoc, and an entry in the audit registry. The signature is left exactly as written.

use proc_macro2::{Delimiter, Group, Span, TokenStream, TokenTree};
use quote::quote;

use super::args::Args;
use super::check::Checked;
use super::signature::Function;

pub fn expand(function: Function, args: &Args, checked: Checked, p: &TokenStream) -> TokenStream {
    let Checked {
        holder,
        set,
        output_span,
    } = checked;
    let requirement = args.requirement.tokens(p, set.as_ref());
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
    // Generated paths are absolute; with `crate = "path"` they may name what the user's
    // scope already imports, which `unused_qualifications` must not flag.
    let check = quote! {
        #[allow(unused_qualifications)]
        {
            #p::register_handler!(::core::module_path!(), #name, #holder_name, #text);
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
