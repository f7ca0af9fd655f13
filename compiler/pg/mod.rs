//! The only module that talks to PostgreSQL: reading migration scripts as
//! `apply` runs them, and (with a connection) introspection, canonical
//! expressions, apply and history.

pub mod script;
