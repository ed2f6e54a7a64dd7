#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

pub struct Settings;
pub struct Extension<T>(pub T);

// `on` names a parameter whose type holds no permissions.
#[requires(MANAGE_SETTINGS, on = settings)]
fn update_settings(session: &Session, settings: &Settings) -> Result<(), ApiError> {
    Ok(())
}

// The same inside an extractor pattern.
#[requires(MANAGE_SETTINGS, on = settings)]
fn update_more(session: &Session, Extension(settings): Extension<Settings>) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
