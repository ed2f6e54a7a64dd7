#![allow(unused_variables)]
use permissions::{Denied, HasPermissions, PermissionSet, Row, requires};

// A set written by hand with bitflags, not derived: its constants are only paths.
bitflags::bitflags! {
    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    pub struct Moderation: u16 {
        const VIEW_SETTINGS = 0x0100;
        const MANAGE_SETTINGS = 0x0200;
    }
}

impl PermissionSet for Moderation {
    const BYPASS: Self = Self::empty();
    const DEFAULT: Self = Self::VIEW_SETTINGS;
    const RESERVED: Self = Self::empty();
    const ROWS: &'static [Row<Self>] = &[];
}

pub struct Session(Moderation);

impl HasPermissions for Session {
    type Set = Moderation;
    fn permissions(&self) -> Moderation {
        self.0
    }
}

#[derive(Debug)]
pub struct ApiError;

impl From<Denied<Moderation>> for ApiError {
    fn from(_: Denied<Moderation>) -> Self {
        ApiError
    }
}

#[requires(MANAGE_SETTINGS)]
fn update_settings(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

// As a path, the same flag is fine.
#[requires(Moderation::MANAGE_SETTINGS)]
fn update_more(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
