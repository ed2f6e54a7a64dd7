//! The typed model of a permission table, from either form of the derive, and the item it
//! comes from, read token by token (outer attributes, visibility, generics, variants, fields).
//!
//! Each row keeps the tokens it came from, so that every check can point at the offending
//! token: a variant, a `value = ..` literal, an `implies(..)` name.

use proc_macro2::{Delimiter, Group, Ident, Spacing, Span, TokenStream, TokenTree};

use super::attr::{self, Bits, Str};
use crate::ctxt::{Ctxt, Error};
use crate::tokens::{self, Cursor};

/// How a row gets its bits.
pub enum Assign {
    /// `bit = N`, and its tokens.
    Bit(u32, TokenStream),
    /// `value = LIT`, and its tokens.
    Value(u128, TokenStream),
    /// A value read from a document; errors point at the document and name the line.
    Documented(u128),
    /// Neither: the next free bit.
    Auto,
}

pub struct Row {
    /// The enum variant, for the enum form.
    pub variant: Option<Ident>,
    /// The generated constant's name, SCREAMING_SNAKE_CASE.
    pub name: String,
    pub assign: Assign,
    /// `name = ".."`, when the row's name is given.
    pub name_lit: Option<Str>,
    pub implies: Vec<Ident>,
    pub composite: bool,
    pub bypass: Option<Span>,
    /// A document's "Not Used" row: it only reserves its bits.
    pub reserved: bool,
    pub description: String,
    /// Extra columns of a Markdown table.
    pub meta: Vec<(String, String)>,
    /// Where errors about this row point.
    pub span: Span,
    /// The row's line in its document; 0 for a variant.
    pub line: usize,
}

pub enum Form {
    /// `enum ToxPermission { .. }`: the derive also generates the set struct.
    Enum { ident: Ident },
    /// `struct GuildPermissions(u32);`: the derive implements the set on it.
    Newtype,
}

pub struct Container {
    pub vis: TokenStream,
    pub set: Ident,
    pub bits: Bits,
    pub form: Form,
    pub attrs: attr::Container,
    pub rows: Vec<Row>,
    /// Whether every variant is a plain unit variant, so the enum's helpers can be generated.
    pub unit_variants: bool,
    /// Where the newtype form's rows come from, once read.
    pub document: Option<super::document::Document>,
    /// `lock = ".."`, once read.
    pub lock: Option<super::document::LockFile>,
}

impl Container {
    pub fn from_input(cx: &mut Ctxt, input: TokenStream) -> Option<Container> {
        let item = match Item::read(input) {
            Ok(item) => item,
            Err(err) => {
                cx.push(err);
                return None;
            }
        };
        let form = match &item.body {
            Body::Variants(_) => attr::Form::Enum,
            Body::Fields { .. } => attr::Form::Markdown,
            Body::Union => {
                cx.spanned(
                    &item.keyword,
                    "`#[derive(PermissionSet)]` takes a fieldless enum or a newtype struct over an unsigned integer, not a union",
                );
                return None;
            }
        };
        // A struct that is no newtype over an unsigned integer: that alone is reported, not
        // also the keys it makes look out of place (`bits = ..`).
        let struct_bits = match &item.body {
            Body::Fields { types, named } => Some(newtype_bits(cx, types, *named, &item.ident)?),
            _ => None,
        };
        let attrs = attr::container(cx, &item.attrs, form);
        if !item.generics.is_empty() {
            cx.spanned(
                &item.generics,
                "a permission set cannot be generic: remove the parameters",
            );
            return None;
        }
        match item.body {
            Body::Variants(variants) => {
                let bits = attrs.bits.unwrap_or(Bits {
                    width: 32,
                    ident: "u32",
                });
                // `format_ident!` drops a raw name's `r#`: `enum r#type` gives `types`.
                let default_set = quote::format_ident!("{}s", item.ident, span = item.ident.span());
                let set = match &attrs.set {
                    // The enum's own name: the struct would clash with it everywhere.
                    Some(set) if *set == item.ident => {
                        cx.spanned(
                            set,
                            format!(
                                "`set = {set}` is the enum's own name; the set needs a name of its own, such as `{default_set}`"
                            ),
                        );
                        default_set
                    }
                    Some(set) => set.clone(),
                    None => default_set,
                };
                if variants.is_empty() {
                    cx.spanned(
                        &item.ident,
                        format!(
                            "`{}` has no rows: a permission set needs at least one variant, one per permission",
                            item.ident
                        ),
                    );
                }
                let rows = variants.iter().map(|v| variant_row(cx, v)).collect();
                let unit_variants = variants
                    .iter()
                    .all(|v| v.fields.is_none() && v.discriminant.is_empty());
                Some(Container {
                    vis: item.vis,
                    set,
                    bits,
                    form: Form::Enum { ident: item.ident },
                    attrs,
                    rows,
                    unit_variants,
                    document: None,
                    lock: None,
                })
            }
            Body::Fields { .. } => Some(Container {
                vis: item.vis,
                set: item.ident,
                bits: struct_bits?,
                form: Form::Newtype,
                attrs,
                rows: Vec::new(),
                unit_variants: true,
                document: None,
                lock: None,
            }),
            Body::Union => None,
        }
    }
}

/// One outer attribute, `#[path ..]`; doc comments arrive as `#[doc = ".."]`.
pub struct Attribute {
    /// `#` and the bracket, where errors about the whole attribute point.
    pub tokens: TokenStream,
    /// `permissions`, `doc`, `serde::rename`: the path as written.
    pub path: TokenStream,
    /// `(..)` after the path, in any delimiter.
    pub list: Option<Group>,
    /// The tokens after `=`, as in `doc = ".."`.
    pub value: Vec<TokenTree>,
}

impl Attribute {
    /// Whether the attribute's path is the one identifier `name`.
    pub fn is(&self, name: &str) -> bool {
        let mut path = self.path.clone().into_iter();
        matches!((path.next(), path.next()), (Some(TokenTree::Ident(i)), None) if i == name)
    }
}

/// The item the derive is on, read from its tokens. rustc passes an item that parsed as an
/// enum, a struct or a union, with its `cfg`s applied; anything else is an error, never a
/// panic.
struct Item {
    attrs: Vec<Attribute>,
    vis: TokenStream,
    /// `enum`, `struct` or `union`.
    keyword: Ident,
    ident: Ident,
    /// `<..>` and `where ..` as written: a set takes neither.
    generics: TokenStream,
    body: Body,
}

enum Body {
    Variants(Vec<Variant>),
    /// A struct's fields: each one's type (`u16` of `bits: u16`), and whether they are
    /// named; none for `struct S;`.
    Fields {
        types: Vec<TokenStream>,
        named: bool,
    },
    Union,
}

struct Variant {
    attrs: Vec<Attribute>,
    ident: Ident,
    /// `(..)` or `{..}`, which a row may not have.
    fields: Option<Group>,
    /// The expression after `=`, which a row may not have.
    discriminant: TokenStream,
}

impl Item {
    fn read(input: TokenStream) -> Result<Item, Error> {
        let mut c = Cursor::new(tokens::flat(input), Span::call_site());
        let attrs = outer_attributes(&mut c)?;
        let vis = visibility(&mut c);
        let keyword = match c.peek() {
            Some(TokenTree::Ident(k)) if ["enum", "struct", "union"].iter().any(|w| k == w) => {
                k.clone()
            }
            _ => return Err(expected(&c, "`enum`, `struct` or `union`")),
        };
        c.next();
        let ident = c
            .eat_ident()
            .ok_or_else(|| expected(&c, "the item's name"))?;
        let mut generics: Vec<TokenTree> = Vec::new();
        if c.is_punct('<') {
            generics = angled(&mut c).ok_or_else(|| expected(&c, "`>`"))?;
        }
        let struct_kind = keyword == "struct";
        // A tuple struct's fields come before its `where` clause, a braced body after it.
        let tuple = match c.peek() {
            Some(TokenTree::Group(g)) if struct_kind && g.delimiter() == Delimiter::Parenthesis => {
                let g = g.clone();
                c.next();
                Some(g)
            }
            _ => None,
        };
        let mut rest = c.rest();
        let end = match rest.pop() {
            Some(TokenTree::Group(g)) if g.delimiter() == Delimiter::Brace && tuple.is_none() => {
                Some(g)
            }
            Some(TokenTree::Punct(p)) if p.as_char() == ';' && struct_kind => None,
            Some(other) => {
                return Err(Error::new(other.span(), "expected the item's body"));
            }
            None => return Err(Error::new(Span::call_site(), "expected the item's body")),
        };
        // Between the name (or the tuple's fields) and the body, only `where ..` stands.
        if let Some(first) = rest.first()
            && !matches!(first, TokenTree::Ident(w) if w == "where")
        {
            return Err(Error::new(
                first.span(),
                "expected `where` or the item's body",
            ));
        }
        generics.extend(rest);
        let body = match (keyword.to_string().as_str(), end, tuple) {
            ("enum", Some(body), _) => Body::Variants(
                split(body.stream())
                    .into_iter()
                    .map(variant)
                    .collect::<Result<_, _>>()?,
            ),
            ("union", _, _) => Body::Union,
            (_, Some(body), _) => Body::Fields {
                types: fields(body.stream(), true),
                named: true,
            },
            (_, None, Some(tuple)) => Body::Fields {
                types: fields(tuple.stream(), false),
                named: false,
            },
            (_, None, None) => Body::Fields {
                types: Vec::new(),
                named: false,
            },
        };
        Ok(Item {
            attrs,
            vis,
            keyword,
            ident,
            generics: generics.into_iter().collect(),
            body,
        })
    }
}

/// "expected `what`", at the next token.
fn expected(c: &Cursor, what: &str) -> Error {
    Error::new(c.span(), format!("expected {what}"))
}

/// `#[..]`, as many as there are.
fn outer_attributes(c: &mut Cursor) -> Result<Vec<Attribute>, Error> {
    let mut attrs = Vec::new();
    while let Some(pound) = c.eat_punct('#') {
        let bracket = c
            .eat_group(Delimiter::Bracket)
            .ok_or_else(|| expected(c, "`[` after `#`"))?;
        let mut inner = Cursor::new(tokens::flat(bracket.stream()), bracket.span_close());
        let path = inner
            .eat_path()
            .or_else(|| inner.eat_ident().map(|i| TokenTree::Ident(i).into()))
            .ok_or_else(|| expected(&inner, "the attribute's name"))?;
        let list = match inner.peek() {
            Some(TokenTree::Group(g)) => Some(g.clone()),
            _ => None,
        };
        if list.is_some() {
            inner.next();
        } else {
            inner.eat_punct('=');
        }
        attrs.push(Attribute {
            tokens: TokenStream::from_iter([TokenTree::Punct(pound), TokenTree::Group(bracket)]),
            path,
            list,
            value: inner.rest(),
        });
    }
    Ok(attrs)
}

/// `pub`, `pub(crate)`, `pub(self)`, `pub(super)`, `pub(in path)`, or nothing.
fn visibility(c: &mut Cursor) -> TokenStream {
    let Some(word) = c.eat_word("pub") else {
        return TokenStream::new();
    };
    let mut vis = TokenStream::from(TokenTree::Ident(word));
    // `pub (u32)` in a tuple struct is a public field of type `(u32)`, not a restriction.
    if let Some(TokenTree::Group(g)) = c.peek()
        && g.delimiter() == Delimiter::Parenthesis
    {
        let inner: Vec<TokenTree> = g.stream().into_iter().collect();
        let restricted = match inner.as_slice() {
            [TokenTree::Ident(w)] => ["crate", "self", "super"].iter().any(|k| w == k),
            [TokenTree::Ident(w), ..] => w == "in",
            _ => false,
        };
        if restricted {
            vis.extend(c.next());
        }
    }
    vis
}

/// `<..>`, from the `<` at the cursor to the `>` that closes it; `None` when none does. The
/// `>` of `->` closes nothing.
fn angled(c: &mut Cursor) -> Option<Vec<TokenTree>> {
    let mut out = Vec::new();
    let mut depth = 0_usize;
    let mut arrow = false;
    for token in c.by_ref() {
        if let TokenTree::Punct(p) = &token {
            match p.as_char() {
                '<' => depth += 1,
                '>' if !arrow => depth = depth.saturating_sub(1),
                _ => {}
            }
            arrow = p.as_char() == '-' && p.spacing() == Spacing::Joint;
        } else {
            arrow = false;
        }
        out.push(token);
        if depth == 0 {
            return Some(out);
        }
    }
    None
}

/// The comma-separated variants of an enum's body, without a trailing empty one. A comma
/// between `<` and `>` separates nothing, but in a discriminant only a `<` that cannot be
/// less-than opens, one where no operand precedes it: after an operator (`foo::<u8, u16>()`,
/// `= <T as Tr<A, B>>::V`) or inside other `<..>`. (Types split with
/// [`tokens::split_top_level`], where every `<` opens.)
fn split(stream: TokenStream) -> Vec<Vec<TokenTree>> {
    let mut parts = Vec::new();
    let mut part = Vec::new();
    let mut depth = 0_usize;
    let mut arrow = false;
    // Whether the last token is an operator, after which `<` starts a path: not an operand
    // (a name, a literal, a group), not `?` (`a? < b`), and not the first `<` of `<<`.
    let mut operator = true;
    for token in tokens::flat(stream) {
        if let TokenTree::Punct(p) = &token {
            let mut opens = false;
            match p.as_char() {
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut part));
                    arrow = false;
                    operator = true;
                    continue;
                }
                '<' if depth > 0 || operator => {
                    depth += 1;
                    opens = true;
                }
                '>' if !arrow => depth = depth.saturating_sub(1),
                _ => {}
            }
            arrow = p.as_char() == '-' && p.spacing() == Spacing::Joint;
            let less = p.as_char() == '<' && !opens && p.spacing() == Spacing::Joint;
            operator = p.as_char() != '?' && !less;
        } else {
            arrow = false;
            operator = false;
        }
        part.push(token);
    }
    if !part.is_empty() {
        parts.push(part);
    }
    parts
}

/// Each field's type: `bits: u16` (`named`) or `u16`, after its attributes and visibility.
fn fields(stream: TokenStream, named: bool) -> Vec<TokenStream> {
    let tokens: Vec<TokenTree> = tokens::flat(stream).into_iter().collect();
    let mut parts = tokens::split_top_level(&tokens, ',');
    // A trailing `,` leaves an empty last part, which is no field.
    if parts.last().is_some_and(|part| part.is_empty()) {
        parts.pop();
    }
    parts
        .into_iter()
        .map(|part| {
            let mut c = Cursor::new(part.iter().cloned().collect(), Span::call_site());
            let _ = outer_attributes(&mut c);
            visibility(&mut c);
            if named && matches!(c.peek_nth(1), Some(TokenTree::Punct(p)) if p.as_char() == ':') {
                c.next();
                c.next();
            }
            c.rest().into_iter().collect()
        })
        .collect()
}

/// `#[..] Name`, `Name(..)`, `Name { .. }`, `Name = expr`.
fn variant(part: Vec<TokenTree>) -> Result<Variant, Error> {
    let mut c = Cursor::new(part.into_iter().collect(), Span::call_site());
    let attrs = outer_attributes(&mut c)?;
    // rustc rejects a variant's visibility itself, after the derive.
    visibility(&mut c);
    let ident = c
        .eat_ident()
        .ok_or_else(|| expected(&c, "a variant's name"))?;
    let fields = c
        .eat_group(Delimiter::Parenthesis)
        .or_else(|| c.eat_group(Delimiter::Brace));
    let discriminant = match c.eat_punct('=') {
        Some(_) => c.rest().into_iter().collect(),
        None => TokenStream::new(),
    };
    if let Some(token) = c.peek() {
        return Err(Error::new(
            token.span(),
            "expected `,`, `=` or the variant's fields",
        ));
    }
    Ok(Variant {
        attrs,
        ident,
        fields,
        discriminant,
    })
}

fn newtype_bits(cx: &mut Ctxt, fields: &[TokenStream], named: bool, ident: &Ident) -> Option<Bits> {
    let ([ty], false) = (fields, named) else {
        // `struct S { bits: u16 }` names its integer: the example keeps it.
        let bits = fields
            .first()
            .map_or_else(|| "u32".to_owned(), ToString::to_string);
        cx.spanned(
            ident,
            format!("a permission set struct is a newtype over its bits, such as `struct {ident}({bits});`"),
        );
        return None;
    };
    let mut tokens = ty.clone().into_iter();
    let bits = match (tokens.next(), tokens.next()) {
        (Some(TokenTree::Ident(ident)), None) => Bits::from_ident(&ident),
        _ => None,
    };
    if bits.is_none() {
        cx.spanned(
            ty,
            "unsupported bits type: use one of u8, u16, u32, u64, u128",
        );
    }
    bits
}

fn variant_row(cx: &mut Ctxt, variant: &Variant) -> Row {
    let attrs = attr::row(cx, &variant.attrs);
    if let Some(fields) = &variant.fields {
        cx.spanned(
            fields,
            format!("a permission row has no fields: write `{}`", variant.ident),
        );
    }
    if !variant.discriminant.is_empty() {
        cx.spanned(&variant.discriminant, "give a row's value with `#[permission(value = ..)]` or `#[permission(bit = ..)]`, not a discriminant");
    }
    let derived = screaming_snake(&variant.ident.to_string());
    // `_0` gives `0`, `__` nothing: no constant can be named that. The row keeps its
    // variant's name for the other checks, so that this is its one error.
    let derived = if tokens::is_ident(&derived) {
        derived
    } else {
        let written = tokens::unraw(&variant.ident);
        if attrs.name.is_none() {
            let why = match derived.as_str() {
                "" => "it has no letters or digits".to_owned(),
                _ => format!("`{derived}`"),
            };
            cx.spanned(
                &variant.ident,
                format!(
                    "`{written}` gives no constant name ({why}): name its constant with `#[permission(name = \"{}\")]`",
                    suggested_name(&written)
                ),
            );
        }
        written
    };
    let name = match &attrs.name {
        // A plain identifier: not a keyword, and not raw (`r#fn`), which no constant of a
        // bitflags type can be named; in SCREAMING_SNAKE_CASE, as every other row's.
        Some(lit)
            if tokens::is_ident(lit.value())
                && !lit.value().chars().any(|c| c.is_ascii_lowercase()) =>
        {
            lit.value().to_owned()
        }
        Some(lit) if tokens::is_ident(lit.value()) => {
            cx.spanned(
                lit,
                format!(
                    "`name = {:?}`: constants are named in SCREAMING_SNAKE_CASE, as every other row's: write `\"{}\"`",
                    lit.value(),
                    suggested_name(lit.value())
                ),
            );
            derived
        }
        Some(lit) => {
            cx.spanned(
                lit,
                format!(
                    "`name = {:?}` is not a constant's name: write a plain identifier such as `\"{}\"`",
                    lit.value(),
                    suggested_name(lit.value())
                ),
            );
            derived
        }
        None => derived,
    };
    let assign = match (attrs.bit, attrs.value) {
        (Some((n, lit)), _) => Assign::Bit(n, lit),
        (None, Some((v, lit))) => Assign::Value(v, lit),
        (None, None) => Assign::Auto,
    };
    Row {
        variant: Some(variant.ident.clone()),
        name,
        name_lit: attrs.name,
        assign,
        implies: attrs.implies,
        composite: attrs.composite.is_some(),
        bypass: attrs.bypass,
        reserved: false,
        description: doc_text(&variant.attrs),
        meta: Vec::new(),
        span: variant.ident.span(),
        line: 0,
    }
}

/// What a name that is no identifier could be: `r#fn` gives `FN`.
fn suggested_name(written: &str) -> String {
    match screaming_snake(written) {
        name if name.is_empty() => "NAME".to_owned(),
        name if name.starts_with(|c: char| c.is_ascii_digit()) => format!("_{name}"),
        name => name,
    }
}

/// A variant's name in SCREAMING_SNAKE_CASE, by the same normalization that reads document
/// labels, so that `ViewAuditLogs` and "View Audit Logs" agree.
pub fn screaming_snake(ident: &str) -> String {
    permissions_core::table::normalize_name(ident.trim_start_matches("r#"))
}

/// The doc comment's lines, trimmed and joined with spaces; paragraphs with a blank line.
fn doc_text(attrs: &[Attribute]) -> String {
    let mut out = String::new();
    for attr in attrs.iter().filter(|a| a.is("doc") && a.list.is_none()) {
        // `#[doc = ".."]`; `#[doc = include_str!(..)]` and the like are not read.
        let value: Vec<TokenTree> = tokens::flat(attr.value.iter().cloned().collect())
            .into_iter()
            .collect();
        let Some(line) = (match value.as_slice() {
            [TokenTree::Literal(lit)] => tokens::string(lit),
            _ => None,
        }) else {
            continue;
        };
        let line = line.trim();
        if line.is_empty() {
            if !out.is_empty() && !out.ends_with("\n\n") {
                out.push_str("\n\n");
            }
        } else {
            if !out.is_empty() && !out.ends_with('\n') {
                out.push(' ');
            }
            out.push_str(line);
        }
    }
    out.trim_end().to_owned()
}

#[cfg(test)]
mod tests {
    use super::screaming_snake;

    #[test]
    fn converts_variant_names() {
        assert_eq!(screaming_snake("ViewPublicLogs"), "VIEW_PUBLIC_LOGS");
        assert_eq!(screaming_snake("Administrator"), "ADMINISTRATOR");
        assert_eq!(screaming_snake("HTTPServer"), "HTTP_SERVER");
        assert_eq!(screaming_snake("Level2Admin"), "LEVEL2_ADMIN");
        assert_eq!(screaming_snake("SEND_MESSAGES"), "SEND_MESSAGES");
        assert_eq!(screaming_snake("ExecPurgeCmd"), "EXEC_PURGE_CMD");
        assert_eq!(screaming_snake("r#Type"), "TYPE");
    }
}
