//! Escalation guards: nobody hands out more than they hold, or manages a role at or above
//! their own.

use core::fmt;

use super::Overwrite;
use crate::PermissionSet;

/// Someone who changes roles or overwrites: what it holds, and where its highest role stands.
///
/// Two rules, after seed 002 ("assign roles with lower permissions to a user") and Discord:
/// - an actor may assign, remove or edit only roles positioned strictly below its highest
///   role. The owner is exempt; a bypass holder is not.
/// - an actor may never grant, in a role or an overwrite, a permission it does not hold
///   itself. Holders of a bypass flag (and the owner) may.
///
/// Positions `P` are ordered like Discord's: higher is more powerful, and a member with no
/// role stands at @everyone's position. `S` is the set the actor's permissions are in: its
/// guild permissions for roles, its permissions in the channel for that channel's overwrites.
/// Whether the actor may manage roles at all (a MANAGE_ROLES flag) is an ordinary
/// [`Requirement`](crate::Requirement) check, not an escalation.
///
/// ```
/// use permissions::{PermissionSet, resolve::{Action, Actor, Reason}};
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u32)]
/// enum GuildPermission {
///     #[permission(bit = 31, bypass)] Administrator,
///     #[permission(bit = 25)] ManageRoles,
///     #[permission(bit = 19)] BanMembers,
///     #[permission(bit = 18)] KickMembers,
/// }
/// use GuildPermissions as G;
///
/// let moderator = Actor::new(G::MANAGE_ROLES | G::KICK_MEMBERS, 5_u32);
/// assert!(moderator.check_assign(3, G::KICK_MEMBERS).is_ok());
///
/// let refused = moderator.check_assign(3, G::BAN_MEMBERS | G::KICK_MEMBERS).unwrap_err();
/// assert_eq!(refused.action(), Action::AssignRole);
/// assert_eq!(refused.reason(), Reason::NotHeld { flags: G::BAN_MEMBERS });
/// assert_eq!(
///     refused.to_string(),
///     "refused to assign the role: it would grant BAN_MEMBERS, which you do not hold"
/// );
///
/// let refused = moderator.check_remove(5).unwrap_err();
/// assert_eq!(
///     refused.to_string(),
///     "refused to remove the role at position 5: it is not below your highest role, at position 5"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Actor<S, P> {
    /// The permissions the actor holds where the change is made.
    pub held: S,
    /// The position of the actor's highest role.
    pub highest_role: P,
    /// Whether the actor owns the guild.
    pub is_owner: bool,
}

impl<S, P> Actor<S, P> {
    /// An actor that holds `held` and whose highest role is at `highest_role`.
    #[inline]
    #[must_use]
    pub const fn new(held: S, highest_role: P) -> Self {
        Actor {
            held,
            highest_role,
            is_owner: false,
        }
    }

    /// The same actor, owning the guild or not.
    #[inline]
    #[must_use]
    pub const fn with_owner(mut self, is_owner: bool) -> Self {
        self.is_owner = is_owner;
        self
    }
}

impl<S: PermissionSet, P: Ord + Copy> Actor<S, P> {
    /// May the actor give a member the role at `position`, which carries `permissions`?
    ///
    /// The role must be below the actor's highest, and the actor must hold what the role
    /// grants.
    #[inline]
    pub fn check_assign(&self, position: P, permissions: S) -> Result<(), Escalation<S, P>> {
        let action = Action::AssignRole;
        self.check_below(action, position)?;
        self.check_held(action, permissions)
    }

    /// May the actor take the role at `position` from a member?
    #[inline]
    pub fn check_remove(&self, position: P) -> Result<(), Escalation<S, P>> {
        self.check_below(Action::RemoveRole, position)
    }

    /// May the actor change the permissions of the role at `position` from `before` to
    /// `after`? Creating a role is editing one from `S::empty()`.
    ///
    /// The role must be below the actor's highest, and the actor must hold every flag the
    /// edit adds or takes away: a flag one cannot use is not one's to hand out or revoke.
    #[inline]
    pub fn check_edit_role(
        &self,
        position: P,
        before: S,
        after: S,
    ) -> Result<(), Escalation<S, P>> {
        let action = Action::EditRole;
        self.check_below(action, position)?;
        self.check_held(action, before.symmetric_difference(after))
    }

    /// May the actor change a channel overwrite from `before` (`None` when it is new) to
    /// `after`? `self.held` is then the actor's permissions in that channel.
    ///
    /// The actor must hold every flag whose allow or deny the edit changes, and no overwrite
    /// may allow a bypass flag, whoever sets it (resolution would ignore it anyway).
    #[inline]
    pub fn check_overwrite<Id>(
        &self,
        before: Option<&Overwrite<Id, S>>,
        after: &Overwrite<Id, S>,
    ) -> Result<(), Escalation<S, P>> {
        let action = Action::EditOverwrite;
        let bypass = after.allow.intersection(S::BYPASS);
        if !bypass.is_empty() {
            return Err(Escalation::new(
                action,
                Reason::BypassInOverwrite { flags: bypass },
            ));
        }
        let (allow, deny) = match before {
            Some(before) => (before.allow, before.deny),
            None => (S::empty(), S::empty()),
        };
        let changed = allow
            .symmetric_difference(after.allow)
            .union(deny.symmetric_difference(after.deny));
        self.check_held(action, changed)
    }

    /// Whether the actor may hand out (or take back) `flags`.
    #[inline]
    fn check_held(&self, action: Action, flags: S) -> Result<(), Escalation<S, P>> {
        if self.is_owner || self.held.holds_bypass() {
            return Ok(());
        }
        // Unknown bits are never held, so they are never the actor's to give.
        let missing = flags.difference(S::from_bits_truncate(self.held.bits()));
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Escalation::new(action, Reason::NotHeld { flags: missing }))
        }
    }

    #[inline]
    fn check_below(&self, action: Action, position: P) -> Result<(), Escalation<S, P>> {
        if self.is_owner || position < self.highest_role {
            Ok(())
        } else {
            Err(Escalation::new(
                action,
                Reason::RoleNotBelow {
                    role: position,
                    highest: self.highest_role,
                },
            ))
        }
    }
}

/// What an actor tried to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Action {
    /// Give a member a role.
    AssignRole,
    /// Take a role from a member.
    RemoveRole,
    /// Create a role, or change its permissions.
    EditRole,
    /// Create or change a channel overwrite.
    EditOverwrite,
}

impl Action {
    /// The action in a few words: "assign the role".
    #[must_use]
    pub const fn describe(self) -> &'static str {
        match self {
            Action::AssignRole => "assign the role",
            Action::RemoveRole => "remove the role",
            Action::EditRole => "edit the role",
            Action::EditOverwrite => "edit the overwrite",
        }
    }
}

/// Why an [`Action`] was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason<S, P> {
    /// The role is not strictly below the actor's highest role.
    RoleNotBelow {
        /// The position of the role acted on.
        role: P,
        /// The position of the actor's highest role.
        highest: P,
    },
    /// The action would grant or change flags the actor does not hold.
    NotHeld {
        /// The flags the actor lacks.
        flags: S,
    },
    /// An overwrite may never allow a bypass flag.
    BypassInOverwrite {
        /// The bypass flags it tried to allow.
        flags: S,
    },
}

/// An escalation guard's refusal: what was refused, and why.
///
/// Its `Display` names the flags: "refused to edit the role: it would change MANAGE_GUILD,
/// which you do not hold". It is a `std::error::Error` with the `std` feature.
///
/// ```
/// use permissions::{PermissionSet, resolve::{Action, Actor, Overwrite, Reason}};
///
/// #[derive(PermissionSet)]
/// enum Perm { #[permission(bypass)] Administrator, ViewChannel, SendMessages }
///
/// let owner = Actor::new(Perms::all(), 0_u8).with_owner(true);
/// let escalate = Overwrite::member(9_u64).allow(Perms::ADMINISTRATOR);
/// let refused = owner.check_overwrite(None, &escalate).unwrap_err();
/// assert_eq!(refused.action(), Action::EditOverwrite);
/// assert!(matches!(refused.reason(), Reason::BypassInOverwrite { .. }));
/// assert_eq!(
///     refused.to_string(),
///     "refused to edit the overwrite: an overwrite can never allow ADMINISTRATOR, a bypass flag"
/// );
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Escalation<S, P> {
    action: Action,
    reason: Reason<S, P>,
}

impl<S, P> Escalation<S, P> {
    /// A refusal of `action` for `reason`.
    #[inline]
    #[must_use]
    pub const fn new(action: Action, reason: Reason<S, P>) -> Self {
        Escalation { action, reason }
    }

    /// What was refused.
    #[inline]
    #[must_use]
    pub const fn action(&self) -> Action {
        self.action
    }
}

impl<S: Copy, P: Copy> Escalation<S, P> {
    /// Why it was refused.
    #[inline]
    #[must_use]
    pub const fn reason(&self) -> Reason<S, P> {
        self.reason
    }
}

impl<S: PermissionSet, P: fmt::Display> fmt::Display for Escalation<S, P> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let action = self.action.describe();
        match &self.reason {
            Reason::RoleNotBelow { role, highest } => write!(
                f,
                "refused to {action} at position {role}: it is not below your highest role, \
                 at position {highest}"
            ),
            Reason::NotHeld { flags } => {
                let verb = match self.action {
                    Action::AssignRole => "grant",
                    _ => "change",
                };
                write!(f, "refused to {action}: it would {verb} ")?;
                bitflags::parser::to_writer(flags, &mut *f)?;
                f.write_str(", which you do not hold")
            }
            Reason::BypassInOverwrite { flags } => {
                write!(f, "refused to {action}: an overwrite can never allow ")?;
                bitflags::parser::to_writer(flags, &mut *f)?;
                f.write_str(", a bypass flag")
            }
        }
    }
}

#[cfg(feature = "std")]
impl<S: PermissionSet, P: fmt::Debug + fmt::Display> std::error::Error for Escalation<S, P> {}

#[cfg(test)]
mod tests {
    use super::{Action, Actor, Escalation, Reason};
    use crate::resolve::Overwrite;
    use crate::resolve::tests::Text;

    #[test]
    fn hierarchy_is_strict_and_only_the_owner_is_exempt() {
        let admin = Actor::new(Text::ADMIN, 4_i32);
        assert!(admin.check_remove(3).is_ok());
        assert_eq!(
            admin.check_remove(4),
            Err(Escalation::new(
                Action::RemoveRole,
                Reason::RoleNotBelow {
                    role: 4,
                    highest: 4
                }
            ))
        );
        assert!(admin.check_assign(9, Text::empty()).is_err());
        assert!(admin.with_owner(true).check_assign(9, Text::all()).is_ok());
    }

    #[test]
    fn edits_need_every_changed_flag() {
        let actor = Actor::new(Text::VIEW | Text::SEND, 10_u8);
        assert!(
            actor
                .check_edit_role(1, Text::REACT, Text::REACT | Text::SEND)
                .is_ok()
        );
        let refused = actor
            .check_edit_role(1, Text::REACT, Text::SEND)
            .unwrap_err();
        assert_eq!(refused.reason(), Reason::NotHeld { flags: Text::REACT });
        // Unknown bits are never held.
        let unknown = Text::from_bits_retain(1 << 6);
        assert!(actor.check_edit_role(1, Text::empty(), unknown).is_err());
        assert!(
            Actor::new(Text::ADMIN, 10_u8)
                .check_edit_role(1, Text::empty(), Text::all())
                .is_ok()
        );
    }

    #[test]
    fn overwrite_edits_compare_with_the_overwrite_before() {
        let actor = Actor::new(Text::VIEW | Text::SEND, 0_u8);
        let before = Overwrite::role(1_u8).allow(Text::ATTACH);
        let after = before.deny(Text::SEND);
        assert!(actor.check_overwrite(Some(&before), &after).is_ok());
        assert_eq!(
            actor.check_overwrite(None, &after).map_err(|r| r.reason()),
            Err(Reason::NotHeld {
                flags: Text::ATTACH
            })
        );
        let to_admin = after.allow(Text::ADMIN);
        assert_eq!(
            Actor::new(Text::ADMIN, 0)
                .check_overwrite(Some(&after), &to_admin)
                .map_err(|r| r.reason()),
            Err(Reason::BypassInOverwrite { flags: Text::ADMIN })
        );
    }
}
