//! The requirement language of `#[requires(..)]`: names, paths, `A | B`, `all(..)`, `any(..)`,
//! and the `on = param` option.

use proc_macro2::{Span, TokenStream, TokenTree};
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::{Parse, ParseStream, Parser};
use syn::{Ident, Path, Token, token};

use crate::ctxt::{Ctxt, did_you_mean};

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

/// The keys `#[requires(..)]` takes besides the requirement.
const KEYS: [&str; 2] = ["on", "crate"];

impl Args {
    /// Parses `#[requires(..)]`'s arguments. Every mistake is recorded in `cx` and parsing
    /// goes on with the next argument; `None` when no requirement could be read.
    pub fn parse(cx: &mut Ctxt, tokens: TokenStream) -> Option<Args> {
        let parser = |input: ParseStream<'_>| Ok(Args::parse_in(cx, input));
        match Parser::parse2(parser, tokens) {
            Ok(args) => args,
            Err(err) => {
                cx.push_syn(err);
                None
            }
        }
    }

    fn parse_in(cx: &mut Ctxt, input: ParseStream<'_>) -> Option<Args> {
        if input.is_empty() {
            cx.at(
                Span::call_site(),
                "`#[requires]` needs a requirement, such as `#[requires(MANAGE_SETTINGS)]`",
            );
            return None;
        }
        let mut requirement: Option<Req> = None;
        let mut on = None;
        let mut krate = None;
        let mut broken = false;
        while !input.is_empty() {
            if let Err(err) = Self::argument(cx, input, &mut requirement, &mut on, &mut krate) {
                cx.push_syn(err);
                broken = true;
                // Go on at the next `,`, so that every argument gets its own error.
                while !input.is_empty() && !input.peek(Token![,]) {
                    let _ = input.parse::<TokenTree>();
                }
            }
            if input.is_empty() {
                break;
            }
            let _ = input.parse::<Token![,]>();
        }
        // With errors, the arguments that could be read are still returned; the caller
        // generates nothing while `cx` holds errors.
        match requirement {
            Some(requirement) => Some(Args {
                requirement,
                on,
                krate,
            }),
            None => {
                if !broken {
                    cx.at(
                        Span::call_site(),
                        "`#[requires]` needs a requirement besides `on = ..`, such as `MANAGE_SETTINGS`",
                    );
                }
                None
            }
        }
    }

    /// One argument: `on = name`, `crate = "path"`, or the requirement.
    fn argument(
        cx: &mut Ctxt,
        input: ParseStream<'_>,
        requirement: &mut Option<Req>,
        on: &mut Option<Ident>,
        krate: &mut Option<Path>,
    ) -> syn::Result<()> {
        let is_key = input.peek2(Token![=]) && !input.peek2(Token![==]);
        if input.peek(Token![crate]) && is_key {
            input.parse::<Token![crate]>()?;
            input.parse::<Token![=]>()?;
            let lit: syn::LitStr = input.parse()?;
            *krate = Some(lit.parse()?);
        } else if input.peek(Ident) && is_key {
            let key: Ident = input.parse()?;
            input.parse::<Token![=]>()?;
            let name = key.to_string();
            if name != "on" {
                let hint = match did_you_mean(&name, KEYS) {
                    hint if hint.is_empty() => {
                        "; `#[requires]` takes a requirement, `on = parameter` and `crate = \"path\"`"
                            .to_owned()
                    }
                    hint => hint,
                };
                return Err(syn::Error::new(
                    key.span(),
                    format!("unknown key `{name}`{hint}"),
                ));
            }
            // `on = self` names the receiver, as the first parameter would.
            let name = Ident::parse_any(input)?;
            if on.replace(name).is_some() {
                cx.at(key.span(), "duplicate `on = ..`");
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
        Ok(())
    }
}

impl Parse for Req {
    /// `term ('|' term)*`
    fn parse(input: ParseStream<'_>) -> syn::Result<Self> {
        let mut terms = vec![term(input)?];
        while input.peek(Token![|]) {
            let bar: Token![|] = input.parse()?;
            if input.peek(Token![|]) {
                return Err(syn::Error::new(
                    bar.span,
                    "`||` is not a requirement operator: `A | B` requires both, `any(A, B)` requires either",
                ));
            }
            if input.is_empty() || input.peek(Token![,]) {
                return Err(syn::Error::new(
                    bar.span,
                    "nothing follows this `|`: name a permission after it, or remove it",
                ));
            }
            terms.push(term(input)?);
        }
        if input.peek(Token![&]) {
            return Err(input.error(
                "requirements join with `|` (both: `A | B`, or `all(A, B)`); `any(A, B)` requires either",
            ));
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
            // The arguments are not read: one error, on the combinator.
            content.parse::<TokenStream>()?;
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
    if input.peek(syn::LitStr) {
        let lit: syn::LitStr = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "a permission is a name, not a string: remove the quotes, as in `#[requires({})]`",
                lit.value()
            ),
        ));
    }
    if input.peek(Ident)
        || input.peek(Token![::])
        || input.peek(Token![Self])
        || input.peek(Token![crate])
    {
        let path = Path::parse_mod_style(input)?;
        // `ManageSettings` or `ToxPermission::ManageSettings`: the enum's variant, where the
        // set's constant is meant. Constants are upper case: the derive makes them so.
        if let Some(last) = path.segments.last() {
            let name = last.ident.to_string();
            if name.chars().any(|c| c.is_ascii_lowercase()) {
                let written = path.to_token_stream().to_string().replace(' ', "");
                let constant = permissions_core::table::normalize_name(&name);
                return Err(syn::Error::new(
                    last.ident.span(),
                    format!(
                        "`{written}` is not a constant of the set: requirements name the set's constants, as in `{constant}`"
                    ),
                ));
            }
        }
        return Ok(Req::Flag(path));
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
}

#[cfg(test)]
mod tests {
    use proc_macro2::TokenStream;
    use quote::quote;

    use super::Args;
    use crate::ctxt::Ctxt;

    /// The requirement as text, `on`, and `crate`; or every error message.
    fn parse(tokens: TokenStream) -> Result<(String, Option<String>, Option<String>), Vec<String>> {
        let mut cx = Ctxt::default();
        let args = Args::parse(&mut cx, tokens);
        let messages = cx.into_messages();
        match args {
            Some(a) if messages.is_empty() => Ok((
                a.requirement.text(),
                a.on.map(|i| i.to_string()),
                a.krate.map(|k| quote!(#k).to_string()),
            )),
            _ if !messages.is_empty() => Err(messages),
            _ => panic!("no arguments and no error"),
        }
    }

    fn error(tokens: TokenStream) -> Vec<String> {
        parse(tokens).expect_err("an error")
    }

    #[test]
    fn requirements_and_keys() {
        assert_eq!(parse(quote!(A)), Ok(("A".into(), None, None)));
        assert_eq!(
            parse(quote!(
                any(A, all(B, C)) | Set::D,
                on = actor,
                crate = "perms"
            )),
            Ok((
                "any(A, all(B, C)) | Set::D".into(),
                Some("actor".into()),
                Some("perms".into())
            ))
        );
        assert_eq!(
            parse(quote!(A, on = self)),
            Ok(("A".into(), Some("self".into()), None))
        );
        assert_eq!(
            parse(quote!(on = s, A,)),
            Ok(("A".into(), Some("s".into()), None))
        );
        // Paths of every kind, and names that are constants already.
        for path in [
            quote!(::perms::Set::A),
            quote!(Self::A),
            quote!(crate::Set::A),
            quote!(A__B),
        ] {
            let text = path.to_string().replace(' ', "");
            assert_eq!(parse(path), Ok((text, None, None)));
        }
    }

    #[test]
    fn flags_only_and_bare_names() {
        let mut cx = Ctxt::default();
        let flags = Args::parse(&mut cx, quote!(A | Set::B))
            .expect("args")
            .requirement;
        assert!(flags.is_flags_only() && flags.has_bare_names());
        let nested = Args::parse(&mut cx, quote!(any(Set::A, Set::B)))
            .expect("args")
            .requirement;
        assert!(!nested.is_flags_only() && !nested.has_bare_names());
        let union = Args::parse(&mut cx, quote!(Set::A | all(Set::B)))
            .expect("args")
            .requirement;
        assert!(!union.is_flags_only() && !union.has_bare_names());
        assert_eq!(cx.into_messages(), Vec::<String>::new());
    }

    #[test]
    fn each_mistake_is_one_error_on_its_token() {
        assert_eq!(
            error(quote!(A, onn = s)),
            ["unknown key `onn`; did you mean `on`?"]
        );
        assert_eq!(
            error(quote!(A, colour = s)),
            [
                "unknown key `colour`; `#[requires]` takes a requirement, `on = parameter` and `crate = \"path\"`"
            ]
        );
        assert_eq!(error(quote!(A, on = s, on = t)), ["duplicate `on = ..`"]);
        assert_eq!(
            error(quote!(ManageSettings)),
            [
                "`ManageSettings` is not a constant of the set: requirements name the set's constants, as in `MANAGE_SETTINGS`"
            ]
        );
        assert_eq!(
            error(quote!(ToxPermission::ManageSettings)),
            [
                "`ToxPermission::ManageSettings` is not a constant of the set: requirements name the set's constants, as in `MANAGE_SETTINGS`"
            ]
        );
        assert_eq!(
            error(quote!(A || B)),
            [
                "`||` is not a requirement operator: `A | B` requires both, `any(A, B)` requires either"
            ]
        );
        assert_eq!(
            error(quote!(A |)),
            ["nothing follows this `|`: name a permission after it, or remove it"]
        );
        assert_eq!(error(quote!(A |, on = s)).len(), 1);
        assert_eq!(
            error(quote!(A & B)),
            [
                "requirements join with `|` (both: `A | B`, or `all(A, B)`); `any(A, B)` requires either"
            ]
        );
        assert_eq!(
            error(quote!("A")),
            ["a permission is a name, not a string: remove the quotes, as in `#[requires(A)]`"]
        );
        assert_eq!(
            error(quote!(A B)),
            ["expected `|`, `,` or the end of the requirement; join flags with `|`"]
        );
        assert_eq!(
            error(quote!(A, B)),
            [
                "one requirement per `#[requires]`: join flags with `|`, or use `all(..)` / `any(..)`"
            ]
        );
        assert_eq!(
            error(quote!(alL(A))),
            ["unknown combinator `alL(..)`; did you mean `all`?"]
        );
        assert_eq!(
            error(quote!(one_of(A, B))),
            [
                "unknown combinator `one_of(..)`; requirements combine with `all(..)`, `any(..)` and `|`"
            ]
        );
        assert_eq!(
            error(quote!(any())),
            [
                "`any()` is empty: name at least one permission, as in `any(BAN_MEMBERS, KICK_MEMBERS)`"
            ]
        );
        assert_eq!(
            error(quote!()),
            ["`#[requires]` needs a requirement, such as `#[requires(MANAGE_SETTINGS)]`"]
        );
        assert_eq!(
            error(quote!(on = s)),
            ["`#[requires]` needs a requirement besides `on = ..`, such as `MANAGE_SETTINGS`"]
        );
        assert_eq!(error(quote!(1)).len(), 1);
    }

    #[test]
    fn every_bad_argument_is_reported() {
        let errors = error(quote!("A", onn = s, B ||));
        assert_eq!(errors.len(), 3, "{errors:?}");
    }
}
