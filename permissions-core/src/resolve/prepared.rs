//! Prepared resolution: a guild's roles and a channel's overwrites, indexed once, to resolve
//! many members without re-reading them. Needs an allocator (`alloc`).

use alloc::vec::Vec;
use core::hash::Hash;

use super::channel::Level;
use super::map::{FrozenMap, IdFilter, IdMap};
use super::{
    ChannelSet, Member, Overwrite, Policy, Target, base_permissions, guild_permissions, restrict,
};
use crate::PermissionSet;

/// A guild's roles, prepared once: the @everyone permissions, and each role id's permissions.
///
/// [`Roles::base`] then gives a member's guild permissions in O(roles of the member), the same
/// as [`base_permissions`](super::base_permissions) over the member's roles. Preparing is
/// O(roles) and accepts any input: a role id given twice holds the union of its entries (what
/// a member holding both would get); a member's role id that is not here grants nothing.
///
/// A `Roles` is `Send + Sync` when its ids and set are, and is read-only once built: share it
/// behind an `Arc` across requests. When a role is created, edited or deleted, build a new one
/// from the guild's roles (O(roles)) and swap the `Arc`;
/// requests that hold the old one finish with it. Role assignments are not part of it: a
/// member's role ids come with the [`Member`].
///
/// ```
/// use permissions::{PermissionSet, resolve::{self, Member, Roles}};
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u16, default = VIEW_CHANNEL)]
/// enum Perm { #[permission(bypass)] Administrator, ViewChannel, SendMessages, BanMembers }
///
/// const MODERATORS: u64 = 10;
/// const ADMINS: u64 = 11;
/// let roles = Roles::new(Perms::DEFAULT, [
///     (MODERATORS, Perms::BAN_MEMBERS),
///     (ADMINS, Perms::ADMINISTRATOR),
/// ]);
///
/// let moderator = Member::new(1_u64, &[MODERATORS]);
/// assert_eq!(roles.base(&moderator, Perms::SEND_MESSAGES), Perms::VIEW_CHANNEL | Perms::SEND_MESSAGES | Perms::BAN_MEMBERS);
/// assert_eq!(roles.base(&Member::new(2, &[ADMINS]), Perms::empty()), Perms::all());
/// // The same as the per-member function:
/// assert_eq!(
///     roles.base(&moderator, Perms::empty()),
///     resolve::base_permissions(Perms::DEFAULT, [Perms::BAN_MEMBERS], Perms::empty(), false),
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Roles<Id, S> {
    everyone: S,
    roles: IdMap<Id, S>,
}

impl<Id: Hash + Eq, S: PermissionSet> Roles<Id, S> {
    /// Prepares the roles `(id, permissions)` of a guild whose @everyone role holds `everyone`.
    #[must_use]
    pub fn new(everyone: S, roles: impl IntoIterator<Item = (Id, S)>) -> Self {
        Self::build(everyone, None, roles)
    }

    /// Prepares a guild's roles as Discord lists them: the @everyone role among them, with the
    /// id `everyone` (Discord uses the guild's id). Its entries give the @everyone permissions
    /// (none if it is missing); a member that lists it among its roles gains nothing more.
    ///
    /// ```
    /// use permissions::{PermissionSet, resolve::{Member, Roles}};
    /// # #[derive(PermissionSet)]
    /// # #[permissions(bits = u16)]
    /// # enum Perm { ViewChannel, SendMessages }
    /// const GUILD: u64 = 81_384_788_765_712_384;
    /// let roles = Roles::with_everyone_role(&GUILD, [(GUILD, Perms::VIEW_CHANNEL), (7, Perms::SEND_MESSAGES)]);
    /// assert_eq!(roles.everyone(), Perms::VIEW_CHANNEL);
    /// assert_eq!(roles.base(&Member::new(1, &[]), Perms::empty()), Perms::VIEW_CHANNEL);
    /// ```
    #[must_use]
    pub fn with_everyone_role(everyone: &Id, roles: impl IntoIterator<Item = (Id, S)>) -> Self {
        Self::build(S::empty(), Some(everyone), roles)
    }

    fn build(
        mut everyone: S,
        everyone_id: Option<&Id>,
        roles: impl IntoIterator<Item = (Id, S)>,
    ) -> Self {
        let roles: Vec<(Id, S)> = roles.into_iter().collect();
        let mut map = IdMap::with_capacity(roles.len());
        for (id, permissions) in roles {
            if everyone_id == Some(&id) {
                everyone = everyone.union(permissions);
            } else {
                map.insert(id, permissions, |held, more| *held = held.union(more));
            }
        }
        Roles {
            everyone,
            roles: map,
        }
    }

    /// What every member holds: the @everyone permissions.
    #[inline]
    #[must_use]
    pub fn everyone(&self) -> S {
        self.everyone
    }

    /// The permissions of the role `id`, if the guild has it.
    #[inline]
    #[must_use]
    pub fn get(&self, id: &Id) -> Option<S> {
        self.roles.get(id).copied()
    }

    /// How many different roles there are, @everyone aside.
    #[inline]
    #[must_use]
    pub fn len(&self) -> usize {
        self.roles.len()
    }

    /// Whether the guild has no roles besides @everyone.
    #[inline]
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.roles.len() == 0
    }

    /// The bytes this value holds on the heap, from its table's capacity.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.roles.heap_bytes()
    }

    /// The member's guild permissions: @everyone, its roles and `personal`, unioned; `all()`
    /// for the owner and bypass holders. Equals [`base_permissions`], in O(roles of the member).
    #[inline]
    #[must_use]
    pub fn base(&self, member: &Member<'_, Id>, personal: S) -> S {
        base_permissions(
            self.everyone,
            member
                .roles
                .iter()
                .filter_map(|id| self.roles.get(id).copied()),
            personal,
            member.is_owner,
        )
    }

    /// The member's guild permissions under a guild-level `policy` (a timeout allow-list,
    /// rules): [`Roles::base`], then [`guild_permissions`](super::guild_permissions).
    #[inline]
    #[must_use]
    pub fn permissions(&self, member: &Member<'_, Id>, personal: S, policy: &Policy<'_, S>) -> S {
        guild_permissions(self.base(member, personal), member, policy)
    }
}

/// A channel's overwrites, prepared once: the @everyone overwrite folded into one, and the
/// role and member overwrites indexed by id (overwrites for the same target unioned, as the
/// per-member function does).
///
/// [`Channel::permissions`] then gives a member's channel permissions in O(roles of the
/// member), the same as [`channel_permissions`](super::channel_permissions), and
/// [`Channel::members_with`] lists who holds something in the channel. Preparing is
/// O(overwrites) and accepts any input: duplicate targets, overwrites for roles that nobody
/// holds or members who left, none at all.
///
/// A `Channel` is `Send + Sync` when its ids and set are, and is read-only once built: share it
/// behind an `Arc`. When an overwrite of the channel is created, edited or deleted, build a new
/// one from the channel's overwrites (O(overwrites)) and swap the `Arc`. Role edits and role
/// assignments do not touch it: they change the [`Roles`] or the [`Member`]s.
///
/// ```
/// use permissions::{PermissionSet, resolve::{self, Channel, Member, Overwrite, Policy}};
///
/// #[derive(PermissionSet)]
/// #[permissions(bits = u16, default = VIEW_CHANNEL | SEND_MESSAGES)]
/// enum Perm { #[permission(bypass)] Administrator, ViewChannel, SendMessages }
///
/// const MODERATORS: u64 = 10;
/// let overwrites = [
///     Overwrite::everyone().deny(Perms::SEND_MESSAGES),
///     Overwrite::role(MODERATORS).allow(Perms::SEND_MESSAGES),
/// ];
/// let announcements = Channel::new(&overwrites);
///
/// let alice = Member::new(1_u64, &[MODERATORS]);
/// let bob = Member::new(2_u64, &[]);
/// for member in [alice, bob] {
///     assert_eq!(
///         announcements.permissions(Perms::DEFAULT, &member, &Policy::NONE),
///         resolve::channel_permissions(Perms::DEFAULT, &member, &overwrites, &Policy::NONE),
///     );
/// }
/// assert_eq!(announcements.permissions(Perms::DEFAULT, &bob, &Policy::NONE), Perms::VIEW_CHANNEL);
/// ```
#[derive(Clone, Debug)]
pub struct Channel<Id, C> {
    everyone: Level<C>,
    roles: IdMap<Id, Level<C>>,
    members: IdMap<Id, Level<C>>,
    /// The ids of `members`: most members have no overwrite, and this says so in one bit.
    member_ids: IdFilter,
}

impl<Id: Hash + Eq + Clone, C: PermissionSet> Channel<Id, C> {
    /// Prepares a channel's overwrites, in any order.
    #[must_use]
    pub fn new(overwrites: &[Overwrite<Id, C>]) -> Self {
        Self::build(overwrites, None)
    }

    /// Prepares a channel's overwrites as Discord sends them: the @everyone overwrite is a
    /// role overwrite whose id is `everyone` (the guild's id). Such overwrites apply as the
    /// @everyone overwrite, which [`Channel::new`] would take for an ordinary role's. For the
    /// per-member function, convert them with [`Target::role_or_everyone`].
    ///
    /// ```
    /// use permissions::{PermissionSet, resolve::{Channel, Member, Overwrite, Policy}};
    /// # #[derive(PermissionSet)]
    /// # #[permissions(bits = u16, default = VIEW_CHANNEL | SEND_MESSAGES)]
    /// # enum Perm { ViewChannel, SendMessages }
    /// const GUILD: u64 = 81_384_788_765_712_384;
    /// let overwrites = [Overwrite::role(GUILD).deny(Perms::SEND_MESSAGES)];
    /// let member = Member::new(1_u64, &[]);
    /// let channel = Channel::with_everyone_role(&GUILD, &overwrites);
    /// assert_eq!(channel.permissions(Perms::DEFAULT, &member, &Policy::NONE), Perms::VIEW_CHANNEL);
    /// // As an ordinary role's overwrite, it applies to nobody:
    /// let channel = Channel::new(&overwrites);
    /// assert_eq!(channel.permissions(Perms::DEFAULT, &member, &Policy::NONE), Perms::DEFAULT);
    /// ```
    #[must_use]
    pub fn with_everyone_role(everyone: &Id, overwrites: &[Overwrite<Id, C>]) -> Self {
        Self::build(overwrites, Some(everyone))
    }

    fn build(overwrites: &[Overwrite<Id, C>], everyone_id: Option<&Id>) -> Self {
        let roles = overwrites
            .iter()
            .filter(|overwrite| matches!(overwrite.target, Target::Role(_)))
            .count();
        let mut channel = Channel {
            everyone: Level::empty(),
            roles: IdMap::with_capacity(roles),
            members: IdMap::with_capacity(overwrites.len() - roles),
            member_ids: IdFilter::new::<Id>(0, []),
        };
        let join = |level: &mut Level<C>, more: Level<C>| level.join(more);
        for overwrite in overwrites {
            let mut level = Level::empty();
            level.add(overwrite);
            match &overwrite.target {
                Target::Role(id) if everyone_id == Some(id) => channel.everyone.join(level),
                Target::Everyone => channel.everyone.join(level),
                Target::Role(id) => channel.roles.insert(id.clone(), level, join),
                Target::Member(id) => channel.members.insert(id.clone(), level, join),
            }
        }
        channel.member_ids = IdFilter::new(
            channel.members.len(),
            channel.members.iter().map(|(id, _)| id),
        );
        channel
    }

    /// How many different targets have overwrites: @everyone (if it has one), roles, members.
    #[must_use]
    pub fn len(&self) -> usize {
        self.roles.len() + self.members.len()
    }

    /// Whether the channel has no role or member overwrites.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes this value holds on the heap, from its tables' and its filter's capacities.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.roles.heap_bytes() + self.members.heap_bytes() + self.member_ids.heap_bytes()
    }

    /// The member's permissions in the channel, given its guild permissions `base`: equals
    /// [`channel_permissions`](super::channel_permissions) over the overwrites this was
    /// prepared from, in O(roles of the member).
    #[inline]
    #[must_use]
    pub fn permissions<S>(&self, base: S, member: &Member<'_, Id>, policy: &Policy<'_, C>) -> C
    where
        S: PermissionSet,
        C: ChannelSet<S>,
    {
        let mut roles = Level::empty();
        for id in member.roles {
            if let Some(level) = self.roles.get(id) {
                roles.join(*level);
            }
        }
        self.settle(base, roles, member, policy)
    }

    /// Given the guild permissions and the union of the member's role overwrites: `all()` for
    /// the owner and bypass holders, else the levels in order, then the policy.
    #[inline]
    fn settle<S>(
        &self,
        base: S,
        roles: Level<C>,
        member: &Member<'_, Id>,
        policy: &Policy<'_, C>,
    ) -> C
    where
        S: PermissionSet,
        C: ChannelSet<S>,
    {
        if member.is_owner || base.holds_bypass() {
            return C::all();
        }
        restrict(
            self.overwritten(base, roles, member),
            member.timed_out,
            policy,
        )
    }

    /// The overwrites' levels in order, on the guild permissions `base` of a member without
    /// bypass, given the union of its role overwrites.
    #[inline]
    fn overwritten<S>(&self, base: S, roles: Level<C>, member: &Member<'_, Id>) -> C
    where
        S: PermissionSet,
        C: ChannelSet<S>,
    {
        let own = if self.member_ids.may_hold(&member.id) {
            self.members.get(&member.id).copied()
        } else {
            None
        };
        let own = own.unwrap_or(Level::empty());
        own.apply(roles.apply(self.everyone.apply(C::from_guild(base))))
    }

    /// Lazily, the members who hold `required` in the channel (by
    /// [`PermissionSet::grants`], so bypass counts), each with its channel permissions.
    ///
    /// `members` gives each member with its personal guild permissions; the members come out
    /// in that order. The owner and bypass holders are listed whatever the overwrites say.
    /// Each member's result equals [`Roles::base`] and then [`Channel::permissions`].
    ///
    /// Cost: the call first joins the guild's roles and this channel's role overwrites into
    /// one table, O(roles + overwrites), so that each member then costs one lookup per role
    /// it holds, O(its roles), in one pass; O(roles + overwrites + Σ roles of the members)
    /// in all. Per member, past its roles: a bit says whether it may have an overwrite of its
    /// own, and the policy is skipped for a member who lacks `required` before it (the policy
    /// only removes flags), and its rules for a member who holds all their prerequisites.
    ///
    /// ```
    /// use permissions::{PermissionSet, resolve::{Channel, Member, Overwrite, Policy, Roles, Rule}};
    ///
    /// #[derive(PermissionSet)]
    /// #[permissions(bits = u16, default = VIEW_CHANNEL)]
    /// enum Perm { #[permission(bypass)] Administrator, ViewChannel, SendMessages }
    ///
    /// const STAFF: u64 = 10;
    /// const ADMINS: u64 = 11;
    /// let roles = Roles::new(Perms::DEFAULT, [(STAFF, Perms::empty()), (ADMINS, Perms::ADMINISTRATOR)]);
    /// let staff_room = Channel::new(&[
    ///     Overwrite::everyone().deny(Perms::VIEW_CHANNEL),
    ///     Overwrite::role(STAFF).allow(Perms::VIEW_CHANNEL),
    /// ]);
    /// const TEXT: Policy<'static, Perms> = Policy::new(&[Rule::requires(Perms::VIEW_CHANNEL)]);
    ///
    /// let members = [
    ///     (Member::new(1_u64, &[STAFF]), Perms::empty()),
    ///     (Member::new(2, &[]), Perms::empty()),
    ///     (Member::new(3, &[ADMINS]), Perms::empty()),
    ///     (Member::new(4, &[]).with_owner(true), Perms::empty()),
    /// ];
    /// let viewers: Vec<u64> = staff_room
    ///     .members_with(&roles, members, &TEXT, Perms::VIEW_CHANNEL)
    ///     .map(|(member, _)| member.id)
    ///     .collect();
    /// assert_eq!(viewers, [1, 3, 4]);
    /// ```
    pub fn members_with<'m, S, M>(
        &self,
        roles: &Roles<Id, S>,
        members: M,
        policy: &Policy<'_, C>,
        required: C,
    ) -> impl Iterator<Item = (Member<'m, Id>, C)>
    where
        Id: 'm,
        S: PermissionSet,
        C: ChannelSet<S>,
        M: IntoIterator<Item = (Member<'m, Id>, S)>,
    {
        let joined = self.joined(roles);
        let prerequisites = policy.prerequisites();
        members.into_iter().filter_map(move |(member, personal)| {
            let mut base = roles.everyone.union(personal);
            let mut levels = Level::empty();
            for id in member.roles {
                if let Some(role) = joined.get(id) {
                    base = base.union(role.permissions);
                    levels.join(role.overwrites);
                }
            }
            if member.is_owner || base.holds_bypass() {
                let all = C::all();
                return all.grants(required).then_some((member, all));
            }
            let held = self
                .overwritten(base.intersection(S::all()), levels, &member)
                .intersection(C::all());
            // The policy only removes flags, and `held` has no bypass: a member who lacks
            // `required` now lacks it after the policy too, so its work is skipped.
            if !held.grants(required) {
                return None;
            }
            let held = policy.apply_knowing(held, member.timed_out, prerequisites);
            held.grants(required).then_some((member, held))
        })
    }

    /// One table for both lookups a member's role needs in [`Channel::members_with`]: the
    /// role's permissions and its overwrites here. O(roles + role overwrites).
    fn joined<S: PermissionSet>(&self, roles: &Roles<Id, S>) -> FrozenMap<Id, Joined<S, C>> {
        let mut joined = IdMap::with_capacity(roles.roles.len() + self.roles.len());
        let merge = |joined: &mut Joined<S, C>, more: Joined<S, C>| {
            joined.permissions = joined.permissions.union(more.permissions);
            joined.overwrites.join(more.overwrites);
        };
        for (id, permissions) in roles.roles.iter() {
            let role = Joined {
                permissions: *permissions,
                overwrites: Level::empty(),
            };
            joined.insert(id.clone(), role, merge);
        }
        for (id, overwrites) in self.roles.iter() {
            let role = Joined {
                permissions: S::empty(),
                overwrites: *overwrites,
            };
            joined.insert(id.clone(), role, merge);
        }
        joined.freeze()
    }
}

/// A role's permissions in the guild, and its overwrites in a channel.
#[derive(Clone, Copy)]
struct Joined<S, C> {
    permissions: S,
    overwrites: Level<C>,
}
