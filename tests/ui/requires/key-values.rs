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

// Generic arguments, or no name after `::`.
#[requires(ToxPermissions::<u8>::VIEW_SETTINGS)]
fn g(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(ToxPermissions::(VIEW_SETTINGS))]
fn h(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

// A key inside the requirement, or without its `=`.
#[requires(all(VIEW_SETTINGS, on = session))]
fn i(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

#[requires(VIEW_SETTINGS, on session)]
fn j(session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
