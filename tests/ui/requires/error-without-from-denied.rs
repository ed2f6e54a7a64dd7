#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[derive(Debug)]
pub struct OtherError;

#[requires(MANAGE_SETTINGS)]
fn update_settings(session: &Session) -> Result<(), OtherError> {
    Ok(())
}

fn main() {}
