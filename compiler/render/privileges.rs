//! Owners and grants written back as YAML for `inspect`: `owner: role` and
//! `grants: { role: [select, insert] }`, the long form only where columns or
//! the grant option need it; the roles they name become `roles:`.

use serde_json::{Map, Value, json};

use crate::model::grant::{self, GrantAtom};
use crate::model::*;

/// `owner` and `grants` of one object into `m`.
pub fn insert(m: &mut Map<String, Value>, owner: &Option<String>, grants: &[Grant]) {
    if let Some(o) = owner {
        m.insert("owner".into(), json!(o));
    }
    if let Some(g) = grants_value(grants) {
        m.insert("grants".into(), g);
    }
}

/// `owner` and `grants` of a routine or a type, whose PUBLIC holds
/// PostgreSQL's default (`EXECUTE`, `USAGE`) unless written `public: none`.
pub fn insert_defaulted(
    m: &mut Map<String, Value>,
    owner: &Option<String>,
    grants: &Option<Vec<Grant>>,
    kind: PrivilegedKind,
) {
    if let Some(o) = owner {
        m.insert("owner".into(), json!(o));
    }
    let Some(grants) = grants else { return };
    let defaults = grant::atoms(&kind.defaults());
    let held = grant::atoms(grants);
    let value = if defaults.iter().all(|d| held.contains(d)) {
        let rest: Vec<&GrantAtom> = held.iter().filter(|a| !defaults.contains(a)).collect();
        grants_value(&grant::from_atoms(kind, rest))
    } else {
        let mut v = grants_value(grants).unwrap_or_else(|| json!({}));
        if !grants.iter().any(|g| g.role == "public")
            && let Value::Object(o) = &mut v
        {
            o.insert("public".into(), json!("none"));
        }
        Some(v)
    };
    if let Some(v) = value {
        m.insert("grants".into(), v);
    }
}

/// The schema's `default_privileges:`, one entry per creating role and
/// schema; database-wide lists leave PUBLIC's built-in privilege unsaid
/// unless it is revoked (`public: none`).
pub fn defaults_value(schema: &Schema) -> Option<Value> {
    let mut out: Vec<Map<String, Value>> = Vec::new();
    let mut keys: Vec<(&Option<String>, &Option<Ident>)> = Vec::new();
    for d in &schema.default_privileges {
        let key = (&d.for_role, &d.schema);
        let at = match keys.iter().position(|k| *k == key) {
            Some(i) => i,
            None => {
                keys.push(key);
                let mut m = Map::new();
                if let Some(r) = &d.for_role {
                    m.insert("for_role".into(), json!(r));
                }
                match &d.schema {
                    None => {
                        m.insert("database_wide".into(), json!(true));
                    }
                    Some(s) if *s != schema.name => {
                        m.insert("schema".into(), json!(s.as_str()));
                    }
                    Some(_) => {}
                }
                out.push(m);
                keys.len() - 1
            }
        };
        let kind = d.objects.kind();
        let value = match &d.schema {
            Some(_) => grants_value(&d.grants),
            None => {
                let builtin = grant::atoms(&kind.defaults());
                let held = grant::atoms(&d.grants);
                if builtin.iter().all(|b| held.contains(b)) {
                    let rest: Vec<&GrantAtom> =
                        held.iter().filter(|a| !builtin.contains(a)).collect();
                    grants_value(&grant::from_atoms(kind, rest))
                } else {
                    let mut v = grants_value(&d.grants).unwrap_or_else(|| json!({}));
                    if !d.grants.iter().any(|g| g.role == "public")
                        && let Value::Object(o) = &mut v
                    {
                        o.insert("public".into(), json!("none"));
                    }
                    Some(v)
                }
            }
        };
        if let Some(v) = value {
            out[at].insert(d.objects.word().into(), v);
        }
    }
    let out: Vec<Value> = out
        .into_iter()
        .filter(|m| {
            m.keys()
                .any(|k| DefaultObjects::ALL.iter().any(|o| o.word() == k))
        })
        .map(Value::Object)
        .collect();
    (!out.is_empty()).then_some(Value::Array(out))
}

fn words(g: &Grant) -> Value {
    let w: Vec<String> = g
        .privileges
        .iter()
        .map(|p| p.to_ascii_lowercase().replace(' ', "_"))
        .collect();
    if w.len() == 1 { json!(w[0]) } else { json!(w) }
}

fn long(g: &Grant) -> Value {
    let mut m = Map::new();
    m.insert("privileges".into(), words(g));
    if !g.columns.is_empty() {
        let cols: Vec<&str> = g.columns.iter().map(|c| c.as_str()).collect();
        m.insert("columns".into(), json!(cols));
    }
    if g.with_grant_option {
        m.insert("grant_option".into(), json!(true));
    }
    Value::Object(m)
}

/// Role → privileges, or `None` when nothing is granted.
pub fn grants_value(grants: &[Grant]) -> Option<Value> {
    if grants.is_empty() {
        return None;
    }
    // Roles in the order they come: the order they are granted in.
    let mut by_role: Vec<(&str, Vec<&Grant>)> = Vec::new();
    for g in grants {
        match by_role.iter_mut().find(|(r, _)| *r == g.role) {
            Some((_, gs)) => gs.push(g),
            None => by_role.push((g.role.as_str(), vec![g])),
        }
    }
    let mut out = Map::new();
    for (role, gs) in by_role {
        let v = match gs.as_slice() {
            [g] if g.columns.is_empty() && !g.with_grant_option => words(g),
            [g] => long(g),
            many => Value::Array(many.iter().map(|g| long(g)).collect()),
        };
        out.insert(role.to_string(), v);
    }
    Some(Value::Object(out))
}

/// Every role the schema's owners and grants name, PUBLIC aside.
pub fn roles(schema: &Schema) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |owner: &Option<String>, grants: &[Grant]| {
        out.extend(owner.iter().cloned());
        out.extend(grants.iter().map(|g| g.role.clone()));
    };
    add(&schema.owner, schema.grants.as_deref().unwrap_or_default());
    for s in &schema.schemas {
        add(&s.owner, s.grants.as_deref().unwrap_or_default());
    }
    for t in &schema.tables {
        add(&t.owner, &t.grants);
    }
    for v in &schema.views {
        add(&v.owner, &v.grants);
    }
    for s in &schema.sequences {
        add(&s.owner, &s.grants);
    }
    for f in &schema.functions {
        add(&f.owner, f.grants.as_deref().unwrap_or_default());
    }
    for d in &schema.domains {
        add(&d.owner, d.grants.as_deref().unwrap_or_default());
    }
    for e in &schema.enums {
        add(&e.owner, e.grants.as_deref().unwrap_or_default());
    }
    for d in &schema.default_privileges {
        add(&d.for_role, &d.grants);
    }
    for t in &schema.tables {
        for p in &t.policies {
            out.extend(p.roles.iter().cloned());
        }
    }
    out.retain(|r| !r.eq_ignore_ascii_case("public"));
    out.sort();
    out.dedup();
    out
}

/// The `grants` of an object the migration role's default privileges
/// shape in `ns`, rewritten into `v` (a mapping): left out when the object
/// holds what it is created with (loading implies it again), written in
/// full otherwise, `public: none` standing for an empty list.
pub fn reshape(
    v: &mut Value,
    schema: &Schema,
    ns: &Ident,
    objects: DefaultObjects,
    kind: PrivilegedKind,
    held: &[Grant],
) {
    let d = &schema.default_privileges;
    if !crate::model::default_privilege::shapes(d, ns, objects) {
        return;
    }
    let implied = crate::model::default_privilege::created_acl(d, ns, objects, kind);
    let (mut a, mut b) = (
        grant::atoms(&grant::normalize(kind, held)),
        grant::atoms(&implied),
    );
    a.sort();
    b.sort();
    let Value::Object(m) = v else { return };
    if a == b {
        m.remove("grants");
        return;
    }
    let mut g = grants_value(&grant::normalize(kind, held)).unwrap_or_else(|| json!({}));
    if !held.iter().any(|g| g.role == "public")
        && let Value::Object(o) = &mut g
    {
        o.insert("public".into(), json!("none"));
    }
    m.insert("grants".into(), g);
}
