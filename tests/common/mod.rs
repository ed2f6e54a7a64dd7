//! The three seed tables as the examples declare them (the enum form), shared by the tests
//! that compare against them.
#![allow(dead_code)]

#[path = "../../examples/guild.rs"]
pub mod guild;
#[path = "../../examples/network_session.rs"]
pub mod network_session;
#[path = "../../examples/tox_mod.rs"]
pub mod tox_mod;
