#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(MANAGE_SETTINGS, on = sesion)]
fn update_settings(id: u32, session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
