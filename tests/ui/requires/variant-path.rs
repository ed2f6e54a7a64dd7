#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

// The enum's variant, where the set's constant is meant.
#[requires(ToxPermission::ManageSettings)]
fn update_settings(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
