#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

#[requires(VIEW_SETTINGS & MANAGE_SETTINGS)]
fn a(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(VIEW_SETTINGS MANAGE_SETTINGS)]
fn b(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(VIEW_SETTINGS, MANAGE_SETTINGS)]
fn d(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
