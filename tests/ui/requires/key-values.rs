#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

// A key without its value.
#[requires(MANAGE_SETTINGS, on)]
fn a(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(MANAGE_SETTINGS, on = "session")]
fn b(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(MANAGE_SETTINGS, on = &session)]
fn c(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(MANAGE_SETTINGS, crate = ::permissions)]
fn d(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(MANAGE_SETTINGS, crate = "::permissions::")]
fn e(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(ToxPermissions::)]
fn f(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
