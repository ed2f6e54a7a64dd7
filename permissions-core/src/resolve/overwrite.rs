//! Channel overwrites: whom they target, what they allow, what they deny.

use crate::PermissionSet;

/// Whom a channel [`Overwrite`] applies to.
///
/// ```
/// use permissions::resolve::Target;
///
/// let target: Target<u64> = Target::Role(7);
/// assert_ne!(target, Target::Member(7));
/// assert_ne!(target, Target::Everyone);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Target<Id> {
    /// Every member of the guild: the @everyone role. It applies first.
    Everyone,
    /// Members who hold the role with this id. Role overwrites apply second, together.
    Role(Id),
    /// The member with this id. It applies last, so it beats every role overwrite.
    Member(Id),
}

impl<Id: PartialEq> Target<Id> {
    /// The target of a role overwrite with the id `role`, in a guild whose @everyone role has
    /// the id `everyone`: [`Target::Everyone`] for that id, else [`Target::Role`].
    ///
    /// Discord sends the @everyone overwrite as a role overwrite whose id is the guild's id.
    /// Taken as `Target::Role(guild_id)`, it would apply to nobody, since members do not list
    /// @everyone among their roles. Convert with this where overwrites come in, for
    /// [`channel_permissions`](super::channel_permissions); `Channel::with_everyone_role`
    /// (with `alloc`) does it for the prepared path.
    ///
    /// ```
    /// use permissions::resolve::Target;
    ///
    /// const GUILD: u64 = 81_384_788_765_712_384;
    /// assert_eq!(Target::role_or_everyone(GUILD, &GUILD), Target::Everyone);
    /// assert_eq!(Target::role_or_everyone(7, &GUILD), Target::Role(7));
    /// ```
    #[inline]
    #[must_use]
    pub fn role_or_everyone(role: Id, everyone: &Id) -> Self {
        if role == *everyone {
            Target::Everyone
        } else {
            Target::Role(role)
        }
    }
}

impl<Id> Target<Id> {
    /// The role's or member's id; `None` for @everyone.
    ///
    /// ```
    /// use permissions::resolve::Target;
    ///
    /// assert_eq!(Target::Member(7_u64).id(), Some(&7));
    /// assert_eq!(Target::<u64>::Everyone.id(), None);
    /// ```
    #[inline]
    #[must_use]
    pub const fn id(&self) -> Option<&Id> {
        match self {
            Target::Everyone => None,
            Target::Role(id) | Target::Member(id) => Some(id),
        }
    }
}

/// A channel's exception to the guild permissions of a target: flags it `allow`s and flags it
/// `deny`s, written in the channel's set `C`.
///
/// Within one overwrite the deny applies first, so a flag in both ends up allowed. A bypass
/// flag in `allow` is ignored: an overwrite never grants bypass.
///
/// ```
/// use permissions::{PermissionSet, resolve::{Overwrite, Target}};
/// # #[derive(PermissionSet)]
/// # enum TextPermission { ViewChannel, SendMessages, AttachFiles }
///
/// let muted = Overwrite::role(3_u64)
///     .deny(TextPermissions::SEND_MESSAGES | TextPermissions::ATTACH_FILES);
/// assert_eq!(muted.target, Target::Role(3));
/// assert!(muted.allow.is_empty());
/// assert!(muted.deny.contains(TextPermissions::ATTACH_FILES));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Overwrite<Id, C> {
    /// Whom the overwrite applies to.
    pub target: Target<Id>,
    /// Flags granted in the channel, over the guild permissions and any deny at this level.
    pub allow: C,
    /// Flags taken away in the channel.
    pub deny: C,
}

impl<Id, C> Overwrite<Id, C> {
    /// An overwrite with its three parts given at once; usable in const context.
    #[inline]
    #[must_use]
    pub const fn new(target: Target<Id>, allow: C, deny: C) -> Self {
        Overwrite {
            target,
            allow,
            deny,
        }
    }
}

impl<Id, C: PermissionSet> Overwrite<Id, C> {
    /// An overwrite of the @everyone role that neither allows nor denies anything yet.
    #[inline]
    #[must_use]
    pub fn everyone() -> Self {
        Overwrite::new(Target::Everyone, C::empty(), C::empty())
    }

    /// An overwrite of the role `id` that neither allows nor denies anything yet.
    #[inline]
    #[must_use]
    pub fn role(id: Id) -> Self {
        Overwrite::new(Target::Role(id), C::empty(), C::empty())
    }

    /// An overwrite of the member `id` that neither allows nor denies anything yet.
    #[inline]
    #[must_use]
    pub fn member(id: Id) -> Self {
        Overwrite::new(Target::Member(id), C::empty(), C::empty())
    }

    /// Also allows `flags`.
    #[inline]
    #[must_use]
    pub fn allow(mut self, flags: C) -> Self {
        self.allow = self.allow.union(flags);
        self
    }

    /// Also denies `flags`.
    #[inline]
    #[must_use]
    pub fn deny(mut self, flags: C) -> Self {
        self.deny = self.deny.union(flags);
        self
    }
}
