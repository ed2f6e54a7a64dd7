#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

// The checked parameter is not bound, so there is nothing to check.
#[requires(MANAGE_SETTINGS)]
fn update_settings(_: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
