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

    /// The rules of `first` and then of `second`, as one array, in const context: rules that
    /// several kinds of channel share are declared once.
    ///
    /// `N` must be `A + B`, and at least 1; otherwise it does not compile.
    ///
    /// ```
    /// use permissions::{PermissionSet, resolve::{Policy, Rule}};
    /// # #[derive(PermissionSet)]
    /// # enum Perm { ViewChannel, SendMessages, AttachFiles, Connect, Speak }
    /// use Perms as P;
    ///
    /// const SHARED: [Rule<P>; 1] = [Rule::requires(P::VIEW_CHANNEL)];
    /// const TEXT_RULES: [Rule<P>; 2] =
    ///     Rule::concat(SHARED, [Rule::requires(P::SEND_MESSAGES).to_keep(P::ATTACH_FILES)]);
    /// const VOICE_RULES: [Rule<P>; 2] = Rule::concat(SHARED, [Rule::requires(P::CONNECT).to_keep(P::SPEAK)]);
    /// const TEXT: Policy<'static, P> = Policy::new(&TEXT_RULES);
    /// const VOICE: Policy<'static, P> = Policy::new(&VOICE_RULES);
    ///
    /// assert_eq!(TEXT.apply(P::SEND_MESSAGES, false), P::empty());
    /// assert_eq!(VOICE.apply(P::VIEW_CHANNEL | P::SPEAK, false), P::VIEW_CHANNEL);
    /// ```
    ///
    /// ```compile_fail
    /// # use permissions::{PermissionSet, resolve::Rule};
    /// # #[derive(PermissionSet)]
    /// # enum Perm { ViewChannel, SendMessages }
    /// const WRONG: [Rule<Perms>; 3] =
    ///     Rule::concat([Rule::requires(Perms::VIEW_CHANNEL)], [Rule::requires(Perms::SEND_MESSAGES)]);
    /// ```
    #[must_use]
    pub const fn concat<const A: usize, const B: usize, const N: usize>(
        first: [Rule<C>; A],
        second: [Rule<C>; B],
    ) -> [Rule<C>; N] {
        const {
            assert!(
                N == A + B && N > 0,
                "`Rule::concat` makes N = A + B rules, N > 0"
            );
        }
        // Every slot is overwritten below; any rule of the inputs serves as the filler.
        let filler = if A > 0 { first[0] } else { second[0] };
        let mut out = [filler; N];
        let rest = copy_rules(&mut out, &first);
        copy_rules(rest, &second);
        out
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

/// Copies `from` into the start of `to`, as far as both go; returns the rest of `to`. Slice
/// patterns rather than indices, so that nothing can panic.
const fn copy_rules<'t, C: Copy>(
    mut to: &'t mut [Rule<C>],
    mut from: &[Rule<C>],
) -> &'t mut [Rule<C>] {
    loop {
        match (to, from) {
            ([slot, more @ ..], [rule, rest @ ..]) => {
                *slot = *rule;
                to = more;
                from = rest;
            }
            (rest, _) => return rest,
        }
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

/// What a set declares beyond overwrites: its implicit [`Rule`]s, optionally the allow-list a
/// timed-out member is restricted to, and optionally flags it always removes.
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
    removed: Option<C>,
}

impl<'r, C: Copy> Policy<'r, C> {
    /// No rules, and a timeout restricts nothing.
    pub const NONE: Self = Policy {
        rules: &[],
        timeout: None,
        removed: None,
    };

    /// A policy of these rules, with no timeout allow-list.
    #[inline]
    #[must_use]
    pub const fn new(rules: &'r [Rule<C>]) -> Self {
        Policy {
            rules,
            timeout: None,
            removed: None,
        }
    }

    /// Restricts timed-out members (without bypass) to `allowed`.
    #[inline]
    #[must_use]
    pub const fn timeout_keeps(self, allowed: C) -> Self {
        Policy {
            timeout: Some(allowed),
            ..self
        }
    }

    /// Always removes `flags` from members without bypass: flags that mean nothing in this
    /// kind of channel (a voice flag in a text channel), which no overwrite can grant. The
    /// owner and bypass holders keep their `all()`, as they are exempt from the whole policy;
    /// masking results afterwards would strip them too. Replaces an earlier `removes`.
    ///
    /// ```
    /// use permissions::{PermissionSet, resolve::{self, Member, Overwrite, Policy}};
    /// # #[derive(PermissionSet)]
    /// # #[permissions(bits = u16, default = VIEW_CHANNEL | SPEAK)]
    /// # enum Perm { #[permission(bypass)] Administrator, ViewChannel, SendMessages, Speak }
    ///
    /// const TEXT: Policy<'static, Perms> = Policy::NONE.removes(Perms::SPEAK);
    /// let channel = [Overwrite::everyone().allow(Perms::SPEAK)];
    /// let member = Member::new(1_u64, &[]);
    /// assert_eq!(resolve::channel_permissions(Perms::DEFAULT, &member, &channel, &TEXT), Perms::VIEW_CHANNEL);
    /// assert_eq!(resolve::channel_permissions(Perms::ADMINISTRATOR, &member, &channel, &TEXT), Perms::all());
    /// ```
    #[inline]
    #[must_use]
    pub const fn removes(self, flags: C) -> Self {
        Policy {
            removed: Some(flags),
            ..self
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

    /// What the policy always removes from members without bypass, if anything.
    #[inline]
    #[must_use]
    pub const fn removed(&self) -> Option<C> {
        self.removed
    }
}

impl<C: PermissionSet> Policy<'_, C> {
    /// Applies the policy to `held`, the permissions of a member without bypass: the timeout
    /// allow-list if `timed_out`, then the flags it [`removes`](Policy::removes), then the
    /// rules until none removes anything more.
    ///
    /// Rules only remove flags, so the result does not depend on the order they are declared
    /// in; with k rules it costs at most k + 1 passes of k.
    #[inline]
    #[must_use]
    pub fn apply(&self, held: C, timed_out: bool) -> C {
        self.apply_rules(self.mask(held, timed_out))
    }

    /// The union of the rules' prerequisites: a set that holds it loses nothing to the rules.
    #[cfg(feature = "alloc")]
    #[inline]
    pub(crate) fn prerequisites(&self) -> C {
        self.rules
            .iter()
            .fold(C::empty(), |all, rule| all.union(rule.prerequisite))
    }

    /// [`Policy::apply`], given [`Policy::prerequisites`] computed once for many members:
    /// the rules are skipped for a member who holds every prerequisite.
    #[cfg(feature = "alloc")]
    #[inline]
    pub(crate) fn apply_knowing(&self, held: C, timed_out: bool, prerequisites: C) -> C {
        let held = self.mask(held, timed_out);
        if held.contains(prerequisites) {
            held
        } else {
            self.apply_rules(held)
        }
    }

    /// The timeout allow-list and the removed flags.
    #[inline]
    fn mask(&self, held: C, timed_out: bool) -> C {
        let held = match self.timeout {
            Some(allowed) if timed_out => held.intersection(allowed),
            _ => held,
        };
        match self.removed {
            Some(removed) => held.difference(removed),
            None => held,
        }
    }

    /// The rules, until none removes anything more.
    #[inline]
    fn apply_rules(&self, mut held: C) -> C {
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

    /// The shortcut of the prepared path: every set of 8 bits, timed out or not, under rules
    /// that chain, a timeout and a removal.
    #[cfg(feature = "alloc")]
    #[test]
    fn knowing_the_prerequisites_changes_no_result() {
        let rules = [
            Rule::requires(Text::SEND).to_keep(Text::ATTACH),
            Rule::requires(Text::VIEW),
        ];
        let policies = [
            Policy::NONE,
            Policy::new(&rules),
            Policy::new(&rules).timeout_keeps(Text::VIEW | Text::ATTACH),
            Policy::new(&rules[..1]).removes(Text::REACT),
        ];
        for policy in policies {
            let prerequisites = policy.prerequisites();
            for bits in 0..=u8::MAX {
                let held = Text::from_bits_retain(bits);
                for timed_out in [false, true] {
                    assert_eq!(
                        policy.apply_knowing(held, timed_out, prerequisites),
                        policy.apply(held, timed_out),
                        "{policy:?} {held:?} {timed_out}"
                    );
                }
            }
        }
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
