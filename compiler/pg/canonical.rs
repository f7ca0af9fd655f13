//! Canonical expressions: PostgreSQL stores `status in ('a','b')` as
//! `(status = ANY (ARRAY['a'::text, 'b'::text]))` and `'{}'` as
//! `'{}'::jsonb`. Rather than imitate its deparser, the desired model is
//! created on the target server itself — inside a transaction, in a scratch
//! schema — read back with the same introspection as the live schema, and
//! rolled back. Both sides of a live diff are then in the server's words.

use postgres::Client;

use super::{PgError, introspect};
use crate::diff;
use crate::model::{ConstraintKind, Ident, Schema, quote_ident};
use crate::plan;
use crate::render::Renderer;

/// The desired schema as the server would store it. YAML-only facts the
/// catalog cannot hold (declared renames, partition windows, tenancy) are
/// carried over from `desired`.
pub fn desired(
    client: &mut Client,
    desired: &Schema,
    renderer: &Renderer,
) -> Result<Schema, PgError> {
    let tier_schema = desired.name.clone();
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .map_err(PgError::query("backend pid"))?
        .get(0);
    let scratch = Ident::new(format!("schemac_scratch_{pid}"));
    let mut model = desired.clone();
    rename_schema(&mut model, &tier_schema, &scratch);
    let changes = diff::between(&Schema::empty(scratch.clone()), &model);
    let steps = plan::build(&Schema::empty(scratch.clone()), changes)
        .map_err(|e| PgError::Query {
            what: "ordering the desired schema".into(),
            message: e.to_string(),
        })?
        .steps;
    let mut sql = format!(
        "SET LOCAL search_path TO {}, {}, public;\nSET LOCAL TimeZone = 'UTC';\n",
        quote_ident(scratch.as_str()),
        quote_ident(tier_schema.as_str())
    );
    for s in &steps {
        let text = renderer
            .change(&s.change, scratch.as_str())
            .map_err(|e| PgError::Query {
                what: "rendering the desired schema".into(),
                message: e.to_string(),
            })?;
        sql.push_str(&text);
        sql.push('\n');
    }
    let mut tx = client.transaction().map_err(PgError::query("begin"))?;
    tx.batch_execute(&sql).map_err(|e| {
        let mut message = super::describe(&e);
        if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
            message.push_str(
                "\n  hint: to compare expressions as the server stores them, the YAML's schema is \
                 created in a scratch schema inside a transaction that is rolled back; the role \
                 needs CREATE on the database (GRANT CREATE ON DATABASE … TO …). Nothing is committed.",
            );
        }
        PgError::Query {
            what: "creating the desired schema in a scratch schema".into(),
            message,
        }
    })?;
    let mut canonical = introspect::read(&mut tx, scratch.as_str(), "")?;
    tx.rollback().map_err(PgError::query("rollback"))?;
    rename_schema(&mut canonical, &scratch, &tier_schema);
    carry_over(desired, &mut canonical);
    Ok(canonical)
}

fn rename_schema(model: &mut Schema, from: &Ident, to: &Ident) {
    model.name = to.clone();
    for t in &mut model.tables {
        for c in &mut t.constraints {
            if let ConstraintKind::ForeignKey { references, .. } = &mut c.kind
                && references.schema == *from
            {
                references.schema = to.clone();
            }
        }
    }
}

/// Copy what only the YAML knows onto the canonical model.
fn carry_over(yaml: &Schema, canonical: &mut Schema) {
    for t in &mut canonical.tables {
        let Some(y) = yaml.table(t.name.as_str()) else {
            continue;
        };
        t.was = y.was.clone();
        t.tenancy = y.tenancy;
        t.soft_references = y.soft_references.clone();
        t.deprecated = y.deprecated.clone();
        if let (Some(p), Some(yp)) = (&mut t.partitioning, &y.partitioning) {
            p.window = yp.window.clone();
            p.groups = yp.groups.clone();
            p.modulus = yp.modulus;
            p.default = yp.default;
            p.sub = yp.sub.clone();
        }
        for c in &mut t.columns {
            if let Some(yc) = y.column(c.name.as_str()) {
                c.was = yc.was.clone();
                c.deprecated = yc.deprecated.clone();
            }
        }
        t.origin = y.origin;
    }
    for v in &mut canonical.views {
        if let Some(y) = yaml.view(v.name.as_str()) {
            v.was = y.was.clone();
            v.refresh_concurrently = y.refresh_concurrently;
            v.depends_on = y.depends_on.clone();
            v.origin = y.origin;
        }
    }
}
