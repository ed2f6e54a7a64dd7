//! Parsing of `#[permissions(...)]` (container) and `#[permission(...)]` (row) attributes.
//!
//! A bad key is recorded in the [`Ctxt`] and parsing goes on with the next key, so one build
//! shows every mistake. Which keys each form takes is checked here, once: a key of the other
//! form is an error on the key.

use proc_macro2::{Span, TokenStream, TokenTree};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, LitInt, LitStr, Path, Token};

use permissions_core::table::Role;

use crate::ctxt::{Ctxt, did_you_mean};

/// An integer type that can hold a set.
#[derive(Clone, Copy)]
pub struct Bits {
    pub width: u32,
    pub ident: &'static str,
}

impl Bits {
    pub const NAMES: [&'static str; 5] = ["u8", "u16", "u32", "u64", "u128"];

    pub fn from_ident(ident: &Ident) -> Option<Self> {
        let name = ident.to_string();
        let index = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Bits {
            width: 8 << index,
            ident: Self::NAMES[index],
        })
    }
}

/// One term of `default = A | B | 0x0112`.
pub enum Term {
    Name(Ident),
    Value(u128, LitInt),
}

/// Which form of the derive the attributes are on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// A fieldless enum: the rows are its variants.
    Enum,
    /// A newtype struct: the rows are a document's.
    Markdown,
}

/// `#[permissions(...)]` on the enum or struct.
#[derive(Default)]
pub struct Container {
    pub bits: Option<Bits>,
    pub set: Option<Ident>,
    pub default: Option<Vec<Term>>,
    pub bypass: Option<Vec<Term>>,
    pub krate: Option<Path>,
    pub markdown: Option<LitStr>,
    pub markdown_str: Option<LitStr>,
    pub section: Option<LitStr>,
    pub auto_bits: Option<Span>,
    /// `implies(USER = PUBLIC, ..)`: implied rows for a document's table, which cannot say it.
    pub implies: Vec<(Ident, Vec<Ident>)>,
    /// `serde = "decimal"`: the module of `permissions::serde` that the set's impls call.
    pub serde: Option<Ident>,
    /// `aliases`: a row whose value equals an earlier row's is another name for it.
    pub aliases: bool,
    /// `columns(name = "Right", ..)`: which header plays which role, and the key's tokens.
    pub columns: Vec<(Role, LitStr)>,
    /// `columns(..)` as written, where errors about the mapping point.
    pub columns_span: Option<Span>,
    /// A role of `columns(..)` could not be read: the document is not read either, since
    /// every error it gave would follow from that one.
    pub columns_broken: bool,
    /// `table = N`: the Nth table (1-based).
    pub table: Option<(usize, LitInt)>,
    /// `lock = "docs/x.lock"`: each name's bits, as last written on purpose.
    pub lock: Option<LitStr>,
}

/// `#[permission(...)]` on an enum variant.
#[derive(Default)]
pub struct Row {
    /// The bit number and the tokens it is written with.
    pub bit: Option<(u32, TokenStream)>,
    /// The value and the tokens it is written with (`0x0112`, `1 << 8`).
    pub value: Option<(u128, TokenStream)>,
    pub implies: Vec<Ident>,
    pub composite: Option<Span>,
    pub bypass: Option<Span>,
    pub name: Option<LitStr>,
}

/// Every key of `#[permissions(..)]`, and the form it belongs to (`None`: both).
const CONTAINER_KEYS: &[(&str, Option<Form>)] = &[
    ("bits", Some(Form::Enum)),
    ("set", Some(Form::Enum)),
    ("default", None),
    ("bypass", None),
    ("crate", None),
    ("serde", None),
    ("aliases", None),
    ("lock", None),
    ("markdown", Some(Form::Markdown)),
    ("markdown_str", Some(Form::Markdown)),
    ("section", Some(Form::Markdown)),
    ("auto_bits", Some(Form::Markdown)),
    ("implies", Some(Form::Markdown)),
    ("columns", Some(Form::Markdown)),
    ("table", Some(Form::Markdown)),
];
/// The modules of `permissions::serde`, which `serde = ".."` names.
const SERDE_FORMS: &[&str] = &["text", "decimal", "bits"];
const ROW_KEYS: &[&str] = &["bit", "value", "implies", "composite", "bypass", "name"];

/// Why a key of one form is an error on the other, with the fix.
fn wrong_form(key: &str, form: Form) -> String {
    match (key, form) {
        ("bits", Form::Markdown) => {
            "`bits` comes from the struct's field here; remove `bits = ..`".to_owned()
        }
        ("set", Form::Markdown) => {
            "`set = ..` names the generated struct of the enum form; here the struct is the set"
                .to_owned()
        }
        ("implies", Form::Enum) => "`implies(..)` on the container belongs to the Markdown form; \
             on an enum, write `#[permission(implies(..))]` on the row"
            .to_owned(),
        (key, _) => format!(
            "`{key}` belongs to the Markdown form: derive on a newtype struct such as \
             `struct GuildPermissions(u32);` to read a document's table"
        ),
    }
}

pub fn container(cx: &mut Ctxt, attrs: &[Attribute], form: Form) -> Container {
    let mut out = Container::default();
    let mut seen = Vec::new();
    let keys: Vec<&str> = CONTAINER_KEYS.iter().map(|(k, _)| *k).collect();
    // rustc accepts either helper attribute anywhere in the input; on the wrong item it
    // would be ignored without a word.
    for attr in attrs.iter().filter(|a| a.path().is_ident("permission")) {
        cx.spanned(
            attr.path(),
            "`#[permission(..)]` describes one row and goes on a variant; the options of the whole set go in `#[permissions(..)]`",
        );
    }
    for attr in attrs.iter().filter(|a| a.path().is_ident("permissions")) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = known_key(cx, &meta, &keys, "permissions", &mut seen)? else {
                return Ok(());
            };
            if CONTAINER_KEYS
                .iter()
                .any(|&(k, f)| k == key && f.is_some_and(|f| f != form))
            {
                cx.spanned(&meta.path, wrong_form(key, form));
                return skip_value(meta.input);
            }
            // A bad value is recorded, and parsing goes on with the next key.
            if let Err(err) = container_key(cx, &mut out, key, &meta) {
                cx.push_syn(err);
                skip_value(meta.input)?;
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.push_syn(err);
        }
    }
    out
}

fn container_key(
    cx: &mut Ctxt,
    out: &mut Container,
    key: &str,
    meta: &ParseNestedMeta<'_>,
) -> syn::Result<()> {
    match key {
        "bits" => {
            let ident = name(meta, key, "u32")?;
            match Bits::from_ident(&ident) {
                Some(bits) => out.bits = Some(bits),
                None => cx.spanned(
                    &ident,
                    format!("unsupported `bits = {ident}`: use one of u8, u16, u32, u64, u128"),
                ),
            }
        }
        "set" => out.set = Some(name(meta, key, "ToxPermissions")?),
        "default" => out.default = Some(terms(meta.value()?, key)?),
        "bypass" => out.bypass = Some(terms(meta.value()?, key)?),
        "crate" => out.krate = Some(string(meta, key, "permissions")?.parse()?),
        "markdown" => out.markdown = Some(string(meta, key, "docs/permissions.md")?),
        "markdown_str" => out.markdown_str = Some(string(meta, key, "| Permission | Value |..")?),
        "section" => out.section = Some(string(meta, key, "Guild Permissions")?),
        "auto_bits" => out.auto_bits = Some(flag(meta, key)?),
        "aliases" => out.aliases = flag(meta, key).map(|_| true)?,
        "lock" => out.lock = Some(string(meta, key, "docs/permissions.lock")?),
        "table" => {
            let tokens = value_tokens(meta.value()?)?;
            let number = syn::parse2::<LitInt>(tokens.clone())
                .ok()
                .and_then(|lit| Some((lit.base10_parse::<usize>().ok()?, lit)));
            match number {
                Some((n, lit)) if n > 0 => out.table = Some((n, lit)),
                _ => cx.spanned(
                    &tokens,
                    "`table` takes the table's number, from 1, such as `table = 2`",
                ),
            }
        }
        "columns" => {
            out.columns_span = Some(key_span(meta));
            // Cleared once every role is read.
            out.columns_broken = true;
            let mut broken = false;
            let content = list(
                meta,
                key,
                "name = \"Right\", description = \"When enabled\"",
            )?;
            let entries = content.parse_terminated(
                |input: ParseStream<'_>| {
                    let role: Ident = input.call(Ident::parse_any)?;
                    input.parse::<Token![=]>()?;
                    let header: LitStr = input.parse()?;
                    Ok((role, header))
                },
                Token![,],
            )?;
            for (role, header) in entries {
                let name = role.to_string();
                match Role::from_key(&name) {
                    Some(_) if out.columns.iter().any(|(r, _)| r.key() == name) => {
                        broken = true;
                        cx.spanned(&role, format!("`{name}` is mapped twice in `columns(..)`"));
                    }
                    Some(r) => out.columns.push((r, header)),
                    None => {
                        let keys = Role::ALL.map(Role::key);
                        let hint = match did_you_mean(&name, keys) {
                            hint if hint.is_empty() => {
                                format!("; the roles are {}", keys.join(", "))
                            }
                            hint => hint,
                        };
                        broken = true;
                        cx.spanned(&role, format!("unknown column role `{name}`{hint}"));
                    }
                }
            }
            out.columns_broken = broken;
        }
        "serde" => {
            let lit = string(meta, key, "decimal")?;
            let form = lit.value();
            if SERDE_FORMS.contains(&form.as_str()) {
                out.serde = Some(Ident::new(&form, lit.span()));
            } else {
                let hint = did_you_mean(&form, SERDE_FORMS.iter().copied());
                cx.spanned(
                    &lit,
                    format!(
                        "unknown serde form {form:?}: expected \"text\", \"decimal\" or \"bits\"{hint}"
                    ),
                );
            }
        }
        "implies" => {
            let content = list(meta, key, "USER = PUBLIC")?;
            let entries = content.parse_terminated(
                |input: ParseStream<'_>| {
                    let row = input.call(Ident::parse_any)?;
                    input.parse::<Token![=]>()?;
                    let implied = terms(input, "implies")?;
                    let implied = implied.into_iter().map(|t| match t {
                        Term::Name(ident) => Ok(ident),
                        Term::Value(_, lit) => Err(syn::Error::new(
                            lit.span(),
                            "`implies(..)` takes row names, not values",
                        )),
                    });
                    Ok((row, implied.collect::<syn::Result<Vec<Ident>>>()?))
                },
                Token![,],
            )?;
            out.implies.extend(entries);
        }
        _ => unreachable!("every key of CONTAINER_KEYS is handled"),
    }
    Ok(())
}

pub fn row(cx: &mut Ctxt, attrs: &[Attribute]) -> Row {
    let mut out = Row::default();
    let mut seen = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("permissions")) {
        cx.spanned(
            attr.path(),
            "`#[permissions(..)]` holds the options of the whole set and goes on the enum; a row takes `#[permission(..)]`",
        );
    }
    for attr in attrs.iter().filter(|a| a.path().is_ident("permission")) {
        let syn::Meta::List(list) = &attr.meta else {
            cx.spanned(
                attr,
                "`#[permission]` takes keys: `#[permission(value = 0x0100)]`",
            );
            continue;
        };
        let keyed = without_bare_literals(cx, list.tokens.clone());
        let parser = syn::meta::parser(|meta| {
            let Some(key) = known_key(cx, &meta, ROW_KEYS, "permission", &mut seen)? else {
                return Ok(());
            };
            if let Err(err) = row_key(cx, &mut out, key, &meta) {
                cx.push_syn(err);
                skip_value(meta.input)?;
            }
            Ok(())
        });
        if let Err(err) = syn::parse::Parser::parse2(parser, keyed) {
            cx.push_syn(err);
        }
    }
    if let (Some(_), Some((_, tokens))) = (&out.bit, &out.value) {
        cx.spanned(tokens, "a row takes `bit = N` or `value = LIT`, not both");
    }
    out
}

fn row_key(cx: &mut Ctxt, out: &mut Row, key: &str, meta: &ParseNestedMeta<'_>) -> syn::Result<()> {
    match key {
        "bit" => {
            let tokens = value_tokens(meta.value()?)?;
            let number = syn::parse2::<LitInt>(tokens.clone())
                .ok()
                .and_then(|lit| lit.base10_parse::<u32>().ok());
            match number {
                Some(n) => out.bit = Some((n, tokens)),
                None => cx.spanned(
                    &tokens,
                    "`bit` takes a bit number such as `bit = 31`; for a mask, write `value = ..`",
                ),
            }
        }
        "value" => {
            let tokens = value_tokens(meta.value()?)?;
            match mask(&tokens) {
                Some(n) => out.value = Some((n, tokens)),
                None => cx.spanned(
                    &tokens,
                    "`value` takes an unsigned integer such as `value = 0x0112`, `1 << 8`, \
                     or several joined with `|`",
                ),
            }
        }
        "implies" => {
            let content = list(meta, key, "Public")?;
            let names = content.parse_terminated(Ident::parse_any, Token![,])?;
            if names.is_empty() {
                cx.at(
                    key_span(meta),
                    "`implies(..)` names no row; write `implies(Public)` or remove it",
                );
            }
            out.implies.extend(names);
        }
        "composite" => out.composite = Some(flag(meta, key)?),
        "bypass" => out.bypass = Some(flag(meta, key)?),
        "name" => out.name = Some(string(meta, key, "VIEW_AUDIT_LOG")?),
        _ => unreachable!("every key of ROW_KEYS is handled"),
    }
    Ok(())
}

/// The row's arguments without those that start with a literal, each reported with the key it
/// needs: `#[permission(0x0100)]` is `value = 0x0100`, `#[permission("ADMIN")]` is
/// `name = "ADMIN"`, wherever they stand in the list.
fn without_bare_literals(cx: &mut Ctxt, tokens: TokenStream) -> TokenStream {
    let mut kept = TokenStream::new();
    let mut argument: Vec<TokenTree> = Vec::new();
    let mut tokens = tokens.into_iter().peekable();
    while tokens.peek().is_some() {
        argument.clear();
        argument.extend(
            tokens
                .by_ref()
                .take_while(|t| !matches!(t, TokenTree::Punct(p) if p.as_char() == ',' )),
        );
        let Some(TokenTree::Literal(first)) = argument.first() else {
            kept.extend(argument.iter().cloned());
            kept.extend(quote::quote!(,));
            continue;
        };
        let written: TokenStream = argument.iter().cloned().collect();
        let fix = if syn::parse2::<LitStr>(written.clone()).is_ok() {
            format!("a row's name needs its key: `name = {written}`")
        } else {
            format!("a row's value needs its key: `value = {written}`, or `bit = N` for bit N")
        };
        cx.at(first.span(), fix);
    }
    kept
}

/// The value of a key that takes a string, such as `markdown = "docs/permissions.md"`.
fn string(meta: &ParseNestedMeta<'_>, key: &str, example: &str) -> syn::Result<LitStr> {
    let input = meta.value()?;
    if input.peek(LitStr) {
        return input.parse();
    }
    let tokens = value_tokens(input)?;
    Err(syn::Error::new_spanned(
        tokens,
        format!("`{key}` takes a string, in quotes: `{key} = \"{example}\"`"),
    ))
}

/// The value of a key that takes a name, such as `set = ToxPermissions`.
fn name(meta: &ParseNestedMeta<'_>, key: &str, example: &str) -> syn::Result<Ident> {
    let input = meta.value()?;
    if input.peek(LitStr) {
        let lit: LitStr = input.parse()?;
        return Err(syn::Error::new(
            lit.span(),
            format!(
                "`{key}` takes a name, not a string: remove the quotes, as in `{key} = {}`",
                lit.value()
            ),
        ));
    }
    if input.peek(Ident::peek_any) {
        return input.call(Ident::parse_any);
    }
    let tokens = value_tokens(input)?;
    Err(syn::Error::new_spanned(
        tokens,
        format!("`{key}` takes a name, such as `{key} = {example}`"),
    ))
}

/// A key that is a flag, such as `composite`: it takes no value.
fn flag(meta: &ParseNestedMeta<'_>, key: &str) -> syn::Result<Span> {
    if meta.input.is_empty() || meta.input.peek(Token![,]) {
        return Ok(key_span(meta));
    }
    let tokens = value_tokens(meta.input)?;
    Err(syn::Error::new_spanned(
        tokens,
        format!("`{key}` is a flag and takes no value: write `{key}` alone"),
    ))
}

/// The parenthesized list of a key such as `implies(Public)`.
fn list<'a>(
    meta: &ParseNestedMeta<'a>,
    key: &str,
    example: &str,
) -> syn::Result<syn::parse::ParseBuffer<'a>> {
    if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        return Ok(content);
    }
    let tokens = value_tokens(meta.input)?;
    Err(syn::Error::new_spanned(
        tokens,
        format!("`{key}` takes a list in parentheses: `{key}({example})`"),
    ))
}

/// The key's identifier, where errors about a flag (`composite`, `bypass`) point.
fn key_span(meta: &ParseNestedMeta<'_>) -> Span {
    meta.path
        .segments
        .first()
        .map_or_else(Span::call_site, |s| s.ident.span())
}

/// The tokens of a key's value, up to the next `,`.
fn value_tokens(input: ParseStream<'_>) -> syn::Result<TokenStream> {
    let mut out = TokenStream::new();
    while !input.is_empty() && !input.peek(Token![,]) {
        out.extend([input.parse::<TokenTree>()?]);
    }
    Ok(out)
}

/// The value of `0x0112`, `1 << 8`, `(1 << 2) | 0x1`: integers, `<<` and `|`, in
/// parentheses or not. `None` for anything else, or a value beyond 128 bits.
fn mask(tokens: &TokenStream) -> Option<u128> {
    fn or(tokens: &[TokenTree]) -> Option<u128> {
        let mut acc = 0;
        for part in tokens.split(|t| matches!(t, TokenTree::Punct(p) if p.as_char() == '|')) {
            acc |= shift(part)?;
        }
        Some(acc)
    }
    fn shift(tokens: &[TokenTree]) -> Option<u128> {
        match tokens {
            [a] => atom(a),
            [a, TokenTree::Punct(l1), TokenTree::Punct(l2), b]
                if l1.as_char() == '<' && l2.as_char() == '<' =>
            {
                let base = atom(a)?;
                let by = u32::try_from(atom(b)?).ok()?;
                let value = base.checked_shl(by)?;
                // Bits shifted out are an error, not a silent truncation.
                (value >> by == base).then_some(value)
            }
            _ => None,
        }
    }
    fn atom(token: &TokenTree) -> Option<u128> {
        match token {
            TokenTree::Literal(lit) => syn::parse_str::<LitInt>(&lit.to_string())
                .ok()?
                .base10_parse()
                .ok(),
            TokenTree::Group(g) if g.delimiter() == proc_macro2::Delimiter::Parenthesis => {
                or(&g.stream().into_iter().collect::<Vec<_>>())
            }
            _ => None,
        }
    }
    let tokens: Vec<TokenTree> = tokens.clone().into_iter().collect();
    if tokens.is_empty() {
        return None;
    }
    or(&tokens)
}

/// Checks the key of one nested meta item. Unknown and repeated keys are recorded and their
/// value skipped, so that parsing goes on with the next key.
fn known_key(
    cx: &mut Ctxt,
    meta: &ParseNestedMeta<'_>,
    keys: &[&'static str],
    attr: &str,
    seen: &mut Vec<&'static str>,
) -> syn::Result<Option<&'static str>> {
    let name = meta
        .path
        .get_ident()
        .map(Ident::to_string)
        .unwrap_or_default();
    let Some(&key) = keys.iter().find(|k| **k == name) else {
        let shown = if name.is_empty() {
            "this key".to_owned()
        } else {
            format!("`{name}`")
        };
        let hint = match did_you_mean(&name, keys.iter().copied()) {
            hint if hint.is_empty() => format!("; expected one of: {}", keys.join(", ")),
            hint => hint,
        };
        cx.spanned(
            &meta.path,
            format!("unknown key {shown} in `#[{attr}(..)]`{hint}"),
        );
        skip_value(meta.input)?;
        return Ok(None);
    };
    if seen.contains(&key) {
        cx.spanned(
            &meta.path,
            format!("duplicate key `{key}` in `#[{attr}(..)]`"),
        );
        skip_value(meta.input)?;
        return Ok(None);
    }
    seen.push(key);
    Ok(Some(key))
}

fn skip_value(input: ParseStream<'_>) -> syn::Result<()> {
    while !input.is_empty() && !input.peek(Token![,]) {
        input.parse::<TokenTree>()?;
    }
    Ok(())
}

/// `A | B | 0x0112`: row names and values joined by `|`, the value of `key`.
fn terms(input: ParseStream<'_>, key: &str) -> syn::Result<Vec<Term>> {
    let mut out = Vec::new();
    loop {
        if input.peek(LitInt) {
            let lit: LitInt = input.parse()?;
            let value = lit.base10_parse::<u128>()?;
            out.push(Term::Value(value, lit));
        } else if input.peek(LitStr) {
            let lit: LitStr = input.parse()?;
            return Err(syn::Error::new(
                lit.span(),
                format!(
                    "`{key}` takes row names, not strings: remove the quotes, as in `{}`",
                    lit.value()
                ),
            ));
        } else if input.peek(Ident::peek_any) {
            out.push(Term::Name(input.call(Ident::parse_any)?));
        } else {
            return Err(input.error(format!(
                "`{key}` takes row names joined by `|`, such as `SEND_MESSAGES | VIEW_SETTINGS`"
            )));
        }
        if !input.peek(Token![|]) {
            return Ok(out);
        }
        let bar: Token![|] = input.parse()?;
        if input.is_empty() || input.peek(Token![,]) {
            return Err(syn::Error::new(
                bar.span,
                "nothing follows this `|`: name a row after it, or remove it",
            ));
        }
    }
}
