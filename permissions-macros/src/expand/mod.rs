//! Code generation, one file per macro.

pub mod derive;
pub mod requires;
