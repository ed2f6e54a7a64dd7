// The functions the guard benchmarks compare: one guarded with `#[requires]`, the same written
// by hand as the issue states it, and by hand with the bypass check `#[requires]` also makes.
// Included by `guard.rs` (criterion) and `guard_callgrind.rs` (instruction counts).

use permissions::{Denied, HasPermissions, PermissionSet, Requirement, requires};

/// Tox Mod's table, from our document of it.
#[derive(PermissionSet)]
#[permissions(markdown = "docs/tox_mod.md", default = SEND_MESSAGES, bypass = ADMINISTRATOR)]
pub struct ToxPermissions(u16);

pub struct Session {
    pub perms: ToxPermissions,
}

impl HasPermissions for Session {
    type Set = ToxPermissions;
    #[inline]
    fn permissions(&self) -> ToxPermissions {
        self.perms
    }
}

#[requires(MANAGE_SETTINGS)]
#[inline(never)]
pub fn guarded(session: &Session, value: u32) -> Result<u32, Denied<ToxPermissions>> {
    Ok(value.wrapping_mul(3))
}

#[inline(never)]
pub fn by_hand(session: &Session, value: u32) -> Result<u32, Denied<ToxPermissions>> {
    if !session.perms.contains(ToxPermissions::MANAGE_SETTINGS) {
        return Err(Denied::new(
            Requirement::All(ToxPermissions::MANAGE_SETTINGS),
            ToxPermissions::MANAGE_SETTINGS.difference(session.perms),
        ));
    }
    Ok(value.wrapping_mul(3))
}

#[inline(never)]
pub fn by_hand_with_bypass(session: &Session, value: u32) -> Result<u32, Denied<ToxPermissions>> {
    let p = session.perms;
    if !p.contains(ToxPermissions::ADMINISTRATOR) && !p.contains(ToxPermissions::MANAGE_SETTINGS) {
        return Err(Denied::new(
            Requirement::All(ToxPermissions::MANAGE_SETTINGS),
            ToxPermissions::MANAGE_SETTINGS.difference(p),
        ));
    }
    Ok(value.wrapping_mul(3))
}

/// The sessions each benchmark runs on: allowed, denied, and a bypass holder.
pub fn sessions() -> [(&'static str, Session); 3] {
    [
        (
            "allowed",
            Session {
                perms: ToxPermissions::DEFAULT | ToxPermissions::MANAGE_SETTINGS,
            },
        ),
        (
            "denied",
            Session {
                perms: ToxPermissions::DEFAULT,
            },
        ),
        (
            "admin",
            Session {
                perms: ToxPermissions::ADMINISTRATOR,
            },
        ),
    ]
}
