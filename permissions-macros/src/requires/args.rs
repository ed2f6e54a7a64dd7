//! The requirement language of `#[requires(..)]`: names, paths, `A | B`, `all(..)`, `any(..)`,
//! and the `on = param` and `crate = "path"` keys.

use proc_macro2::{Delimiter, Ident, Spacing, Span, TokenStream, TokenTree};
use quote::quote;

use crate::ctxt::{Ctxt, Error, did_you_mean};
use crate::tokens::{self, Cursor};

pub enum Req {
    /// `MANAGE_SETTINGS` or `GuildPermissions::BAN_MEMBERS`, its tokens as written.
    Flag(Vec<TokenTree>),
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
    pub krate: Option<TokenStream>,
}

/// The keys `#[requires(..)]` takes besides the requirement, each with an example.
const KEYS: [(&str, &str); 2] = [
    ("on", "on = session"),
    ("crate", "crate = \"::permissions\""),
];

impl Args {
    /// Parses `#[requires(..)]`'s arguments. Every mistake is recorded in `cx` and parsing
    /// goes on with the next argument; `None` when no requirement could be read.
    pub fn parse(cx: &mut Ctxt, args: TokenStream) -> Option<Args> {
        // `macro_rules!` passes a `$flag:path` or `$krate:literal` in a group without
        // delimiters: its tokens are read as if written here.
        let mut input = Cursor::new(tokens::flat(args), Span::call_site());
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
            if let Err(err) = Self::argument(cx, &mut input, &mut requirement, &mut on, &mut krate)
            {
                cx.push(err);
                broken = true;
                // Go on at the next `,`, so that every argument gets its own error.
                input.until_comma();
            }
            input.eat_punct(',');
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

    /// One argument, `on = name`, `crate = "path"` or the requirement, up to its `,`.
    fn argument(
        cx: &mut Ctxt,
        input: &mut Cursor,
        requirement: &mut Option<Req>,
        on: &mut Option<Ident>,
        krate: &mut Option<TokenStream>,
    ) -> Result<(), Error> {
        let Some((key, value)) = key(input)? else {
            let start = input.span();
            let req = Req::parse(input)?;
            if requirement.replace(req).is_some() {
                return Err(Error::new(
                    start,
                    "one requirement per `#[requires]`: join flags with `|`, or use `all(..)` / `any(..)`",
                ));
            }
            return Ok(());
        };
        let duplicate = if key == "on" {
            // `on = self` names the receiver, as the first parameter would.
            on.replace(parameter(&value)?).is_some()
        } else {
            krate.replace(crate_path(&value)?).is_some()
        };
        if duplicate {
            cx.at(key.span(), format!("duplicate `{key} = ..`"));
        }
        Ok(())
    }
}

/// `key = value`: the key, one of [`KEYS`], and the value's tokens up to the next `,`;
/// `None`, with nothing read, when the argument is no key (a requirement).
fn key(input: &mut Cursor) -> Result<Option<(Ident, Vec<TokenTree>)>, Error> {
    let Some(TokenTree::Ident(key)) = input.peek().cloned() else {
        return Ok(None);
    };
    let name = key.to_string();
    let example = KEYS.iter().find(|(k, _)| *k == name).map(|&(_, e)| e);
    let eq = match input.peek_nth(1) {
        // `A == B` compares; `on = ..` (or `on => ..`, reported on its value) is a key.
        Some(TokenTree::Punct(eq)) if eq.as_char() == '=' => {
            let eq_eq = eq.spacing() == Spacing::Joint
                && matches!(input.peek_nth(2), Some(TokenTree::Punct(p)) if p.as_char() == '=');
            (!eq_eq).then(|| eq.clone())
        }
        _ => None,
    };
    let alone = match input.peek_nth(1) {
        None => true,
        Some(TokenTree::Punct(p)) => p.as_char() == ',',
        Some(_) => false,
    };
    match (example, eq) {
        (Some(example), None) if alone => Err(Error::new(
            key.span(),
            format!("`{name}` needs a value, as in `{example}`"),
        )),
        (None, Some(_)) => {
            let hint = match did_you_mean(&name, KEYS.map(|(k, _)| k)) {
                hint if hint.is_empty() => {
                    "; `#[requires]` takes a requirement, `on = parameter` and `crate = \"path\"`"
                        .to_owned()
                }
                hint => hint,
            };
            Err(Error::new(
                key.span(),
                format!("unknown key `{name}`{hint}"),
            ))
        }
        (Some(example), Some(eq)) => {
            input.next();
            input.next();
            let value = input.until_comma();
            if value.is_empty() {
                return Err(Error::new_spanned(
                    quote!(#key #eq),
                    format!("nothing follows `{name} =`: write `{example}`"),
                ));
            }
            Ok(Some((key, value)))
        }
        _ => Ok(None),
    }
}

/// The value of `on = ..`: one parameter name.
fn parameter(value: &[TokenTree]) -> Result<Ident, Error> {
    let quoted = match value {
        [TokenTree::Ident(name)] => return Ok(name.clone()),
        [TokenTree::Literal(lit)] => tokens::string(lit),
        _ => None,
    };
    let message = match quoted {
        Some(name) => format!(
            "`on = ..` names a parameter, not a string: remove the quotes, as in `on = {name}`"
        ),
        None => "`on = ..` takes the name of the parameter to check, as in `on = session`".into(),
    };
    Err(Error::new_spanned(stream(value), message))
}

/// The value of `crate = ..`: a string holding the path of the `permissions` crate.
fn crate_path(value: &[TokenTree]) -> Result<TokenStream, Error> {
    let [TokenTree::Literal(lit)] = value else {
        // `crate = ::perms`: the same path, quoted.
        let mut written = Cursor::new(stream(value), Span::call_site());
        let example = match written.eat_path() {
            Some(path) if written.is_empty() => path.to_string().replace(' ', ""),
            _ => "::permissions".to_owned(),
        };
        return Err(Error::new_spanned(
            stream(value),
            format!("`crate = ..` takes the path as a string, as in `crate = \"{example}\"`"),
        ));
    };
    match tokens::string(lit) {
        Some(text) => tokens::path(&text, lit.span()).ok_or_else(|| {
            Error::new(
                lit.span(),
                format!(
                    "`crate = \"{text}\"` is not a path: name the `permissions` crate, as in `crate = \"::permissions\"`"
                ),
            )
        }),
        None => Err(Error::new(
            lit.span(),
            "`crate = ..` takes the path as a string, as in `crate = \"::permissions\"`",
        )),
    }
}

impl Req {
    /// `term ('|' term)*`, up to the `,` or the end of `input`.
    fn parse(input: &mut Cursor) -> Result<Req, Error> {
        let mut terms = vec![term(input)?];
        while let Some(bar) = input.eat_punct('|') {
            if input.is_punct('|') {
                return Err(Error::new(
                    bar.span(),
                    "`||` is not a requirement operator: `A | B` requires both, `any(A, B)` requires either",
                ));
            }
            if input.is_empty() || input.is_punct(',') {
                return Err(Error::new(
                    bar.span(),
                    "nothing follows this `|`: name a permission after it, or remove it",
                ));
            }
            terms.push(term(input)?);
        }
        if input.is_punct('&') {
            return Err(Error::new(
                input.span(),
                "requirements join with `|` (both: `A | B`, or `all(A, B)`); `any(A, B)` requires either",
            ));
        }
        if !input.is_empty() && !input.is_punct(',') {
            return Err(Error::new(
                input.span(),
                "expected `|`, `,` or the end of the requirement; join flags with `|`",
            ));
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
fn term(input: &mut Cursor) -> Result<Req, Error> {
    if let (Some(TokenTree::Ident(ident)), Some(TokenTree::Group(group))) =
        (input.peek(), input.peek_nth(1))
        && group.delimiter() == Delimiter::Parenthesis
    {
        let (ident, group) = (ident.clone(), group.clone());
        input.next();
        input.next();
        let mut content = Cursor::new(tokens::flat(group.stream()), group.span_close());
        return combinator(ident, &mut content);
    }
    if let Some(TokenTree::Literal(lit)) = input.peek()
        && let Some(name) = tokens::string(lit)
    {
        return Err(Error::new(
            lit.span(),
            format!(
                "a permission is a name, not a string: remove the quotes, as in `#[requires({name})]`"
            ),
        ));
    }
    if let Some(error) = misplaced_key(input) {
        return Err(error);
    }
    if let Some(path) = input.eat_path() {
        let path: Vec<TokenTree> = path.into_iter().collect();
        if let Some(error) = path_end(&path, input) {
            return Err(error);
        }
        // `ManageSettings` or `ToxPermission::ManageSettings`: the enum's variant, where the
        // set's constant is meant. Constants are upper case: the derive makes them so.
        if let Some(TokenTree::Ident(last)) = path.last() {
            let name = tokens::unraw(last);
            if name.chars().any(|c| c.is_ascii_lowercase()) {
                let constant = permissions_core::table::normalize_name(&name);
                return Err(Error::new(
                    last.span(),
                    format!(
                        "`{}` is not a constant of the set: requirements name the set's constants, as in `{constant}`",
                        text(&path)
                    ),
                ));
            }
        }
        return Ok(Req::Flag(path));
    }
    Err(Error::new(
        input.span(),
        "expected a permission such as `MANAGE_SETTINGS`, a path such as `GuildPermissions::BAN_MEMBERS`, or `all(..)` / `any(..)`",
    ))
}

/// `on` or `crate` where a permission is expected: a key inside the requirement
/// (`all(on = s)`, `A | on = s`), or one without its `=` (`on session`).
fn misplaced_key(input: &Cursor) -> Option<Error> {
    let Some(TokenTree::Ident(key)) = input.peek() else {
        return None;
    };
    let name = key.to_string();
    let &(_, example) = KEYS.iter().find(|(k, _)| *k == name)?;
    match input.peek_nth(1) {
        Some(value @ (TokenTree::Ident(_) | TokenTree::Literal(_))) => Some(Error::new_spanned(
            quote!(#key #value),
            format!("`{name}` needs `=`: `{name} = {value}`"),
        )),
        // A path: `crate::Set::A`.
        _ if input.is_path_sep(1) => None,
        _ => Some(Error::new(
            key.span(),
            format!(
                "`{name} = ..` is no part of the requirement: put it after the requirement and a `,`, as in `#[requires(any(A, B), {example})]`"
            ),
        )),
    }
}

/// What follows a path that no flag's may: generic arguments, or a `::` without a name
/// after it.
fn path_end(path: &[TokenTree], input: &Cursor) -> Option<Error> {
    let sep = input.is_path_sep(0);
    let after = if sep { 2 } else { 0 };
    let upto =
        |n: usize| -> TokenStream { (0..=n).filter_map(|i| input.peek_nth(i)).cloned().collect() };
    match input.peek_nth(after) {
        Some(TokenTree::Punct(p)) if p.as_char() == '<' => Some(Error::new_spanned(
            upto(after),
            format!(
                "a permission's path takes no generic arguments: remove the `{}<..>` after `{}`",
                if sep { "::" } else { "" },
                text(path)
            ),
        )),
        _ if !sep => None,
        None => Some(nothing_follows(upto(1))),
        Some(TokenTree::Punct(p)) if p.as_char() == ',' || p.as_char() == '|' => {
            Some(nothing_follows(upto(1)))
        }
        Some(TokenTree::Ident(word)) => Some(Error::new_spanned(
            upto(2),
            format!("`::` must be followed by a name; `{word}` is a keyword"),
        )),
        Some(token) => Some(Error::new_spanned(
            upto(2),
            format!("`::` must be followed by a name, not `{token}`"),
        )),
    }
}

fn nothing_follows(sep: TokenStream) -> Error {
    Error::new_spanned(
        sep,
        "nothing follows this `::`: name the set's constant after it, as in `GuildPermissions::BAN_MEMBERS`",
    )
}

/// `all(..)` or `any(..)`: `ident` and the tokens inside its parentheses.
fn combinator(ident: Ident, content: &mut Cursor) -> Result<Req, Error> {
    let name = ident.to_string();
    if !COMBINATORS.contains(&name.as_str()) {
        // The arguments are not read: one error, on the combinator.
        let hint = match did_you_mean(&name, COMBINATORS) {
            hint if hint.is_empty() => {
                "; requirements combine with `all(..)`, `any(..)` and `|`".to_owned()
            }
            hint => hint,
        };
        return Err(Error::new(
            ident.span(),
            format!("unknown combinator `{name}(..)`{hint}"),
        ));
    }
    let mut parts = Vec::new();
    while !content.is_empty() {
        parts.push(Req::parse(content)?);
        content.eat_punct(',');
    }
    if parts.is_empty() {
        return Err(Error::new(
            ident.span(),
            format!(
                "`{name}()` is empty: name at least one permission, as in `{name}(BAN_MEMBERS, KICK_MEMBERS)`"
            ),
        ));
    }
    Ok(if name == "all" {
        Req::All(ident, parts)
    } else {
        Req::Any(ident, parts)
    })
}

/// A path as one would write it, `::krate::Set::A`, and without the `r#` of a raw
/// identifier that needs none: `r#VIEW_SETTINGS` is the constant `VIEW_SETTINGS`.
fn text(path: &[TokenTree]) -> String {
    path.iter()
        .map(|token| match token {
            TokenTree::Ident(ident) => match tokens::unraw(ident) {
                name if tokens::is_keyword(&name) => ident.to_string(),
                name => name,
            },
            token => token.to_string(),
        })
        .collect()
}

fn stream(tokens: &[TokenTree]) -> TokenStream {
    tokens.iter().cloned().collect()
}

impl Req {
    /// The requirement as written, for docs and the audit registry.
    pub fn text(&self) -> String {
        let list = |parts: &[Req]| parts.iter().map(Req::text).collect::<Vec<_>>().join(", ");
        match self {
            Req::Flag(path) => text(path),
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
            Req::Flag(path) => bare_name(path).is_some(),
            Req::Union(parts) | Req::All(_, parts) | Req::Any(_, parts) => {
                parts.iter().any(Req::has_bare_names)
            }
        }
    }
}

/// The name a flag is, when it is a bare name rather than a path.
pub fn bare_name(flag: &[TokenTree]) -> Option<&Ident> {
    match flag {
        [TokenTree::Ident(name)] => Some(name),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use proc_macro2::{Delimiter, Group, TokenStream};
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
    fn keys_say_what_their_value_is() {
        assert_eq!(
            error(quote!(A, on)),
            ["`on` needs a value, as in `on = session`"]
        );
        assert_eq!(
            error(quote!(crate, A)),
            ["`crate` needs a value, as in `crate = \"::permissions\"`"]
        );
        assert_eq!(
            error(quote!(A, on =)),
            ["nothing follows `on =`: write `on = session`"]
        );
        assert_eq!(
            error(quote!(A, on = "session")),
            ["`on = ..` names a parameter, not a string: remove the quotes, as in `on = session`"]
        );
        let takes_a_name =
            "`on = ..` takes the name of the parameter to check, as in `on = session`";
        for value in [quote!(= s t), quote!(= &s), quote!(= 1), quote!(=> s)] {
            assert_eq!(error(quote!(A, on #value)), [takes_a_name], "{value}");
        }
        assert_eq!(
            error(quote!(A, crate = ::perms)),
            ["`crate = ..` takes the path as a string, as in `crate = \"::perms\"`"]
        );
        assert_eq!(
            error(quote!(A, crate = perms x)),
            ["`crate = ..` takes the path as a string, as in `crate = \"::permissions\"`"]
        );
        assert_eq!(
            error(quote!(A, crate = b"perms")),
            ["`crate = ..` takes the path as a string, as in `crate = \"::permissions\"`"]
        );
        for text in ["perms x", "", "::", "a::", "a::::b", "1a", "_", "a-b"] {
            assert_eq!(
                error(quote!(A, crate = #text)),
                [format!(
                    "`crate = \"{text}\"` is not a path: name the `permissions` crate, as in `crate = \"::permissions\"`"
                )]
            );
        }
        assert_eq!(
            error(quote!(A, crate = "a", crate = "b")),
            ["duplicate `crate = ..`"]
        );
        assert_eq!(
            parse(quote!(A, crate = "::re::perms")),
            Ok(("A".into(), None, Some(":: re :: perms".into())))
        );
        // `==` is no key: the requirement goes on after `A`.
        assert_eq!(
            error(quote!(A == B)),
            ["expected `|`, `,` or the end of the requirement; join flags with `|`"]
        );
    }

    #[test]
    fn paths_end_in_a_name() {
        let trailing = "nothing follows this `::`: name the set's constant after it, as in `GuildPermissions::BAN_MEMBERS`";
        assert_eq!(error(quote!(Set::)), [trailing]);
        assert_eq!(error(quote!(Set:: | B)), [trailing]);
        assert_eq!(error(quote!(Set::, on = s)), [trailing]);
        assert_eq!(error(quote!(any(A, ::krate::Set::))), [trailing]);
        let expected = "expected a permission such as `MANAGE_SETTINGS`, a path such as `GuildPermissions::BAN_MEMBERS`, or `all(..)` / `any(..)`";
        for tokens in [
            quote!(::),
            quote!(1),
            quote!(A | 'a),
            quote!(any(,)),
            quote!(, A),
        ] {
            assert_eq!(error(tokens.clone()), [expected], "{tokens}");
        }
        assert_eq!(
            parse(quote!(A | ::krate::Set::B | any(C,))),
            Ok(("A | ::krate::Set::B | any(C)".into(), None, None))
        );
    }

    #[test]
    fn paths_take_no_generic_arguments() {
        for (tokens, message) in [
            (
                quote!(ToxPermissions::<u8>::VIEW_SETTINGS),
                "remove the `::<..>` after `ToxPermissions`",
            ),
            (
                quote!(ToxPermissions::VIEW_SETTINGS::<u8>),
                "remove the `::<..>` after `ToxPermissions::VIEW_SETTINGS`",
            ),
            (quote!(A | Set::B<u8>), "remove the `<..>` after `Set::B`"),
        ] {
            assert_eq!(
                error(tokens),
                [format!(
                    "a permission's path takes no generic arguments: {message}"
                )]
            );
        }
        assert_eq!(
            // Written as text: rustfmt would rewrite `quote!(Set::(A))` as `quote!(Set(A))`.
            error("Set::(A)".parse().expect("tokens")),
            ["`::` must be followed by a name, not `(A)`"]
        );
        assert_eq!(
            error("Set::&A".parse().expect("tokens")),
            ["`::` must be followed by a name, not `&`"]
        );
        assert_eq!(
            error(quote!(Set::fn)),
            ["`::` must be followed by a name; `fn` is a keyword"]
        );
    }

    #[test]
    fn raw_identifiers_are_the_names_they_spell() {
        assert_eq!(
            parse(quote!(
                r#VIEW_SETTINGS | Set::r#BAN | r#type::A,
                on = r#type
            )),
            Ok((
                "VIEW_SETTINGS | Set::BAN | r#type::A".into(),
                Some("r#type".into()),
                None
            ))
        );
        assert_eq!(
            error(quote!(r#ManageSettings)),
            [
                "`ManageSettings` is not a constant of the set: requirements name the set's constants, as in `MANAGE_SETTINGS`"
            ]
        );
    }

    #[test]
    fn keys_inside_the_requirement_or_without_their_eq() {
        let misplaced = |key: &str, example: &str| {
            format!(
                "`{key} = ..` is no part of the requirement: put it after the requirement and a `,`, as in `#[requires(any(A, B), {example})]`"
            )
        };
        let on = misplaced("on", "on = session");
        for tokens in [
            quote!(all(on = session)),
            quote!(A | on = session),
            quote!(any(A, on)),
        ] {
            assert_eq!(error(tokens), [on.as_str()]);
        }
        assert_eq!(
            error(quote!(A | crate = "perms")),
            [misplaced("crate", "crate = \"::permissions\"")]
        );
        assert_eq!(
            error(quote!(A, on session)),
            ["`on` needs `=`: `on = session`"]
        );
        assert_eq!(
            error(quote!(A, crate "perms")),
            ["`crate` needs `=`: `crate = \"perms\"`"]
        );
        // `crate::..` is a path.
        assert_eq!(
            parse(quote!(crate::Set::A | any(crate::Set::B))),
            Ok(("crate::Set::A | any(crate::Set::B)".into(), None, None))
        );
    }

    #[test]
    fn macro_rules_fragments_are_read_through() {
        let fragment = |tokens: TokenStream| Group::new(Delimiter::None, tokens);
        let (flag, krate, member) = (
            fragment(quote!(Set::A)),
            fragment(quote!("perms")),
            fragment(quote!(B)),
        );
        assert_eq!(
            parse(quote!(#flag | any(#member), crate = #krate)),
            Ok(("Set::A | any(B)".into(), None, Some("perms".into())))
        );
    }

    #[test]
    fn every_bad_argument_is_reported() {
        let errors = error(quote!("A", onn = s, B ||));
        assert_eq!(errors.len(), 3, "{errors:?}");
    }
}
