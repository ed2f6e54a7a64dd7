#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(MANAGE_SETTINGS)]
fn update_settings(id: u32) -> Result<(), ApiError> {
    Ok(())
}

#[requires(ToxPermissions::MANAGE_SETTINGS)]
fn update_more(id: u32) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
