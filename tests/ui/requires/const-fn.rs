#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(MANAGE_SETTINGS)]
const fn update_settings(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
