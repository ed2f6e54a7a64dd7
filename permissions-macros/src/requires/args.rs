//! The requirement language of `#[requires(..)]`: names, paths, `A | B`, `all(..)`, `any(..)`,
//! and the `on = param` option.

use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::spanned::Spanned;
use syn::{Ident, Path, Token, token};

use crate::ctxt::did_you_mean;

pub enum Req {
    /// `MANAGE_SETTINGS` or `GuildPermissions::BAN_MEMBERS`
    Flag(Path),
    /// `A | B`: every operand.
    Union(Vec<Req>),
    /// `all(..)`
    All(Ident, Vec<Req>),
    /// `any(..)`
    Any(Ident, Vec<Req>),
}

pub struct Args {
    pub requirement: Req,
    pub on: Option<Ident>,
    pub krate: Option<Path>,
}

mod kw {
    syn::custom_keyword!(on);
}

impl Parse for Args {
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        if input.is_empty() {
            return Err(syn::Error::new(
                Span::call_site(),
                "`#[requires]` needs a requirement, such as `#[requires(MANAGE_SETTINGS)]`",
            ));
        }
        let mut requirement = None;
        let mut on = None;
        let mut krate = None;
        loop {
            if input.peek(Token![crate]) && input.peek2(Token![=]) {
                input.parse::<Token![crate]>()?;
                input.parse::<Token![=]>()?;
                let lit: syn::LitStr = input.parse()?;
                krate = Some(lit.parse()?);
            } else if input.peek(kw::on) && input.peek2(Token![=]) {
                let key: kw::on = input.parse()?;
                input.parse::<Token![=]>()?;
                let name: Ident = input.parse()?;
                if on.replace(name).is_some() {
                    return Err(syn::Error::new(key.span, "duplicate `on = ..`"));
                }
            } else {
                let start = input.span();
                let req = input.parse::<Req>()?;
                if requirement.replace(req).is_some() {
                    return Err(syn::Error::new(
                        start,
                        "one requirement per `#[requires]`: join flags with `|`, or use `all(..)` / `any(..)`",
                    ));
                }
            }
            if input.is_empty() {
                break;
            }
            input.parse::<Token![,]>()?;
            if input.is_empty() {
                break;
            }
        }
        let requirement = requirement.ok_or_else(|| {
            syn::Error::new(
                Span::call_site(),
                "`#[requires]` needs a requirement besides `on = ..`, such as `MANAGE_SETTINGS`",
            )
        })?;
        Ok(Args {
            requirement,
            on,
            krate,
        })
    }
}

impl Parse for Req {
    /// `term ('|' term)*`
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut terms = vec![term(input)?];
        while input.peek(Token![|]) {
            input.parse::<Token![|]>()?;
            terms.push(term(input)?);
        }
        if !input.is_empty() && !input.peek(Token![,]) {
            return Err(
                input.error("expected `|`, `,` or the end of the requirement; join flags with `|`")
            );
        }
        Ok(if terms.len() == 1 {
            terms.remove(0)
        } else {
            Req::Union(terms)
        })
    }
}

const COMBINATORS: [&str; 2] = ["all", "any"];

/// A flag name or path, or `all(..)` / `any(..)`.
fn term(input: ParseStream<'_>) -> syn::Result<Req> {
    if input.peek(Ident) && input.peek2(token::Paren) {
        let ident: Ident = input.parse()?;
        let content;
        syn::parenthesized!(content in input);
        let name = ident.to_string();
        if !COMBINATORS.contains(&name.as_str()) {
            let hint = match did_you_mean(&name, COMBINATORS) {
                hint if hint.is_empty() => {
                    "; requirements combine with `all(..)`, `any(..)` and `|`".to_owned()
                }
                hint => hint,
            };
            return Err(syn::Error::new(
                ident.span(),
                format!("unknown combinator `{name}(..)`{hint}"),
            ));
        }
        let parts = content.parse_terminated(Req::parse, Token![,])?;
        let parts: Vec<Req> = parts.into_iter().collect();
        if parts.is_empty() {
            return Err(syn::Error::new(
                ident.span(),
                format!(
                    "`{name}()` is empty: name at least one permission, as in `{name}(BAN_MEMBERS, KICK_MEMBERS)`"
                ),
            ));
        }
        return Ok(if name == "all" {
            Req::All(ident, parts)
        } else {
            Req::Any(ident, parts)
        });
    }
    if input.peek(Ident)
        || input.peek(Token![::])
        || input.peek(Token![Self])
        || input.peek(Token![crate])
    {
        return Ok(Req::Flag(Path::parse_mod_style(input)?));
    }
    Err(input.error(
        "expected a permission such as `MANAGE_SETTINGS`, a path such as `GuildPermissions::BAN_MEMBERS`, or `all(..)` / `any(..)`",
    ))
}

impl Req {
    /// The requirement as written, for docs and the audit registry.
    pub fn text(&self) -> String {
        let list = |parts: &[Req]| parts.iter().map(Req::text).collect::<Vec<_>>().join(", ");
        match self {
            Req::Flag(path) => path.to_token_stream().to_string().replace(' ', ""),
            Req::Union(parts) => parts.iter().map(Req::text).collect::<Vec<_>>().join(" | "),
            Req::All(_, parts) => format!("all({})", list(parts)),
            Req::Any(_, parts) => format!("any({})", list(parts)),
        }
    }

    /// Whether the requirement is flags only (`A`, `A | B`): a `Requirement::All` that needs
    /// no `'static` slice, so no const block (whose type-checking every guard would pay for).
    pub fn is_flags_only(&self) -> bool {
        match self {
            Req::Flag(_) => true,
            Req::Union(parts) => parts.iter().all(|r| matches!(r, Req::Flag(_))),
            Req::All(..) | Req::Any(..) => false,
        }
    }

    /// Whether some flag is a bare name, which must be resolved against the holder's set.
    pub fn has_bare_names(&self) -> bool {
        match self {
            Req::Flag(path) => path.get_ident().is_some(),
            Req::Union(parts) | Req::All(_, parts) | Req::Any(_, parts) => {
                parts.iter().any(Req::has_bare_names)
            }
        }
    }

    /// A `Requirement` expression, evaluable in const context. `set` is the holder's set
    /// type, for bare names.
    pub fn tokens(&self, p: &TokenStream, set: Option<&TokenStream>) -> TokenStream {
        match self {
            Req::Flag(path) => {
                let flag = flag(path, set);
                quote_spanned!(path.span()=> #p::Requirement::All(#flag))
            }
            Req::Union(parts) if parts.iter().all(|r| matches!(r, Req::Flag(_))) => {
                let mut flags = parts.iter().filter_map(|r| match r {
                    Req::Flag(path) => Some((path, flag(path, set))),
                    _ => None,
                });
                let Some((first_path, first)) = flags.next() else {
                    return TokenStream::new();
                };
                let rest = flags.map(|(path, flag)| quote_spanned!(path.span()=> .union(#flag)));
                quote_spanned!(first_path.span()=> #p::Requirement::All(#first #(#rest)*))
            }
            Req::Union(parts) => {
                let parts = parts.iter().map(|r| r.tokens(p, set));
                quote!(#p::Requirement::AllOf(&[#(#parts),*]))
            }
            Req::All(ident, parts) => {
                let parts = parts.iter().map(|r| r.tokens(p, set));
                quote_spanned!(ident.span()=> #p::Requirement::AllOf(&[#(#parts),*]))
            }
            Req::Any(ident, parts) => {
                let parts = parts.iter().map(|r| r.tokens(p, set));
                quote_spanned!(ident.span()=> #p::Requirement::AnyOf(&[#(#parts),*]))
            }
        }
    }
}

/// A flag's value: a path as written, or a bare name looked up on the holder's set, so that
/// a typo gets rustc's "similar name" help at the typo itself.
fn flag(path: &Path, set: Option<&TokenStream>) -> TokenStream {
    match (path.get_ident(), set) {
        (Some(name), Some(set)) => quote_spanned!(name.span()=> <#set>::#name),
        _ => path.to_token_stream(),
    }
}
