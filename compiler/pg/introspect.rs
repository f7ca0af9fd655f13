//! Introspection: a live schema in, the same [`Schema`] model the YAML
//! loader builds out. A fixed number of set-based catalog queries, grouped in
//! memory by relation. Partitions' cloned indexes, constraints and triggers
//! are recognised as inherited and not read twice. Expressions come back as
//! the server prints them; compare them with YAML only after
//! [`super::canonical`] sent the YAML through the same server.

use std::collections::HashMap;

use postgres::{Client, GenericClient};

mod composite;
mod domain;
mod function;
mod grant;
mod sequence;
mod trigger;

use super::{PgError, catalog};
use crate::model::*;

/// Read schema `name` (search path set so names print unqualified).
pub fn schema(client: &mut Client, name: &str, history_table: &str) -> Result<Schema, PgError> {
    set_path(client, &[name.to_string()])?;
    read(client, name, history_table)
}

/// Names print relative to `schemas`, then `public`; times in UTC.
fn set_path(client: &mut Client, schemas: &[String]) -> Result<(), PgError> {
    let path: Vec<String> = schemas.iter().map(|s| quote_ident(s)).collect();
    client
        .batch_execute(&format!(
            "SET search_path TO {}, public; SET TimeZone = 'UTC'",
            path.join(", ")
        ))
        .map_err(PgError::query("set search_path"))
}

/// Read the tier schema `name` and its further schemas `extra` (those that
/// exist): the tables, views and functions of each, marked with their
/// schema, in one model. Names print as from the tier's search path.
pub fn tier(
    client: &mut Client,
    name: &str,
    extra: &[Ident],
    history_table: &str,
) -> Result<Schema, PgError> {
    if extra.is_empty() {
        return schema(client, name, history_table);
    }
    let names: Vec<String> = extra.iter().map(|e| e.to_string()).collect();
    let found = client
        .query(catalog::NAMESPACES, &[&names])
        .map_err(PgError::query("schemas"))?;
    let own: Vec<String> = std::iter::once(name.to_string())
        .chain(found.iter().map(|r| r.get::<_, String>(0)))
        .collect();
    // One search path for the whole tier: names print unqualified in all of
    // its schemas, as in the scratch schema and the migrations.
    set_path(client, &own)?;
    let mut out = with_tier_schemas(&own, || read(client, name, history_table))?;
    for r in found {
        let ns = Ident::new(r.get::<_, String>(0));
        let mut part = with_tier_schemas(&own, || read(client, ns.as_str(), ""))?;
        take_types(&mut out, &mut part, &ns);
        for mut t in part.tables {
            t.schema = Some(ns.clone());
            // Trigger functions were read relative to `ns`.
            for tr in &mut t.triggers {
                tr.function_schema = match tr.function_schema.take() {
                    None => Some(ns.clone()),
                    Some(s) if s.as_str() == name => None,
                    other => other,
                };
            }
            out.tables.push(t);
        }
        for mut v in part.views {
            v.schema = Some(ns.clone());
            out.views.push(v);
        }
        for mut f in part.functions {
            f.schema = Some(ns.clone());
            out.functions.push(f);
        }
        let (owner, grants) = grant::schema_acl(client, ns.as_str())?;
        out.schemas.push(OwnedSchema {
            name: ns,
            comment: r.get(1),
            owner,
            grants: (!grants.is_empty()).then_some(grants),
            origin: Origin::Catalog,
        });
    }
    // Defaults in the further schemas shape their objects too.
    grant::defaults(client, &mut out)?;
    Ok(out)
}

/// The enums, domains, composite and range types `part` read from further
/// schema `ns`, moved to `out` with their schema.
fn take_types(out: &mut Schema, part: &mut Schema, ns: &Ident) {
    for (_, schema) in part.type_schemas_mut() {
        *schema = Some(ns.clone());
    }
    out.enums.append(&mut part.enums);
    out.domains.append(&mut part.domains);
    out.composites.append(&mut part.composites);
    out.ranges.append(&mut part.ranges);
}

/// The schemas besides `name` that hold tables, views or routines of their own (not
/// an extension's): what `inspect` adopts as the tier's `schemas:`.
pub fn other_schemas(client: &mut Client, name: &str) -> Result<Vec<Ident>, PgError> {
    let none: Vec<String> = Vec::new();
    Ok(client
        .query(catalog::OTHER_NAMESPACES, &[&name, &none])
        .map_err(PgError::query("schemas"))?
        .iter()
        .map(|r| Ident::new(r.get::<_, String>(0)))
        .collect())
}

/// Read without touching the session (the caller set search_path).
pub fn read(
    client: &mut impl GenericClient,
    name: &str,
    history_table: &str,
) -> Result<Schema, PgError> {
    let mut out = Schema::empty(Ident::new(name));
    out.extensions = client
        .query(catalog::EXTENSIONS, &[])
        .map_err(PgError::query("extensions"))?
        .iter()
        .map(|r| {
            let schema: String = r.get(1);
            Extension {
                name: Ident::new(r.get::<_, String>(0)),
                origin: Origin::Catalog,
                schema: (schema != name).then(|| Ident::new(schema)),
            }
        })
        .collect();
    for r in rows(client, name, catalog::ENUMS, "enums")? {
        out.enums.push(Enum {
            name: Ident::new(r.get::<_, String>(0)),
            schema: None,
            values: r.get(1),
            comment: r.get(2),
            owner: r.get(3),
            grants: grant::acl(&r, 4, PrivilegedKind::Type),
            origin: Origin::Catalog,
        });
    }
    out.functions = function::read(client, name)?;
    out.sequences = sequence::read(client, name)?;
    out.domains = domain::read(client, name)?;
    out.composites = composite::read(client, name)?;
    out.ranges = composite::ranges(client, name)?;

    let mut tables: Vec<(u32, Table)> = Vec::new();
    for r in client
        .query(catalog::TABLES, &[&name, &history_table])
        .map_err(PgError::query("tables"))?
    {
        let mut t = Table::new(Ident::new(r.get::<_, String>(1)));
        t.rls = Rls {
            enabled: r.get(2),
            forced: r.get(3),
        };
        t.comment = r.get(4);
        t.options = options(&r.get::<_, Vec<String>>(5));
        t.replica_identity = match r.get::<_, String>(6).as_str() {
            "f" => ReplicaIdentity::Full,
            "n" => ReplicaIdentity::Nothing,
            "i" => r
                .get::<_, Option<String>>(7)
                .map(|i| ReplicaIdentity::Index(Ident::new(i)))
                .unwrap_or_default(),
            _ => ReplicaIdentity::Default,
        };
        t.unlogged = r.get(8);
        t.inherits = r
            .get::<_, Vec<String>>(9)
            .into_iter()
            .map(Ident::new)
            .collect();
        t.origin = Origin::Catalog;
        tables.push((r.get(0), t));
    }
    let index: HashMap<u32, usize> = tables
        .iter()
        .enumerate()
        .map(|(i, (oid, _))| (*oid, i))
        .collect();
    let table_mut = |tables: &mut Vec<(u32, Table)>, oid: u32| -> Option<usize> {
        index.get(&oid).copied().filter(|i| *i < tables.len())
    };

    for r in rows(client, name, catalog::COLUMNS, "columns")? {
        let Some(i) = table_mut(&mut tables, r.get(0)) else {
            continue;
        };
        // A column only inherited from a parent is the parent's to declare.
        if !r.get::<_, bool>(13) {
            continue;
        }
        let c = column(&r, tables[i].1.name.as_str(), name);
        tables[i].1.columns.push(c);
    }

    // Constraints and indexes by relation: a table's, or a partition's own.
    let mut constraints: HashMap<u32, Vec<Constraint>> = HashMap::new();
    for r in rows(client, name, catalog::CONSTRAINTS, "constraints")? {
        if let Some(c) = constraint(&r) {
            constraints.entry(r.get(0)).or_default().push(c);
        }
    }
    let mut indexes: HashMap<u32, Vec<Index>> = HashMap::new();
    for r in rows(client, name, catalog::INDEXES, "indexes")? {
        indexes.entry(r.get(0)).or_default().push(read_index(&r));
    }
    for (oid, t) in &mut tables {
        t.constraints = constraints.remove(oid).unwrap_or_default();
        t.indexes = indexes.remove(oid).unwrap_or_default();
    }

    let mut views: Vec<(u32, View)> = Vec::new();
    for r in rows(client, name, catalog::VIEWS, "views")? {
        let oid: u32 = r.get(0);
        views.push((oid, view(&r, indexes.remove(&oid).unwrap_or_default())));
    }

    let mut keys: HashMap<u32, Partitioning> = HashMap::new();
    for r in rows(client, name, catalog::PARTITION_KEYS, "partition keys")? {
        if let Some(p) = partkey(&r.get::<_, String>(1)) {
            keys.insert(r.get(0), p);
        }
    }
    // Children by parent oid, read at any depth.
    let mut children: HashMap<u32, Vec<(u32, Partition)>> = HashMap::new();
    for r in rows(client, name, catalog::PARTITIONS, "partitions")? {
        let oid: u32 = r.get(1);
        let mut p = Partition::new(
            Ident::new(r.get::<_, String>(2)),
            bound(&r.get::<_, String>(3)),
        );
        p.partitioning = keys.get(&oid).cloned();
        p.rls = Rls {
            enabled: r.get(4),
            forced: r.get(5),
        };
        p.comment = r.get(6);
        p.options = options(&r.get::<_, Vec<String>>(7));
        p.constraints = constraints.remove(&oid).unwrap_or_default();
        p.indexes = indexes.remove(&oid).unwrap_or_default();
        p.origin = Origin::Catalog;
        children.entry(r.get(0)).or_default().push((oid, p));
    }
    let mut policies: HashMap<u32, Vec<Policy>> = HashMap::new();
    for r in rows(client, name, catalog::POLICIES, "policies")? {
        let roles: Vec<String> = r.get(4);
        policies.entry(r.get(0)).or_default().push(Policy {
            name: Ident::new(r.get::<_, String>(1)),
            command: match r.get::<_, String>(2).as_str() {
                "r" => PolicyCommand::Select,
                "a" => PolicyCommand::Insert,
                "w" => PolicyCommand::Update,
                "d" => PolicyCommand::Delete,
                _ => PolicyCommand::All,
            },
            permissive: r.get(3),
            roles: if roles == ["public"] {
                Vec::new()
            } else {
                roles
            },
            using: r.get(5),
            with_check: r.get(6),
            comment: r.get(7),
            origin: Origin::Catalog,
        });
    }
    let mut clones: HashMap<u32, Vec<ClonedName>> = HashMap::new();
    for r in rows(client, name, catalog::PARTITION_CLONES, "partition clones")? {
        clones.entry(r.get(0)).or_default().push(ClonedName {
            name: Ident::new(r.get::<_, String>(1)),
            of: Ident::new(r.get::<_, String>(2)),
            constraint: r.get(3),
        });
    }
    type ByOid<T> = HashMap<u32, Vec<T>>;
    fn assemble(
        oid: u32,
        children: &mut ByOid<(u32, Partition)>,
        policies: &mut ByOid<Policy>,
        clones: &mut ByOid<ClonedName>,
    ) -> Vec<Partition> {
        let mut out = Vec::new();
        for (child_oid, mut p) in children.remove(&oid).unwrap_or_default() {
            p.policies = policies.remove(&child_oid).unwrap_or_default();
            p.clones = clones.remove(&child_oid).unwrap_or_default();
            p.partitions = assemble(child_oid, children, policies, clones);
            out.push(p);
        }
        out
    }
    for r in rows(client, name, catalog::TRIGGERS, "triggers")? {
        let oid: u32 = r.get(0);
        if let Some(i) = table_mut(&mut tables, oid) {
            tables[i].1.triggers.push(trigger::read(&r, name));
        } else if let Some((_, v)) = views.iter_mut().find(|(o, v)| *o == oid && !v.materialized) {
            v.triggers.push(trigger::read(&r, name));
        }
    }
    for (oid, t) in &mut tables {
        t.partitioning = keys.get(oid).cloned();
        t.policies = policies.remove(oid).unwrap_or_default();
        t.partitions = assemble(*oid, &mut children, &mut policies, &mut clones);
    }
    out.tables = tables.into_iter().map(|(_, t)| t).collect();
    out.views = views.into_iter().map(|(_, v)| v).collect();
    grant::read(client, &mut out)?;
    grant::defaults(client, &mut out)?;
    super::citus::read(client, name, &mut out)?;
    Ok(out)
}

thread_local! {
    /// The schemas whose types are the tier's own while a tier is read
    /// ([`with_tier_schemas`]), besides the one being read.
    static TIER_SCHEMAS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Run `f` with the types of `schemas` read as the tier's own (a column of
/// the tier's schema typed with an enum of a further schema is the tier's
/// enum, not an external type).
pub fn with_tier_schemas<T>(schemas: &[String], f: impl FnOnce() -> T) -> T {
    let before = TIER_SCHEMAS.with(|t| t.replace(schemas.to_vec()));
    let out = f();
    TIER_SCHEMAS.with(|t| t.replace(before));
    out
}

/// A type from `format_type`'s text at `printed` and, from `at`, its (or its
/// array element's) `typtype`, name, schema and whether it is an array. A
/// domain or composite of `schema` is the tier's own; one elsewhere is
/// external.
fn type_of(r: &postgres::Row, printed: usize, at: usize, schema: &str) -> ColumnType {
    let printed: String = r.get(printed);
    let typtype: String = r.get(at);
    let typname: String = r.get(at + 1);
    let typns: String = r.get(at + 2);
    let array: bool = r.get(at + 3);
    let base = printed.strip_suffix("[]").unwrap_or(&printed).to_string();
    let own = typns == schema || TIER_SCHEMAS.with(|t| t.borrow().contains(&typns));
    let own_enum = typtype == "e" && own;
    let own_domain = typtype == "d" && own;
    let own_composite = typtype == "c" && own;
    let own_range = matches!(typtype.as_str(), "r" | "m") && own;
    ColumnType {
        base: if own_enum || own_domain || own_composite || own_range {
            typname
        } else {
            base
        },
        array_dims: u8::from(array),
        kind: if own_enum {
            TypeKind::Enum
        } else if own_domain {
            TypeKind::Domain
        } else if own_composite {
            TypeKind::Composite
        } else if own_range {
            TypeKind::Range
        } else if matches!(typtype.as_str(), "e" | "d" | "c" | "r" | "m") && typns != "pg_catalog" {
            TypeKind::External
        } else if typns == "pg_catalog" {
            TypeKind::Builtin
        } else {
            TypeKind::Extension
        },
    }
}

/// Storage parameters from `reloptions` (`fillfactor=70`).
fn options(raw: &[String]) -> crate::model::StorageOptions {
    raw.iter()
        .filter_map(|o| o.split_once('='))
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// A row of [`catalog::COLUMNS`].
fn column(r: &postgres::Row, table: &str, schema: &str) -> Column {
    let ty = type_of(r, 2, 8, schema);
    let mut c = Column::new(Ident::new(r.get::<_, String>(1)), ty);
    c.nullable = !r.get::<_, bool>(3);
    let expr: Option<String> = r.get(4);
    let identity: String = r.get(5);
    let generated: String = r.get(6);
    if generated == "s" {
        c.generated = expr;
    } else {
        c.default = expr;
    }
    c.identity = match identity.as_str() {
        "a" => Some(Identity::Always),
        "d" => Some(Identity::ByDefault),
        _ => None,
    };
    if c.identity.is_some()
        && let Some(seq) = r.get::<_, Option<String>>(14)
    {
        let mut o = sequence::options_of(r, 15).normalized(&c.ty.base);
        o.ty = None;
        if pg_name(table, Some(c.name.as_str()), Some("seq")) != seq.as_str() {
            o.name = Some(Ident::new(seq));
        }
        c.identity_options = o;
    }
    c.comment = r.get(7);
    c.collation = r.get(12);
    c.origin = Origin::Catalog;
    c
}

/// A row of [`catalog::CONSTRAINTS`], unless of a kind not modelled.
fn constraint(r: &postgres::Row) -> Option<Constraint> {
    let kind: String = r.get(2);
    let columns: Vec<Ident> = r
        .get::<_, Vec<String>>(3)
        .into_iter()
        .map(Ident::new)
        .collect();
    let def: String = r.get(11);
    let kind = match kind.as_str() {
        "p" => ConstraintKind::PrimaryKey {
            columns,
            deferrable: deferrable(r.get(9), r.get(10)),
        },
        "u" => ConstraintKind::Unique {
            columns,
            nulls_not_distinct: def.contains("NULLS NOT DISTINCT"),
            deferrable: deferrable(r.get(9), r.get(10)),
        },
        "c" => ConstraintKind::Check {
            expr: check_expr(&def),
            no_inherit: r.get(14),
        },
        "f" => ConstraintKind::ForeignKey {
            columns,
            references: QualifiedName::new(
                Ident::new(r.get::<_, Option<String>>(4).unwrap_or_default()),
                Ident::new(r.get::<_, Option<String>>(5).unwrap_or_default()),
            ),
            ref_columns: r
                .get::<_, Vec<String>>(6)
                .into_iter()
                .map(Ident::new)
                .collect(),
            on_delete: action(&r.get::<_, String>(7)),
            delete_columns: r
                .get::<_, Vec<String>>(13)
                .into_iter()
                .map(Ident::new)
                .collect(),
            on_update: action(&r.get::<_, String>(8)),
            deferrable: deferrable(r.get(9), r.get(10)),
        },
        _ => exclusion(&def)?,
    };
    let mut c = Constraint::new(Ident::new(r.get::<_, String>(1)), kind, Origin::Catalog);
    c.not_valid = !r.get::<_, bool>(12);
    c.comment = r.get(15);
    c.index_comment = r.get(16);
    Some(c)
}

/// A row of [`catalog::VIEWS`], with its indexes.
fn view(r: &postgres::Row, indexes: Vec<Index>) -> View {
    let mut options = options(&r.get::<_, Vec<String>>(4));
    let truthy = |v: &str| matches!(v.to_ascii_lowercase().as_str(), "true" | "on" | "1" | "yes");
    let mut take = |o: &str| -> Option<String> {
        let at = options.iter().position(|(k, _)| k == o)?;
        Some(options.remove(at).1)
    };
    let check_option = match take("check_option").as_deref() {
        Some("local") => Some(CheckOption::Local),
        Some("cascaded") => Some(CheckOption::Cascaded),
        _ => None,
    };
    // The security options stay among the others, in their order and spelling.
    let flag = |o: &str| options.iter().any(|(k, v)| k == o && truthy(v));
    let security_invoker = flag("security_invoker");
    let security_barrier = flag("security_barrier");
    let sql: String = r.get(3);
    let columns: Vec<String> = r.get(7);
    let comments: Vec<String> = r.get(8);
    View {
        name: Ident::new(r.get::<_, String>(1)),
        schema: None,
        sql: view_sql(&sql),
        materialized: r.get::<_, String>(2) == "m",
        security_invoker,
        security_barrier,
        check_option,
        options,
        column_comments: columns.into_iter().map(Ident::new).zip(comments).collect(),
        indexes,
        comment: r.get(5),
        depends_on: r
            .get::<_, Vec<String>>(6)
            .into_iter()
            .map(Ident::new)
            .collect(),
        refresh_concurrently: false,
        owner: None,
        grants: Vec::new(),
        triggers: Vec::new(),
        was: None,
        origin: Origin::Catalog,
    }
}

fn rows(
    client: &mut impl GenericClient,
    name: &str,
    sql: &str,
    what: &'static str,
) -> Result<Vec<postgres::Row>, PgError> {
    client.query(sql, &[&name]).map_err(PgError::query(what))
}

fn read_index(r: &postgres::Row) -> Index {
    let nkeys = usize::try_from(r.get::<_, i32>(4)).unwrap_or(0);
    let texts: Vec<String> = r.get(5);
    let attnums: Vec<i32> = r.get(6);
    let options: Vec<i32> = r.get(7);
    let opclasses: Vec<String> = r.get(8);
    let mut keys = Vec::new();
    let mut include = Vec::new();
    for (k, text) in texts.iter().enumerate() {
        let column = attnums.get(k).copied().unwrap_or(0) != 0;
        if k >= nkeys {
            include.push(Ident::new(unquote(text)));
            continue;
        }
        let opt = options.get(k).copied().unwrap_or(0);
        let descending = opt & 1 != 0;
        let nulls_first = opt & 2 != 0;
        keys.push(IndexKey {
            expr: if column {
                KeyExpr::Column(Ident::new(unquote(text)))
            } else {
                KeyExpr::Expr(text.clone())
            },
            descending,
            // Only the non-default placement is recorded (DESC sorts NULLs first).
            nulls_first: match (descending, nulls_first) {
                (false, true) => Some(true),
                (true, false) => Some(false),
                _ => None,
            },
            opclass: opclasses.get(k).filter(|o| !o.is_empty()).cloned(),
        });
    }
    Index {
        name: Ident::new(r.get::<_, String>(1)),
        method: IndexMethod::parse(&r.get::<_, String>(3)).unwrap_or_default(),
        unique: r.get(2),
        keys,
        include,
        predicate: r.get(9),
        nulls_not_distinct: r.get(10),
        comment: r.get(11),
        options: self::options(&r.get::<_, Vec<String>>(12)),
        origin: Origin::Catalog,
    }
}

/// `condeferrable`, `condeferred`.
fn deferrable(deferrable: bool, deferred: bool) -> Deferrable {
    match (deferrable, deferred) {
        (true, true) => Deferrable::InitiallyDeferred,
        (true, false) => Deferrable::InitiallyImmediate,
        _ => Deferrable::No,
    }
}

fn action(c: &str) -> FkAction {
    match c {
        "r" => FkAction::Restrict,
        "c" => FkAction::Cascade,
        "n" => FkAction::SetNull,
        "d" => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

/// `"Odd Name"` → `Odd Name`; plain names unchanged.
pub fn unquote(s: &str) -> String {
    match s.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        Some(inner) => inner.replace("\"\"", "\""),
        None => s.to_string(),
    }
}

/// `CHECK ((a > 0)) NOT VALID` → `(a > 0)` (as `NO INHERIT`, which is
/// read from `connoinherit`).
pub fn check_expr(def: &str) -> String {
    let d = def.trim().trim_end_matches(" NOT VALID");
    let d = d.trim_end_matches(" NO INHERIT");
    d.strip_prefix("CHECK (")
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(d)
        .to_string()
}

/// The body of a view as the server prints it, without the final `;`.
pub fn view_sql(def: &str) -> String {
    def.trim().trim_end_matches(';').trim_end().to_string()
}

/// Split at top-level commas.
fn split_top(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut cur = String::new();
    let mut quote = false;
    for c in s.chars() {
        match c {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => depth -= 1,
            ',' if depth == 0 && !quote => {
                out.push(cur.trim().to_string());
                cur.clear();
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// The text inside the parentheses that open at `open`.
fn parenthesised(s: &str, open: usize) -> Option<(&str, usize)> {
    let mut depth = 0;
    let mut quote = false;
    for (i, c) in s[open..].char_indices() {
        match c {
            '\'' => quote = !quote,
            '(' if !quote => depth += 1,
            ')' if !quote => {
                depth -= 1;
                if depth == 0 {
                    return Some((&s[open + 1..open + i], open + i + 1));
                }
            }
            _ => {}
        }
    }
    None
}

fn key_expr(text: &str) -> KeyExpr {
    let t = text.trim();
    let simple = t.chars().all(|c| c.is_alphanumeric() || c == '_')
        || (t.starts_with('"') && t.ends_with('"') && t.len() > 1);
    if simple {
        KeyExpr::Column(Ident::new(unquote(t)))
    } else {
        let inner = t
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .filter(|r| {
                parenthesised(t, 0)
                    .map(|(_, end)| end == t.len())
                    .unwrap_or(false)
                    && !r.is_empty()
            });
        KeyExpr::Expr(inner.unwrap_or(t).to_string())
    }
}

/// `RANGE (created)` → range partitioning on `created`.
pub fn partkey(def: &str) -> Option<Partitioning> {
    let (word, rest) = def.split_once(' ')?;
    let strategy = match word {
        "RANGE" => PartitionStrategy::Range,
        "LIST" => PartitionStrategy::List,
        "HASH" => PartitionStrategy::Hash,
        _ => return None,
    };
    let open = rest.find('(')?;
    let (inner, _) = parenthesised(rest, open)?;
    Some(Partitioning {
        strategy,
        key: split_top(inner).iter().map(|k| key_expr(k)).collect(),
        window: None,
        sub: None,
        groups: Vec::new(),
        modulus: None,
        default: false,
    })
}

/// A bound value without its quotes (`'2025-01-01'` → `2025-01-01`).
fn bound_value(v: &str) -> String {
    let v = v.trim();
    match (v.find('\''), v.rfind('\'')) {
        (Some(0), Some(end)) if end > 0 => v[1..end].replace("''", "'"),
        _ => v.to_string(),
    }
}

/// `FOR VALUES FROM ('a') TO ('b')`, `FOR VALUES IN (…)`, `FOR VALUES WITH (modulus 4, remainder 0)`, `DEFAULT`.
pub fn bound(text: &str) -> PartitionBound {
    let t = text.trim();
    if t == "DEFAULT" {
        return PartitionBound::Default;
    }
    if let Some(rest) = t.strip_prefix("FOR VALUES FROM ") {
        let (from, end) = parenthesised(rest, 0).unwrap_or(("", 0));
        let to_part = rest[end..].trim().strip_prefix("TO ").unwrap_or_default();
        let (to, _) = parenthesised(to_part, 0).unwrap_or(("", 0));
        return PartitionBound::Range {
            from: split_top(from).iter().map(|v| bound_value(v)).collect(),
            to: split_top(to).iter().map(|v| bound_value(v)).collect(),
        };
    }
    if let Some(rest) = t.strip_prefix("FOR VALUES IN ") {
        let (inner, _) = parenthesised(rest, 0).unwrap_or(("", 0));
        return PartitionBound::List {
            values: split_top(inner).iter().map(|v| bound_value(v)).collect(),
        };
    }
    if let Some(rest) = t.strip_prefix("FOR VALUES WITH ") {
        let (inner, _) = parenthesised(rest, 0).unwrap_or(("", 0));
        let mut modulus = 0;
        let mut remainder = 0;
        for part in split_top(inner) {
            let mut words = part.split_whitespace();
            match (words.next(), words.next().and_then(|n| n.parse().ok())) {
                (Some("modulus"), Some(n)) => modulus = n,
                (Some("remainder"), Some(n)) => remainder = n,
                _ => {}
            }
        }
        return PartitionBound::Hash { modulus, remainder };
    }
    PartitionBound::Default
}

/// `EXCLUDE USING gist (room WITH =, during WITH &&) WHERE ((…))`.
pub fn exclusion(def: &str) -> Option<ConstraintKind> {
    let rest = def.strip_prefix("EXCLUDE USING ")?;
    let (method, rest) = rest.split_once(' ')?;
    let (inner, end) = parenthesised(rest, 0)?;
    let elements = split_top(inner)
        .iter()
        .filter_map(|e| {
            let (k, op) = e.rsplit_once(" WITH ")?;
            Some(ExcludeElement {
                key: IndexKey {
                    expr: key_expr(k),
                    descending: false,
                    nulls_first: None,
                    opclass: None,
                },
                operator: op.trim().to_string(),
            })
        })
        .collect();
    let tail = rest[end..].trim();
    let predicate = tail.strip_prefix("WHERE ").map(|w| w.trim()).map(|w| {
        w.strip_prefix('(')
            .and_then(|x| x.strip_suffix(')'))
            .unwrap_or(w)
            .to_string()
    });
    Some(ConstraintKind::Exclude {
        method: IndexMethod::parse(method)?,
        elements,
        predicate,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds_parse() {
        assert_eq!(
            bound("FOR VALUES FROM ('2025-01-01 00:00:00+00') TO ('2025-02-01 00:00:00+00')"),
            PartitionBound::Range {
                from: vec!["2025-01-01 00:00:00+00".into()],
                to: vec!["2025-02-01 00:00:00+00".into()]
            }
        );
        assert_eq!(
            bound("FOR VALUES IN ('a', 'it''s')"),
            PartitionBound::List {
                values: vec!["a".into(), "it's".into()]
            }
        );
        assert_eq!(
            bound("FOR VALUES WITH (modulus 4, remainder 3)"),
            PartitionBound::Hash {
                modulus: 4,
                remainder: 3
            }
        );
        assert_eq!(
            bound("FOR VALUES FROM (MINVALUE) TO (10)"),
            PartitionBound::Range {
                from: vec!["MINVALUE".into()],
                to: vec!["10".into()]
            }
        );
    }

    #[test]
    fn keys_and_checks_parse() {
        let p = partkey("LIST (queue_name)").expect("key");
        assert_eq!(p.key, vec![KeyExpr::Column(Ident::new("queue_name"))]);
        let p = partkey("RANGE (lower(name))").expect("key");
        assert_eq!(p.key, vec![KeyExpr::Expr("lower(name)".into())]);
        assert_eq!(check_expr("CHECK ((a > 0)) NOT VALID"), "(a > 0)");
        assert_eq!(check_expr("CHECK ((a > 0)) NO INHERIT"), "(a > 0)");
        assert_eq!(
            check_expr("CHECK ((a > 0)) NO INHERIT NOT VALID"),
            "(a > 0)"
        );
        let x = exclusion(
            "EXCLUDE USING gist (room_id WITH =, during WITH &&) WHERE ((cancelled IS FALSE))",
        )
        .expect("exclusion");
        let ConstraintKind::Exclude {
            elements,
            predicate,
            ..
        } = x
        else {
            panic!("exclusion")
        };
        assert_eq!(elements.len(), 2);
        assert_eq!(predicate.as_deref(), Some("(cancelled IS FALSE)"));
    }
}
