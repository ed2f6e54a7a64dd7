//! What `#[requires]` checks: a holder of permissions, and how a refusal becomes the
//! function's error.

use crate::{Denied, PermissionSet, Requirement};

/// A value that holds permissions: a session, a member, a request context.
///
/// `#[requires(..)]` checks the first parameter of a function (or the one named with
/// `on = ..`), whose type implements this trait. References and smart pointers to a holder
/// are holders too.
///
/// ```
/// use permissions::{HasPermissions, PermissionSet};
/// # #[derive(PermissionSet)]
/// # #[permissions(bits = u16, default = VIEW_SETTINGS)]
/// # enum ToxPermission { #[permission(value = 0x0100)] ViewSettings, #[permission(value = 0x0200)] ManageSettings }
///
/// struct Session {
///     perms: ToxPermissions,
/// }
///
/// impl HasPermissions for Session {
///     type Set = ToxPermissions;
///     fn permissions(&self) -> ToxPermissions {
///         self.perms
///     }
/// }
///
/// let session = Session { perms: ToxPermissions::DEFAULT };
/// assert!(std::sync::Arc::new(session).permissions().grants(ToxPermissions::VIEW_SETTINGS));
/// ```
#[diagnostic::on_unimplemented(
    message = "`{Self}` does not hold permissions",
    label = "`#[requires]` checks this parameter",
    note = "implement `permissions::HasPermissions` for `{Self}`, or name another parameter with `#[requires(.., on = name)]`"
)]
pub trait HasPermissions {
    /// The permission set the holder's permissions are expressed in.
    type Set: PermissionSet;

    /// The permissions the holder has now.
    fn permissions(&self) -> Self::Set;
}

/// A pointer to a holder holds the same permissions.
macro_rules! forward {
    ($($(#[$cfg:meta])* $ptr:ty),* $(,)?) => {$(
        $(#[$cfg])*
        impl<T: HasPermissions + ?Sized> HasPermissions for $ptr {
            type Set = T::Set;
            #[inline]
            fn permissions(&self) -> Self::Set {
                (**self).permissions()
            }
        }
    )*};
}

forward!(
    &T,
    &mut T,
    #[cfg(feature = "alloc")]
    alloc::boxed::Box<T>,
    #[cfg(feature = "alloc")]
    alloc::rc::Rc<T>,
    #[cfg(feature = "alloc")]
    alloc::sync::Arc<T>,
);

/// A return type that can carry a refusal: `Result<T, E>` where `E: From<Denied<S>>`.
///
/// `#[requires]` returns `Refusal::refusal(denied)` when a check fails.
#[diagnostic::on_unimplemented(
    message = "a function guarded by `#[requires]` must return a `Result` whose error type implements `From<Denied<{S}>>`",
    label = "`{Self}` cannot carry a refusal"
)]
pub trait Refusal<S: 'static> {
    /// The value to return for a refused check.
    fn refusal(denied: Denied<S>) -> Self;
}

impl<T, E, S: 'static> Refusal<S> for Result<T, E>
where
    E: From<Denied<S>>,
{
    #[inline]
    fn refusal(denied: Denied<S>) -> Self {
        Err(E::from(denied))
    }
}

/// Checks `holder` against `requirement`, as `#[requires]` does.
#[inline]
pub fn check<H: HasPermissions + ?Sized>(
    holder: &H,
    requirement: &Requirement<H::Set>,
) -> Result<(), Denied<H::Set>> {
    holder.permissions().check(requirement)
}
