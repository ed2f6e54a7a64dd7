#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

// A generic holder needs the bound.
#[requires(MANAGE_SETTINGS)]
fn update_settings<H>(holder: &H) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
