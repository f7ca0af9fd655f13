//! The only module that talks to PostgreSQL: connecting (with TLS),
//! introspection, canonical expressions through the server, applying and
//! rolling back migrations with their history, repairs from a reviewed plan,
//! proofs on a scratch copy, table statistics, and partition upkeep.
//! Everything else in the crate works on models and text.

pub mod apply;
mod aside;
mod cache;
pub mod canonical;
mod catalog;
mod citus;
mod clone_names;
pub mod connect;
pub mod fingerprint;
pub mod introspect;
pub mod prove;
mod qualified;
pub mod repair;
pub mod roles;
pub mod rollback;
pub mod script;
pub mod seed;
pub mod stats;
pub mod support;
pub mod unmanaged;
pub mod verify;

pub use connect::{Target, connect, parse};

use crate::model::{Ident, Project, Schema, Tier, calendar::Date};
use crate::render::Renderer;

/// A tier's live schema and its desired one in the server's words,
/// reconciled for partition upkeep, ready to diff; and what the live
/// database has that the project does not manage (left out of `live`, so
/// nothing of it is ever dropped).
pub struct Live {
    pub live: Schema,
    pub desired: Schema,
    pub unmanaged: Vec<unmanaged::Unmanaged>,
}

/// A tier's live schema and unmanaged objects, as read.
type Read = (Schema, Vec<unmanaged::Unmanaged>);

/// A live read started before the project is loaded: what `plan --db` reads
/// of the server does not depend on the tier files, only on `schemac.yaml`
/// (the tier's schemas and history table), so the two overlap.
pub struct Prefetch {
    schema: String,
    extra: Vec<Ident>,
    history: String,
    read: Fetching,
}

/// A prefetched read under way, or its outcome (`None`: no connection).
enum Fetching {
    Running(std::thread::JoinHandle<Option<Result<Read, PgError>>>),
    Done(Box<Option<Result<Read, PgError>>>),
}

impl Prefetch {
    /// Read tier schema `schema` (with further schemas `extra`) of
    /// `target` on a connection of its own.
    pub fn start(target: Target, schema: String, extra: Vec<Ident>, history: String) -> Prefetch {
        let (s, e, h) = (schema.clone(), extra.clone(), history.clone());
        let read = std::thread::spawn(move || {
            let mut client = connect(&target).ok()?;
            let _span = crate::timing::span("live: read the catalog (while the YAML loads)");
            let mut read = || -> Result<Read, PgError> {
                let live = introspect::tier(&mut client, &s, &e, &h)?;
                Ok((live, unmanaged::read(&mut client, &s)?))
            };
            Some(read())
        });
        Prefetch {
            schema,
            extra,
            history,
            read: Fetching::Running(read),
        }
    }

    /// Wait for the read, which closes its connection: a role allowed one
    /// connection can then open the plan's own.
    pub fn finish(&mut self) {
        let read = std::mem::replace(&mut self.read, Fetching::Done(Box::new(None)));
        self.read = match read {
            Fetching::Running(h) => Fetching::Done(Box::new(h.join().ok().flatten())),
            done => done,
        };
    }

    /// The read, if it was of these schemas and it could connect.
    fn take(
        mut self,
        schema: &str,
        extra: &[Ident],
        history: &str,
    ) -> Option<Result<Read, PgError>> {
        if self.schema != schema || self.extra != extra || self.history != history {
            return None;
        }
        self.finish();
        match self.read {
            Fetching::Done(read) => *read,
            Fetching::Running(_) => None,
        }
    }
}

/// The live schema of a tier and the desired one in the server's words,
/// reconciled for partition upkeep, ready to diff.
///
/// With `reader`, the live schema is read on a second connection to it while
/// `client` builds the desired one: the two take about as long on a large
/// tier and the server runs them on separate cores. If the second connection
/// cannot be opened (a connection limit, a pooler), both run on `client`.
/// A `prefetched` read of the same schemas is used instead of reading again.
pub fn live_and_desired(
    client: &mut postgres::Client,
    reader: Option<&Target>,
    prefetched: Option<Prefetch>,
    tier: &Tier,
    project: &Project,
    renderer: &Renderer,
) -> Result<Live, PgError> {
    let name = tier.schema.name.as_str();
    let history = project.migrations.history_in(name);
    let extra: Vec<Ident> = tier.schema.schemas.iter().map(|s| s.name.clone()).collect();
    let prefetched = prefetched.and_then(|p| p.take(name, &extra, history));
    let extra = &extra;
    let (live, desired) = std::thread::scope(|scope| {
        let live = reader.filter(|_| prefetched.is_none()).map(|target| {
            scope.spawn(move || -> Option<Result<Read, PgError>> {
                let mut second = connect(target).ok()?;
                let _span = crate::timing::span("live: read the catalog");
                let mut read = || -> Result<Read, PgError> {
                    let live = introspect::tier(&mut second, name, extra, history)?;
                    Ok((live, unmanaged::read(&mut second, name)?))
                };
                Some(read())
            })
        });
        let span = crate::timing::span("desired: scratch schema, all of it");
        let desired = canonical::desired_on(client, reader, &tier.schema, renderer);
        drop(span);
        let live = live.and_then(|h| h.join().ok().flatten());
        (prefetched.or(live), desired)
    });
    let mut desired = desired?;
    let (mut live, unmanaged) = match live {
        Some(read) => read?,
        None => {
            let _span = crate::timing::span("live: read the catalog");
            let live = introspect::tier(client, name, extra, history)?;
            (live, unmanaged::read(client, name)?)
        }
    };
    let span = crate::timing::span("reconcile (set aside, names, windows)");
    set_aside(&mut live, &desired);
    clone_names::keep_live(&live, &mut desired);
    crate::diff::reconcile_windows(&mut live, &mut desired, today());
    drop(span);
    let span = crate::timing::span("settle (re-read differing live relations)");
    settle(client, &mut live, &desired, renderer)?;
    drop(span);
    Ok(Live {
        live,
        desired,
        unmanaged,
    })
}

/// Leave out of a live schema what the tier does not manage, before it is
/// compared with `desired`.
pub fn set_aside(live: &mut Schema, desired: &Schema) {
    // Extensions are database-wide; the tier manages only those it declares.
    live.extensions
        .retain(|e| desired.extensions.iter().any(|d| d.name == e.name));
    // What the tier declares external is the live side's too, so that a
    // copy built from it (`--prove`) is compared under the same terms.
    live.external_types = desired.external_types.clone();
    live.external = desired.external.clone();
    // A domain the tier declares `external` is used, never managed.
    let external = |name: &str| desired.external_types.iter().any(|x| x == name);
    live.domains.retain(|d| !external(d.name.as_str()));
    live.composites.retain(|c| !external(c.name.as_str()));
    live.ranges.retain(|r| !external(r.name.as_str()));
    let types = live
        .tables
        .iter_mut()
        .flat_map(|t| t.columns.iter_mut().map(|c| &mut c.ty))
        .chain(
            live.composites
                .iter_mut()
                .flat_map(|c| c.attributes.iter_mut().map(|a| &mut a.ty)),
        )
        .chain(live.domains.iter_mut().map(|d| &mut d.ty));
    for ty in types {
        if matches!(
            ty.kind,
            crate::model::TypeKind::Domain
                | crate::model::TypeKind::Composite
                | crate::model::TypeKind::Range
        ) && external(&ty.base)
        {
            ty.kind = crate::model::TypeKind::External;
        }
    }
    // A function declared `external` (`default_label()`, or qualified with
    // the tier's schema) is called, never created or dropped.
    let tier = live.name.to_string();
    let bare = |sig: &str| -> String {
        let sig: String = sig.chars().filter(|c| !c.is_whitespace()).collect();
        sig.strip_prefix(&format!("{tier}."))
            .map(str::to_string)
            .unwrap_or(sig)
    };
    let external_fns: Vec<String> = desired.external.functions.iter().map(|f| bare(f)).collect();
    live.functions
        .retain(|f| !external_fns.contains(&bare(&f.signature())));
}

/// PostgreSQL does not always print an expression the way it would print
/// the expression parsed back (`x IN ('a'::varchar)` comes back with its
/// casts moved), so text read from the catalog and the same text sent
/// through the server can differ while meaning the same. Where the live
/// and desired schema still differ, the live relations concerned are sent
/// through the server too, and replace their catalog text.
pub fn settle(
    client: &mut postgres::Client,
    live: &mut Schema,
    desired: &Schema,
    renderer: &Renderer,
) -> Result<(), PgError> {
    let changes = crate::diff::between(live, desired);
    if changes.is_empty() {
        return Ok(());
    }
    let touched = crate::diff::relations_with_expressions(&changes, live);
    if touched.is_empty() {
        return Ok(());
    }
    let mut sub = Schema {
        tables: live
            .tables
            .iter()
            .filter(|t| touched.contains(&t.name))
            .cloned()
            .collect(),
        views: live
            .views
            .iter()
            .filter(|v| touched.contains(&v.name))
            .cloned()
            .collect(),
        ..Schema::empty(live.name.clone())
    };
    sub.extensions = live.extensions.clone();
    sub.enums = live.enums.clone();
    sub.sequences = live.sequences.clone();
    sub.domains = live.domains.clone();
    sub.functions = live.functions.clone();
    // What the relations read must exist beside them.
    let needed: Vec<Ident> = sub
        .views
        .iter()
        .flat_map(|v| v.depends_on.iter().cloned())
        .filter(|d| !touched.contains(d))
        .collect();
    for n in needed {
        if let Some(t) = live.table(n.as_str())
            && !sub.tables.iter().any(|x| x.name == t.name)
        {
            sub.tables.push(t.clone());
        }
        if let Some(v) = live.view(n.as_str())
            && !sub.views.iter().any(|x| x.name == v.name)
        {
            sub.views.push(v.clone());
        }
    }
    let Ok(settled) = canonical::desired(client, &sub, renderer) else {
        // The live text could not be sent through the server again (a
        // relation it reads is missing here): keep it as read.
        return Ok(());
    };
    for t in &mut live.tables {
        if touched.contains(&t.name)
            && let Some(s) = settled.table(t.name.as_str())
        {
            *t = s.clone();
        }
    }
    for v in &mut live.views {
        if touched.contains(&v.name)
            && let Some(s) = settled.view(v.name.as_str())
        {
            *v = s.clone();
        }
    }
    Ok(())
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
