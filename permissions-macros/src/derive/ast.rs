//! The typed model of a permission table, from either form of the derive.
//!
//! Each row keeps the tokens it came from, so that every check can point at the offending
//! token: a variant, a `value = ..` literal, an `implies(..)` name.

use proc_macro2::{Span, TokenStream};
use syn::{Data, DeriveInput, Fields, Ident, LitStr, Visibility};

use super::attr::{self, Bits};
use crate::ctxt::Ctxt;

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
    pub name_lit: Option<LitStr>,
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
    pub vis: Visibility,
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
    pub fn from_input(cx: &mut Ctxt, input: &DeriveInput) -> Option<Container> {
        let form = match &input.data {
            Data::Enum(_) => attr::Form::Enum,
            Data::Struct(_) => attr::Form::Markdown,
            Data::Union(data) => {
                cx.spanned(
                    data.union_token,
                    "`#[derive(PermissionSet)]` takes a fieldless enum or a newtype struct over an unsigned integer, not a union",
                );
                return None;
            }
        };
        // A struct that is no newtype over an unsigned integer: that alone is reported, not
        // also the keys it makes look out of place (`bits = ..`).
        let struct_bits = match &input.data {
            Data::Struct(data) => Some(newtype_bits(cx, &data.fields, &input.ident)?),
            _ => None,
        };
        let attrs = attr::container(cx, &input.attrs, form);
        if input.generics.lt_token.is_some() || input.generics.where_clause.is_some() {
            cx.spanned(
                &input.generics,
                "a permission set cannot be generic: remove the parameters",
            );
            return None;
        }
        match &input.data {
            Data::Enum(data) => {
                let bits = attrs.bits.unwrap_or(Bits {
                    width: 32,
                    ident: "u32",
                });
                let default_set = Ident::new(&format!("{}s", input.ident), input.ident.span());
                let set = match &attrs.set {
                    // The enum's own name: the struct would clash with it everywhere.
                    Some(set) if *set == input.ident => {
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
                if data.variants.is_empty() {
                    cx.spanned(
                        &input.ident,
                        format!(
                            "`{}` has no rows: a permission set needs at least one variant, one per permission",
                            input.ident
                        ),
                    );
                }
                let rows = data.variants.iter().map(|v| variant_row(cx, v)).collect();
                let unit_variants = data
                    .variants
                    .iter()
                    .all(|v| matches!(v.fields, Fields::Unit) && v.discriminant.is_none());
                Some(Container {
                    vis: input.vis.clone(),
                    set,
                    bits,
                    form: Form::Enum {
                        ident: input.ident.clone(),
                    },
                    attrs,
                    rows,
                    unit_variants,
                    document: None,
                    lock: None,
                })
            }
            Data::Struct(_) => {
                let bits = struct_bits?;
                Some(Container {
                    vis: input.vis.clone(),
                    set: input.ident.clone(),
                    bits,
                    form: Form::Newtype,
                    attrs,
                    rows: Vec::new(),
                    unit_variants: true,
                    document: None,
                    lock: None,
                })
            }
            Data::Union(_) => None,
        }
    }
}

fn newtype_bits(cx: &mut Ctxt, fields: &Fields, ident: &Ident) -> Option<Bits> {
    let field = match fields {
        Fields::Unnamed(f) if f.unnamed.len() == 1 => &f.unnamed[0],
        _ => {
            // `struct S { bits: u16 }` names its integer: the example keeps it.
            let bits = match fields.iter().next() {
                Some(field) => {
                    let ty = &field.ty;
                    quote::quote!(#ty).to_string()
                }
                None => "u32".to_owned(),
            };
            cx.spanned(
                ident,
                format!("a permission set struct is a newtype over its bits, such as `struct {ident}({bits});`"),
            );
            return None;
        }
    };
    let bits = match &field.ty {
        syn::Type::Path(p) if p.qself.is_none() => p.path.get_ident().and_then(Bits::from_ident),
        _ => None,
    };
    if bits.is_none() {
        cx.spanned(
            &field.ty,
            "unsupported bits type: use one of u8, u16, u32, u64, u128",
        );
    }
    bits
}

fn variant_row(cx: &mut Ctxt, variant: &syn::Variant) -> Row {
    let attrs = attr::row(cx, &variant.attrs);
    if !matches!(variant.fields, Fields::Unit) {
        cx.spanned(
            &variant.fields,
            format!("a permission row has no fields: write `{}`", variant.ident),
        );
    }
    if let Some((_, expr)) = &variant.discriminant {
        cx.spanned(expr, "give a row's value with `#[permission(value = ..)]` or `#[permission(bit = ..)]`, not a discriminant");
    }
    let derived = screaming_snake(&variant.ident.to_string());
    let name = match &attrs.name {
        // A plain identifier: not a keyword, and not raw (`r#fn`), which no constant of a
        // bitflags type can be named; in SCREAMING_SNAKE_CASE, as every other row's.
        Some(lit)
            if is_plain_identifier(&lit.value())
                && !lit.value().chars().any(|c| c.is_ascii_lowercase()) =>
        {
            lit.value()
        }
        Some(lit) if is_plain_identifier(&lit.value()) => {
            cx.spanned(
                lit,
                format!(
                    "`name = {:?}`: constants are named in SCREAMING_SNAKE_CASE, as every other row's: write `\"{}\"`",
                    lit.value(),
                    suggested_name(&lit.value())
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
                    suggested_name(&lit.value())
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

/// An identifier that is not a keyword and not raw.
fn is_plain_identifier(name: &str) -> bool {
    !name.starts_with("r#") && syn::parse_str::<Ident>(name).is_ok()
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
fn doc_text(attrs: &[syn::Attribute]) -> String {
    let mut out = String::new();
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        let syn::Meta::NameValue(nv) = &attr.meta else {
            continue;
        };
        let syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Str(s),
            ..
        }) = &nv.value
        else {
            continue;
        };
        let line = s.value();
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
