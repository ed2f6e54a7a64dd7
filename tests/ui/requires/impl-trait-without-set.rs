#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(MANAGE_SETTINGS)]
fn update_settings(session: &impl permissions::HasPermissions) -> Result<(), ApiError> {
    Ok(())
}

#[requires(ToxPermissions::MANAGE_SETTINGS)]
fn update_path(session: &impl permissions::HasPermissions) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
