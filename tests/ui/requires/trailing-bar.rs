#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(VIEW_SETTINGS |)]
fn update_settings(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
