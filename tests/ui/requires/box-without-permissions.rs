#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

pub struct Settings;

#[requires(MANAGE_SETTINGS | VIEW_SETTINGS)]
fn update_settings(settings: Box<Settings>, session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
