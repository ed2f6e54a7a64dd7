//! Requirements (what a handler needs) and denials (why a holder was refused).

use core::fmt;

use crate::PermissionSet;

/// What an operation requires: flags, or a nesting of all-of and any-of.
///
/// Requirements are plain data with `'static` parts, so they can be built in const context,
/// which is how `#[requires]` builds them: at compile time, once.
///
/// ```
/// # use permissions::{PermissionSet, Requirement};
/// # #[derive(PermissionSet)]
/// # #[permissions(bits = u32)]
/// # enum GuildPermission {
/// #     #[permission(bit = 31, bypass)] Administrator,
/// #     #[permission(bit = 19)] BanMembers,
/// #     #[permission(bit = 18)] KickMembers,
/// #     #[permission(bit = 17)] ManageMembers,
/// # }
/// const REMOVE: Requirement<GuildPermissions> = Requirement::AllOf(&[
///     Requirement::All(GuildPermissions::MANAGE_MEMBERS),
///     Requirement::AnyOf(&[
///         Requirement::All(GuildPermissions::BAN_MEMBERS),
///         Requirement::All(GuildPermissions::KICK_MEMBERS),
///     ]),
/// ]);
/// let moderator = GuildPermissions::MANAGE_MEMBERS | GuildPermissions::KICK_MEMBERS;
/// assert!(moderator.check(&REMOVE).is_ok());
/// assert!(GuildPermissions::MANAGE_MEMBERS.check(&REMOVE).is_err());
/// assert_eq!(REMOVE.to_string(), "all(MANAGE_MEMBERS, any(BAN_MEMBERS, KICK_MEMBERS))");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Requirement<S: 'static> {
    /// Every flag in the set (`A | B`). An empty set is always met.
    All(S),
    /// Every one of the nested requirements (`all(..)`). An empty list is always met.
    AllOf(&'static [Requirement<S>]),
    /// At least one of the nested requirements (`any(..)`). An empty list is never met.
    AnyOf(&'static [Requirement<S>]),
}

impl<S: PermissionSet> Requirement<S> {
    /// Every flag mentioned anywhere in the requirement.
    #[must_use]
    pub fn flags(&self) -> S {
        match self {
            Requirement::All(flags) => *flags,
            Requirement::AllOf(parts) | Requirement::AnyOf(parts) => parts
                .iter()
                .fold(S::empty(), |acc, part| acc.union(part.flags())),
        }
    }

    /// Whether `held` meets the requirement, bypass rows included.
    #[inline]
    #[must_use]
    pub fn is_met_by(&self, held: S) -> bool {
        held.holds_bypass() || self.missing_from(held).is_ok()
    }

    /// Without looking at bypass rows: `Ok` if `held` meets the requirement, or else the flags
    /// whose absence made it fail. Bits that the table does not know never count as held.
    #[inline]
    pub(crate) fn missing_from(&self, held: S) -> Result<(), S> {
        let known = S::from_bits_truncate(held.bits());
        match self {
            Requirement::All(flags) => {
                let lacking = flags.difference(known);
                if lacking.is_empty() {
                    Ok(())
                } else {
                    Err(whole_rows(*flags, lacking))
                }
            }
            Requirement::AllOf(parts) => {
                let mut missing = S::empty();
                let mut met = true;
                for part in *parts {
                    if let Err(more) = part.missing_from(known) {
                        met = false;
                        missing = missing.union(more);
                    }
                }
                if met { Ok(()) } else { Err(missing) }
            }
            Requirement::AnyOf(parts) => {
                let mut missing = S::empty();
                for part in *parts {
                    match part.missing_from(known) {
                        Ok(()) => return Ok(()),
                        Err(more) => missing = missing.union(more),
                    }
                }
                Err(missing)
            }
        }
    }
}

/// `lacking` widened to the whole rows of `flags` it touches, so that a holder of PUBLIC who
/// lacks USER (= its own bit | PUBLIC) is missing USER, not one anonymous bit. Runs on
/// refusals only.
fn whole_rows<S: PermissionSet>(flags: S, lacking: S) -> S {
    S::ROWS
        .iter()
        .map(crate::Row::value)
        .filter(|row| flags.contains(*row) && row.intersects(lacking))
        .fold(lacking, S::union)
}

/// Names the largest rows inside `flags` (`USER` rather than `PUBLIC | USER`), then any bits no
/// row covers, in hex.
pub(crate) fn write_rows<S: PermissionSet>(flags: S, f: &mut fmt::Formatter<'_>) -> fmt::Result {
    let inside = |row: &&crate::Row<S>| flags.contains(row.value());
    let mut covered = S::empty();
    let mut first = true;
    for row in S::ROWS.iter().filter(inside) {
        let value = row.value();
        let larger = S::ROWS
            .iter()
            .filter(inside)
            .any(|other| other.value() != value && other.value().contains(value));
        if larger || covered.contains(value) {
            continue;
        }
        if !first {
            f.write_str(" | ")?;
        }
        f.write_str(row.name())?;
        covered = covered.union(value);
        first = false;
    }
    let rest = flags.difference(covered);
    if !rest.is_empty() || first {
        if !first {
            f.write_str(" | ")?;
        }
        f.write_str("0x")?;
        bitflags::parser::WriteHex::write_hex(&rest.bits(), &mut *f)?;
    }
    Ok(())
}

impl<S: PermissionSet> fmt::Display for Requirement<S> {
    /// `MANAGE_SETTINGS`, `BAN_MEMBERS | KICK_MEMBERS`, `any(A, all(B, C))`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<S: PermissionSet>(
            f: &mut fmt::Formatter<'_>,
            name: &str,
            parts: &[Requirement<S>],
        ) -> fmt::Result {
            write!(f, "{name}(")?;
            for (i, part) in parts.iter().enumerate() {
                if i > 0 {
                    f.write_str(", ")?;
                }
                fmt::Display::fmt(part, f)?;
            }
            f.write_str(")")
        }
        match self {
            Requirement::All(flags) => bitflags::parser::to_writer(flags, f),
            Requirement::AllOf(parts) => list(f, "all", parts),
            Requirement::AnyOf(parts) => list(f, "any", parts),
        }
    }
}

/// A refused check: what was required, and what was missing.
///
/// Its `Display` names the missing flags (`missing BAN_MEMBERS | KICK_MEMBERS`). Handlers
/// guarded with `#[requires]` turn it into their own error type with `From`.
///
/// ```
/// # use permissions::{PermissionSet, Requirement};
/// # #[derive(PermissionSet)]
/// # #[permissions(bits = u32)]
/// # enum GuildPermission {
/// #     #[permission(bit = 19)] BanMembers,
/// #     #[permission(bit = 18)] KickMembers,
/// #     #[permission(bit = 3)] SendInvites,
/// # }
/// let member = GuildPermissions::SEND_INVITES;
/// let needed = GuildPermissions::BAN_MEMBERS | GuildPermissions::KICK_MEMBERS;
/// let denied = member.check(&Requirement::All(needed)).unwrap_err();
/// assert_eq!(denied.missing(), needed);
/// assert_eq!(denied.to_string(), "missing BAN_MEMBERS | KICK_MEMBERS");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Denied<S: 'static> {
    requirement: Requirement<S>,
    missing: S,
}

impl<S: PermissionSet> Denied<S> {
    /// A denial of `requirement`, for lack of `missing`.
    #[must_use]
    pub const fn new(requirement: Requirement<S>, missing: S) -> Self {
        Denied {
            requirement,
            missing,
        }
    }

    /// The requirement that was not met.
    #[must_use]
    pub const fn requirement(&self) -> &Requirement<S> {
        &self.requirement
    }

    /// Every flag the requirement mentions.
    #[must_use]
    pub fn required(&self) -> S {
        self.requirement.flags()
    }

    /// The flags whose absence caused the refusal, as whole rows: a holder of `PUBLIC` who
    /// lacks `USER` (which implies `PUBLIC`) is missing all of `USER`. For a failed `any(..)`,
    /// the flags of every alternative that was not met.
    #[must_use]
    pub const fn missing(&self) -> S {
        self.missing
    }
}

impl<S: PermissionSet> fmt::Display for Denied<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.requirement {
            Requirement::AnyOf([]) => f.write_str("missing: the requirement `any()` is empty"),
            Requirement::AnyOf(_) => {
                f.write_str("missing one of ")?;
                write_rows(self.missing, f)
            }
            _ => {
                f.write_str("missing ")?;
                write_rows(self.missing, f)
            }
        }
    }
}

// `core::error::Error` is `std::error::Error`, so no_std users get it too.
impl<S: PermissionSet> core::error::Error for Denied<S> {}
