//! Parsing of `#[permissions(...)]` (container) and `#[permission(...)]` (row) attributes.
//!
//! A bad key is recorded in the [`Ctxt`] and parsing goes on with the next key, so one build
//! shows every mistake. Which keys each form takes is checked here, once: a key of the other
//! form is an error on the key.

use proc_macro2::{Ident, Literal, Span, TokenStream, TokenTree};

use permissions_core::table::Role;

use super::ast::Attribute;
pub use super::read::Str;
use super::read::{
    Key, arguments, each_key, entries, equals, flag, list, literal, mask, name, on_rest, operands,
    row_name, string, terms, value,
};
use crate::ctxt::{Ctxt, Error, did_you_mean};
use crate::tokens::{self, Cursor};

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
    Value(u128, Literal),
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
    /// `crate = ".."`: the facade's path, as tokens.
    pub krate: Option<TokenStream>,
    pub markdown: Option<Str>,
    pub markdown_str: Option<Str>,
    /// `markdown` or `markdown_str` was written, even with a value that could not be read
    /// (which is its own error): the document is not missing.
    pub document_given: bool,
    pub section: Option<Str>,
    pub auto_bits: Option<Span>,
    /// `implies(USER = PUBLIC, ..)`: implied rows for a document's table, which cannot say it.
    pub implies: Vec<(Ident, Vec<Ident>)>,
    /// `serde = "decimal"`: the module of `permissions::serde` that the set's impls call.
    pub serde: Option<Ident>,
    /// `aliases`: a row whose value equals an earlier row's is another name for it.
    pub aliases: bool,
    /// `columns(name = "Right", ..)`: which header plays which role, and the key's tokens.
    pub columns: Vec<(Role, Str)>,
    /// `columns(..)` as written, where errors about the mapping point.
    pub columns_span: Option<Span>,
    /// A role of `columns(..)` could not be read: the document is not read either, since
    /// every error it gave would follow from that one.
    pub columns_broken: bool,
    /// `table = N`: the Nth table (1-based).
    pub table: Option<(usize, Literal)>,
    /// `lock = "docs/x.lock"`: each name's bits, as last written on purpose.
    pub lock: Option<Str>,
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
    pub name: Option<Str>,
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
    for attr in attrs.iter().filter(|a| a.is("permission")) {
        cx.spanned(
            &attr.path,
            "`#[permission(..)]` describes one row and goes on a variant; the options of the whole set go in `#[permissions(..)]`",
        );
    }
    for attr in attrs.iter().filter(|a| a.is("permissions")) {
        let Some(mut c) = arguments(cx, attr, "permissions", "bits = u16") else {
            continue;
        };
        each_key(cx, &mut c, &keys, "permissions", &mut seen, |cx, key, c| {
            if CONTAINER_KEYS
                .iter()
                .any(|&(k, f)| k == key.name && f.is_some_and(|f| f != form))
            {
                cx.spanned(&key.ident, wrong_form(key.name, form));
                c.until_comma();
                return Ok(());
            }
            container_key(cx, &mut out, key, c)
        });
    }
    out
}

fn container_key(
    cx: &mut Ctxt,
    out: &mut Container,
    key: &Key,
    c: &mut Cursor,
) -> Result<(), Error> {
    match key.name {
        "bits" => {
            let ident = name(c, key, "u32")?;
            match Bits::from_ident(&ident) {
                Some(bits) => out.bits = Some(bits),
                None => cx.spanned(
                    &ident,
                    format!("unsupported `bits = {ident}`: use one of u8, u16, u32, u64, u128"),
                ),
            }
        }
        "set" => out.set = Some(name(c, key, "ToxPermissions")?),
        "default" => {
            value(c, key, "SEND_MESSAGES | VIEW_SETTINGS")?;
            out.default = Some(terms(c, key.name)?);
        }
        "bypass" => {
            value(c, key, "ADMINISTRATOR")?;
            out.bypass = Some(terms(c, key.name)?);
        }
        "crate" => {
            let lit = string(c, key, "permissions")?;
            let path = tokens::path(lit.value(), lit.span()).ok_or_else(|| {
                Error::new(
                    lit.span(),
                    format!(
                        "`crate = {:?}` is not a path: name the crate as yours depends on it, such as \
                         `crate = \"permissions\"` or `crate = \"::my_app::permissions\"`",
                        lit.value()
                    ),
                )
            })?;
            out.krate = Some(path);
        }
        "markdown" => {
            out.document_given = true;
            out.markdown = Some(string(c, key, "docs/permissions.md")?);
        }
        "markdown_str" => {
            out.document_given = true;
            out.markdown_str = Some(string(c, key, "| Permission | Value |..")?);
        }
        "section" => out.section = Some(string(c, key, "Guild Permissions")?),
        "auto_bits" => out.auto_bits = Some(flag(c, key)?),
        "aliases" => out.aliases = flag(c, key).map(|_| true)?,
        "lock" => out.lock = Some(string(c, key, "docs/permissions.lock")?),
        "table" => {
            value(c, key, "2")?;
            let tokens = c.until_comma();
            let number = literal(&tokens).and_then(|lit| {
                let n = usize::try_from(tokens::int(&lit)?).ok()?;
                Some((n, lit))
            });
            match number {
                Some((n, lit)) if n > 0 => out.table = Some((n, lit)),
                _ => cx.spanned(
                    TokenStream::from_iter(tokens),
                    "`table` takes the table's number, from 1, such as `table = 2`",
                ),
            }
        }
        "columns" => {
            out.columns_span = Some(key.span());
            // Cleared once every role is read.
            out.columns_broken = true;
            let mut broken = false;
            let example = "name = \"Right\", description = \"When enabled\"";
            let mut content = list(c, key, example)?;
            let entries = entries(&mut content, key, example, |c| {
                let role = c.eat_ident().ok_or_else(|| {
                    on_rest(
                        c,
                        format!("`columns(..)` maps column roles to headers: `columns({example})`"),
                    )
                })?;
                let eq = equals(&role, c, "its value", "{}")?;
                let header = match (&eq, c.peek()) {
                    (Some(_), Some(TokenTree::Literal(lit))) => Str::read(lit),
                    _ => None,
                };
                match header {
                    Some(header) => {
                        c.next();
                        Ok((role, header))
                    }
                    None => Err(Error::new_spanned(
                        std::iter::once(TokenTree::Ident(role.clone()))
                            .chain(c.until_comma())
                            .collect::<TokenStream>(),
                        format!(
                            "`{role}` takes its column's header, in quotes: `{role} = \"Right\"`"
                        ),
                    )),
                }
            })?;
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
            let lit = string(c, key, "decimal")?;
            let form = lit.value();
            if SERDE_FORMS.contains(&form) {
                out.serde = Some(Ident::new(form, lit.span()));
            } else {
                let hint = did_you_mean(form, SERDE_FORMS.iter().copied());
                cx.spanned(
                    &lit,
                    format!(
                        "unknown serde form {form:?}: expected \"text\", \"decimal\" or \"bits\"{hint}"
                    ),
                );
            }
        }
        "implies" => {
            let example = "USER = PUBLIC";
            let mut content = list(c, key, example)?;
            let entries = entries(&mut content, key, example, |c| {
                let row = row_name(c, "implies").unwrap_or_else(|| {
                    Err(on_rest(c, format!("`implies(..)` names a row and the rows it implies: `implies({example})`")))
                })?;
                if equals(&row, c, "the rows it implies", "implies({})")?.is_none() {
                    return Err(Error::new_spanned(
                        std::iter::once(TokenTree::Ident(row.clone()))
                            .chain(c.until_comma())
                            .collect::<TokenStream>(),
                        format!(
                            "`{row}` takes the rows it implies after `=`: `implies({row} = PUBLIC)`"
                        ),
                    ));
                }
                let implied = terms(c, "implies")?
                    .into_iter()
                    .map(|t| match t {
                        Term::Name(ident) => Ok(ident),
                        Term::Value(_, lit) => Err(Error::new(
                            lit.span(),
                            "`implies(..)` takes row names, not values",
                        )),
                    })
                    .collect::<Result<Vec<Ident>, Error>>()?;
                Ok((row, implied))
            })?;
            out.implies.extend(entries);
        }
        _ => unreachable!("every key of CONTAINER_KEYS is handled"),
    }
    Ok(())
}

pub fn row(cx: &mut Ctxt, attrs: &[Attribute]) -> Row {
    let mut out = Row::default();
    let mut seen = Vec::new();
    for attr in attrs.iter().filter(|a| a.is("permissions")) {
        cx.spanned(
            &attr.path,
            "`#[permissions(..)]` holds the options of the whole set and goes on the enum; a row takes `#[permission(..)]`",
        );
    }
    for attr in attrs.iter().filter(|a| a.is("permission")) {
        let Some(mut c) = arguments(cx, attr, "permission", "value = 0x0100") else {
            continue;
        };
        each_key(
            cx,
            &mut c,
            ROW_KEYS,
            "permission",
            &mut seen,
            |cx, key, c| row_key(cx, &mut out, key, c),
        );
    }
    if let (Some(_), Some((_, tokens))) = (&out.bit, &out.value) {
        cx.spanned(tokens, "a row takes `bit = N` or `value = LIT`, not both");
    }
    out
}

fn row_key(cx: &mut Ctxt, out: &mut Row, key: &Key, c: &mut Cursor) -> Result<(), Error> {
    match key.name {
        "bit" => {
            let tokens = operands(c, key, "31")?;
            let number = literal(&tokens)
                .and_then(|lit| tokens::int(&lit))
                .and_then(|n| u32::try_from(n).ok());
            let tokens = TokenStream::from_iter(tokens);
            match number {
                Some(n) => out.bit = Some((n, tokens)),
                None => cx.spanned(
                    &tokens,
                    "`bit` takes a bit number such as `bit = 31`; for a mask, write `value = ..`",
                ),
            }
        }
        "value" => {
            let tokens = operands(c, key, "0x0112")?;
            let tokens = match mask(&tokens) {
                Some(n) => {
                    out.value = Some((n, TokenStream::from_iter(tokens)));
                    return Ok(());
                }
                None => TokenStream::from_iter(tokens),
            };
            cx.spanned(
                &tokens,
                "`value` takes an unsigned integer such as `value = 0x0112`, `1 << 8`, \
                 or several joined with `|`",
            );
        }
        "implies" => {
            let mut content = list(c, key, "Public")?;
            let names = entries(&mut content, key, "Public", |c| {
                row_name(c, "implies").unwrap_or_else(|| {
                    Err(on_rest(
                        c,
                        "`implies(..)` takes row names, as in `implies(Public)`",
                    ))
                })
            })?;
            if names.is_empty() {
                cx.at(
                    key.span(),
                    "`implies(..)` names no row; write `implies(Public)` or remove it",
                );
            }
            out.implies.extend(names);
        }
        "composite" => out.composite = Some(flag(c, key)?),
        "bypass" => out.bypass = Some(flag(c, key)?),
        "name" => out.name = Some(string(c, key, "VIEW_AUDIT_LOG")?),
        _ => unreachable!("every key of ROW_KEYS is handled"),
    }
    Ok(())
}
