//! The typed model of a permission table, from either form of the derive.
//!
//! Each row keeps the tokens it came from, so that every check can point at the offending
//! token: a variant, a `value = ..` literal, an `implies(..)` name.

use proc_macro2::Span;
use syn::{Data, DeriveInput, Fields, Ident, LitInt, Visibility};

use crate::attr::{self, Bits};
use crate::case::screaming_snake;
use crate::ctxt::Ctxt;

/// How a row gets its bits.
pub enum Assign {
    /// `bit = N`
    Bit(u32, LitInt),
    /// `value = LIT`
    Value(u128, LitInt),
    /// A value read from a document; errors point at `span` and name the line.
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
    pub implies: Vec<Ident>,
    pub composite: bool,
    pub bypass: Option<Span>,
    pub description: String,
    /// Extra columns of a Markdown table.
    pub meta: Vec<(String, String)>,
    /// Where errors about this row point.
    pub span: Span,
    /// "file.md:23: " for rows read from a document, so messages name the line.
    pub origin: String,
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
    /// Bits reserved by "Not Used" rows of a document.
    pub reserved: u128,
}

impl Container {
    pub fn from_input(cx: &mut Ctxt, input: &DeriveInput) -> Option<Container> {
        let attrs = attr::container(cx, &input.attrs);
        if input.generics.lt_token.is_some() || input.generics.where_clause.is_some() {
            cx.spanned(
                &input.generics,
                "a permission set cannot be generic: remove the parameters",
            );
            return None;
        }
        match &input.data {
            Data::Enum(data) => {
                if let Some(lit) = attrs.markdown.as_ref().or(attrs.markdown_str.as_ref()) {
                    cx.spanned(
                        lit,
                        "a Markdown table goes on a newtype struct such as `struct GuildPermissions(u32);`, not on an enum",
                    );
                }
                let bits = attrs.bits.unwrap_or(Bits {
                    width: 32,
                    ident: "u32",
                    span: Span::call_site(),
                });
                let set = attrs.set.clone().unwrap_or_else(|| {
                    Ident::new(&format!("{}s", input.ident), input.ident.span())
                });
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
                    reserved: 0,
                })
            }
            Data::Struct(data) => {
                let bits = newtype_bits(cx, &data.fields, &input.ident)?;
                if let Some(set) = &attrs.set {
                    cx.spanned(set, "`set = ..` names the generated struct of the enum form; here the struct is the set");
                }
                if let Some(b) = attrs.bits {
                    cx.at(
                        b.span,
                        "`bits` comes from the struct's field here; remove `bits = ..`",
                    );
                }
                Some(Container {
                    vis: input.vis.clone(),
                    set: input.ident.clone(),
                    bits,
                    form: Form::Newtype,
                    attrs,
                    rows: Vec::new(),
                    unit_variants: true,
                    reserved: 0,
                })
            }
            Data::Union(data) => {
                cx.spanned(
                    data.union_token,
                    "`#[derive(PermissionSet)]` takes a fieldless enum or a newtype struct over an unsigned integer, not a union",
                );
                None
            }
        }
    }
}

fn newtype_bits(cx: &mut Ctxt, fields: &Fields, ident: &Ident) -> Option<Bits> {
    let field = match fields {
        Fields::Unnamed(f) if f.unnamed.len() == 1 => &f.unnamed[0],
        _ => {
            cx.spanned(
                ident,
                format!("a permission set struct is a newtype over its bits, such as `struct {ident}(u32);`"),
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
        Some(lit) if syn::parse_str::<Ident>(&lit.value()).is_ok() => lit.value(),
        Some(lit) => {
            cx.spanned(
                lit,
                format!("`name = {:?}` is not a Rust identifier", lit.value()),
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
        assign,
        implies: attrs.implies,
        composite: attrs.composite.is_some(),
        bypass: attrs.bypass,
        description: doc_text(&variant.attrs),
        meta: Vec::new(),
        span: variant.ident.span(),
        origin: String::new(),
    }
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
