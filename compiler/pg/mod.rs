//! The only module that talks to PostgreSQL: connecting (with TLS),
//! introspection, canonical expressions through the server, applying
//! migrations with their history, and partition upkeep. Everything else in
//! the crate works on models and text.

pub mod apply;
pub mod canonical;
mod catalog;
pub mod connect;
pub mod introspect;
pub mod script;
pub mod verify;

pub use connect::{Target, connect, parse};

use crate::model::{Project, Schema, Tier, calendar::Date};
use crate::render::Renderer;

/// The live schema of a tier and the desired one in the server's words,
/// reconciled for partition upkeep, ready to diff.
///
/// With `reader`, the live schema is read on a second connection to it while
/// `client` builds the desired one: the two take about as long on a large
/// tier and the server runs them on separate cores. If the second connection
/// cannot be opened (a connection limit, a pooler), both run on `client`.
pub fn live_and_desired(
    client: &mut postgres::Client,
    reader: Option<&Target>,
    tier: &Tier,
    project: &Project,
    renderer: &Renderer,
) -> Result<(Schema, Schema), PgError> {
    let name = tier.schema.name.as_str();
    let history = project.migrations.history_in(name);
    let (live, desired) = std::thread::scope(|scope| {
        let live = reader.map(|target| {
            scope.spawn(move || -> Option<Result<Schema, PgError>> {
                let mut second = connect(target).ok()?;
                Some(introspect::schema(&mut second, name, history))
            })
        });
        let desired = canonical::desired(client, &tier.schema, renderer);
        let live = live.and_then(|h| h.join().ok().flatten());
        (live, desired)
    });
    let mut desired = desired?;
    let mut live = match live {
        Some(live) => live?,
        None => introspect::schema(client, name, history)?,
    };
    // Extensions are database-wide; the tier manages only those it declares.
    live.extensions
        .retain(|e| desired.extensions.iter().any(|d| d.name == e.name));
    crate::diff::reconcile_windows(&mut live, &mut desired, today());
    Ok((live, desired))
}

/// Today in UTC, or `SCHEMAC_TODAY` (YYYY-MM-DD) for reproducible upkeep.
pub fn today() -> Date {
    std::env::var("SCHEMAC_TODAY")
        .ok()
        .and_then(|d| Date::parse(&d))
        .unwrap_or_else(Date::today_utc)
}

/// A failure talking to PostgreSQL.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    #[error("invalid database URL: {0}")]
    Url(String),
    #[error("TLS: {0}")]
    Tls(String),
    #[error("cannot connect to {target}: {message}")]
    Connect { target: String, message: String },
    #[error("{what}: {message}")]
    Query { what: String, message: String },
}

impl PgError {
    /// Wrap a query error with what was being done.
    pub fn query(what: &str) -> impl Fn(postgres::Error) -> PgError + '_ {
        move |e| PgError::Query {
            what: what.to_string(),
            message: describe(&e),
        }
    }
}

/// A server error as one line: message, SQLSTATE, detail and hint.
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => {
            let mut s = format!("{} (SQLSTATE {})", db.message(), db.code().code());
            if let Some(d) = db.detail() {
                s.push_str(&format!("; {d}"));
            }
            if let Some(h) = db.hint() {
                s.push_str(&format!("; hint: {h}"));
            }
            s
        }
        None => {
            let mut s = e.to_string();
            let mut source = std::error::Error::source(e);
            while let Some(inner) = source {
                s.push_str(&format!(": {inner}"));
                source = inner.source();
            }
            s
        }
    }
}
