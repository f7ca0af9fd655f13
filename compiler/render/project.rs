//! A model written back as a schemac project (what `inspect` produces when
//! adopting an existing database): `schemac.yaml` and one file per table.
//! Everything is explicit — RLS, policies, the tenant key — so emitting the
//! project into an empty database recreates the same catalog. What the
//! language cannot say is reported, never silently dropped.

use std::path::PathBuf;

use serde_json::{Map, Value, json};

use crate::model::calendar::{self, Date};
use crate::model::*;
use crate::model::{layout, sql};

mod function;
mod trigger;

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
    if !schema.schemas.is_empty() {
        tier_def["schemas"] = Value::Object(
            schema
                .schemas
                .iter()
                .map(|s| {
                    let mut v = match &s.comment {
                        Some(c) => json!({ "comment": c }),
                        None => json!({}),
                    };
                    if let Some(g) = s
                        .grants
                        .as_deref()
                        .and_then(super::privileges::grants_value)
                    {
                        v["grants"] = g;
                    }
                    (s.name.to_string(), v)
                })
                .collect(),
        );
    }
    tier_def["tenancy"] = json!("global");
    if on_citus(schema) {
        tier_def["citus"] = json!(true);
    }
    if let Some(g) = schema
        .grants
        .as_deref()
        .and_then(super::privileges::grants_value)
    {
        tier_def["grants"] = g;
    }
    if let Some(d) = super::privileges::defaults_value(schema) {
        tier_def["default_privileges"] = d;
    }
    project_file["tiers"] = json!({ tier: tier_def });
    let roles = super::privileges::roles(schema);
    if !roles.is_empty() {
        project_file["roles"] = Value::Object(roles.into_iter().map(|r| (r, json!({}))).collect());
    }
    let mut files = vec![(PathBuf::from("schemac.yaml"), yaml(&project_file))];

    let mut types = Map::new();
    if !schema.extensions.is_empty() {
        types.insert(
            "extensions".into(),
            Value::Array(
                schema
                    .extensions
                    .iter()
                    .map(|e| match &e.schema {
                        Some(s) => json!({ "name": e.name.as_str(), "schema": s.as_str() }),
                        None => json!(e.name.as_str()),
                    })
                    .collect(),
            ),
        );
    }
    if !schema.enums.is_empty() {
        let mut enums = Map::new();
        for e in &schema.enums {
            let mut m = Map::new();
            m.insert("values".into(), json!(e.values));
            if let Some(c) = &e.comment {
                m.insert("comment".into(), json!(c));
            }
            super::privileges::insert_defaulted(&mut m, &e.owner, &e.grants, PrivilegedKind::Type);
            let mut m = Value::Object(m);
            super::privileges::reshape(
                &mut m,
                schema,
                schema.namespace_of(&e.schema),
                DefaultObjects::Types,
                PrivilegedKind::Type,
                &PrivilegedKind::Type.effective(&e.grants),
            );
            let Value::Object(m) = m else { continue };
            let v = if m.len() == 1 {
                json!(e.values)
            } else {
                Value::Object(m)
            };
            enums.insert(key_of(&e.schema, &e.name), v);
        }
        types.insert("enums".into(), Value::Object(enums));
    }
    if !schema.domains.is_empty() {
        let mut domains = Map::new();
        for d in &schema.domains {
            let mut v = domain(d);
            super::privileges::reshape(
                &mut v,
                schema,
                schema.namespace_of(&d.schema),
                DefaultObjects::Types,
                PrivilegedKind::Domain,
                &PrivilegedKind::Domain.effective(&d.grants),
            );
            domains.insert(key_of(&d.schema, &d.name), v);
        }
        types.insert("domains".into(), Value::Object(domains));
    }
    let mut sequences = Map::new();
    for s in &schema.sequences {
        if serial_of(schema, s).is_none() {
            let mut v = sequence(s);
            if s.owned_by.is_none() {
                super::privileges::reshape(
                    &mut v,
                    schema,
                    &schema.name,
                    DefaultObjects::Sequences,
                    PrivilegedKind::Sequence,
                    &s.grants,
                );
            }
            sequences.insert(s.name.to_string(), v);
        }
    }
    if !sequences.is_empty() {
        types.insert("sequences".into(), Value::Object(sequences));
    }
    // Types the columns use that the project does not manage.
    let mut external: Vec<&str> = schema
        .tables
        .iter()
        .flat_map(|t| t.columns.iter().map(|c| &c.ty))
        .chain(
            schema
                .composites
                .iter()
                .flat_map(|c| c.attributes.iter().map(|a| &a.ty)),
        )
        .chain(schema.ranges.iter().map(|r| &r.subtype))
        .filter(|ty| ty.kind == TypeKind::External)
        .map(|ty| ty.base.as_str())
        .collect();
    external.sort_unstable();
    external.dedup();
    let mut named: Map<String, Value> = schema
        .composites
        .iter()
        .map(|c| (key_of(&c.schema, &c.name), composite(c)))
        .collect();
    for r in &schema.ranges {
        named.insert(key_of(&r.schema, &r.name), range(r));
    }
    for t in external {
        named.insert(t.to_string(), json!("external"));
    }
    if !named.is_empty() {
        types.insert("types".into(), Value::Object(named));
    }
    if !types.is_empty() {
        files.push((
            PathBuf::from(tier).join("_types.yaml"),
            yaml(&Value::Object(types)),
        ));
    }
    if let Some(external) = external_tables(schema) {
        files.push((
            PathBuf::from(tier).join("_external.yaml"),
            yaml(&json!({ "external": { "tables": external } })),
        ));
    }
    for t in &schema.tables {
        let table = table(t, schema, touch, &mut notes);
        files.push((
            PathBuf::from(tier).join(format!("{}.yaml", file_name(t.name.as_str()))),
            yaml(&json!({ "tables": { key_of(&t.schema, &t.name): table } })),
        ));
    }
    if !schema.views.is_empty() {
        let mut views = Map::new();
        for v in &schema.views {
            let mut value = view(v);
            super::privileges::reshape(
                &mut value,
                schema,
                schema.namespace_of(&v.schema),
                DefaultObjects::Tables,
                PrivilegedKind::Table,
                &v.grants,
            );
            views.insert(key_of(&v.schema, &v.name), value);
        }
        files.push((
            PathBuf::from(tier).join("_views.yaml"),
            yaml(&json!({ "views": views })),
        ));
    }
    let declared: Vec<&Function> = schema
        .functions
        .iter()
        .filter(|f| !(touch && f.name.as_str().starts_with("schemac_touch_")))
        .collect();
    if !declared.is_empty() {
        let (fns, procs) = function::entries(&declared, schema);
        let mut file = Map::new();
        if !fns.is_empty() {
            file.insert("functions".into(), Value::Object(fns));
        }
        if !procs.is_empty() {
            file.insert("procedures".into(), Value::Object(procs));
        }
        files.push((
            PathBuf::from(tier).join("_functions.yaml"),
            yaml(&Value::Object(file)),
        ));
    }
    (files, notes)
}

/// A table or view key: `name`, or `schema.name` outside the tier's schema
/// (a name with a dot or quote is quoted, so it does not read as `schema.name`).
fn key_of(own: &Option<Ident>, name: &Ident) -> String {
    let quoted = |n: &str| {
        if n.contains('.') || n.contains('"') {
            quote_ident(n)
        } else {
            n.to_string()
        }
    };
    match own {
        Some(s) => format!("{}.{}", quoted(s.as_str()), quoted(name.as_str())),
        None => quoted(name.as_str()),
    }
}

/// The tables outside the tier's schemas that foreign keys reference, with
/// the referenced columns (typed as the referencing ones).
fn external_tables(schema: &Schema) -> Option<Value> {
    let owned = schema.namespaces();
    let mut out: Map<String, Value> = Map::new();
    for t in &schema.tables {
        for c in &t.constraints {
            let ConstraintKind::ForeignKey {
                columns,
                references,
                ref_columns,
                ..
            } = &c.kind
            else {
                continue;
            };
            if owned.contains(&&references.schema) {
                continue;
            }
            let entry = out
                .entry(key_of(&Some(references.schema.clone()), &references.name))
                .or_insert_with(|| json!({ "columns": {} }));
            for (col, r) in columns.iter().zip(ref_columns) {
                if let Some(ty) = t.column(col.as_str()).map(|c| c.ty.to_string()) {
                    entry["columns"][r.as_str()] = json!(ty);
                }
            }
        }
    }
    (!out.is_empty()).then_some(Value::Object(out))
}

/// The database is a Citus cluster holding some of the schema's tables.
fn on_citus(schema: &Schema) -> bool {
    schema.citus
        || schema
            .tables
            .iter()
            .any(|t| t.distribution.as_ref().is_some_and(|d| d.is_citus()))
}

/// Storage parameters as a mapping, in their order.
fn with(o: &StorageOptions) -> Value {
    Value::Object(o.iter().map(|(k, v)| (k.clone(), json!(v))).collect())
}

/// `<tier>/_unmanaged.yaml`: only comments, listing what the database has
/// that the project does not manage, so the list stays beside the YAML.
pub fn unmanaged(tier: &str, objects: &[&str]) -> (PathBuf, String) {
    let mut text = String::from(
        "# Objects of this database the project does not manage. schemac leaves them\n\
         # as they are: plan --db neither drops nor changes them, and emitting this\n\
         # project into an empty database does not create them.\n",
    );
    for o in objects {
        text.push_str("#   ");
        text.push_str(&o.replace('\n', " "));
        text.push('\n');
    }
    (PathBuf::from(tier).join("_unmanaged.yaml"), text)
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

/// The column a sequence serves as a serial column's sequence: owned by it
/// and read by its default.
fn serial_of<'a>(schema: &'a Schema, s: &Sequence) -> Option<&'a Column> {
    let (table, column) = s.owned_by.as_ref()?;
    let c = schema.table(table.as_str())?.column(column.as_str())?;
    let reads = c
        .default
        .as_deref()
        .is_some_and(|d| sql::sequences_read(d) == [s.name.to_string()]);
    (reads && c.identity.is_none() && c.generated.is_none()).then_some(c)
}

/// Sequence options as YAML keys; the type only when it is not `implied`.
fn sequence_options(o: &SequenceOptions, implied: &str, m: &mut Map<String, Value>) {
    if let Some(ty) = &o.ty
        && SequenceOptions::type_name(Some(ty)) != SequenceOptions::type_name(Some(implied))
    {
        m.insert("type".into(), json!(ty));
    }
    for (key, v) in [
        ("start", o.start),
        ("increment", o.increment),
        ("min", o.min),
        ("max", o.max),
        ("cache", o.cache),
    ] {
        if let Some(v) = v {
            m.insert(key.into(), json!(v));
        }
    }
    if o.cycle {
        m.insert("cycle".into(), json!(true));
    }
}

fn domain(d: &Domain) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), json!(d.ty.to_string()));
    if let Some(v) = &d.default {
        m.insert("default".into(), json!(v));
    }
    if d.not_null {
        m.insert("not_null".into(), json!(true));
    }
    if let Some(c) = &d.collation {
        m.insert("collation".into(), json!(c));
    }
    if !d.checks.is_empty() {
        m.insert(
            "checks".into(),
            Value::Object(
                d.checks
                    .iter()
                    .map(|c| (c.name.to_string(), json!(c.expr)))
                    .collect(),
            ),
        );
    }
    if let Some(c) = &d.comment {
        m.insert("comment".into(), json!(c));
    }
    super::privileges::insert_defaulted(&mut m, &d.owner, &d.grants, PrivilegedKind::Domain);
    Value::Object(m)
}

fn composite(c: &Composite) -> Value {
    let attributes: Map<String, Value> = c
        .attributes
        .iter()
        .map(|a| {
            let v = match &a.collation {
                Some(co) => json!({ "type": a.ty.to_string(), "collation": co }),
                None => json!(a.ty.to_string()),
            };
            (a.name.to_string(), v)
        })
        .collect();
    let mut m = Map::new();
    m.insert("attributes".into(), Value::Object(attributes));
    if let Some(comment) = &c.comment {
        m.insert("comment".into(), json!(comment));
    }
    Value::Object(m)
}

fn range(r: &RangeType) -> Value {
    let mut def = Map::new();
    def.insert("subtype".into(), json!(r.subtype.to_string()));
    let optional = [
        ("subtype_opclass", r.subtype_opclass.clone()),
        ("collation", r.collation.clone()),
        ("subtype_diff", r.subtype_diff.clone()),
        ("multirange", r.multirange.as_ref().map(|m| m.to_string())),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            def.insert(key.into(), json!(v));
        }
    }
    let mut m = Map::new();
    m.insert("range".into(), Value::Object(def));
    if let Some(comment) = &r.comment {
        m.insert("comment".into(), json!(comment));
    }
    Value::Object(m)
}

fn sequence(s: &Sequence) -> Value {
    let mut m = Map::new();
    sequence_options(&s.options, "bigint", &mut m);
    if let Some((t, c)) = &s.owned_by {
        m.insert("owned_by".into(), json!(format!("{t}.{c}")));
    }
    if let Some(c) = &s.comment {
        m.insert("comment".into(), json!(c));
    }
    super::privileges::insert(&mut m, &s.owner, &s.grants);
    Value::Object(m)
}

fn column(c: &Column, table: &str, schema: &Schema) -> Value {
    let owned = schema.sequences.iter().find(|s| {
        s.owned_by.as_ref() == Some(&(Ident::new(table), c.name.clone()))
            && serial_of(schema, s).is_some()
    });
    // `serial`: an integer column owning a sequence of its own type, with
    // PostgreSQL's name and options for it, NOT NULL.
    let serial = owned.and_then(|s| {
        let word = match c.ty.base.as_str() {
            "integer" => "serial",
            "bigint" => "bigserial",
            "smallint" => "smallserial",
            _ => return None,
        };
        let same_type = SequenceOptions::type_name(s.options.ty.as_deref())
            == SequenceOptions::type_name(Some(&c.ty.base));
        let defaults = SequenceOptions {
            ty: None,
            ..s.options.clone()
        }
        .is_default();
        let named = pg_name(table, Some(c.name.as_str()), Some("seq")) == s.name;
        (same_type && defaults && named && !c.nullable && c.ty.array_dims == 0).then_some(word)
    });
    let default = if owned.is_some() {
        None
    } else {
        c.default.as_ref()
    };
    let plain = default.is_none()
        && owned.is_none()
        && c.identity.is_none()
        && c.generated.is_none()
        && c.collation.is_none()
        && c.comment.is_none();
    if plain {
        return json!(format!("{}{}", c.ty, if c.nullable { "?" } else { "" }));
    }
    if let Some(word) = serial
        && c.collation.is_none()
        && c.comment.is_none()
    {
        return json!(word);
    }
    let mut m = Map::new();
    m.insert(
        "type".into(),
        json!(
            serial
                .map(str::to_string)
                .unwrap_or_else(|| c.ty.to_string())
        ),
    );
    if c.nullable {
        m.insert("nullable".into(), json!(true));
    }
    if let Some(d) = default {
        m.insert("default".into(), json!(d));
    }
    if let (Some(s), None) = (owned, serial) {
        let mut o = Map::new();
        if pg_name(table, Some(c.name.as_str()), Some("seq")) != s.name {
            o.insert("name".into(), json!(s.name.as_str()));
        }
        sequence_options(&s.options, &c.ty.base, &mut o);
        m.insert(
            "sequence".into(),
            if o.is_empty() {
                json!(true)
            } else {
                Value::Object(o)
            },
        );
    }
    if let Some(i) = c.identity {
        let kind = if i == Identity::Always {
            "always"
        } else {
            "by_default"
        };
        if c.identity_options.is_default() {
            m.insert("identity".into(), json!(kind));
        } else {
            let mut o = Map::new();
            o.insert("kind".into(), json!(kind));
            if let Some(n) = &c.identity_options.name {
                o.insert("sequence".into(), json!(n.as_str()));
            }
            sequence_options(&c.identity_options, &c.ty.base, &mut o);
            m.insert("identity".into(), Value::Object(o));
        }
    }
    if let Some(g) = &c.generated {
        m.insert("generated".into(), json!(sql::varchar_in_lists(g)));
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
        m.insert("where".into(), json!(sql::varchar_in_lists(p)));
    }
    if !i.include.is_empty() {
        m.insert("include".into(), idents(&i.include));
    }
    if i.nulls_not_distinct {
        m.insert("nulls_not_distinct".into(), json!(true));
    }
    if !i.options.is_empty() {
        m.insert("with".into(), with(&i.options));
    }
    if let Some(c) = &i.comment {
        m.insert("comment".into(), json!(c));
    }
    Value::Object(m)
}

/// `primary_key`, `unique`, `checks`, `foreign_keys` and `exclude` of a
/// table (or partition) named `name`, into `m`.
fn constraints(name: &str, list: &[Constraint], schema: &Schema, m: &mut Map<String, Value>) {
    let (mut uniques, mut checks, mut fks, mut excludes) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    let comment = |c: &Constraint, x: &mut Map<String, Value>| {
        if let Some(t) = &c.comment {
            x.insert("comment".into(), json!(t));
        }
        if let Some(t) = &c.index_comment {
            x.insert("index_comment".into(), json!(t));
        }
    };
    for c in list {
        match &c.kind {
            ConstraintKind::PrimaryKey {
                columns,
                deferrable,
            } => {
                let v = if c.name.as_str() == fit_name(&format!("{name}_pkey")).as_str()
                    && deferrable.is_no()
                    && c.comment.is_none()
                    && c.index_comment.is_none()
                {
                    idents(columns)
                } else {
                    let mut x = Map::new();
                    x.insert("columns".into(), idents(columns));
                    x.insert("name".into(), json!(c.name.as_str()));
                    if let Some(word) = deferrable_word(deferrable) {
                        x.insert("deferrable".into(), json!(word));
                    }
                    comment(c, &mut x);
                    Value::Object(x)
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
                    if c.name == default
                        && !nulls_not_distinct
                        && deferrable.is_no()
                        && c.comment.is_none()
                        && c.index_comment.is_none()
                    {
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
                        comment(c, &mut u);
                        Value::Object(u)
                    },
                );
            }
            ConstraintKind::Check { expr, no_inherit } => {
                let mut x = Map::new();
                x.insert("name".into(), json!(c.name.as_str()));
                x.insert("expr".into(), json!(sql::varchar_in_lists(expr)));
                if c.not_valid {
                    x.insert("not_valid".into(), json!(true));
                }
                if *no_inherit {
                    x.insert("no_inherit".into(), json!(true));
                }
                comment(c, &mut x);
                checks.push(Value::Object(x));
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
                let mut r = Map::new();
                let target = references.name.as_str();
                // A dot would read as `tier.table`: quote the name.
                let target = if references.schema != schema.name {
                    key_of(&Some(references.schema.clone()), &references.name)
                } else if target.contains('.') || target.contains('"') {
                    quote_ident(target)
                } else {
                    target.to_string()
                };
                r.insert("table".into(), json!(target));
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
                if c.not_valid {
                    r.insert("not_valid".into(), json!(true));
                }
                comment(c, &mut r);
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
                let mut x = Map::new();
                x.insert("name".into(), json!(c.name.as_str()));
                x.insert("using".into(), json!(method.sql()));
                x.insert("elements".into(), Value::Array(els));
                if let Some(p) = predicate {
                    x.insert("where".into(), json!(sql::varchar_in_lists(p)));
                }
                comment(c, &mut x);
                excludes.push(Value::Object(x));
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
}

/// `rls:` as the table has it: schemac's `true` is enabled and forced.
fn rls(r: &Rls) -> Value {
    match (r.enabled, r.forced) {
        (true, true) => json!(true),
        (true, false) => json!("enabled"),
        (false, false) => json!(false),
        (false, true) => json!({ "enabled": false, "forced": true }),
    }
}

fn policies(list: &[Policy]) -> Value {
    let mut ps = Map::new();
    for p in list {
        ps.insert(p.name.to_string(), policy(p));
    }
    Value::Object(ps)
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
    if !t.inherits.is_empty() {
        m.insert("inherits".into(), idents(&t.inherits));
    }
    if t.unlogged {
        m.insert("unlogged".into(), json!(true));
    }
    let mut cols = Map::new();
    for c in &t.columns {
        cols.insert(c.name.to_string(), column(c, name, schema));
    }
    m.insert("columns".into(), Value::Object(cols));
    constraints(name, &t.constraints, schema, &mut m);
    if !t.indexes.is_empty() {
        m.insert(
            "indexes".into(),
            Value::Array(t.indexes.iter().map(|i| index(name, i)).collect()),
        );
    }
    if let Some(p) = &t.partitioning {
        m.insert("partition".into(), partition(t, p, schema, notes));
    }
    if !t.options.is_empty() {
        m.insert("with".into(), with(&t.options));
    }
    match &t.replica_identity {
        ReplicaIdentity::Default => {}
        ReplicaIdentity::Full => {
            m.insert("replica_identity".into(), json!("full"));
        }
        ReplicaIdentity::Nothing => {
            m.insert("replica_identity".into(), json!("nothing"));
        }
        ReplicaIdentity::Index(i) => {
            m.insert("replica_identity".into(), json!(i.as_str()));
        }
    }
    // Policies imply RLS enabled and forced; say so when it is otherwise.
    let implied = if t.policies.is_empty() {
        Rls::default()
    } else {
        Rls::on()
    };
    if t.rls != implied {
        m.insert("rls".into(), rls(&t.rls));
    }
    if !t.policies.is_empty() {
        m.insert("policies".into(), policies(&t.policies));
    }
    let has_touch = t.triggers.iter().any(|tr| trigger::is_touch(&t.name, tr));
    let declared: Vec<&Trigger> = t
        .triggers
        .iter()
        .filter(|tr| !(touch && trigger::is_touch(&t.name, tr)))
        .collect();
    if !declared.is_empty() {
        m.insert(
            "triggers".into(),
            Value::Object(trigger::entries(&declared)),
        );
    }
    if touch && !has_touch {
        m.insert("touch_updated".into(), json!(false));
    }
    super::privileges::insert(&mut m, &t.owner, &t.grants);
    let mut v = Value::Object(m);
    super::privileges::reshape(
        &mut v,
        schema,
        schema.namespace_of(&t.schema),
        DefaultObjects::Tables,
        PrivilegedKind::Table,
        &t.grants,
    );
    v
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
        m.insert("using".into(), json!(sql::varchar_in_lists(u)));
    }
    if let Some(w) = &p.with_check {
        m.insert("with_check".into(), json!(sql::varchar_in_lists(w)));
    }
    if let Some(c) = &p.comment {
        m.insert("comment".into(), json!(c));
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
    match v.check_option {
        Some(CheckOption::Local) => {
            m.insert("check_option".into(), json!("local"));
        }
        Some(CheckOption::Cascaded) => {
            m.insert("check_option".into(), json!("cascaded"));
        }
        None => {}
    }
    // The security options appear as such unless their spelling or order
    // says otherwise.
    let plain = View {
        options: Vec::new(),
        ..v.clone()
    };
    if plain.listed_options() != v.options {
        m.insert("with".into(), with(&v.options));
    }
    if let Some(c) = &v.comment {
        m.insert("comment".into(), json!(c));
    }
    if !v.column_comments.is_empty() {
        m.insert("column_comments".into(), json!(v.column_comments));
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
    if !v.triggers.is_empty() {
        let declared: Vec<&Trigger> = v.triggers.iter().collect();
        m.insert(
            "triggers".into(),
            Value::Object(trigger::entries(&declared)),
        );
    }
    super::privileges::insert(&mut m, &v.owner, &v.grants);
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

/// The compact layout that declares `children` of `parent`, if there is
/// one: consecutive time windows, or list groups / ranges named
/// `<parent>_<suffix>`, hash remainders `<parent>_p<n>`, a default named
/// `<parent>_default`, and one shared sub-layout.
fn compact(
    t: &Table,
    parent: &str,
    spec: &Partitioning,
    children: &[Partition],
) -> Option<Partitioning> {
    let key_type = |p: &Partitioning| {
        p.key_columns()
            .next()
            .and_then(|c| t.column(c.as_str()))
            .map(|c| c.ty.clone())
    };
    let mut out = Partitioning {
        window: None,
        sub: None,
        groups: Vec::new(),
        modulus: None,
        default: children.iter().any(|c| c.bound == PartitionBound::Default),
        ..spec.clone()
    };
    let listed: Vec<&Partition> = children
        .iter()
        .filter(|c| c.bound != PartitionBound::Default)
        .collect();
    if let Some(w) = key_type(spec).and_then(|ty| detect_window(parent, &listed, &ty)) {
        out.window = Some(w);
    } else {
        for c in &listed {
            let suffix = c
                .name
                .as_str()
                .strip_prefix(parent)
                .and_then(|s| s.strip_prefix('_'))?;
            match &c.bound {
                PartitionBound::Range { from, to } if from.len() == 1 && to.len() == 1 => {
                    out.groups.push(PartitionGroup {
                        suffix: suffix.to_string(),
                        values: vec![from[0].clone(), to[0].clone()],
                    });
                }
                PartitionBound::List { values } if !values.is_empty() => {
                    out.groups.push(PartitionGroup {
                        suffix: suffix.to_string(),
                        values: values.clone(),
                    });
                }
                PartitionBound::Hash { modulus, .. } => out.modulus = Some(*modulus),
                _ => return None,
            }
        }
    }
    if out.window.is_none() && out.groups.is_empty() && out.modulus.is_none() && !out.default {
        return None;
    }
    // One sub-layout shared by every non-default child.
    let mut subs = listed.iter().map(|c| {
        c.partitioning
            .as_ref()
            .map(|sp| compact(t, c.name.as_str(), sp, &c.partitions))
    });
    if let Some(first) = subs.next() {
        match first {
            None => {
                if subs.any(|s| s.is_some()) {
                    return None;
                }
            }
            Some(None) => return None,
            Some(Some(sub)) => {
                let shared = |x: &Partitioning| Partitioning {
                    window: x.window.clone().map(|w| TimeWindow { premake: 3, ..w }),
                    ..x.clone()
                };
                if !subs.all(|s| s.flatten().is_some_and(|x| shared(&x) == shared(&sub))) {
                    return None;
                }
                out.sub = Some(Box::new(sub));
            }
        }
    }
    Some(out)
}

/// Same children, names, bounds and keys, at every level.
fn same_layout(a: &[Partition], b: &[Partition]) -> bool {
    let key = |p: &Partition| p.partitioning.as_ref().map(|x| (x.strategy, x.key.clone()));
    a.len() == b.len()
        && a.iter().all(|x| {
            b.iter().any(|y| {
                x.name == y.name
                    && x.bound == y.bound
                    && key(x) == key(y)
                    && same_layout(&x.partitions, &y.partitions)
            })
        })
}

/// Whether a child (at any depth) has something a compact layout cannot
/// say: its own indexes, constraints, comment, RLS or policies.
fn has_extras(c: &Partition, t: &Table) -> bool {
    !c.indexes.is_empty()
        || !c.constraints.is_empty()
        || c.comment.is_some()
        || !c.options.is_empty()
        || c.rls != t.rls
        || c.policies != t.policies
        || c.partitions.iter().any(|g| has_extras(g, t))
}

/// `partition:` of `t` (or of its partition `parent`) whose key is `spec`.
fn layout(
    t: &Table,
    parent: &str,
    spec: &Partitioning,
    children: &[Partition],
    schema: &Schema,
    notes: &mut Vec<String>,
) -> Value {
    let mut m = Map::new();
    m.insert("by".into(), json!(by(spec)));
    let fits = compact(t, parent, spec, children).filter(|c| {
        same_layout(&layout::children_of(t, parent, c), children)
            && !children.iter().any(|c| has_extras(c, t))
    });
    if let Some(c) = fits {
        if let Some(w) = &c.window {
            m.insert("interval".into(), json!(w.interval.word()));
            m.insert("from".into(), json!(w.from));
            m.insert("count".into(), json!(w.count));
        }
        if !c.groups.is_empty() {
            let mut groups = Map::new();
            for g in &c.groups {
                groups.insert(g.suffix.clone(), json!(g.values));
            }
            m.insert("values".into(), Value::Object(groups));
        }
        if let Some(md) = c.modulus {
            m.insert("modulus".into(), json!(md));
        }
        if c.default {
            m.insert("default".into(), json!(true));
        }
        if let (Some(sub), Some(first)) = (
            &c.sub,
            children.iter().find(|c| c.bound != PartitionBound::Default),
        ) {
            let v = layout(
                t,
                first.name.as_str(),
                sub,
                &first.partitions,
                schema,
                notes,
            );
            m.insert("then".into(), v);
        }
        return Value::Object(m);
    }
    let mut kids = Map::new();
    for c in children {
        kids.insert(c.name.to_string(), child(t, c, schema, notes));
    }
    m.insert("partitions".into(), Value::Object(kids));
    Value::Object(m)
}

/// One explicit child.
fn child(t: &Table, c: &Partition, schema: &Schema, notes: &mut Vec<String>) -> Value {
    let mut m = Map::new();
    match &c.bound {
        PartitionBound::Default => {
            m.insert("default".into(), json!(true));
        }
        PartitionBound::List { values } => {
            m.insert("values".into(), json!(values));
        }
        PartitionBound::Range { from, to } => {
            m.insert("from".into(), json!(from));
            m.insert("to".into(), json!(to));
        }
        PartitionBound::Hash { modulus, remainder } => {
            m.insert("modulus".into(), json!(modulus));
            m.insert("remainder".into(), json!(remainder));
        }
    }
    if let Some(sp) = &c.partitioning {
        m.insert(
            "partition".into(),
            layout(t, c.name.as_str(), sp, &c.partitions, schema, notes),
        );
    }
    if !c.indexes.is_empty() {
        m.insert(
            "indexes".into(),
            Value::Array(
                c.indexes
                    .iter()
                    .map(|i| index(c.name.as_str(), i))
                    .collect(),
            ),
        );
    }
    let (own, foreign): (Vec<Constraint>, Vec<Constraint>) =
        c.constraints.iter().cloned().partition(|k| {
            matches!(
                k.kind,
                ConstraintKind::PrimaryKey { .. }
                    | ConstraintKind::Unique { .. }
                    | ConstraintKind::Check { .. }
            )
        });
    for k in foreign {
        notes.push(format!(
            "partition {}: its own {} {} is not expressible on a single partition and was left out",
            c.name,
            k.kind.word(),
            k.name
        ));
    }
    constraints(c.name.as_str(), &own, schema, &mut m);
    if let Some(cm) = &c.comment {
        m.insert("comment".into(), json!(cm));
    }
    if !c.options.is_empty() {
        m.insert("with".into(), with(&c.options));
    }
    if c.rls != t.rls {
        m.insert("rls".into(), rls(&c.rls));
    }
    if c.policies != t.policies || c.rls != t.rls {
        m.insert("policies".into(), policies(&c.policies));
    }
    if m.len() == 1 && c.bound == PartitionBound::Default {
        return json!("default");
    }
    Value::Object(m)
}

fn partition(t: &Table, p: &Partitioning, schema: &Schema, notes: &mut Vec<String>) -> Value {
    layout(t, t.name.as_str(), p, &t.partitions, schema, notes)
}

fn deferrable_word(d: &Deferrable) -> Option<&'static str> {
    match d {
        Deferrable::InitiallyDeferred => Some("initially_deferred"),
        Deferrable::InitiallyImmediate => Some("initially_immediate"),
        Deferrable::No => None,
    }
}
