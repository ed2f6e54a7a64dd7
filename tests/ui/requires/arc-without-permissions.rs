#![allow(unused_variables)]
#[path = "../support.rs"]
mod support;
use permissions::requires;
use support::*;

use std::sync::Arc;

pub struct Settings;

#[requires(all(VIEW_SETTINGS, MANAGE_SETTINGS))]
fn update_settings(settings: Arc<Settings>, session: &Session) -> Result<(), ApiError> {
    Ok(())
}

fn main() {}
