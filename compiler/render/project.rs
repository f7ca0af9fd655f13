//! A model written back as a schemac project (what `inspect` produces when
//! adopting an existing database): `schemac.yaml` and one file per table.
//! Everything is explicit — RLS, policies, the tenant key — so emitting the
//! project into an empty database recreates the same catalog. What the
//! language cannot say is reported, never silently dropped.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::model::calendar::{self, Date};
use crate::model::*;

const SCHEMA_LINE: &str =
    "# yaml-language-server: $schema=https://schemac.dev/schemac.schema.json\n";

/// The files of a project holding one tier, and what could not be expressed.
pub fn inspected(
    schema: &Schema,
    project: &str,
    tier: &str,
    database: &str,
    postgres: u32,
) -> (Vec<(PathBuf, String)>, Vec<String>) {
    let mut notes = Vec::new();
    let touch = schema
        .functions
        .iter()
        .any(|f| f.name.as_str().starts_with("schemac_touch_"));
    let mut project_file = json!({
        "project": project,
        "postgres": postgres,
    });
    if touch {
        let column = if schema
            .functions
            .iter()
            .any(|f| f.name == "schemac_touch_updated_at")
        {
            "suffix_at"
        } else {
            "bare"
        };
        project_file["conventions"] = json!({ "timestamps": column, "touch_updated": true });
    }
    let mut tier_def = json!({ "database": database });
    if schema.name != "public" {
        tier_def["schema"] = json!(schema.name.as_str());
    }
    tier_def["tenancy"] = json!("global");
    if on_citus(schema) {
        tier_def["citus"] = json!(true);
    }
    project_file["tiers"] = json!({ tier: tier_def });
    let mut files = vec![(PathBuf::from("schemac.yaml"), yaml(&project_file))];

    let mut types = Map::new();
    if !schema.extensions.is_empty() {
        types.insert(
            "extensions".into(),
            json!(
                schema
                    .extensions
                    .iter()
                    .map(|e| e.name.as_str())
                    .collect::<Vec<_>>()
            ),
        );
    }
    if !schema.enums.is_empty() {
        let mut enums = Map::new();
        for e in &schema.enums {
            let v = match &e.comment {
                Some(c) => json!({ "values": e.values, "comment": c }),
                None => json!(e.values),
            };
            enums.insert(e.name.to_string(), v);
        }
        types.insert("enums".into(), Value::Object(enums));
    }
    if !types.is_empty() {
        files.push((
            PathBuf::from(tier).join("_types.yaml"),
            yaml(&Value::Object(types)),
        ));
    }
    for t in &schema.tables {
        let table = table(t, schema, touch, &mut notes);
        files.push((
            PathBuf::from(tier).join(format!("{}.yaml", file_name(t.name.as_str()))),
            yaml(&json!({ "tables": { t.name.as_str(): table } })),
        ));
    }
    if !schema.views.is_empty() {
        let mut views = Map::new();
        for v in &schema.views {
            views.insert(v.name.to_string(), view(v));
        }
        files.push((
            PathBuf::from(tier).join("_views.yaml"),
            yaml(&json!({ "views": views })),
        ));
    }
    for f in &schema.functions {
        if !f.name.as_str().starts_with("schemac_touch_") {
            notes.push(format!(
                "function {} is not expressible in schemac YAML and was left out",
                f.name
            ));
        }
    }
    (files, notes)
}

/// The database is a Citus cluster holding some of the schema's tables.
fn on_citus(schema: &Schema) -> bool {
    schema.citus
        || schema
            .tables
            .iter()
            .any(|t| t.distribution.as_ref().is_some_and(|d| d.is_citus()))
}

fn yaml(v: &Value) -> String {
    format!(
        "{SCHEMA_LINE}{}",
        serde_saphyr::to_string(v).unwrap_or_default()
    )
}

fn file_name(table: &str) -> String {
    table
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect()
}

fn join(cols: &[Ident]) -> String {
    cols.iter()
        .map(|c| c.as_str())
        .collect::<Vec<_>>()
        .join("_")
}

fn idents(cols: &[Ident]) -> Value {
    json!(cols.iter().map(|c| c.as_str()).collect::<Vec<_>>())
}

fn column(c: &Column) -> Value {
    let plain = c.default.is_none()
        && c.identity.is_none()
        && c.generated.is_none()
        && c.collation.is_none()
        && c.comment.is_none();
    if plain {
        return json!(format!("{}{}", c.ty, if c.nullable { "?" } else { "" }));
    }
    let mut m = Map::new();
    m.insert("type".into(), json!(c.ty.to_string()));
    if c.nullable {
        m.insert("nullable".into(), json!(true));
    }
    if let Some(d) = &c.default {
        m.insert("default".into(), json!(d));
    }
    if let Some(i) = c.identity {
        m.insert(
            "identity".into(),
            json!(if i == Identity::Always {
                "always"
            } else {
                "by_default"
            }),
        );
    }
    if let Some(g) = &c.generated {
        m.insert("generated".into(), json!(g));
    }
    if let Some(co) = &c.collation {
        m.insert("collation".into(), json!(co));
    }
    if let Some(cm) = &c.comment {
        m.insert("comment".into(), json!(cm));
    }
    Value::Object(m)
}

fn key(k: &IndexKey) -> Value {
    match &k.expr {
        KeyExpr::Column(c)
            if c.as_str()
                .chars()
                .all(|x| x.is_ascii_lowercase() || x.is_ascii_digit() || x == '_') =>
        {
            let mut s = c.to_string();
            if let Some(o) = &k.opclass {
                s.push(' ');
                s.push_str(o);
            }
            if k.descending {
                s.push_str(" desc");
            }
            match k.nulls_first {
                Some(true) => s.push_str(" nulls first"),
                Some(false) => s.push_str(" nulls last"),
                None => {}
            }
            json!(s)
        }
        expr => {
            let mut m = Map::new();
            match expr {
                KeyExpr::Column(c) => m.insert("column".into(), json!(c.as_str())),
                KeyExpr::Expr(e) => m.insert("expr".into(), json!(e)),
            };
            if k.descending {
                m.insert("order".into(), json!("desc"));
            }
            if let Some(n) = k.nulls_first {
                m.insert("nulls".into(), json!(if n { "first" } else { "last" }));
            }
            if let Some(o) = &k.opclass {
                m.insert("opclass".into(), json!(o));
            }
            Value::Object(m)
        }
    }
}

fn index(table: &str, i: &Index) -> Value {
    let mut m = Map::new();
    let default_name = format!(
        "{table}_{}_idx",
        i.key_columns()
            .map(|c| c.as_str())
            .collect::<Vec<_>>()
            .join("_")
    );
    if i.key_columns().count() != i.keys.len() || fit_name(&default_name) != i.name {
        m.insert("name".into(), json!(i.name.as_str()));
    }
    m.insert(
        "columns".into(),
        Value::Array(i.keys.iter().map(key).collect()),
    );
    if i.method != IndexMethod::Btree {
        m.insert("using".into(), json!(i.method.sql()));
    }
    if i.unique {
        m.insert("unique".into(), json!(true));
    }
    if let Some(p) = &i.predicate {
        m.insert("where".into(), json!(p));
    }
    if !i.include.is_empty() {
        m.insert("include".into(), idents(&i.include));
    }
    if i.nulls_not_distinct {
        m.insert("nulls_not_distinct".into(), json!(true));
    }
    Value::Object(m)
}

fn table(t: &Table, schema: &Schema, touch: bool, notes: &mut Vec<String>) -> Value {
    let name = t.name.as_str();
    let mut m = Map::new();
    if let Some(c) = &t.comment {
        m.insert("comment".into(), json!(c));
    }
    m.insert("tenancy".into(), json!("global"));
    match &t.distribution {
        Some(Distribution::Distributed {
            column, colocated, ..
        }) => {
            m.insert("distribution".into(), json!({ "by": column.as_str() }));
            if !colocated {
                notes.push(format!(
                    "table {name} is distributed outside the tier's colocation group; the project colocates it"
                ));
            }
        }
        Some(Distribution::Local) if on_citus(schema) => {
            m.insert("distribution".into(), json!("local"));
        }
        _ => {}
    }
    let mut cols = Map::new();
    for c in &t.columns {
        cols.insert(c.name.to_string(), column(c));
    }
    m.insert("columns".into(), Value::Object(cols));
    let (mut uniques, mut checks, mut fks, mut excludes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for c in &t.constraints {
        match &c.kind {
            ConstraintKind::PrimaryKey { columns } => {
                let v = if c.name.as_str() == fit_name(&format!("{name}_pkey")).as_str() {
                    idents(columns)
                } else {
                    json!({ "columns": idents(columns), "name": c.name.as_str() })
                };
                m.insert("primary_key".into(), v);
            }
            ConstraintKind::Unique {
                columns,
                nulls_not_distinct,
                deferrable,
            } => {
                let default = fit_name(&format!("{name}_{}_key", join(columns)));
                uniques.push(
                    if c.name == default && !nulls_not_distinct && deferrable.is_no() {
                        idents(columns)
                    } else {
                        let mut u = Map::new();
                        u.insert("columns".into(), idents(columns));
                        u.insert("name".into(), json!(c.name.as_str()));
                        if *nulls_not_distinct {
                            u.insert("nulls_not_distinct".into(), json!(true));
                        }
                        if let Some(word) = deferrable_word(deferrable) {
                            u.insert("deferrable".into(), json!(word));
                        }
                        Value::Object(u)
                    },
                );
            }
            ConstraintKind::Check { expr } => {
                checks.push(json!({ "name": c.name.as_str(), "expr": expr }))
            }
            ConstraintKind::ForeignKey {
                columns,
                references,
                ref_columns,
                on_delete,
                delete_columns,
                on_update,
                deferrable,
            } => {
                if references.schema != schema.name {
                    notes.push(format!("{name}.{}: references {references} in another schema; written as a reference into this tier", c.name));
                }
                let mut r = Map::new();
                r.insert("table".into(), json!(references.name.as_str()));
                r.insert("column".into(), idents(ref_columns));
                let word = |a: &FkAction| a.sql().to_ascii_lowercase().replace(' ', "_");
                if *on_delete != FkAction::NoAction {
                    r.insert("on_delete".into(), json!(word(on_delete)));
                }
                if !delete_columns.is_empty() {
                    r.insert("on_delete_columns".into(), idents(delete_columns));
                }
                if *on_update != FkAction::NoAction {
                    r.insert("on_update".into(), json!(word(on_update)));
                }
                if let Some(word) = deferrable_word(deferrable) {
                    r.insert("deferrable".into(), json!(word));
                }
                if c.name != fit_name(&format!("{name}_{}_fkey", join(columns))) {
                    r.insert("name".into(), json!(c.name.as_str()));
                }
                fks.push(json!({ "columns": idents(columns), "references": r }));
            }
            ConstraintKind::Exclude {
                method,
                elements,
                predicate,
            } => {
                let els: Vec<Value> = elements
                    .iter()
                    .map(|e| match &e.key.expr {
                        KeyExpr::Column(c) => json!({ "column": c.as_str(), "with": e.operator }),
                        KeyExpr::Expr(x) => json!({ "expr": x, "with": e.operator }),
                    })
                    .collect();
                let mut x =
                    json!({ "name": c.name.as_str(), "using": method.sql(), "elements": els });
                if let Some(p) = predicate {
                    x["where"] = json!(p);
                }
                excludes.push(x);
            }
        }
    }
    for (key, list) in [
        ("unique", uniques),
        ("checks", checks),
        ("foreign_keys", fks),
        ("exclude", excludes),
    ] {
        if !list.is_empty() {
            m.insert(key.into(), Value::Array(list));
        }
    }
    if !t.indexes.is_empty() {
        m.insert(
            "indexes".into(),
            Value::Array(t.indexes.iter().map(|i| index(name, i)).collect()),
        );
    }
    if let Some(p) = &t.partitioning {
        m.insert("partition".into(), partition(t, p, notes));
    }
    if t.rls.enabled && t.policies.is_empty() {
        m.insert("rls".into(), json!(true));
    }
    if !t.rls.enabled && !t.policies.is_empty() {
        notes.push(format!(
            "{name}: has policies but row level security is disabled; emitting the project enables and forces it"
        ));
    }
    if !t.rls.forced && t.rls.enabled {
        notes.push(format!(
            "{name}: row level security is enabled but not forced; schemac always forces it"
        ));
    }
    if !t.policies.is_empty() {
        let mut ps = Map::new();
        for p in &t.policies {
            ps.insert(p.name.to_string(), policy(p));
        }
        m.insert("policies".into(), Value::Object(ps));
    }
    for tr in &t.triggers {
        if !(touch && tr.function.as_str().starts_with("schemac_touch_")) {
            notes.push(format!(
                "{name}: trigger {} is not expressible in schemac YAML and was left out",
                tr.name
            ));
        }
    }
    if !touch && !t.triggers.is_empty() {
        m.insert("touch_updated".into(), json!(false));
    }
    if touch
        && !t
            .triggers
            .iter()
            .any(|tr| tr.function.as_str().starts_with("schemac_touch_"))
    {
        m.insert("touch_updated".into(), json!(false));
    }
    Value::Object(m)
}

fn policy(p: &Policy) -> Value {
    let mut m = Map::new();
    if p.command != PolicyCommand::All {
        m.insert(
            "command".into(),
            json!(p.command.sql().to_ascii_lowercase()),
        );
    }
    if !p.roles.is_empty() {
        m.insert("roles".into(), json!(p.roles));
    }
    if !p.permissive {
        m.insert("as".into(), json!("restrictive"));
    }
    if let Some(u) = &p.using {
        m.insert("using".into(), json!(u));
    }
    if let Some(w) = &p.with_check {
        m.insert("with_check".into(), json!(w));
    }
    Value::Object(m)
}

fn view(v: &View) -> Value {
    let mut m = Map::new();
    m.insert("sql".into(), json!(v.sql));
    if v.materialized {
        m.insert("materialized".into(), json!(true));
    } else if !v.security_invoker {
        m.insert("security_invoker".into(), json!(false));
    }
    if v.security_barrier {
        m.insert("security_barrier".into(), json!(true));
    }
    if let Some(c) = &v.comment {
        m.insert("comment".into(), json!(c));
    }
    if !v.indexes.is_empty() {
        m.insert(
            "indexes".into(),
            Value::Array(
                v.indexes
                    .iter()
                    .map(|i| index(v.name.as_str(), i))
                    .collect(),
            ),
        );
    }
    Value::Object(m)
}

/// `range(created)` and friends.
fn by(p: &Partitioning) -> String {
    let keys: Vec<String> = p
        .key
        .iter()
        .map(|k| match k {
            KeyExpr::Column(c) => c.to_string(),
            KeyExpr::Expr(e) => format!("({e})"),
        })
        .collect();
    format!(
        "{}({})",
        p.strategy.sql().to_ascii_lowercase(),
        keys.join(", ")
    )
}

/// The layout of `children` under `parent`: consecutive time windows when
/// they are that, else explicit groups.
fn layout(
    parent: &str,
    p: &Partitioning,
    children: &[Partition],
    key_type: Option<&ColumnType>,
    notes: &mut Vec<String>,
) -> Value {
    let mut m = Map::new();
    m.insert("by".into(), json!(by(p)));
    let suffix = |c: &Partition| {
        c.name
            .as_str()
            .strip_prefix(parent)
            .and_then(|s| s.strip_prefix('_'))
            .map(str::to_string)
    };
    let default = children.iter().any(|c| c.bound == PartitionBound::Default);
    let listed: Vec<&Partition> = children
        .iter()
        .filter(|c| c.bound != PartitionBound::Default)
        .collect();
    if let Some(window) = key_type.and_then(|ty| detect_window(parent, &listed, ty)) {
        m.insert("interval".into(), json!(window.interval.word()));
        m.insert("from".into(), json!(window.from));
        m.insert("count".into(), json!(window.count));
    } else {
        let mut groups = Map::new();
        let mut modulus = None;
        for c in &listed {
            let Some(s) = suffix(c) else {
                notes.push(format!(
                    "partition {} is not named {parent}_<suffix>; emitting the project renames it",
                    c.name
                ));
                continue;
            };
            match &c.bound {
                PartitionBound::Range { from, to } => {
                    groups.insert(s, json!([from.first(), to.first()]));
                }
                PartitionBound::List { values } => {
                    groups.insert(s, json!(values));
                }
                PartitionBound::Hash { modulus: md, .. } => modulus = Some(*md),
                PartitionBound::Default => {}
            }
        }
        if !groups.is_empty() {
            m.insert("values".into(), Value::Object(groups));
        }
        if let Some(md) = modulus {
            m.insert("modulus".into(), json!(md));
        }
    }
    if default {
        m.insert("default".into(), json!(true));
    }
    Value::Object(m)
}

fn detect_window(parent: &str, children: &[&Partition], ty: &ColumnType) -> Option<TimeWindow> {
    if children.is_empty() || !ty.is_timestamp() {
        return None;
    }
    let mut starts: Vec<Date> = children
        .iter()
        .map(|c| match &c.bound {
            PartitionBound::Range { from, .. } => {
                from.first().and_then(|f| Date::parse(f.get(..10)?))
            }
            _ => None,
        })
        .collect::<Option<Vec<_>>>()?;
    starts.sort();
    for interval in [
        WindowInterval::Month,
        WindowInterval::Day,
        WindowInterval::Week,
        WindowInterval::Year,
    ] {
        let w = TimeWindow {
            interval,
            from: starts[0].to_string(),
            count: u32::try_from(starts.len()).ok()?,
            premake: 3,
            retention: None,
        };
        let ok = children.iter().all(|c| {
            let PartitionBound::Range { from, to } = &c.bound else {
                return false;
            };
            let Some(start) = from.first().and_then(|f| Date::parse(f.get(..10)?)) else {
                return false;
            };
            let i = calendar::window_index(starts[0], interval, start);
            let end = calendar::step(starts[0], interval, i + 1);
            let text = |d| calendar::bound_text(d, ty.with_time_zone(), ty.base == "date");
            calendar::step(starts[0], interval, i) == start
                && from.first() == Some(&text(start))
                && to.first() == Some(&text(end))
                && c.name == fit_name(&format!("{parent}_{}", calendar::suffix(start, interval)))
        });
        let aligned = match interval {
            WindowInterval::Month => starts[0].day == 1,
            WindowInterval::Year => starts[0].day == 1 && starts[0].month == 1,
            WindowInterval::Week => starts[0].weekday() == 0,
            WindowInterval::Day => true,
        };
        let consecutive = starts
            .windows(2)
            .all(|p| calendar::step(p[0], interval, 1) == p[1]);
        if ok && aligned && consecutive {
            return Some(w);
        }
    }
    None
}

fn partition(t: &Table, p: &Partitioning, notes: &mut Vec<String>) -> Value {
    let key_type = |p: &Partitioning| {
        p.key_columns()
            .next()
            .and_then(|c| t.column(c.as_str()))
            .map(|c| c.ty.clone())
    };
    let mut v = layout(
        t.name.as_str(),
        p,
        &t.partitions,
        key_type(p).as_ref(),
        notes,
    );
    // One level of sub-partitioning, when every child shares it.
    let subs: Vec<(&Partition, Value)> = t
        .partitions
        .iter()
        .filter(|c| c.bound != PartitionBound::Default)
        .filter_map(|c| {
            c.partitioning.as_ref().map(|sp| {
                (
                    c,
                    layout(
                        c.name.as_str(),
                        sp,
                        &c.partitions,
                        key_type(sp).as_ref(),
                        notes,
                    ),
                )
            })
        })
        .collect();
    if let Some((_, first)) = subs.first() {
        if subs.iter().all(|(_, s)| s == first)
            && subs.len()
                == t.partitions
                    .iter()
                    .filter(|c| c.bound != PartitionBound::Default)
                    .count()
        {
            v["then"] = first.clone();
        } else {
            notes.push(format!("{}: its partitions are sub-partitioned differently; only one shared layout is expressible", t.name));
        }
    }
    for c in t.all_partitions() {
        if c.rls != t.rls || c.policies != t.policies {
            notes.push(format!("partition {}: its RLS or policies differ from {}; schemac gives every partition its table's", c.name, t.name));
        }
    }
    v
}

fn deferrable_word(d: &Deferrable) -> Option<&'static str> {
    match d {
        Deferrable::InitiallyDeferred => Some("initially_deferred"),
        Deferrable::InitiallyImmediate => Some("initially_immediate"),
        Deferrable::No => None,
    }
}
