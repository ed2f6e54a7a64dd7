#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

pub struct Wrapper(pub Session);

#[requires(MANAGE_SETTINGS)]
fn update_settings(Wrapper(session): Wrapper) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
