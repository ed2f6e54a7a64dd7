//! The registry of guarded functions: every `#[requires]` adds an entry at compile time (link
//! time, through [`inventory`]), at no cost per call. A program can list them, for example
//! to print an audit table of which endpoint needs what.
//!
//! ```
//! # use permissions::{requires, Denied, HasPermissions, PermissionSet};
//! # #[derive(PermissionSet)]
//! # #[permissions(bits = u16)]
//! # enum ToxPermission { #[permission(value = 0x0200)] ManageSettings }
//! # struct Session(ToxPermissions);
//! # impl HasPermissions for Session { type Set = ToxPermissions; fn permissions(&self) -> ToxPermissions { self.0 } }
//! #[requires(MANAGE_SETTINGS)]
//! fn update_settings(session: &Session) -> Result<(), Denied<ToxPermissions>> {
//!     Ok(())
//! }
//!
//! let entry = permissions::audit::handlers()
//!     .find(|h| h.function() == "update_settings")
//!     .unwrap();
//! assert_eq!(entry.requirement(), "MANAGE_SETTINGS");
//! assert!(permissions::audit::markdown_table().contains("| `update_settings` |"));
//! ```

use alloc::string::String;
use core::fmt::Write as _;

/// One guarded function.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Handler {
    module: &'static str,
    function: &'static str,
    holder: &'static str,
    requirement: &'static str,
}

impl Handler {
    /// An entry. `#[requires]` builds these; users rarely need to.
    #[must_use]
    pub const fn new(
        module: &'static str,
        function: &'static str,
        holder: &'static str,
        requirement: &'static str,
    ) -> Self {
        Handler {
            module,
            function,
            holder,
            requirement,
        }
    }

    /// The module path of the function, as `module_path!()` gives it.
    #[must_use]
    pub const fn module(&self) -> &'static str {
        self.module
    }

    /// The function's name.
    #[must_use]
    pub const fn function(&self) -> &'static str {
        self.function
    }

    /// The parameter whose permissions are checked (`self` for methods).
    #[must_use]
    pub const fn holder(&self) -> &'static str {
        self.holder
    }

    /// The requirement as written: `MANAGE_SETTINGS`, `any(BAN_MEMBERS, KICK_MEMBERS)`.
    #[must_use]
    pub const fn requirement(&self) -> &'static str {
        self.requirement
    }
}

inventory::collect!(Handler);

/// Every guarded function in the program, sorted by module and function.
pub fn handlers() -> impl Iterator<Item = &'static Handler> {
    let mut all: alloc::vec::Vec<&'static Handler> =
        inventory::iter::<Handler>.into_iter().collect();
    all.sort_by_key(|h| (h.module, h.function, h.requirement));
    all.into_iter()
}

/// The registry as a Markdown table: module, function, checked parameter, requirement.
#[must_use]
pub fn markdown_table() -> String {
    let mut out = String::from("| module | function | checks | requires |\n|---|---|---|---|\n");
    for h in handlers() {
        // A `|` would end the cell, inside code spans too (GitHub's tables): escape it.
        let requirement = h.requirement.replace('|', "\\|");
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "| `{}` | `{}` | `{}` | `{}` |",
            h.module, h.function, h.holder, requirement
        );
    }
    out
}
