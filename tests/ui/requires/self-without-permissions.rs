#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

/// Guild settings: a value the handler changes, not a holder of permissions.
pub struct Settings;

impl Settings {
    // `self` is checked, and `Settings` holds no permissions.
    #[requires(MANAGE_SETTINGS)]
    fn update(&mut self, session: &Session) -> Result<(), ApiError> {
        Ok(())
    }
}

fn main() {}
