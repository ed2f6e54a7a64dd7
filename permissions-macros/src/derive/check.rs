//! The rules of a permission table, applied by the runtime's rule engine
//! (`permissions::table::rules`): the rows become a [`Spec`], the engine resolves each row
//! and reports every broken rule with its place, and here each place becomes the offending
//! token (or, for a document's row, the document and the row's line).

use permissions_core::table::rules::{
    self, Assign as Bits, At, Draft, Kind, Part, RuleError, Spec,
};
use permissions_core::table::{ErrorKind, TableError};
use proc_macro2::{Span, TokenStream};
use quote::{ToTokens, quote};

use super::ast::{Assign, Container, Form, Row};
use super::attr::Term;
use super::document::{LockFile, lock_hint};
use crate::ctxt::Ctxt;

/// The table resolved: one value per row, and the container's masks.
pub struct Layout<'c> {
    pub rows: Vec<Resolved<'c>>,
    pub default: u128,
    pub bypass: u128,
    pub reserved: u128,
}

/// One row, resolved: what it was declared as, its final bits (with what it implies), what it
/// is, and where its constant points.
pub struct Resolved<'c> {
    pub row: &'c Row,
    /// Its own bits, without what it implies.
    pub own: u128,
    pub bits: u128,
    pub kind: Kind,
    pub span: Span,
}

pub fn resolve<'c>(cx: &mut Ctxt, c: &'c Container) -> Layout<'c> {
    if c.rows.is_empty() && matches!(c.form, Form::Enum { .. }) {
        // Already reported as "has no rows": every other check would be its consequence
        // (`default` naming no row, each locked name gone).
        return Layout {
            rows: Vec::new(),
            default: 0,
            bypass: 0,
            reserved: 0,
        };
    }
    let spec = spec(c);
    let resolution = rules::resolve(&spec);
    let mut in_document: Vec<TableError> = c
        .document
        .as_ref()
        .map(|d| d.errors.clone())
        .unwrap_or_default();
    for err in resolution.errors {
        match (&c.document, err.at) {
            (Some(_), At::Row(i, _)) => {
                let line = c.rows.get(i).map_or(0, |r| r.line);
                in_document.push(TableError::new(line, err.kind));
            }
            _ => report(cx, c, &err),
        }
    }
    if let Some(document) = &c.document {
        in_document.sort_by_key(|e| e.line);
        for err in &in_document {
            document.report(cx, err);
        }
    }
    let layout = Layout {
        rows: c
            .rows
            .iter()
            .zip(resolution.rows)
            .map(|(row, r)| Resolved {
                row,
                own: r.own,
                bits: r.bits,
                kind: r.kind,
                span: row.span,
            })
            .collect(),
        default: resolution.default,
        bypass: resolution.bypass,
        reserved: resolution.reserved,
    };
    // A document's rows were compared with the lock as they were read.
    if let (Some(lock), Form::Enum { .. }) = (&c.lock, &c.form)
        && !lock.overwrite
    {
        keeps_to_lock(cx, &layout, lock);
    }
    layout
}

impl Layout<'_> {
    /// The permissions and their own bits: what a lock records. A row whose bits are broken
    /// (an error already) is left out.
    pub fn locked(&self) -> impl Iterator<Item = (&Resolved<'_>, String, u128)> {
        self.rows
            .iter()
            .filter(|r| !matches!(r.kind, Kind::Reserved | Kind::Repeated) && r.own != 0)
            .map(|r| (r, r.row.name.clone(), r.own))
    }
}

/// The enum's rows keep every locked name's bits: a changed one is an error on its row, a
/// missing one on the lock. A name is only missing when every row resolved: a row whose bits
/// are already an error is left out of `locked`, and reporting its name as gone would be a
/// consequence of that first error (the Markdown form does the same).
fn keeps_to_lock(cx: &mut Ctxt, layout: &Layout<'_>, lock: &LockFile) {
    let rows: Vec<(&Resolved<'_>, String, u128)> = layout.locked().collect();
    let complete = layout
        .rows
        .iter()
        .all(|r| r.kind == Kind::Reserved || (r.kind != Kind::Repeated && r.own != 0));
    for drift in lock
        .lock
        .check(rows.iter().map(|(_, name, bits)| (name.as_str(), *bits)))
    {
        if drift.row().is_none() && !complete {
            continue;
        }
        // On the row's bits, or its name when it has none written; a name gone is on the lock.
        let tokens = drift.row().and_then(|index| rows.get(index)).map_or_else(
            || lock.lit.to_token_stream(),
            |(r, _, _)| match &r.row.assign {
                Assign::Bit(_, tokens) | Assign::Value(_, tokens) => tokens.clone(),
                Assign::Documented(_) | Assign::Auto => at(r.span),
            },
        );
        let kind = drift.into_kind();
        cx.spanned(tokens, format!("{kind}{}", lock_hint(&kind)));
    }
}

/// The table as the rule engine takes it.
fn spec(c: &Container) -> Spec {
    let name = |ident: &proc_macro2::Ident| ident.to_string().trim_start_matches("r#").to_owned();
    let rows = c
        .rows
        .iter()
        .map(|row| {
            let assign = match &row.assign {
                Assign::Bit(n, _) => Bits::Bit(*n),
                Assign::Value(v, _) | Assign::Documented(v) => Bits::Value(*v),
                Assign::Auto => Bits::Next,
            };
            let mut draft = Draft::new(row.name.clone(), assign);
            draft.variant = row.variant.as_ref().map(name);
            draft.composite = row.composite;
            draft.bypass = row.bypass.is_some();
            draft.reserved = row.reserved;
            draft.implies = row.implies.iter().map(name).collect();
            draft.line = row.line;
            draft
        })
        .collect();
    let terms = |terms: &Option<Vec<Term>>| {
        terms
            .iter()
            .flatten()
            .map(|t| match t {
                Term::Name(ident) => rules::Term::Name(name(ident)),
                Term::Value(v, _) => rules::Term::Value(*v),
            })
            .collect()
    };
    let mut spec = Spec::new(c.bits.width, rows);
    spec.default = terms(&c.attrs.default);
    spec.bypass = terms(&c.attrs.bypass);
    spec.implies = c
        .attrs
        .implies
        .iter()
        .map(|(row, implied)| (name(row), implied.iter().map(name).collect()))
        .collect();
    spec.aliases = c.attrs.aliases;
    // A newtype whose document could not be read (or that names none) has no rows to find
    // names among: "unknown row" would only repeat that error.
    spec.incomplete = match &c.form {
        Form::Enum { .. } => false,
        Form::Newtype => c.document.as_ref().is_none_or(|d| d.incomplete),
    };
    spec
}

/// Reports a broken rule at its token.
fn report(cx: &mut Ctxt, c: &Container, err: &RuleError) {
    let tokens = place(c, err);
    let mut msg = err.kind.to_string();
    // `bit = 0x0100`: a mask written where a bit number goes.
    if let ErrorKind::BitBeyondWidth { bit, width } = err.kind {
        let text = tokens.to_string();
        if (text.starts_with("0x") || text.starts_with("0b"))
            && bit.is_power_of_two()
            && bit.trailing_zeros() < width
        {
            msg.push_str(&format!(
                "; `bit` takes a bit number: for the mask {text} (bit {}), write `value = {text}`",
                bit.trailing_zeros()
            ));
        }
    }
    cx.spanned(tokens, msg);
}

/// The tokens a broken rule is about.
fn place(c: &Container, err: &RuleError) -> TokenStream {
    let term = |terms: &Option<Vec<Term>>, k: usize| match terms.iter().flatten().nth(k) {
        Some(Term::Name(ident)) => ident.to_token_stream(),
        Some(Term::Value(_, lit)) => lit.to_token_stream(),
        None => quote!(),
    };
    match err.at {
        At::Row(i, part) => {
            let Some(row) = c.rows.get(i) else {
                return quote!();
            };
            let whole = || at(row.span);
            match part {
                Part::Row => whole(),
                Part::Value => match &row.assign {
                    Assign::Bit(_, tokens) | Assign::Value(_, tokens) => tokens.clone(),
                    Assign::Documented(_) | Assign::Auto => whole(),
                },
                // Two rows with one name: from the first row to this one.
                Part::Name => match (err.other.and_then(|j| c.rows.get(j)), &row.name_lit) {
                    (_, Some(lit)) => lit.to_token_stream(),
                    (Some(first), None) => {
                        let (first, this) = (at(first.span), whole());
                        quote!(#first #this)
                    }
                    (None, None) => whole(),
                },
                Part::Implies(k) => row
                    .implies
                    .get(k)
                    .map_or_else(whole, ToTokens::to_token_stream),
                Part::Bypass => at(row.bypass.unwrap_or(row.span)),
            }
        }
        At::Default(k) => term(&c.attrs.default, k),
        At::Bypass(k) => term(&c.attrs.bypass, k),
        At::Implies { entry, name } => c.attrs.implies.get(entry).map_or_else(
            || quote!(),
            |(row, implied)| match name.checked_sub(1) {
                None => row.to_token_stream(),
                Some(k) => implied
                    .get(k)
                    .map(ToTokens::to_token_stream)
                    .unwrap_or_default(),
            },
        ),
    }
}

/// A token at `span`, for errors that point at a span rather than at tokens.
fn at(span: Span) -> TokenStream {
    quote::quote_spanned!(span=> __)
}
