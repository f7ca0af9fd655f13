//! Proving tenant isolation on a live database: as the application role
//! (never a superuser, never one with BYPASSRLS), for every relation of a
//! tier that holds tenant rows — tenant tables, each of their partitions,
//! views and materialized views, and the tenant root — try what a tenant
//! must not be able to do, and count what got through. Everything runs in
//! one transaction that is rolled back; each attempt in a savepoint.

use postgres::Client;

use super::PgError;
use crate::model::{Ident, Project, Tenancy, Tier, quote_ident, quote_literal};

/// Who a role is, as far as row-level security cares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleFacts {
    pub name: String,
    pub superuser: bool,
    pub bypass_rls: bool,
    /// Tables of the tier's schema the role owns (exempt from RLS unless forced).
    pub owned: Vec<String>,
}

impl RoleFacts {
    /// Why sessions of this role are not held by RLS, if they are not.
    pub fn warning(&self) -> Option<String> {
        if self.superuser {
            Some(format!(
                "role `{}` is a superuser: row-level security never applies to it, so every tenant's rows are visible to its sessions; the application must connect as a role without SUPERUSER and BYPASSRLS",
                self.name
            ))
        } else if self.bypass_rls {
            Some(format!(
                "role `{}` has BYPASSRLS: row-level security does not apply to its sessions",
                self.name
            ))
        } else if !self.owned.is_empty() {
            Some(format!(
                "role `{}` owns {} table(s) ({}{}): an owner is held by RLS only where it is forced",
                self.name,
                self.owned.len(),
                self.owned
                    .iter()
                    .take(3)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", "),
                if self.owned.len() > 3 { ", …" } else { "" }
            ))
        } else {
            None
        }
    }
}

const ROLE_FACTS: &str = "SELECT r.rolname::text, r.rolsuper, r.rolbypassrls,
        COALESCE(array_agg(c.relname::text ORDER BY c.relname) FILTER (WHERE c.oid IS NOT NULL), '{}')
   FROM pg_roles r
   LEFT JOIN pg_class c ON c.relowner = r.oid AND c.relkind IN ('r', 'p')
        AND c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $2)
  WHERE r.rolname = COALESCE($1, current_user::text)
  GROUP BY 1, 2, 3";

/// The facts of `role`, or of the connected role when `None`.
pub fn role_facts(
    client: &mut Client,
    role: Option<&str>,
    schema: &str,
) -> Result<Option<RoleFacts>, PgError> {
    let rows = client
        .query(ROLE_FACTS, &[&role, &schema])
        .map_err(PgError::query("reading the role"))?;
    Ok(rows.first().map(|r| RoleFacts {
        name: r.get(0),
        superuser: r.get(1),
        bypass_rls: r.get(2),
        owned: r.get(3),
    }))
}

/// Something a tenant's session could do that it must not.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Leak {
    pub relation: String,
    pub attempt: String,
    pub detail: String,
}

/// The outcome for one tier.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    pub relations: usize,
    pub attempts: usize,
    pub leaks: Vec<Leak>,
    /// Attempts that failed for another reason than isolation (a unique key,
    /// a check): neither a leak nor a proof.
    pub inconclusive: usize,
}

/// A relation to probe: its name, kind (`r`, `p`, `v`, `m`) and the column
/// holding the tenant (the root's primary key for the root).
#[derive(Debug, Clone)]
struct Relation {
    name: String,
    kind: String,
    key: Option<String>,
    columns: Vec<String>,
    readable: bool,
    rls: bool,
    forced: bool,
    owned: bool,
}

const RELATIONS: &str = "SELECT c.relname::text, c.relkind::text,
        (SELECT a.attname::text FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = $2 AND NOT a.attisdropped),
        COALESCE((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
           WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
             AND a.attgenerated = '' AND a.attidentity <> 'a'), '{}'),
        has_table_privilege($3, c.oid, 'SELECT'),
        c.relrowsecurity, c.relforcerowsecurity, pg_get_userbyid(c.relowner)::text = $3
   FROM pg_class c
  WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)
    AND c.relkind IN ('r', 'p', 'v', 'm')
  ORDER BY 1";

/// A tenant id of the key's type, for when the database has fewer than two tenants.
fn synthetic(t: &Tenancy, which: u8) -> String {
    let base = t.key_type.base.as_str();
    if base == "uuid" {
        format!("00000000-0000-4000-8000-00000000000{which}")
    } else if matches!(base, "smallint" | "integer" | "bigint") || base.starts_with("numeric") {
        format!("-{}", 4240 + u32::from(which))
    } else {
        format!("schemac-verify-{which}")
    }
}

fn qualified(schema: &str, name: &str) -> String {
    format!("{}.{}", quote_ident(schema), quote_ident(name))
}

/// `RESET "app"."current_tenant_id"`: a custom setting's name, quoted part by part.
fn setting_ident(setting: &str) -> String {
    setting
        .split('.')
        .map(quote_ident)
        .collect::<Vec<_>>()
        .join(".")
}

/// What running one statement in a savepoint did.
enum Outcome {
    Rows(u64),
    Count(i64),
    Refused,
    Failed,
}

/// Run `prep` (setting the tenant) and `sql` in a savepoint rolled back
/// after, so neither the setting nor any change outlives the attempt.
fn attempt(tx: &mut postgres::Transaction, prep: &str, sql: &str, count: bool) -> Outcome {
    let Ok(mut sp) = tx.savepoint("schemac_verify_attempt") else {
        return Outcome::Failed;
    };
    let result = sp.batch_execute(prep).and_then(|()| {
        if count {
            sp.query_one(sql, &[]).map(|r| Outcome::Count(r.get(0)))
        } else {
            sp.execute(sql, &[]).map(Outcome::Rows)
        }
    });
    let outcome = match result {
        Ok(o) => o,
        Err(e) => match e.code().map(|c| c.code()) {
            // insufficient_privilege: RLS WITH CHECK or no grant; both refuse.
            Some("42501") => Outcome::Refused,
            // invalid_text_representation: a malformed setting that fails the cast.
            Some("22P02") => Outcome::Refused,
            _ => Outcome::Failed,
        },
    };
    let _ = sp.rollback();
    outcome
}

/// Prove isolation for one tier as `role`. Refuses a superuser or BYPASSRLS
/// role before doing anything.
pub fn tier(
    client: &mut Client,
    project: &Project,
    tier: &Tier,
    role: &str,
) -> Result<Report, PgError> {
    let Some(t) = &project.tenancy else {
        return Err(PgError::Query {
            what: "verify".into(),
            message: "the project declares no tenancy: there is no isolation to prove".into(),
        });
    };
    let schema = tier.schema.name.as_str();
    let facts = role_facts(client, Some(role), schema)?.ok_or_else(|| PgError::Query {
        what: "verify".into(),
        message: format!("role `{role}` does not exist"),
    })?;
    if facts.superuser || facts.bypass_rls {
        return Err(PgError::Query {
            what: "verify".into(),
            message: format!(
                "refusing to verify as `{role}`: {}; pass the role the application connects as",
                facts.warning().unwrap_or_default()
            ),
        });
    }
    let mut tx = client
        .transaction()
        .map_err(PgError::query("starting the verify transaction"))?;
    let scoped: Vec<&crate::model::Table> = tier
        .schema
        .tables
        .iter()
        .filter(|x| x.is_scoped())
        .collect();
    // Two tenants that have rows, if there are: tenant A's session probes,
    // tenant B is the other tenant.
    let mut tenants: Vec<String> = Vec::new();
    for table in &scoped {
        if tenants.len() >= 2 {
            break;
        }
        let q = format!(
            "SELECT DISTINCT {}::text FROM {} LIMIT 2",
            quote_ident(t.key.as_str()),
            qualified(schema, table.name.as_str())
        );
        if let Ok(rows) = tx.query(&q, &[]) {
            for r in rows {
                let v: Option<String> = r.get(0);
                if let Some(v) = v.filter(|v| !tenants.contains(v)) {
                    tenants.push(v);
                }
            }
        }
    }
    for which in [1, 2] {
        if tenants.len() < 2 {
            tenants.push(synthetic(t, which));
        }
    }
    let (a, b) = (tenants[0].clone(), tenants[1].clone());
    let relations: Vec<Relation> = tx
        .query(RELATIONS, &[&schema, &t.key.as_str(), &role])
        .map_err(PgError::query("listing relations"))?
        .iter()
        .map(|r| Relation {
            name: r.get(0),
            kind: r.get(1),
            key: r.get(2),
            columns: r.get(3),
            readable: r.get(4),
            rls: r.get(5),
            forced: r.get(6),
            owned: r.get(7),
        })
        .collect();
    let root_here = tier.name == t.root_tier;
    let root_pk: Option<String> = tier
        .schema
        .table(t.root_table.as_str())
        .and_then(|r| r.primary_key())
        .and_then(|pk| pk.kind.columns().first().map(Ident::to_string));
    let tenant_views: Vec<String> = tier
        .schema
        .views
        .iter()
        .filter(|v| {
            !crate::check::rules::view_bypasses_rls::scoped_sources(&tier.schema, v).is_empty()
        })
        .map(|v| v.name.to_string())
        .collect();
    tx.batch_execute(&format!("SET LOCAL ROLE {}", quote_ident(role)))
        .map_err(PgError::query("SET ROLE to the application role"))?;
    let is_super: String = tx
        .query_one("SELECT current_setting('is_superuser')", &[])
        .map_err(PgError::query("reading is_superuser"))?
        .get(0);
    if is_super != "off" {
        return Err(PgError::Query {
            what: "verify".into(),
            message: format!("the session is still a superuser after SET ROLE {role}"),
        });
    }
    let setting = setting_ident(&t.setting);
    let set = |v: &str| {
        format!(
            "SELECT set_config({}, {}, true)",
            quote_literal(&t.setting),
            quote_literal(v)
        )
    };
    let mut report = Report::default();
    for rel in &relations {
        let is_root = root_here && rel.name == t.root_table.as_str();
        let key = if is_root {
            root_pk.clone()
        } else {
            rel.key.clone()
        };
        let over_tenants = tenant_views.contains(&rel.name);
        // A view without the key (an aggregate) is filtered by the RLS of
        // what it reads; only a materialized one stores rows of its own.
        if key.is_none() && !(over_tenants && rel.kind == "m") {
            continue;
        }
        report.relations += 1;
        let name = qualified(schema, &rel.name);
        let leak = |report: &mut Report, attempt: &str, detail: String| {
            report.leaks.push(Leak {
                relation: format!("{schema}.{}", rel.name),
                attempt: attempt.to_string(),
                detail,
            });
        };
        if rel.kind == "m" {
            // RLS never applies to a materialized view: readable is leaking.
            report.attempts += 1;
            if rel.readable {
                leak(
                    &mut report,
                    "read a materialized view",
                    format!(
                        "`{role}` may SELECT it, and row-level security does not apply to materialized views: every tenant's stored rows are visible"
                    ),
                );
            }
            continue;
        }
        // What the catalog says, rows or not: a table the role can read
        // without RLS, or owns without FORCE, shows it every tenant's rows.
        if matches!(rel.kind.as_str(), "r" | "p") && rel.readable {
            report.attempts += 1;
            if !rel.rls {
                leak(
                    &mut report,
                    "row-level security",
                    format!(
                        "not enabled, and `{role}` may read the table: every tenant's rows are visible"
                    ),
                );
            } else if rel.owned && !rel.forced {
                leak(
                    &mut report,
                    "row-level security",
                    format!(
                        "`{role}` owns the table and RLS is not forced, so it does not apply to `{role}`"
                    ),
                );
            }
        }
        // Reads with no tenant, an empty one, a malformed one, and after RESET.
        let count_all = format!("SELECT count(*) FROM {name}");
        let blind: [(&str, String); 4] = [
            ("read with no tenant set", String::new()),
            ("read with an empty tenant setting", set("")),
            ("read with a malformed tenant setting", set("not a tenant")),
            (
                "read after RESET of the tenant",
                format!("{}; RESET {setting}", set(&a)),
            ),
        ];
        for (what, prep) in blind {
            report.attempts += 1;
            match attempt(&mut tx, &prep, &count_all, true) {
                Outcome::Count(n) if n > 0 => {
                    leak(&mut report, what, format!("{n} row(s) visible"))
                }
                Outcome::Failed => report.inconclusive += 1,
                _ => {}
            }
        }
        let Some(key) = key else { continue };
        let k = quote_ident(&key);
        let as_a = set(&a);
        let lit_a = quote_literal(&a);
        let lit_b = quote_literal(&b);
        let other = format!("{k}::text IS DISTINCT FROM {lit_a}");
        report.attempts += 1;
        match attempt(
            &mut tx,
            &as_a,
            &format!("SELECT count(*) FROM {name} WHERE {other}"),
            true,
        ) {
            Outcome::Count(n) if n > 0 => leak(
                &mut report,
                "read another tenant's rows",
                format!("{n} row(s) of other tenants visible to tenant {a}"),
            ),
            Outcome::Failed => report.inconclusive += 1,
            _ => {}
        }
        if !matches!(rel.kind.as_str(), "r" | "p") {
            continue;
        }
        let writes = [
            (
                "update another tenant's rows",
                format!("UPDATE {name} SET {k} = {k} WHERE {other}"),
            ),
            (
                "delete another tenant's rows",
                format!("DELETE FROM {name} WHERE {other}"),
            ),
            (
                "move a row to another tenant",
                format!(
                    "UPDATE {name} SET {k} = {lit_b}::text::{ty} WHERE {k}::text = {lit_a}",
                    ty = t.key_type
                ),
            ),
        ];
        for (what, sql) in writes {
            report.attempts += 1;
            match attempt(&mut tx, &as_a, &sql, false) {
                Outcome::Rows(n) if n > 0 => leak(
                    &mut report,
                    what,
                    format!("{n} row(s) changed by tenant {a}"),
                ),
                Outcome::Failed => report.inconclusive += 1,
                _ => {}
            }
        }
        // Insert a copy of one of A's rows as tenant B's.
        let cols: Vec<String> = rel.columns.iter().map(|c| quote_ident(c)).collect();
        let values: Vec<String> = rel
            .columns
            .iter()
            .map(|c| {
                if *c == key {
                    format!("{lit_b}::text::{}", t.key_type)
                } else {
                    quote_ident(c)
                }
            })
            .collect();
        report.attempts += 1;
        let insert = format!(
            "INSERT INTO {name} ({}) SELECT {} FROM {name} WHERE {k}::text = {lit_a} LIMIT 1",
            cols.join(", "),
            values.join(", ")
        );
        match attempt(&mut tx, &as_a, &insert, false) {
            Outcome::Rows(n) if n > 0 => leak(
                &mut report,
                "insert a row for another tenant",
                format!("tenant {a} wrote a row of tenant {b}"),
            ),
            Outcome::Failed => report.inconclusive += 1,
            _ => {}
        }
    }
    tx.rollback().map_err(PgError::query("rolling back"))?;
    Ok(report)
}
