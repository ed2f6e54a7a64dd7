//! The rules of a permission table, one function each. Together they turn the rows of an
//! [`ast::Container`](crate::ast::Container) into final values.
//!
//! Every rule records its errors and goes on, and the layout is complete even when rules
//! fail (a broken row gets the value 0), so the derive can emit a fallback that keeps
//! rustc from piling secondary errors on top of ours.

use proc_macro2::Span;

use crate::ast::{Assign, Container, Row};
use crate::attr::Term;
use crate::ctxt::{Ctxt, did_you_mean};

pub struct Layout {
    /// Each row's final value: its own bits plus the bits of every row it implies.
    pub values: Vec<u128>,
    /// Whether a row is emitted; a row whose name repeats an earlier one is not.
    pub emitted: Vec<bool>,
    pub bypass: Vec<bool>,
    pub composite: Vec<bool>,
    pub default: u128,
    pub bypass_mask: u128,
}

pub fn layout(cx: &mut Ctxt, c: &Container) -> Layout {
    let mut own = explicit_values(cx, c);
    no_shared_values(cx, c, &own);
    auto_bits(cx, c, &mut own);
    let emitted = unique_names(cx, c);
    let values = implied_values(cx, c, &own);
    let bypass = bypass_rows(cx, c);
    single_bit_bypass(cx, c, &values, &bypass);
    let composite = c
        .rows
        .iter()
        .zip(&own)
        .zip(&values)
        .map(|((row, own), value)| row.composite || own != value)
        .collect();
    let default = match &c.attrs.default {
        Some(terms) => terms_value(cx, c, terms, &values, "default"),
        None => 0,
    };
    let bypass_mask = values
        .iter()
        .zip(&bypass)
        .filter(|(_, b)| **b)
        .fold(0, |acc, (v, _)| acc | v);
    Layout {
        values,
        emitted,
        bypass,
        composite,
        default,
        bypass_mask,
    }
}

fn shown(c: &Container, value: u128) -> String {
    let digits = (c.bits.width / 4) as usize;
    format!("{value:#0width$x}", width = digits.min(8) + 2)
}

/// Where errors about a row's value point: its `bit`/`value` literal, else the row.
fn value_span(row: &Row) -> Span {
    match &row.assign {
        Assign::Bit(_, lit) | Assign::Value(_, lit) => lit.span(),
        Assign::Documented(_) | Assign::Auto => row.span,
    }
}

// A `bit = N` is below the width of `bits`; a `value` is not zero and fits in `bits`.
fn explicit_values(cx: &mut Ctxt, c: &Container) -> Vec<u128> {
    let bits = c.bits;
    c.rows
        .iter()
        .map(|row| match &row.assign {
            Assign::Bit(n, lit) => {
                if *n < bits.width {
                    1u128 << n
                } else {
                    cx.spanned(
                        lit,
                        format!(
                            "bit {n} is beyond `{}`, whose bits are 0 to {}",
                            bits.ident,
                            bits.width - 1
                        ),
                    );
                    0
                }
            }
            Assign::Value(v, _) | Assign::Documented(v) => {
                let span = value_span(row);
                if *v == 0 {
                    cx.at(
                        span,
                        format!(
                            "{}a row's value cannot be 0: it would be held by everyone",
                            row.origin
                        ),
                    );
                    0
                } else if *v & !bits.mask() != 0 {
                    cx.at(
                        span,
                        format!(
                            "{}value {v:#x} does not fit in `{}`",
                            row.origin, bits.ident
                        ),
                    );
                    0
                } else {
                    *v
                }
            }
            Assign::Auto => 0,
        })
        .collect()
}

// No two rows have the same value, and a value that overlaps another row's needs `composite`
// on one of the two; no row takes a reserved bit.
fn no_shared_values(cx: &mut Ctxt, c: &Container, own: &[u128]) {
    for (i, row) in c.rows.iter().enumerate() {
        let value = own[i];
        if value == 0 {
            continue;
        }
        if value & c.reserved != 0 {
            cx.at(
                value_span(row),
                format!(
                    "{}`{}` takes reserved bits {}",
                    row.origin,
                    row.name,
                    shown(c, value & c.reserved)
                ),
            );
        }
        let earlier = c.rows[..i].iter().zip(own).find(|(other, v)| {
            **v != 0 && (**v == value || (**v & value != 0 && !row.composite && !other.composite))
        });
        if let Some((other, v)) = earlier {
            let msg = if let (true, Assign::Bit(n, _)) = (*v == value, &row.assign) {
                format!(
                    "{}duplicate bit {n}: `{}` already has it",
                    row.origin, other.name
                )
            } else if *v == value {
                format!(
                    "{}duplicate value {}: `{}` already has it",
                    row.origin,
                    shown(c, value),
                    other.name
                )
            } else {
                format!(
                    "{}value {} overlaps `{}` ({}); mark the row `composite` if it covers `{}` on purpose",
                    row.origin,
                    shown(c, value),
                    other.name,
                    shown(c, *v),
                    other.name
                )
            };
            cx.at(value_span(row), msg);
        }
    }
}

// A row without `bit` or `value` takes the lowest bit that no row and no reserved bit uses.
fn auto_bits(cx: &mut Ctxt, c: &Container, own: &mut [u128]) {
    let mut used = own.iter().fold(c.reserved, |acc, v| acc | v);
    for (i, row) in c.rows.iter().enumerate() {
        if !matches!(row.assign, Assign::Auto) {
            continue;
        }
        let free = !used & c.bits.mask();
        if free == 0 {
            cx.at(
                row.span,
                format!(
                    "more rows than bits: no bit of `{}` is left for `{}`; use wider `bits`",
                    c.bits.ident, row.name
                ),
            );
            continue;
        }
        let bit = free & free.wrapping_neg();
        own[i] = bit;
        used |= bit;
    }
}

// No two rows have the same name once normalized (`ViewLogs` and `VIEW_LOGS` collide).
fn unique_names(cx: &mut Ctxt, c: &Container) -> Vec<bool> {
    c.rows
        .iter()
        .enumerate()
        .map(|(i, row)| match c.rows[..i].iter().find(|o| o.name == row.name) {
            Some(other) => {
                let first = other.variant.as_ref().map_or(String::new(), |v| format!(" (from `{v}`)"));
                cx.at(
                    row.span,
                    format!("{}two rows are named `{}`{first}; rename one with `#[permission(name = \"..\")]`", row.origin, row.name),
                );
                false
            }
            None => true,
        })
        .collect()
}

/// The row that a name in `implies(..)`, `default` or `bypass` refers to: a variant name or
/// the generated constant's name.
fn find_row(cx: &mut Ctxt, c: &Container, name: &syn::Ident, key: &str) -> Option<usize> {
    let text = name.to_string();
    let text = text.trim_start_matches("r#");
    let found = c
        .rows
        .iter()
        .position(|r| r.name == text || r.variant.as_ref().is_some_and(|v| v == text));
    if found.is_none() {
        let candidates = c.rows.iter().flat_map(|r| {
            r.variant
                .as_ref()
                .map(ToString::to_string)
                .into_iter()
                .chain([r.name.clone()])
        });
        let candidates: Vec<String> = candidates.collect();
        cx.spanned(
            name,
            format!(
                "`{key}` names an unknown row `{text}`{}",
                did_you_mean(text, candidates.iter().map(String::as_str))
            ),
        );
    }
    found
}

// `implies(..)` names known rows, without cycles; a row's value includes what it implies.
fn implied_values(cx: &mut Ctxt, c: &Container, own: &[u128]) -> Vec<u128> {
    let mut edges: Vec<Vec<(usize, &syn::Ident)>> = c
        .rows
        .iter()
        .map(|row| {
            row.implies
                .iter()
                .filter_map(|name| Some((find_row(cx, c, name, "implies")?, name)))
                .collect()
        })
        .collect();
    // The container's `implies(USER = PUBLIC)`, for rows read from a document.
    for (row, implied) in &c.attrs.implies {
        let Some(i) = find_row(cx, c, row, "implies") else {
            continue;
        };
        for name in implied {
            if let Some(j) = find_row(cx, c, name, "implies") {
                edges[i].push((j, name));
            }
        }
    }
    let mut values = own.to_vec();
    for start in 0..c.rows.len() {
        // Depth-first over what `start` implies; a path back to `start` is a cycle.
        let mut stack: Vec<usize> = edges[start].iter().map(|(j, _)| *j).collect();
        let mut seen = vec![false; c.rows.len()];
        while let Some(j) = stack.pop() {
            if j == start {
                if let Some((_, name)) = edges[start].first() {
                    cx.spanned(
                        name,
                        format!(
                            "`{}` implies itself through a cycle of `implies`",
                            c.rows[start].name
                        ),
                    );
                }
                break;
            }
            if std::mem::replace(&mut seen[j], true) {
                continue;
            }
            values[start] |= own[j];
            stack.extend(edges[j].iter().map(|(k, _)| *k));
        }
    }
    values
}

// `bypass` is set on the row or named in the container's `bypass = ..`.
fn bypass_rows(cx: &mut Ctxt, c: &Container) -> Vec<bool> {
    let mut bypass: Vec<bool> = c.rows.iter().map(|r| r.bypass.is_some()).collect();
    for term in c.attrs.bypass.iter().flatten() {
        match term {
            Term::Name(name) => {
                if let Some(i) = find_row(cx, c, name, "bypass") {
                    bypass[i] = true;
                }
            }
            Term::Value(_, lit) => cx.spanned(lit, "`bypass = ..` takes row names, not values"),
        }
    }
    bypass
}

// A bypass row is a single bit: with several, holding part of it would bypass every check.
fn single_bit_bypass(cx: &mut Ctxt, c: &Container, values: &[u128], bypass: &[bool]) {
    for ((row, value), bypass) in c.rows.iter().zip(values).zip(bypass) {
        if *bypass && value.count_ones() > 1 {
            cx.at(
                row.bypass.unwrap_or(row.span),
                format!(
                    "{}a `bypass` row must be a single bit, but `{}` is {}",
                    row.origin,
                    row.name,
                    shown(c, *value)
                ),
            );
        }
    }
}

// `default = A | B | 0x0112` names known rows, and a literal has no bits outside the rows.
fn terms_value(cx: &mut Ctxt, c: &Container, terms: &[Term], values: &[u128], key: &str) -> u128 {
    let known = values.iter().fold(0, |acc, v| acc | v);
    terms.iter().fold(0, |acc, term| match term {
        Term::Name(name) => acc | find_row(cx, c, name, key).map_or(0, |i| values[i]),
        Term::Value(v, lit) => {
            if v & !known != 0 {
                cx.spanned(
                    lit,
                    format!(
                        "`{key}` has bits that no row declares: {}",
                        shown(c, v & !known)
                    ),
                );
            }
            acc | v
        }
    })
}
