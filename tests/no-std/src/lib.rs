//! A `#![no_std]` crate that derives a permission set from a Markdown table and uses it:
//! grants, checks, a `#[requires]` guard, `Display` and serde, with no allocator. CI builds it
//! alone, with the runtime's default features off, so neither the runtime nor the generated
//! code may reach for std; and for a target without std where one is installed. The const
//! assertions are checked by every build, the functions by the std test module at the end.
#![no_std]
#![forbid(unsafe_code)]

use core::fmt::{self, Write};

use permissions::{Denied, HasPermissions, PermissionSet, Requirement, requires};

/// Tox Mod client permissions (seed 001), read from the project's own document of them.
#[derive(PermissionSet)]
#[permissions(
    markdown = "../../docs/tox_mod.md",
    default = SEND_MESSAGES,
    bypass = ADMINISTRATOR
)]
pub struct ToxPermissions(u16);

// The document's values, checked at compile time.
const _: () = assert!(ToxPermissions::DEFAULT.bits() == 0x0112);
const _: () = assert!(ToxPermissions::BYPASS.bits() == ToxPermissions::ADMINISTRATOR.bits());
const _: () = assert!(ToxPermissions::SEND_MESSAGES.contains(ToxPermissions::VIEW_SETTINGS));
const _: () = assert!(!ToxPermissions::SEND_MESSAGES.contains(ToxPermissions::VIEW_PRIVATE_LOGS));
const _: () = assert!(ToxPermissions::ROWS.len() == 8);

/// Purging takes the purge command and a view of the logs, public or private.
pub const PURGE: Requirement<ToxPermissions> = Requirement::AllOf(&[
    Requirement::All(ToxPermissions::EXEC_PURGE_CMD),
    Requirement::AnyOf(&[
        Requirement::All(ToxPermissions::VIEW_PUBLIC_LOGS),
        Requirement::All(ToxPermissions::VIEW_PRIVATE_LOGS),
    ]),
]);

/// Whether `held` may change the guild's settings (bypass honoured).
#[must_use]
pub fn may_manage_settings(held: ToxPermissions) -> bool {
    held.grants(ToxPermissions::MANAGE_SETTINGS)
}

/// Checks [`PURGE`].
///
/// # Errors
/// The denial, when `held` does not meet it.
pub fn may_purge(held: ToxPermissions) -> Result<(), Denied<ToxPermissions>> {
    held.check(&PURGE)
}

/// A client session.
pub struct Session(pub ToxPermissions);

impl HasPermissions for Session {
    type Set = ToxPermissions;
    fn permissions(&self) -> ToxPermissions {
        self.0
    }
}

/// Changes a setting; guarded, so a session without the permission gets the denial.
///
/// # Errors
/// The denial, when `session` may not manage settings.
#[requires(MANAGE_SETTINGS)]
pub fn update_settings(session: &Session, value: u8) -> Result<u8, Denied<ToxPermissions>> {
    Ok(value)
}

/// Writes `value`'s `Display` into `buf`, with no allocator.
///
/// # Errors
/// When `buf` is too small.
pub fn display<'b>(value: &impl fmt::Display, buf: &'b mut [u8]) -> Result<&'b str, fmt::Error> {
    struct Cursor<'a> {
        buf: &'a mut [u8],
        len: usize,
    }
    impl Write for Cursor<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            let end = self.len.checked_add(s.len()).ok_or(fmt::Error)?;
            self.buf
                .get_mut(self.len..end)
                .ok_or(fmt::Error)?
                .copy_from_slice(s.as_bytes());
            self.len = end;
            Ok(())
        }
    }
    let mut cursor = Cursor { buf, len: 0 };
    write!(cursor, "{value}")?;
    let Cursor { buf, len } = cursor;
    core::str::from_utf8(&buf[..len]).map_err(|_| fmt::Error)
}

/// Serializes `held` into `buf` with postcard, a compact format: the integer.
#[must_use]
pub fn encode(held: ToxPermissions, buf: &mut [u8]) -> Option<&mut [u8]> {
    postcard::to_slice(&held, buf).ok()
}

/// Reads a set back from [`encode`]'s bytes.
#[must_use]
pub fn decode(bytes: &[u8]) -> Option<ToxPermissions> {
    postcard::from_bytes(bytes).ok()
}

#[cfg(test)]
mod tests {
    extern crate std;

    use super::*;

    #[test]
    fn grants_and_checks_without_std() {
        assert!(!may_manage_settings(ToxPermissions::DEFAULT));
        assert!(may_manage_settings(ToxPermissions::ADMINISTRATOR));
        assert!(may_purge(ToxPermissions::DEFAULT | ToxPermissions::EXEC_PURGE_CMD).is_ok());

        let denied = may_purge(ToxPermissions::VIEW_SETTINGS).unwrap_err();
        assert_eq!(
            denied.missing(),
            ToxPermissions::EXEC_PURGE_CMD
                | ToxPermissions::VIEW_PUBLIC_LOGS
                | ToxPermissions::VIEW_PRIVATE_LOGS
        );
        let mut buf = [0u8; 64];
        assert_eq!(
            display(&denied, &mut buf),
            Ok("missing VIEW_PUBLIC_LOGS | VIEW_PRIVATE_LOGS | EXEC_PURGE_CMD")
        );
        assert_eq!(display(&denied, &mut [0u8; 8]), Err(fmt::Error));

        assert_eq!(
            update_settings(&Session(ToxPermissions::ADMINISTRATOR), 3),
            Ok(3)
        );
        let denied = update_settings(&Session(ToxPermissions::DEFAULT), 3).unwrap_err();
        assert_eq!(denied.missing(), ToxPermissions::MANAGE_SETTINGS);
    }

    #[test]
    fn serde_without_std_keeps_unknown_bits() {
        let held = ToxPermissions::DEFAULT | ToxPermissions::from_bits_retain(0x8000);
        let mut buf = [0u8; 8];
        let bytes = encode(held, &mut buf).unwrap();
        assert_eq!(decode(bytes), Some(held));
        assert!(!held.grants(ToxPermissions::from_bits_retain(0x8000)));
        assert_eq!(
            serde_json::to_string(&held).unwrap(),
            r#""VIEW_PUBLIC_LOGS | VIEW_SETTINGS | SEND_MESSAGES | 0x8000""#
        );
    }
}
