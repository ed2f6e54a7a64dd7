//! Parsing of `#[permissions(...)]` (container) and `#[permission(...)]` (row) attributes.
//!
//! A bad key is recorded in the [`Ctxt`] and parsing goes on with the next key, so one build
//! shows every mistake.

use proc_macro2::{Span, TokenTree};
use syn::ext::IdentExt;
use syn::meta::ParseNestedMeta;
use syn::parse::ParseStream;
use syn::{Attribute, Ident, LitInt, LitStr, Path, Token};

use crate::ctxt::{Ctxt, did_you_mean};

/// An integer type that can hold a set.
#[derive(Clone, Copy)]
pub struct Bits {
    pub width: u32,
    pub ident: &'static str,
    pub span: Span,
}

impl Bits {
    pub const NAMES: [&'static str; 5] = ["u8", "u16", "u32", "u64", "u128"];

    pub fn from_ident(ident: &Ident) -> Option<Self> {
        let name = ident.to_string();
        let index = Self::NAMES.iter().position(|n| *n == name)?;
        Some(Bits {
            width: 8 << index,
            ident: Self::NAMES[index],
            span: ident.span(),
        })
    }

    /// Every bit the type has.
    pub fn mask(self) -> u128 {
        if self.width == 128 {
            u128::MAX
        } else {
            (1u128 << self.width) - 1
        }
    }
}

/// One term of `default = A | B | 0x0112`.
pub enum Term {
    Name(Ident),
    Value(u128, LitInt),
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
}

/// `#[permission(...)]` on an enum variant.
#[derive(Default)]
pub struct Row {
    pub bit: Option<(u32, LitInt)>,
    pub value: Option<(u128, LitInt)>,
    pub implies: Vec<Ident>,
    pub composite: Option<Span>,
    pub bypass: Option<Span>,
    pub name: Option<LitStr>,
}

const CONTAINER_KEYS: &[&str] = &[
    "bits",
    "set",
    "default",
    "bypass",
    "crate",
    "markdown",
    "markdown_str",
    "section",
    "auto_bits",
    "implies",
    "serde",
];
/// The modules of `permissions::serde`, which `serde = ".."` names.
const SERDE_FORMS: &[&str] = &["text", "decimal", "bits"];
const ROW_KEYS: &[&str] = &["bit", "value", "implies", "composite", "bypass", "name"];

pub fn container(cx: &mut Ctxt, attrs: &[Attribute]) -> Container {
    let mut out = Container::default();
    let mut seen = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("permissions")) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = known_key(cx, &meta, CONTAINER_KEYS, "permissions", &mut seen)? else {
                return Ok(());
            };
            match key {
                "bits" => {
                    let ident: Ident = meta.value()?.parse()?;
                    match Bits::from_ident(&ident) {
                        Some(bits) => out.bits = Some(bits),
                        None => cx.spanned(
                            &ident,
                            format!(
                                "unsupported `bits = {ident}`: use one of u8, u16, u32, u64, u128"
                            ),
                        ),
                    }
                }
                "set" => out.set = Some(meta.value()?.parse()?),
                "default" => out.default = Some(terms(meta.value()?)?),
                "bypass" => out.bypass = Some(terms(meta.value()?)?),
                "crate" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    out.krate = Some(lit.parse()?);
                }
                "markdown" => out.markdown = Some(meta.value()?.parse()?),
                "markdown_str" => out.markdown_str = Some(meta.value()?.parse()?),
                "section" => out.section = Some(meta.value()?.parse()?),
                "auto_bits" => out.auto_bits = Some(meta.path.segments[0].ident.span()),
                "serde" => {
                    let lit: LitStr = meta.value()?.parse()?;
                    let form = lit.value();
                    if SERDE_FORMS.contains(&form.as_str()) {
                        out.serde = Some(Ident::new(&form, lit.span()));
                    } else {
                        let hint = did_you_mean(&form, SERDE_FORMS.iter().copied());
                        cx.spanned(
                            &lit,
                            format!("unknown serde form {form:?}: expected \"text\", \"decimal\" or \"bits\"{hint}"),
                        );
                    }
                }
                "implies" => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let entries = content.parse_terminated(
                        |input: ParseStream<'_>| {
                            let row = input.call(Ident::parse_any)?;
                            input.parse::<Token![=]>()?;
                            let mut implied = vec![input.call(Ident::parse_any)?];
                            while input.peek(Token![|]) {
                                input.parse::<Token![|]>()?;
                                implied.push(input.call(Ident::parse_any)?);
                            }
                            Ok((row, implied))
                        },
                        Token![,],
                    )?;
                    out.implies.extend(entries);
                }
                _ => unreachable!("every key of CONTAINER_KEYS is handled"),
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.push(err);
        }
    }
    out
}

pub fn row(cx: &mut Ctxt, attrs: &[Attribute]) -> Row {
    let mut out = Row::default();
    let mut seen = Vec::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("permission")) {
        let result = attr.parse_nested_meta(|meta| {
            let Some(key) = known_key(cx, &meta, ROW_KEYS, "permission", &mut seen)? else {
                return Ok(());
            };
            let span = meta.path.segments[0].ident.span();
            match key {
                "bit" => {
                    let lit: LitInt = meta.value()?.parse()?;
                    match lit.base10_parse::<u32>() {
                        Ok(n) => out.bit = Some((n, lit)),
                        Err(_) => cx.spanned(&lit, "`bit` takes a bit number such as `bit = 31`"),
                    }
                }
                "value" => {
                    let lit: LitInt = meta.value()?.parse()?;
                    match lit.base10_parse::<u128>() {
                        Ok(n) => out.value = Some((n, lit)),
                        Err(_) => cx.spanned(
                            &lit,
                            "`value` takes an unsigned integer such as `value = 0x0112`",
                        ),
                    }
                }
                "implies" => {
                    let content;
                    syn::parenthesized!(content in meta.input);
                    let names = content.parse_terminated(Ident::parse_any, Token![,])?;
                    if names.is_empty() {
                        cx.at(
                            span,
                            "`implies(..)` names no row; write `implies(Public)` or remove it",
                        );
                    }
                    out.implies.extend(names);
                }
                "composite" => out.composite = Some(span),
                "bypass" => out.bypass = Some(span),
                "name" => out.name = Some(meta.value()?.parse()?),
                _ => unreachable!("every key of ROW_KEYS is handled"),
            }
            Ok(())
        });
        if let Err(err) = result {
            cx.push(err);
        }
    }
    if let (Some(_), Some((_, lit))) = (&out.bit, &out.value) {
        cx.spanned(lit, "a row takes `bit = N` or `value = LIT`, not both");
    }
    out
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

/// `A | B | 0x0112`: row names and values joined by `|`.
fn terms(input: ParseStream<'_>) -> syn::Result<Vec<Term>> {
    let mut out = Vec::new();
    loop {
        if input.peek(LitInt) {
            let lit: LitInt = input.parse()?;
            let value = lit.base10_parse::<u128>()?;
            out.push(Term::Value(value, lit));
        } else {
            out.push(Term::Name(input.call(Ident::parse_any)?));
        }
        if !input.peek(Token![|]) {
            return Ok(out);
        }
        input.parse::<Token![|]>()?;
    }
}
