#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires()]
fn update_settings(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(on = session)]
fn update_more(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
