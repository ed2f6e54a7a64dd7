//! The rules of a permission table, one function each: the one place they are written, for
//! both forms of `#[derive(PermissionSet)]` and for documents read at run time.
//!
//! A [`Spec`] is a table as declared: its rows ([`Draft`]s, each with its `bit`, `value`, or
//! neither) and the container's `default`, `bypass` and `implies`. [`resolve`] turns it into
//! one [`Resolved`] value per row and reports every broken rule as a [`RuleError`] that says
//! [where](At) it is: a row (and which part of it), or a term of `default`, `bypass` or
//! `implies`. The derive maps that place to the offending token, a document reader to the
//! row's line.
//!
//! Every rule records its errors and goes on, and the resolution is complete even when rules
//! fail (a broken row resolves to no bits), so that one build reports every broken rule and
//! the generated code stays usable.
//!
//! ```
//! use permissions_core::table::rules::{self, Assign, Draft, Kind, Spec, Term};
//!
//! // Seed 000: `USER` holds `PUBLIC`.
//! let mut user = Draft::new("USER", Assign::Next);
//! user.implies.push("PUBLIC".into());
//! let mut spec = Spec::new(16, vec![Draft::new("PUBLIC", Assign::Next), user]);
//! spec.default.push(Term::Name("PUBLIC".into()));
//! let resolved = rules::resolve(&spec);
//! assert!(resolved.errors.is_empty());
//! assert_eq!(resolved.rows[1].bits, 0b11);
//! assert_eq!(resolved.rows[1].kind, Kind::Composite);
//! assert_eq!(resolved.default, 0b01);
//! ```

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::error::ErrorKind;
use super::suggest::closest_in;

/// How a row gets its bits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Assign {
    /// `bit = N`: the row is bit `N`.
    Bit(u32),
    /// `value = LIT`, or the value a document gives: the row is this mask.
    Value(u128),
    /// Neither: the row takes the lowest bit that no other row uses.
    Next,
}

/// One row as declared.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Draft {
    /// The constant's name, SCREAMING_SNAKE_CASE.
    pub name: String,
    /// The Rust variant the row comes from, if any: `implies`, `default` and `bypass` may
    /// name the row by it too.
    pub variant: Option<String>,
    /// How the row gets its bits.
    pub assign: Assign,
    /// The row's value covers other rows on purpose.
    pub composite: bool,
    /// Holding the row satisfies every requirement.
    pub bypass: bool,
    /// The row only reserves its bits ("Not Used"): it is no permission, and no permission
    /// may use its bits.
    pub reserved: bool,
    /// The names of the rows it also grants.
    pub implies: Vec<String>,
    /// The row's 1-based line in its document; 0 for rows written in Rust.
    pub line: usize,
}

impl Draft {
    /// A plain row: not composite, not bypass, not reserved, implying nothing, on no line.
    #[must_use]
    pub fn new(name: impl Into<String>, assign: Assign) -> Self {
        Draft {
            name: name.into(),
            variant: None,
            assign,
            composite: false,
            bypass: false,
            reserved: false,
            implies: Vec::new(),
            line: 0,
        }
    }
}

/// One term of `default = A | B | 0x0112`: a row's name or a value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Term {
    /// A row, by its name or its variant.
    Name(String),
    /// Bits, as written.
    Value(u128),
}

/// A table as declared, with the container's options.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Spec {
    /// The set's width in bits: 8 to 128.
    pub width: u32,
    /// The rows, in order.
    pub rows: Vec<Draft>,
    /// `default = ..`: the new member's set.
    pub default: Vec<Term>,
    /// `bypass = ..`: rows that bypass, named at the top.
    pub bypass: Vec<Term>,
    /// `implies(USER = PUBLIC | ..)`: for each entry, a row and the rows it also grants.
    pub implies: Vec<(String, Vec<String>)>,
    /// `aliases`: a row whose value equals an earlier row's is another name for it.
    pub aliases: bool,
    /// Some rows could not be read, so a name that is not among `rows` may be among them:
    /// it is not reported as unknown (that would be a consequence of the first error).
    pub incomplete: bool,
}

impl Spec {
    /// A table of `rows` in a set of `width` bits, with no container options.
    #[must_use]
    pub fn new(width: u32, rows: Vec<Draft>) -> Self {
        Spec {
            width,
            rows,
            default: Vec::new(),
            bypass: Vec::new(),
            implies: Vec::new(),
            aliases: false,
            incomplete: false,
        }
    }

    fn mask(&self) -> u128 {
        u128::MAX >> 128u32.saturating_sub(self.width.min(128))
    }
}

/// What a resolved row is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A permission.
    Plain,
    /// A permission whose value covers other rows: `composite`, or it implies rows.
    Composite,
    /// A permission that satisfies every requirement.
    Bypass,
    /// Only reserves its bits.
    Reserved,
    /// Another name for the row at this index (`aliases`): its constant exists, but
    /// `iter_names` and `Display` show the first row.
    Alias(usize),
    /// Its name repeats an earlier row's (an error): it gets no constant of its own.
    Repeated,
}

/// One row, resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Resolved {
    /// Its own bits: from `bit`, `value`, or the next free bit. 0 when they are broken.
    pub own: u128,
    /// Its bits with those of every row it implies.
    pub bits: u128,
    /// What it is.
    pub kind: Kind,
}

impl Resolved {
    /// Whether the row is a permission with a constant of its own (not reserved, not a
    /// repeated name); aliases are, too.
    #[must_use]
    pub const fn is_permission(&self) -> bool {
        !matches!(self.kind, Kind::Reserved | Kind::Repeated)
    }
}

/// Which part of a row an error is about, for the derive to point at its token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// The row as a whole (the variant, or the document's row).
    Row,
    /// Its name.
    Name,
    /// Its `bit = ..` or `value = ..`.
    Value,
    /// The name at this index of its `implies(..)`.
    Implies(usize),
    /// Its `bypass` flag.
    Bypass,
}

/// Where a broken rule is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum At {
    /// A part of the row at this index.
    Row(usize, Part),
    /// The term at this index of `default = ..`.
    Default(usize),
    /// The term at this index of `bypass = ..`.
    Bypass(usize),
    /// In the container's `implies(..)`, entry `entry`; `name` 0 is the row before `=`,
    /// `name` k the k-th name after it.
    Implies {
        /// The entry's index.
        entry: usize,
        /// Which name of the entry.
        name: usize,
    },
}

/// A broken rule: where, and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleError {
    /// Where it is.
    pub at: At,
    /// What is wrong.
    pub kind: ErrorKind,
    /// The earlier row that it clashes with, if any (a duplicate name or value, an overlap).
    pub other: Option<usize>,
}

/// A resolved table: one value per row, the container's masks, and every broken rule.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct Resolution {
    /// One per [`Spec::rows`], in order.
    pub rows: Vec<Resolved>,
    /// The bits of `default`.
    pub default: u128,
    /// The bits of every bypass row.
    pub bypass: u128,
    /// The bits of every reserved row.
    pub reserved: u128,
    /// Every broken rule, rule by rule and row by row within a rule.
    pub errors: Vec<RuleError>,
}

/// Applies every rule of a table.
#[must_use]
pub fn resolve(spec: &Spec) -> Resolution {
    let mut errors = Vec::new();
    let mut own = own_values(spec, &mut errors);
    let mut kinds = shared_values(spec, &own, &mut errors);
    next_bits(spec, &mut own, &mut errors);
    repeated_names(spec, &mut kinds, &mut errors);
    let lookup = Lookup {
        spec,
        kinds: &kinds,
    };
    let bits = implied_bits(spec, &lookup, &own, &mut errors);
    let bypass = bypass_rows(spec, &lookup, &mut errors);
    single_bit_bypass(spec, &bits, &bypass, &mut errors);
    let default = terms_bits(spec, &lookup, &bits, &mut errors);
    let mut resolution = Resolution {
        rows: Vec::with_capacity(spec.rows.len()),
        default,
        bypass: 0,
        reserved: 0,
        errors,
    };
    let rows = spec.rows.iter().zip(kinds);
    for ((row, kind), ((&own, &bits), &bypass)) in rows.zip(own.iter().zip(&bits).zip(&bypass)) {
        let kind = match kind {
            Kind::Plain if bypass => Kind::Bypass,
            Kind::Plain if row.composite || own != bits => Kind::Composite,
            kind => kind,
        };
        match kind {
            Kind::Bypass => resolution.bypass |= bits,
            Kind::Reserved => resolution.reserved |= bits,
            _ => {}
        }
        resolution.rows.push(Resolved { own, bits, kind });
    }
    resolution
}

/// Every bit of every value.
fn union(values: &[u128]) -> u128 {
    values.iter().fold(0, |acc, v| acc | v)
}

fn push(errors: &mut Vec<RuleError>, at: At, kind: ErrorKind) {
    errors.push(RuleError {
        at,
        kind,
        other: None,
    });
}

// A `bit = N` is below the width; a value is not zero and fits in the width. A width above
// 128 counts as 128, as in `Spec::mask`, so no bit is shifted past a `u128`.
fn own_values(spec: &Spec, errors: &mut Vec<RuleError>) -> Vec<u128> {
    let width = spec.width.min(128);
    let mut out = Vec::with_capacity(spec.rows.len());
    for (i, row) in spec.rows.iter().enumerate() {
        let at = At::Row(i, Part::Value);
        let value = match row.assign {
            Assign::Bit(bit) if bit < width => 1u128 << bit,
            Assign::Bit(bit) => {
                push(errors, at, ErrorKind::BitBeyondWidth { bit, width });
                0
            }
            Assign::Value(0) => {
                push(errors, at, ErrorKind::ZeroValue);
                0
            }
            Assign::Value(value) if value & !spec.mask() != 0 => {
                push(errors, at, ErrorKind::ValueBeyondWidth { value, width });
                0
            }
            Assign::Value(value) => value,
            Assign::Next => 0,
        };
        out.push(value);
    }
    out
}

// No two rows have one value (unless `aliases` makes the later one a name for the earlier),
// a permission that overlaps another needs `composite` on one of the two, and no permission
// shares a bit with a reserved row. One error per row, about the first earlier row it
// clashes with.
fn shared_values(spec: &Spec, own: &[u128], errors: &mut Vec<RuleError>) -> Vec<Kind> {
    let mut kinds: Vec<Kind> = Vec::with_capacity(spec.rows.len());
    for (i, (row, &value)) in spec.rows.iter().zip(own).enumerate() {
        kinds.push(if row.reserved {
            Kind::Reserved
        } else {
            Kind::Plain
        });
        if value == 0 {
            continue;
        }
        for (j, (other, &v)) in spec.rows.iter().zip(own).take(i).enumerate() {
            let shared = v & value;
            if shared == 0 {
                continue;
            }
            let kind = match (other.reserved, row.reserved) {
                (true, false) => ErrorKind::UsesReservedBits {
                    name: row.name.clone(),
                    bits: shared,
                    reserved: other.line,
                },
                (false, true) => ErrorKind::ReservesUsedBits {
                    bits: shared,
                    other: other.name.clone(),
                    first: other.line,
                },
                // The first earlier row with this value is never an alias itself: its own
                // first row would come before it.
                _ if v == value && spec.aliases && !row.reserved => {
                    if let Some(k) = kinds.get_mut(i) {
                        *k = Kind::Alias(j);
                    }
                    break;
                }
                _ if v == value => ErrorKind::DuplicateValue {
                    value,
                    other: other.name.clone(),
                    first: other.line,
                },
                _ if row.composite || other.composite => continue,
                _ => ErrorKind::Overlap {
                    value,
                    other: other.name.clone(),
                    other_value: v,
                    first: other.line,
                },
            };
            errors.push(RuleError {
                at: At::Row(i, Part::Value),
                kind,
                other: Some(j),
            });
            break;
        }
    }
    kinds
}

// A row without `bit` or `value` takes the lowest bit that no row and no reserved row uses.
fn next_bits(spec: &Spec, own: &mut [u128], errors: &mut Vec<RuleError>) {
    let mut used = union(own);
    for (i, (row, value)) in spec.rows.iter().zip(own.iter_mut()).enumerate() {
        if row.assign != Assign::Next {
            continue;
        }
        let free = !used & spec.mask();
        if free == 0 {
            push(
                errors,
                At::Row(i, Part::Row),
                ErrorKind::NoFreeBit {
                    name: row.name.clone(),
                    width: spec.width,
                },
            );
            continue;
        }
        *value = free & free.wrapping_neg();
        used |= *value;
    }
}

// No two permissions have one name once normalized (`ViewLogs` and `VIEW_LOGS` collide).
fn repeated_names(spec: &Spec, kinds: &mut [Kind], errors: &mut Vec<RuleError>) {
    for (i, row) in spec.rows.iter().enumerate() {
        if row.reserved {
            continue;
        }
        let mut earlier = spec.rows.iter().take(i).enumerate();
        let Some((j, first)) = earlier.find(|(_, o)| !o.reserved && o.name == row.name) else {
            continue;
        };
        errors.push(RuleError {
            at: At::Row(i, Part::Name),
            kind: ErrorKind::DuplicateName {
                name: row.name.clone(),
                first: first.line,
                variant: first.variant.clone(),
            },
            other: Some(j),
        });
        if let Some(kind) = kinds.get_mut(i) {
            *kind = Kind::Repeated;
        }
    }
}

/// Finds rows by name for `implies`, `default` and `bypass`.
struct Lookup<'a> {
    spec: &'a Spec,
    kinds: &'a [Kind],
}

impl Lookup<'_> {
    /// The permission row named `name` (its constant's name or its variant's).
    fn find(
        &self,
        name: &str,
        key: &'static str,
        at: At,
        errors: &mut Vec<RuleError>,
    ) -> Option<usize> {
        let name = name.strip_prefix("r#").unwrap_or(name);
        // Every name of every permission row, for "did you mean".
        let mut candidates = Vec::new();
        for (i, (row, kind)) in self.spec.rows.iter().zip(self.kinds).enumerate() {
            if matches!(kind, Kind::Reserved | Kind::Repeated) {
                continue;
            }
            if row.name == name || row.variant.as_deref() == Some(name) {
                return Some(i);
            }
            candidates.extend(row.variant.as_deref());
            candidates.push(row.name.as_str());
        }
        if !self.spec.incomplete {
            push(
                errors,
                at,
                ErrorKind::UnknownRow {
                    key,
                    name: String::from(name),
                    suggestion: closest_in(name, &candidates).map(String::from),
                },
            );
        }
        None
    }
}

// `implies(..)` names known rows, without cycles; a row's bits include what it implies.
fn implied_bits(
    spec: &Spec,
    lookup: &Lookup<'_>,
    own: &[u128],
    errors: &mut Vec<RuleError>,
) -> Vec<u128> {
    // For each row: the rows it implies, and where each is named.
    let mut edges: Vec<Vec<(usize, At)>> = Vec::with_capacity(spec.rows.len());
    for (i, row) in spec.rows.iter().enumerate() {
        let mut implied = Vec::new();
        for (k, name) in row.implies.iter().enumerate() {
            let at = At::Row(i, Part::Implies(k));
            if let Some(j) = lookup.find(name, "implies", at, errors) {
                implied.push((j, at));
            }
        }
        edges.push(implied);
    }
    for (entry, (row, implied)) in spec.implies.iter().enumerate() {
        let found = lookup.find(row, "implies", At::Implies { entry, name: 0 }, errors);
        for (k, name) in implied.iter().enumerate() {
            let at = At::Implies { entry, name: k + 1 };
            if let (Some(edges), Some(j)) = (
                found.and_then(|i| edges.get_mut(i)),
                lookup.find(name, "implies", at, errors),
            ) {
                edges.push((j, at));
            }
        }
    }
    let mut bits = own.to_vec();
    for (start, (row, total)) in spec.rows.iter().zip(bits.iter_mut()).enumerate() {
        let first = edges.get(start).and_then(|e| e.first()).map(|&(_, at)| at);
        // Depth-first over what `start` implies; a path back to `start` is a cycle.
        let mut stack = Vec::new();
        push_implied(&mut stack, &edges, start);
        let mut seen = vec![false; spec.rows.len()];
        while let Some(j) = stack.pop() {
            if j == start {
                if let Some(at) = first {
                    push(
                        errors,
                        at,
                        ErrorKind::ImpliesCycle {
                            name: row.name.clone(),
                        },
                    );
                }
                break;
            }
            match seen.get_mut(j) {
                Some(seen) if !*seen => *seen = true,
                _ => continue,
            }
            *total |= own.get(j).copied().unwrap_or(0);
            push_implied(&mut stack, &edges, j);
        }
    }
    bits
}

/// Pushes the rows that row `i` implies.
fn push_implied(stack: &mut Vec<usize>, edges: &[Vec<(usize, At)>], i: usize) {
    if let Some(implied) = edges.get(i) {
        for &(j, _) in implied {
            stack.push(j);
        }
    }
}

// A row bypasses when it says so, or when the container's `bypass = ..` names it.
fn bypass_rows(spec: &Spec, lookup: &Lookup<'_>, errors: &mut Vec<RuleError>) -> Vec<bool> {
    let mut bypass = Vec::with_capacity(spec.rows.len());
    for row in &spec.rows {
        bypass.push(row.bypass);
    }
    for (k, term) in spec.bypass.iter().enumerate() {
        match term {
            Term::Name(name) => {
                if let Some(flag) = lookup
                    .find(name, "bypass", At::Bypass(k), errors)
                    .and_then(|i| bypass.get_mut(i))
                {
                    *flag = true;
                }
            }
            Term::Value(_) => push(errors, At::Bypass(k), ErrorKind::BypassValue),
        }
    }
    bypass
}

// A bypass row is a single bit: with several, holding part of it would bypass every check.
fn single_bit_bypass(spec: &Spec, bits: &[u128], bypass: &[bool], errors: &mut Vec<RuleError>) {
    for (i, ((row, &value), &bypass)) in spec.rows.iter().zip(bits).zip(bypass).enumerate() {
        if bypass && value.count_ones() > 1 {
            let at = if row.bypass {
                At::Row(i, Part::Bypass)
            } else {
                // Named at the top: point at the first term that names it.
                let term = spec.bypass.iter().position(
                    |t| matches!(t, Term::Name(n) if *n == row.name || row.variant.as_ref() == Some(n)),
                );
                term.map_or(At::Row(i, Part::Row), At::Bypass)
            };
            push(
                errors,
                at,
                ErrorKind::BypassNotSingleBit {
                    name: row.name.clone(),
                    value,
                },
            );
        }
    }
}

// `default = A | B | 0x0112` names known rows, and a value has no bits that no row declares.
fn terms_bits(
    spec: &Spec,
    lookup: &Lookup<'_>,
    bits: &[u128],
    errors: &mut Vec<RuleError>,
) -> u128 {
    let known = union(bits);
    let mut out = 0;
    for (k, term) in spec.default.iter().enumerate() {
        let at = At::Default(k);
        out |= match term {
            Term::Name(name) => lookup
                .find(name, "default", at, errors)
                .and_then(|i| bits.get(i))
                .copied()
                .unwrap_or(0),
            Term::Value(value) => {
                if value & !known != 0 {
                    push(
                        errors,
                        at,
                        ErrorKind::UndeclaredBits {
                            key: "default",
                            bits: value & !known,
                        },
                    );
                }
                *value
            }
        };
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::ToString;

    fn row(name: &str, assign: Assign) -> Draft {
        Draft::new(name, assign)
    }

    fn kinds(resolution: &Resolution) -> Vec<Kind> {
        resolution.rows.iter().map(|r| r.kind).collect()
    }

    fn errors(resolution: &Resolution) -> Vec<(At, String)> {
        resolution
            .errors
            .iter()
            .map(|e| (e.at, e.kind.to_string()))
            .collect()
    }

    #[test]
    fn bits_and_values_fit_the_width() {
        let spec = Spec::new(
            16,
            vec![
                row("A", Assign::Bit(15)),
                row("B", Assign::Bit(16)),
                row("C", Assign::Value(0)),
                row("D", Assign::Value(0x1_0000)),
                row("E", Assign::Value(0xffff & !0x8000)),
            ],
        );
        let r = resolve(&spec);
        assert_eq!(r.rows[0].bits, 0x8000);
        assert_eq!(r.rows[1].bits, 0);
        assert_eq!(
            errors(&r),
            [
                (
                    At::Row(1, Part::Value),
                    "bit 16 is beyond `u16`, whose bits are 0 to 15".to_string()
                ),
                (
                    At::Row(2, Part::Value),
                    "a row's value cannot be 0: it would be held by everyone".to_string()
                ),
                (
                    At::Row(3, Part::Value),
                    "value 0x10000 (bit 16) does not fit in `u16`".to_string()
                ),
            ]
        );
        // 128 bits: every bit fits.
        let wide = Spec::new(
            128,
            vec![
                row("TOP", Assign::Bit(127)),
                row("ALL", Assign::Value(u128::MAX)),
            ],
        );
        let r = resolve(&wide);
        assert_eq!(r.rows[0].bits, 1 << 127);
        assert_eq!(r.errors.len(), 1, "ALL overlaps TOP: {:?}", r.errors);
        // A width above 128 (the field is public) counts as 128: bit 130 is an error, not a
        // shift past `u128`.
        let too_wide = Spec::new(
            200,
            vec![row("TOP", Assign::Bit(127)), row("A", Assign::Bit(130))],
        );
        let r = resolve(&too_wide);
        assert_eq!(r.rows[0].bits, 1 << 127);
        assert_eq!(r.rows[1].bits, 0);
        assert_eq!(
            errors(&r),
            [(
                At::Row(1, Part::Value),
                "bit 130 is beyond `u128`, whose bits are 0 to 127".to_string()
            )]
        );
    }

    #[test]
    fn duplicate_values_are_errors_unless_aliases() {
        let mut spec = Spec::new(
            32,
            vec![
                row("MANAGE_EMOJIS", Assign::Bit(13)),
                row("EDIT_EMOJIS", Assign::Value(1 << 13)),
                row("EMOJIS", Assign::Bit(13)),
            ],
        );
        let r = resolve(&spec);
        assert_eq!(r.errors.len(), 2);
        assert_eq!(r.errors[0].at, At::Row(1, Part::Value));
        assert_eq!(r.errors[0].other, Some(0));
        assert_eq!(
            r.errors[0].kind.to_string(),
            "duplicate value 0x2000 (bit 13): `MANAGE_EMOJIS` has it too; if this row is \
             another name for `MANAGE_EMOJIS`, allow that with `aliases`"
        );
        spec.aliases = true;
        let r = resolve(&spec);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        // An alias of an alias names the first row.
        assert_eq!(kinds(&r), [Kind::Plain, Kind::Alias(0), Kind::Alias(0)]);
        assert!(
            r.rows
                .iter()
                .all(|row| row.bits == 1 << 13 && row.is_permission())
        );
    }

    #[test]
    fn overlaps_need_composite_on_one_side() {
        let plain = Spec::new(
            16,
            vec![
                row("VIEW_PUBLIC_LOGS", Assign::Value(0x0002)),
                row("SEND_MESSAGES", Assign::Value(0x0112)),
            ],
        );
        let r = resolve(&plain);
        assert_eq!(
            errors(&r),
            [(
                At::Row(1, Part::Value),
                "value 0x0112 overlaps `VIEW_PUBLIC_LOGS` (0x0002); mark the row `composite` if it \
                 covers `VIEW_PUBLIC_LOGS` on purpose"
                    .to_string()
            )]
        );
        assert_eq!(r.errors[0].other, Some(0));
        for composite in [0, 1] {
            let mut spec = plain.clone();
            spec.rows[composite].composite = true;
            let r = resolve(&spec);
            assert!(r.errors.is_empty(), "{:?}", r.errors);
            let expected = if composite == 0 {
                [Kind::Composite, Kind::Plain]
            } else {
                [Kind::Plain, Kind::Composite]
            };
            assert_eq!(kinds(&r), expected);
        }
    }

    #[test]
    fn reserved_bits_stay_free() {
        let mut reserved = row("NOT_USED", Assign::Bit(2));
        reserved.reserved = true;
        reserved.line = 3;
        let mut used = row("SEND_INVITES", Assign::Bit(2));
        used.line = 4;
        let r = resolve(&Spec::new(32, vec![reserved.clone(), used.clone()]));
        assert_eq!(
            errors(&r),
            [(
                At::Row(1, Part::Value),
                "`SEND_INVITES` uses bits 0x0004, which the row on line 3 reserves".to_string()
            )]
        );
        let r = resolve(&Spec::new(32, vec![used, reserved]));
        assert_eq!(
            errors(&r),
            [(
                At::Row(1, Part::Value),
                "this row reserves bits 0x0004, which `SEND_INVITES` on line 4 uses".to_string()
            )]
        );
        // Reserved rows are no permissions, and their bits are the reserved mask; with
        // `aliases` too, a reserved row never becomes an alias.
        let mut first = row("NOT_USED", Assign::Bit(0));
        first.reserved = true;
        let mut second = first.clone();
        second.assign = Assign::Bit(1);
        let mut spec = Spec::new(8, vec![first.clone(), second, row("NEXT", Assign::Next)]);
        spec.aliases = true;
        let r = resolve(&spec);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(kinds(&r), [Kind::Reserved, Kind::Reserved, Kind::Plain]);
        assert_eq!(r.reserved, 0b11);
        assert_eq!(r.rows[2].bits, 0b100);
        assert!(!r.rows[0].is_permission());
        let mut twice = Spec::new(8, vec![first.clone(), first]);
        twice.aliases = true;
        assert_eq!(resolve(&twice).errors.len(), 1);
    }

    #[test]
    fn rows_without_bits_take_the_lowest_free_one() {
        let spec = Spec::new(
            8,
            vec![
                row("A", Assign::Next),
                row("B", Assign::Bit(0)),
                row("C", Assign::Next),
                row("D", Assign::Value(0b110)),
                row("E", Assign::Next),
            ],
        );
        let r = resolve(&spec);
        let bits: Vec<u128> = r.rows.iter().map(|r| r.bits).collect();
        assert_eq!(bits, [0b10_0000 >> 2, 0b1, 0b1_0000, 0b110, 0b10_0000]);
        assert_eq!(r.errors.len(), 0);

        let full: Vec<Draft> = (0..9)
            .map(|i| row(&alloc::format!("R{i}"), Assign::Next))
            .collect();
        let r = resolve(&Spec::new(8, full));
        assert_eq!(
            errors(&r),
            [(
                At::Row(8, Part::Row),
                "more rows than bits: no bit of `u8` is left for `R8`; use a wider set".to_string()
            )]
        );
        assert_eq!(r.rows[7].bits, 1 << 7);
        assert_eq!(r.rows[8].bits, 0);
    }

    #[test]
    fn repeated_names_keep_the_first() {
        let mut first = row("VIEW_AUDIT_LOGS", Assign::Bit(7));
        first.variant = Some("ViewAuditLogs".into());
        let spec = Spec::new(
            32,
            vec![
                first,
                row("VIEW_AUDIT_LOGS", Assign::Bit(29)),
                row("OTHER", Assign::Bit(1)),
            ],
        );
        let r = resolve(&spec);
        assert_eq!(kinds(&r), [Kind::Plain, Kind::Repeated, Kind::Plain]);
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.errors[0].at, At::Row(1, Part::Name));
        assert_eq!(r.errors[0].other, Some(0));
        assert_eq!(
            r.errors[0].kind.to_string(),
            "two rows are named `VIEW_AUDIT_LOGS` (the first is `ViewAuditLogs`); rename one \
             with `#[permission(name = \"..\")]`"
        );
        assert!(!r.rows[1].is_permission());
    }

    #[test]
    fn names_resolve_by_constant_or_variant_and_unknown_ones_get_a_suggestion() {
        let mut public = row("PUBLIC", Assign::Next);
        public.variant = Some("Public".into());
        let mut user = row("USER", Assign::Next);
        user.implies = vec!["Public".into(), "Pubic".into()];
        let mut spec = Spec::new(16, vec![public, user]);
        spec.default = vec![Term::Name("PUBLIC".into()), Term::Name("r#USER".into())];
        spec.bypass = vec![Term::Name("ADMIN".into())];
        let r = resolve(&spec);
        assert_eq!(r.rows[1].bits, 0b11);
        assert_eq!(r.default, 0b11);
        assert_eq!(
            errors(&r),
            [
                (
                    At::Row(1, Part::Implies(1)),
                    "`implies` names an unknown row `Pubic`; did you mean `Public`?".to_string()
                ),
                (
                    At::Bypass(0),
                    "`bypass` names an unknown row `ADMIN`".to_string()
                ),
            ]
        );
        // Some rows could not be read: a name may be among them, so it is not reported.
        spec.incomplete = true;
        assert!(resolve(&spec).errors.is_empty());
    }

    #[test]
    fn implies_folds_rows_transitively_and_rejects_cycles() {
        let mut a = row("A", Assign::Bit(0));
        a.implies = vec!["B".into()];
        let mut b = row("B", Assign::Bit(1));
        b.implies = vec!["C".into()];
        let c = row("C", Assign::Bit(2));
        let r = resolve(&Spec::new(8, vec![a.clone(), b.clone(), c.clone()]));
        let bits: Vec<u128> = r.rows.iter().map(|r| r.bits).collect();
        assert_eq!(bits, [0b111, 0b110, 0b100]);
        assert_eq!(kinds(&r), [Kind::Composite, Kind::Composite, Kind::Plain]);
        // C implies A: every row of the cycle is reported at its first `implies`.
        let mut c = c;
        c.implies = vec!["A".into()];
        let r = resolve(&Spec::new(8, vec![a, b, c]));
        assert_eq!(
            errors(&r).iter().map(|(at, _)| *at).collect::<Vec<_>>(),
            [
                At::Row(0, Part::Implies(0)),
                At::Row(1, Part::Implies(0)),
                At::Row(2, Part::Implies(0))
            ]
        );
        assert_eq!(
            r.errors[0].kind.to_string(),
            "`A` implies itself through a cycle of `implies`"
        );
    }

    #[test]
    fn the_container_implies_for_documents() {
        let mut spec = Spec::new(
            16,
            vec![row("PUBLIC", Assign::Bit(0)), row("USER", Assign::Bit(3))],
        );
        spec.implies = vec![("USER".into(), vec!["PUBLIC".into()])];
        let r = resolve(&spec);
        assert_eq!(r.rows[1].bits, 0b1001);
        assert!(r.errors.is_empty());
        spec.implies = vec![
            ("USER".into(), vec!["USER".into()]),
            ("NOBODY".into(), vec!["PUBLIC".into(), "PUBLC".into()]),
        ];
        let r = resolve(&spec);
        assert_eq!(
            errors(&r).iter().map(|(at, _)| *at).collect::<Vec<_>>(),
            [
                At::Implies { entry: 1, name: 0 },
                At::Implies { entry: 1, name: 2 },
                At::Implies { entry: 0, name: 1 },
            ]
        );
    }

    #[test]
    fn bypass_rows_are_single_bits() {
        let mut admin = row("ADMINISTRATOR", Assign::Bit(31));
        admin.bypass = true;
        let mut wide = row("OWNER", Assign::Value(0b11));
        wide.bypass = true;
        let mut spec = Spec::new(
            32,
            vec![
                admin,
                wide,
                row("KICK", Assign::Bit(5)),
                row("PAIR", Assign::Value(0b1100)),
            ],
        );
        spec.bypass = vec![
            Term::Name("KICK".into()),
            Term::Value(0x4),
            Term::Name("PAIR".into()),
        ];
        let r = resolve(&spec);
        assert_eq!(
            kinds(&r),
            [Kind::Bypass, Kind::Bypass, Kind::Bypass, Kind::Bypass]
        );
        assert_eq!(r.bypass, 1 << 31 | 0b11 | 1 << 5 | 0b1100);
        assert_eq!(
            errors(&r),
            [
                (
                    At::Bypass(1),
                    "`bypass = ..` takes row names, not values".to_string()
                ),
                (
                    At::Row(1, Part::Bypass),
                    "a `bypass` row must be a single bit, but `OWNER` is 0x0003".to_string()
                ),
                (
                    At::Bypass(2),
                    "a `bypass` row must be a single bit, but `PAIR` is 0x000c".to_string()
                ),
            ]
        );
    }

    #[test]
    fn next_bits_skip_every_bit_of_overlapping_values() {
        let mut covering = row("COVERING", Assign::Value(0b11));
        covering.composite = true;
        let spec = Spec::new(
            8,
            vec![
                covering,
                row("LOW", Assign::Value(0b01)),
                row("NEXT", Assign::Next),
            ],
        );
        let r = resolve(&spec);
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert_eq!(r.rows[2].bits, 0b100);
    }

    #[test]
    fn a_cycle_below_a_row_ends() {
        // A implies B; B and C imply each other: A holds all three, and the walk ends.
        let mut a = row("A", Assign::Bit(0));
        a.implies = vec!["B".into()];
        let mut b = row("B", Assign::Bit(1));
        b.implies = vec!["C".into()];
        let mut c = row("C", Assign::Bit(2));
        c.implies = vec!["B".into()];
        let r = resolve(&Spec::new(8, vec![a, b, c]));
        assert_eq!(r.rows[0].bits, 0b111);
        assert_eq!(
            errors(&r).iter().map(|(at, _)| *at).collect::<Vec<_>>(),
            [At::Row(1, Part::Implies(0)), At::Row(2, Part::Implies(0))]
        );
    }

    #[test]
    fn masks_are_the_union_of_their_rows() {
        let mut root = row("ROOT", Assign::Bit(0));
        root.bypass = true;
        let mut pair = row("PAIR", Assign::Value(0b11));
        (pair.bypass, pair.composite) = (true, true);
        let mut reserved = row("RESERVED", Assign::Value(0b1100));
        reserved.reserved = true;
        let mut part = reserved.clone();
        (part.assign, part.composite) = (Assign::Bit(3), true);
        let r = resolve(&Spec::new(8, vec![root, pair, reserved, part]));
        assert_eq!(r.bypass, 0b11);
        assert_eq!(r.reserved, 0b1100);
    }

    #[test]
    fn default_values_must_be_declared() {
        // C is part of A: the bits the rows declare are their union.
        let mut spec = Spec::new(
            16,
            vec![
                row("A", Assign::Value(0x0112)),
                row("B", Assign::Bit(0)),
                row("C", Assign::Value(0x0002)),
            ],
        );
        spec.rows[0].composite = true;
        spec.default = vec![
            Term::Value(0x0112),
            Term::Value(0x8001),
            Term::Name("B".into()),
        ];
        let r = resolve(&spec);
        assert_eq!(r.default, 0x8113);
        assert_eq!(
            errors(&r),
            [(
                At::Default(1),
                "`default` has bits that no row declares: 0x8000".to_string()
            )]
        );
    }
}
