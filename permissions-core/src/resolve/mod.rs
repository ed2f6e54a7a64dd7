//! Resolution: who holds what, in the guild and in a channel.
//!
//! This follows seeds 001 and 002 and Discord's documented algorithm:
//!
//! 1. **Base** ([`base_permissions`]): the set's default (@everyone), unioned with every role
//!    of the member, unioned with the member's personal permissions; purely additive. The
//!    owner, or a holder of a bypass flag, gets `all()`.
//! 2. **Channel** ([`channel_permissions`]): bypass and ownership give `all()` and ignore the
//!    overwrites. Otherwise the guild permissions are carried into the channel's set
//!    ([`ChannelSet`]) and overwrites apply in this order:
//!    1. the @everyone overwrite, deny then allow;
//!    2. the union of the denies of the member's role overwrites, then the union of their
//!       allows;
//!    3. the member's own overwrite, deny then allow.
//!
//!    Each level is a union, so the order in which overwrites are stored never matters. A
//!    bypass flag in an allow is ignored: an overwrite never grants bypass.
//! 3. **Policy** ([`Policy`]): for members without bypass, a timeout restricts the result to
//!    an allow-list, then the set's implicit [`Rule`]s remove what lacks its prerequisite.
//!
//! Escalation guards ([`Actor`]) say whether an actor may assign, remove or edit a role, or
//! edit an overwrite, and if not, what was refused and why.
//!
//! # Unknown bits
//!
//! Bits that no row of the table defines are kept wherever they are stored (a role's
//! permissions, personal permissions, an overwrite), but never reach a resolved set: every
//! result here lies within `all()`. So no plain member holds a bit that the owner's and a
//! bypass holder's `all()` lack, and a rule or requirement naming an unknown bit is never
//! met by one that an overwrite or role carried in.
//!
//! # Discord's wire form
//!
//! Discord's @everyone is a role whose id is the guild's, and its channel overwrite a role
//! overwrite with that id. Convert such overwrites with [`Target::role_or_everyone`] for
//! [`channel_permissions`]; the prepared values take the id directly
//! (`Roles::with_everyone_role`, `Channel::with_everyone_role`).
//!
//! # Many members at once (`alloc`)
//!
//! A server that asks about many members of a guild (who may view this channel, to deliver
//! a message or list members) prepares the guild's roles once (`Roles`) and a channel's
//! overwrites once (`Channel`), in O(roles) and O(overwrites). Each member then costs
//! O(its roles), whatever the channel holds, and `Channel::members_with` lists the members
//! who hold a permission there. The per-member functions above stay allocation-free for
//! `no_std`; the results are the same.
//!
//! # Cost
//!
//! Per member and channel, O(R + O) for R roles and O overwrites, without allocation, and
//! neither slice needs to be sorted. The usual implementation scans the member's roles for
//! each role overwrite, O(R·O). Here:
//!
//! 1. The member's role ids and its own id are hashed once into a table on the stack (128
//!    bytes up to 15 roles, 1 KiB up to 126; at most 1/8 full).
//! 2. One pass over the overwrites notes each one's home slot in that table, in a byte.
//!    This pass takes no branch that depends on which overwrites apply, so random overwrites
//!    cost no mispredictions. An empty slot rules an overwrite out.
//! 3. A second pass checks the overwrites whose slot is taken (the member's, and about one
//!    in eight others) with one comparison each.
//!
//! A member with more than 126 roles (Discord allows 250 in a guild) is indexed 126 at a
//! time, each further chunk costing one more pass over the role overwrites.
//!
//! `benches/resolution.rs` compares this with twilight-util's calculator on the same random
//! guilds; the figures are in the README.
//!
//! ```
//! use permissions::{PermissionSet, resolve::{self, Member, Overwrite, Policy}};
//!
//! #[derive(PermissionSet)]
//! #[permissions(bits = u16, default = VIEW_CHANNEL | SEND_MESSAGES)]
//! enum Perm {
//!     #[permission(bypass)]
//!     Administrator,
//!     ViewChannel,
//!     SendMessages,
//!     BanMembers,
//! }
//!
//! const MODERATORS: u64 = 10;
//! const ALICE: u64 = 1;
//!
//! let base = resolve::base_permissions(Perms::DEFAULT, [Perms::BAN_MEMBERS], Perms::empty(), false);
//! assert_eq!(base, Perms::VIEW_CHANNEL | Perms::SEND_MESSAGES | Perms::BAN_MEMBERS);
//!
//! let announcements = [
//!     Overwrite::everyone().deny(Perms::SEND_MESSAGES),
//!     Overwrite::role(MODERATORS).allow(Perms::SEND_MESSAGES),
//! ];
//! let alice = Member::new(ALICE, &[MODERATORS]);
//! let bob = Member::new(2, &[]);
//! let everyone_else = resolve::channel_permissions(Perms::DEFAULT, &bob, &announcements, &Policy::NONE);
//! assert!(!everyone_else.contains(Perms::SEND_MESSAGES));
//! let moderator = resolve::channel_permissions(base, &alice, &announcements, &Policy::NONE);
//! assert!(moderator.contains(Perms::SEND_MESSAGES));
//! ```

mod channel;
mod escalation;
mod index;
#[cfg(feature = "alloc")]
mod map;
mod overwrite;
mod policy;
#[cfg(feature = "alloc")]
mod prepared;

use core::hash::Hash;

use crate::PermissionSet;

pub use self::escalation::{Action, Actor, Escalation, Reason};
pub use self::overwrite::{Overwrite, Target};
pub use self::policy::{Policy, Rule};
#[cfg(feature = "alloc")]
pub use self::prepared::{Channel, Roles};

use self::channel::apply_overwrites;

/// The member being resolved in a channel: its id, its roles' ids, and its standing.
///
/// ```
/// use permissions::resolve::Member;
///
/// let roles = [3_u64, 5];
/// let member = Member::new(42_u64, &roles).with_owner(false).with_timeout(true);
/// assert_eq!(member.roles, &[3, 5]);
/// assert!(member.timed_out);
/// assert!(!member.is_owner);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Member<'a, Id> {
    /// The member's id, matched against member overwrites.
    pub id: Id,
    /// The ids of the member's roles, in any order, without @everyone. Duplicates are fine.
    pub roles: &'a [Id],
    /// Whether the member owns the guild: it then holds everything, everywhere.
    pub is_owner: bool,
    /// Whether the member is timed out: the [`Policy`]'s timeout allow-list then applies.
    pub timed_out: bool,
}

impl<'a, Id> Member<'a, Id> {
    /// A member who neither owns the guild nor is timed out.
    #[inline]
    #[must_use]
    pub const fn new(id: Id, roles: &'a [Id]) -> Self {
        Member {
            id,
            roles,
            is_owner: false,
            timed_out: false,
        }
    }

    /// The same member, owning the guild or not.
    #[inline]
    #[must_use]
    pub const fn with_owner(mut self, is_owner: bool) -> Self {
        self.is_owner = is_owner;
        self
    }

    /// The same member, timed out or not.
    #[inline]
    #[must_use]
    pub const fn with_timeout(mut self, timed_out: bool) -> Self {
        self.timed_out = timed_out;
        self
    }
}

/// A set that channel overwrites are written in, and how the guild set `G` carries into it.
///
/// Every set is its own channel set (Discord uses one set for both). Seed 002 has separate
/// guild and channel tables; a channel table implements this to say which channel flags a
/// member starts with, before overwrites, given its guild permissions. Bypass always comes
/// from the guild set: a guild bypass holder gets the channel set's `all()`.
///
/// ```
/// use permissions::{PermissionSet, resolve::ChannelSet};
/// # #[derive(PermissionSet)]
/// # #[permissions(bits = u32)]
/// # enum GuildPermission { #[permission(bypass)] Administrator, ManageChannels, SendInvites }
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u16, default = VIEW_CHANNEL | SEND_MESSAGES)]
/// enum TextPermission { ViewChannel, SendMessages, ManageMessages, CreateInvite }
///
/// impl ChannelSet<GuildPermissions> for TextPermissions {
///     fn from_guild(guild: GuildPermissions) -> Self {
///         let mut text = TextPermissions::DEFAULT;
///         text.set(TextPermissions::MANAGE_MESSAGES, guild.contains(GuildPermissions::MANAGE_CHANNELS));
///         text.set(TextPermissions::CREATE_INVITE, guild.contains(GuildPermissions::SEND_INVITES));
///         text
///     }
/// }
///
/// let text = TextPermissions::from_guild(GuildPermissions::SEND_INVITES);
/// assert_eq!(text, TextPermissions::VIEW_CHANNEL | TextPermissions::SEND_MESSAGES | TextPermissions::CREATE_INVITE);
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a channel set of the guild set `{G}`",
    label = "overwrites in `{Self}` cannot be resolved from `{G}` guild permissions",
    note = "implement `ChannelSet<{G}>` for `{Self}` to say which channel flags guild permissions start from"
)]
pub trait ChannelSet<G: PermissionSet>: PermissionSet {
    /// The channel flags that guild permissions `guild` (without bypass) start from.
    fn from_guild(guild: G) -> Self;
}

impl<S: PermissionSet> ChannelSet<S> for S {
    #[inline]
    fn from_guild(guild: S) -> S {
        guild
    }
}

/// A member's guild permissions: `everyone` (the set's default, or the @everyone role),
/// unioned with every role's permissions, unioned with `personal`. The owner, or a holder of a
/// bypass flag, gets `all()`.
///
/// Purely additive, as seed 001 puts it: "a user's permissions are always exactly the union of
/// their personal permissions and the permissions of every role that they have". O(R).
///
/// ```
/// use permissions::{PermissionSet, resolve::base_permissions};
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u16, set = ToxPermissions, default = SEND_MESSAGES)]
/// enum ToxPermission {
///     #[permission(value = 0x0001, bypass)]
///     Administrator,
///     #[permission(value = 0x0002)]
///     ViewPublicLogs,
///     #[permission(value = 0x0100)]
///     ViewSettings,
///     #[permission(value = 0x0112, composite)]
///     SendMessages,
///     #[permission(value = 0x0400)]
///     ExecPurgeCmd,
/// }
/// use ToxPermissions as T;
///
/// let member = base_permissions(T::DEFAULT, [T::EXEC_PURGE_CMD], T::VIEW_PUBLIC_LOGS, false);
/// assert_eq!(member.bits(), 0x0512);
/// let admin = base_permissions(T::DEFAULT, [T::ADMINISTRATOR], T::empty(), false);
/// assert_eq!(admin, T::all());
/// assert_eq!(base_permissions(T::DEFAULT, [], T::empty(), true), T::all());
/// ```
#[inline]
#[must_use]
pub fn base_permissions<S: PermissionSet>(
    everyone: S,
    roles: impl IntoIterator<Item = S>,
    personal: S,
    is_owner: bool,
) -> S {
    let held = roles
        .into_iter()
        .fold(everyone.union(personal), |held, role| held.union(role));
    settle_base(held, is_owner)
}

/// The end of [`base_permissions`], given the union of what the member holds: `all()` for the
/// owner and bypass holders; otherwise the union without unknown bits.
#[inline]
pub(crate) fn settle_base<S: PermissionSet>(held: S, is_owner: bool) -> S {
    if is_owner || held.holds_bypass() {
        S::all()
    } else {
        held.intersection(S::all())
    }
}

/// A member's guild permissions under a guild-level `policy`: for the owner and bypass holders,
/// `base` unchanged (their `all()`); for everyone else, `base` with the policy applied (its
/// timeout allow-list if the member is timed out, its removals, its rules).
///
/// A timeout thus restricts guild permissions as it does channel permissions, and exempts
/// the same members. Applying the policy to `base` directly would strip an administrator.
///
/// ```
/// use permissions::{PermissionSet, resolve::{self, Member, Policy}};
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u16, default = VIEW_CHANNEL | SEND_MESSAGES)]
/// enum Perm { #[permission(bypass)] Administrator, ViewChannel, SendMessages, KickMembers }
///
/// const GUILD: Policy<'static, Perms> = Policy::NONE.timeout_keeps(Perms::VIEW_CHANNEL);
/// let timed_out = Member::new(1_u64, &[]).with_timeout(true);
///
/// let moderator = resolve::base_permissions(Perms::DEFAULT, [Perms::KICK_MEMBERS], Perms::empty(), false);
/// assert_eq!(resolve::guild_permissions(moderator, &timed_out, &GUILD), Perms::VIEW_CHANNEL);
/// let admin = resolve::base_permissions(Perms::DEFAULT, [Perms::ADMINISTRATOR], Perms::empty(), false);
/// assert_eq!(resolve::guild_permissions(admin, &timed_out, &GUILD), Perms::all());
/// let owner = resolve::base_permissions(Perms::DEFAULT, [], Perms::empty(), true);
/// assert_eq!(resolve::guild_permissions(owner, &timed_out.with_owner(true), &GUILD), Perms::all());
/// ```
#[inline]
#[must_use]
pub fn guild_permissions<Id, S: PermissionSet>(
    base: S,
    member: &Member<'_, Id>,
    policy: &Policy<'_, S>,
) -> S {
    if member.is_owner || base.holds_bypass() {
        S::all()
    } else {
        restrict(base, member.timed_out, policy)
    }
}

/// What a member without bypass keeps: `held` without unknown bits, then the policy.
#[inline]
pub(crate) fn restrict<C: PermissionSet>(held: C, timed_out: bool, policy: &Policy<'_, C>) -> C {
    policy.apply(held.intersection(C::all()), timed_out)
}

/// A member's permissions in a channel, given its guild permissions `base` (from
/// [`base_permissions`]) and the channel's `overwrites`, in any order.
///
/// The owner, or a holder of a guild bypass flag, gets `C::all()`: overwrites, timeouts and
/// rules do not apply. Everyone else starts from [`ChannelSet::from_guild`]`(base)`, then:
/// the @everyone overwrite (deny, then allow); the union of the member's role overwrites'
/// denies, then the union of their allows; the member's overwrite (deny, then allow); then
/// `policy` (timeout allow-list, implicit rules). Bypass flags in allows are ignored.
///
/// O(R + O), allocation-free; see the [module documentation](self) for how.
///
/// ```
/// use permissions::{PermissionSet, resolve::{channel_permissions, Member, Overwrite, Policy, Rule}};
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u16, default = VIEW_CHANNEL | SEND_MESSAGES)]
/// enum Perm { #[permission(bypass)] Administrator, ViewChannel, SendMessages }
///
/// const TEXT: Policy<'static, Perms> = Policy::new(&[Rule::requires(Perms::VIEW_CHANNEL)]);
/// let (muted, helpers) = (4_u64, 5_u64);
/// let channel = [
///     Overwrite::role(muted).deny(Perms::VIEW_CHANNEL),
///     Overwrite::member(7).allow(Perms::VIEW_CHANNEL),
///     // An overwrite never grants bypass.
///     Overwrite::role(helpers).allow(Perms::ADMINISTRATOR),
/// ];
/// let roles = [muted, helpers];
/// let base = Perms::DEFAULT;
///
/// // The role deny hides the channel, and with it everything else...
/// let other = Member::new(8_u64, &roles);
/// assert_eq!(channel_permissions(base, &other, &channel, &TEXT), Perms::empty());
/// // ...but a member allow beats a role deny.
/// let seven = Member::new(7_u64, &roles);
/// assert_eq!(channel_permissions(base, &seven, &channel, &TEXT), Perms::DEFAULT);
/// // The owner is not subject to overwrites.
/// assert_eq!(channel_permissions(base, &other.with_owner(true), &channel, &TEXT), Perms::all());
/// ```
#[inline]
#[must_use]
pub fn channel_permissions<Id, S, C>(
    base: S,
    member: &Member<'_, Id>,
    overwrites: &[Overwrite<Id, C>],
    policy: &Policy<'_, C>,
) -> C
where
    Id: Hash + Eq,
    S: PermissionSet,
    C: ChannelSet<S>,
{
    if member.is_owner || base.holds_bypass() {
        return C::all();
    }
    let held = apply_overwrites(C::from_guild(base), member, overwrites);
    restrict(held, member.timed_out, policy)
}

#[cfg(test)]
pub(crate) mod tests {
    //! Sets written by hand, as the derive would, for the core's own unit tests (the derive
    //! lives in another crate).

    use super::{Member, Overwrite, Policy, Rule, base_permissions, channel_permissions};
    use crate::{PermissionSet, Row, RowKind};

    bitflags::bitflags! {
        /// A small channel-like set with a bypass flag.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub(crate) struct Text: u8 {
            const ADMIN = 1 << 7;
            const VIEW = 1;
            const SEND = 1 << 1;
            const ATTACH = 1 << 2;
            const REACT = 1 << 3;
            const MANAGE = 1 << 4;
        }
    }

    impl PermissionSet for Text {
        const BYPASS: Self = Text::ADMIN;
        const DEFAULT: Self = Text::VIEW.union(Text::SEND);
        const RESERVED: Self = Text::empty();
        const ROWS: &'static [Row<Self>] = &[
            Row::new("ADMIN", Text::ADMIN, "", RowKind::Bypass, &[]),
            Row::new("VIEW", Text::VIEW, "", RowKind::Plain, &[]),
            Row::new("SEND", Text::SEND, "", RowKind::Plain, &[]),
            Row::new("ATTACH", Text::ATTACH, "", RowKind::Plain, &[]),
            Row::new("REACT", Text::REACT, "", RowKind::Plain, &[]),
            Row::new("MANAGE", Text::MANAGE, "", RowKind::Plain, &[]),
        ];
    }

    const NONE: Policy<'static, Text> = Policy::NONE;

    #[test]
    fn base_is_the_union_and_bypass_or_owner_is_all() {
        let base = base_permissions(
            Text::DEFAULT,
            [Text::ATTACH, Text::REACT],
            Text::MANAGE,
            false,
        );
        assert_eq!(base, Text::all() - Text::ADMIN);
        assert_eq!(
            base_permissions(Text::VIEW, [], Text::empty(), false),
            Text::VIEW
        );
        assert_eq!(
            base_permissions(Text::VIEW, [Text::ADMIN], Text::empty(), false),
            Text::all()
        );
        assert_eq!(
            base_permissions(Text::empty(), [], Text::ADMIN, false),
            Text::all()
        );
        assert_eq!(
            base_permissions(Text::empty(), [], Text::empty(), true),
            Text::all()
        );
    }

    #[test]
    fn levels_apply_in_order_and_each_denies_before_it_allows() {
        let channel = [
            Overwrite::member(1_u32)
                .deny(Text::REACT)
                .allow(Text::ATTACH),
            Overwrite::role(20).allow(Text::REACT | Text::MANAGE),
            Overwrite::role(10).deny(Text::REACT | Text::SEND),
            Overwrite::everyone()
                .deny(Text::VIEW | Text::SEND)
                .allow(Text::SEND),
        ];
        let member = Member::new(1, &[10, 20]);
        // everyone: VIEW|SEND - VIEW - SEND + SEND = SEND; roles: - REACT|SEND + REACT|MANAGE;
        // member: - REACT + ATTACH.
        assert_eq!(
            channel_permissions(Text::DEFAULT, &member, &channel, &NONE),
            Text::MANAGE | Text::ATTACH
        );
        // Someone else, without the roles, only sees the @everyone overwrite.
        let other = Member::new(2, &[]);
        assert_eq!(
            channel_permissions(Text::DEFAULT, &other, &channel, &NONE),
            Text::SEND
        );
    }

    #[test]
    fn bypass_ignores_overwrites_and_overwrites_never_grant_bypass() {
        let channel = [Overwrite::everyone().deny(Text::all()).allow(Text::ADMIN)];
        let member = Member::new(1_u8, &[]);
        assert_eq!(
            channel_permissions(Text::ADMIN, &member, &channel, &NONE),
            Text::all()
        );
        assert_eq!(
            channel_permissions(Text::DEFAULT, &member, &channel, &NONE),
            Text::empty()
        );
    }

    #[test]
    fn roles_past_the_first_chunk_still_match() {
        let roles: [u16; 300] = core::array::from_fn(|i| i as u16 * 3);
        let channel = [
            Overwrite::role(3 * 299).allow(Text::REACT),
            Overwrite::role(3 * 130).deny(Text::SEND),
            Overwrite::role(1).allow(Text::MANAGE),
        ];
        let member = Member::new(7, &roles);
        assert_eq!(
            channel_permissions(Text::DEFAULT, &member, &channel, &NONE),
            Text::VIEW | Text::REACT
        );
    }

    #[test]
    fn the_policy_applies_after_the_member_overwrite_and_not_to_bypass() {
        let rules = [Rule::requires(Text::VIEW)];
        let policy = Policy::new(&rules).timeout_keeps(Text::VIEW);
        let channel = [
            Overwrite::role(5_u64).deny(Text::VIEW),
            Overwrite::member(1).allow(Text::VIEW),
        ];
        let one = Member::new(1, &[5]);
        let two = Member::new(2, &[5]);
        assert_eq!(
            channel_permissions(Text::DEFAULT, &one, &channel, &policy),
            Text::DEFAULT
        );
        assert_eq!(
            channel_permissions(Text::DEFAULT, &two, &channel, &policy),
            Text::empty()
        );
        let one_timed_out = one.with_timeout(true);
        assert_eq!(
            channel_permissions(Text::DEFAULT, &one_timed_out, &channel, &policy),
            Text::VIEW
        );
        assert_eq!(
            channel_permissions(Text::ADMIN, &one_timed_out, &channel, &policy),
            Text::all()
        );
        assert_eq!(
            channel_permissions(
                Text::DEFAULT,
                &one_timed_out.with_owner(true),
                &channel,
                &policy
            ),
            Text::all()
        );
    }
}
