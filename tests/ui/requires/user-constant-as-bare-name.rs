#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

impl ToxPermissions {
    /// A constant of our own: not a row of the table.
    pub const MODERATION: Self = Self::MANAGE_SETTINGS.union(Self::VIEW_PUBLIC_LOGS);
}

// A bare name is a row; this constant needs its path, `ToxPermissions::MODERATION`.
#[requires(MODERATION)]
fn moderate(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

// As a path, it is fine.
#[requires(ToxPermissions::MODERATION)]
fn moderate_more(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
