//! Declared rules: implicit prerequisites and a timeout allow-list, as data per set.

use crate::PermissionSet;

/// An implicit rule: a holder who lacks a prerequisite loses other flags too.
///
/// Discord's two are "without VIEW_CHANNEL, nothing else in the channel" and "without
/// SEND_MESSAGES, no ATTACH_FILES, EMBED_LINKS, MENTION_EVERYONE or SEND_TTS_MESSAGES". Rules
/// are data, declared next to the set they belong to, not code in the resolver.
///
/// ```
/// use permissions::{PermissionSet, resolve::Rule};
/// # #[derive(PermissionSet)]
/// # enum TextPermission { ViewChannel, SendMessages, AttachFiles, AddReactions }
///
/// const SEE_FIRST: Rule<TextPermissions> = Rule::requires(TextPermissions::VIEW_CHANNEL);
/// const FILES_NEED_SEND: Rule<TextPermissions> =
///     Rule::requires(TextPermissions::SEND_MESSAGES).to_keep(TextPermissions::ATTACH_FILES);
///
/// let blind = TextPermissions::SEND_MESSAGES | TextPermissions::ADD_REACTIONS;
/// assert_eq!(SEE_FIRST.apply(blind), TextPermissions::empty());
///
/// let mute = TextPermissions::VIEW_CHANNEL | TextPermissions::ATTACH_FILES;
/// assert_eq!(FILES_NEED_SEND.apply(mute), TextPermissions::VIEW_CHANNEL);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Rule<C> {
    prerequisite: C,
    /// `None`: everything.
    governs: Option<C>,
}

impl<C: Copy> Rule<C> {
    /// Without every flag of `prerequisite`, the holder keeps nothing.
    #[inline]
    #[must_use]
    pub const fn requires(prerequisite: C) -> Self {
        Rule {
            prerequisite,
            governs: None,
        }
    }

    /// Narrows the rule: without the prerequisite, the holder loses only `flags`.
    #[inline]
    #[must_use]
    pub const fn to_keep(self, flags: C) -> Self {
        Rule {
            prerequisite: self.prerequisite,
            governs: Some(flags),
        }
    }

    /// The flags a holder needs to keep what the rule governs.
    #[inline]
    #[must_use]
    pub const fn prerequisite(&self) -> C {
        self.prerequisite
    }

    /// The flags the rule takes away without the prerequisite; `None` for everything.
    #[inline]
    #[must_use]
    pub const fn governs(&self) -> Option<C> {
        self.governs
    }
}

impl<C: PermissionSet> Rule<C> {
    /// What `held` keeps under this rule alone.
    #[inline]
    #[must_use]
    pub fn apply(&self, held: C) -> C {
        // `None` governs everything held, unknown bits included.
        let governed = self.governs.unwrap_or(held);
        // Whether the prerequisite is held depends on the member: select, do not branch.
        let lost = core::hint::select_unpredictable(
            held.contains(self.prerequisite),
            C::empty(),
            governed,
        );
        held.difference(lost)
    }
}

/// What a set declares beyond overwrites: its implicit [`Rule`]s and, optionally, the
/// allow-list a timed-out member is restricted to.
///
/// [`channel_permissions`](super::channel_permissions) applies it after the overwrites, to
/// members without bypass: first the timeout mask, then the rules until nothing changes.
/// Because the rules look at the resolved set, a member overwrite that allows VIEW_CHANNEL
/// beats a role overwrite that denies it (the fix of twilight#1823).
///
/// ```
/// use permissions::{PermissionSet, resolve::{Policy, Rule}};
/// # #[derive(PermissionSet)]
/// # enum TextPermission { ViewChannel, SendMessages, AttachFiles, ReadHistory }
/// use TextPermissions as T;
///
/// const TEXT: Policy<'static, TextPermissions> = Policy::new(&[
///     Rule::requires(T::VIEW_CHANNEL),
///     Rule::requires(T::SEND_MESSAGES).to_keep(T::ATTACH_FILES),
/// ])
/// .timeout_keeps(T::VIEW_CHANNEL.union(T::READ_HISTORY));
///
/// let member = T::VIEW_CHANNEL | T::SEND_MESSAGES | T::ATTACH_FILES | T::READ_HISTORY;
/// assert_eq!(TEXT.apply(member, false), member);
/// assert_eq!(TEXT.apply(member, true), T::VIEW_CHANNEL | T::READ_HISTORY);
/// assert_eq!(TEXT.apply(T::SEND_MESSAGES | T::ATTACH_FILES, false), T::empty());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Policy<'r, C> {
    rules: &'r [Rule<C>],
    timeout: Option<C>,
}

impl<'r, C: Copy> Policy<'r, C> {
    /// No rules, and a timeout restricts nothing.
    pub const NONE: Self = Policy {
        rules: &[],
        timeout: None,
    };

    /// A policy of these rules, with no timeout allow-list.
    #[inline]
    #[must_use]
    pub const fn new(rules: &'r [Rule<C>]) -> Self {
        Policy {
            rules,
            timeout: None,
        }
    }

    /// Restricts timed-out members (without bypass) to `allowed`.
    #[inline]
    #[must_use]
    pub const fn timeout_keeps(self, allowed: C) -> Self {
        Policy {
            rules: self.rules,
            timeout: Some(allowed),
        }
    }

    /// The declared rules.
    #[inline]
    #[must_use]
    pub const fn rules(&self) -> &'r [Rule<C>] {
        self.rules
    }

    /// What a timed-out member keeps, if the policy restricts timeouts.
    #[inline]
    #[must_use]
    pub const fn timeout_allow_list(&self) -> Option<C> {
        self.timeout
    }
}

impl<C: PermissionSet> Policy<'_, C> {
    /// Applies the policy to `held`, the permissions of a member without bypass: the timeout
    /// allow-list if `timed_out`, then the rules until none removes anything more.
    ///
    /// Rules only remove flags, so the result does not depend on the order they are declared
    /// in; with k rules it costs at most k + 1 passes of k.
    #[inline]
    #[must_use]
    pub fn apply(&self, held: C, timed_out: bool) -> C {
        let mut held = match self.timeout {
            Some(allowed) if timed_out => held.intersection(allowed),
            _ => held,
        };
        for _ in 0..=self.rules.len() {
            let before = held;
            for rule in self.rules {
                held = rule.apply(held);
            }
            if held == before {
                break;
            }
        }
        held
    }
}

#[cfg(test)]
mod tests {
    use super::{Policy, Rule};
    use crate::resolve::tests::Text;

    #[test]
    fn rules_reach_a_fixpoint_whatever_their_order() {
        // A chain: ATTACH needs SEND, SEND needs VIEW; declared backwards.
        let rules = [
            Rule::requires(Text::SEND).to_keep(Text::ATTACH),
            Rule::requires(Text::VIEW).to_keep(Text::SEND),
        ];
        let policy = Policy::new(&rules);
        assert_eq!(
            policy.apply(Text::SEND | Text::ATTACH | Text::REACT, false),
            Text::REACT
        );
        let forwards = [rules[1], rules[0]];
        assert_eq!(
            Policy::new(&forwards).apply(Text::SEND | Text::ATTACH | Text::REACT, false),
            Text::REACT
        );
    }

    #[test]
    fn timeout_applies_before_the_rules() {
        let rules = [Rule::requires(Text::SEND).to_keep(Text::REACT)];
        let policy = Policy::new(&rules).timeout_keeps(Text::VIEW | Text::REACT);
        let held = Text::VIEW | Text::SEND | Text::REACT;
        assert_eq!(policy.apply(held, false), held);
        // The timeout takes SEND, and then the rule takes REACT.
        assert_eq!(policy.apply(held, true), Text::VIEW);
        assert_eq!(Policy::NONE.apply(held, true), held);
    }
}
