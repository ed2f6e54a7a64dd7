#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(ToxPermissions::MANAGE_SETTINGS)]
fn update_settings(settings: impl Clone, session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
