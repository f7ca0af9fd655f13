//! schemac: a declarative schema-as-code compiler for multi-tenant PostgreSQL.
//!
//! Data flows one way: `load` (YAML → model) → `check` (model → diagnostics);
//! `diff` (two models → changes) → `plan` (ordered steps) → `render` (SQL,
//! docs) → `emit` (migration files) or `pg::apply`. `pg::introspect` reads a
//! live database into the same model. Only `cli` prints.

pub mod check;
pub mod cli;
pub mod diag;
pub mod diff;
pub mod emit;
pub mod load;
pub mod model;
pub mod pg;
pub mod plan;
pub mod render;
pub mod timing;
