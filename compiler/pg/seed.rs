//! Seeding a scratch copy of a schema with a few rows per table, so a proof
//! can tell whether a plan keeps rows. Rows respect what the catalog
//! enforces: referenced tables are filled first and foreign keys take values
//! of their rows (a tenant key agreeing with every key it is part of),
//! partition keys take a value inside a partition's bounds, checks get the
//! literals they compare with when the plain value fails, unique columns
//! differ per row. Row-level security is set aside while seeding (the copy's
//! owner would be subject to its forced policies) and put back exactly.
//! A row that cannot be made is skipped and said why; nothing here fails.

use std::collections::HashMap;

use postgres::Client;

use crate::model::{
    Column, ConstraintKind, Ident, KeyExpr, Partition, PartitionBound, Partitioning, Schema, Table,
    TypeKind, quote_ident, quote_literal,
};

/// What seeding did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Seeded {
    /// Rows inserted per table.
    pub rows: Vec<(String, u64)>,
    /// Tables left with fewer rows than asked, and why.
    pub short: Vec<(String, String)>,
}

/// Insert up to `per_table` rows into every table of `schema` (as built in
/// the database `client` is connected to).
pub fn seed(client: &mut Client, schema: &Schema, per_table: usize) -> Seeded {
    let mut seeded = Seeded::default();
    let restore = set_rls_aside(client, schema.name.as_str());
    let mut parents: HashMap<Ident, Vec<HashMap<Ident, Option<String>>>> = HashMap::new();
    for table in order(schema) {
        let (rows, why) = seed_table(client, schema, table, per_table, &parents);
        if rows < per_table as u64 {
            seeded.short.push((
                table.name.to_string(),
                why.unwrap_or_else(|| "rows refused".into()),
            ));
        }
        seeded.rows.push((table.name.to_string(), rows));
        if referenced(schema, &table.name) {
            parents.insert(table.name.clone(), read_rows(client, schema, table));
        }
    }
    if let Some(sql) = restore {
        for chunk in sql.chunks(500) {
            let _ = client.batch_execute(&chunk.join("\n"));
        }
    }
    seeded
}

/// Disable RLS where the role would be subject to it; returns the
/// statements that restore it.
fn set_rls_aside(client: &mut Client, schema: &str) -> Option<Vec<String>> {
    let bypass: bool = client
        .query_one(
            "SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user",
            &[],
        )
        .ok()
        .map(|r| r.get(0))
        .unwrap_or(false);
    if bypass {
        return None;
    }
    let rows = client
        .query(
            "SELECT format('%I.%I', n.nspname, c.relname), c.relrowsecurity, c.relforcerowsecurity
               FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND (c.relrowsecurity OR c.relforcerowsecurity)",
            &[&schema],
        )
        .ok()?;
    let mut off = Vec::new();
    let mut back = Vec::new();
    for r in rows {
        let name: String = r.get(0);
        let (enabled, forced): (bool, bool) = (r.get(1), r.get(2));
        off.push(format!(
            "ALTER TABLE {name} NO FORCE ROW LEVEL SECURITY, DISABLE ROW LEVEL SECURITY;"
        ));
        back.push(format!(
            "ALTER TABLE {name} {}, {};",
            if enabled {
                "ENABLE ROW LEVEL SECURITY"
            } else {
                "DISABLE ROW LEVEL SECURITY"
            },
            if forced {
                "FORCE ROW LEVEL SECURITY"
            } else {
                "NO FORCE ROW LEVEL SECURITY"
            },
        ));
    }
    // A transaction holds every lock it takes: a few hundred tables at a time.
    for chunk in off.chunks(500) {
        let _ = client.batch_execute(&chunk.join("\n"));
    }
    Some(back)
}

fn foreign_keys(table: &Table) -> Vec<(&[Ident], &Ident, &[Ident])> {
    let mut fks: Vec<(&[Ident], &Ident, &[Ident])> = table
        .constraints
        .iter()
        .filter_map(|c| match &c.kind {
            ConstraintKind::ForeignKey {
                columns,
                references,
                ref_columns,
                ..
            } => Some((columns.as_slice(), &references.name, ref_columns.as_slice())),
            _ => None,
        })
        .collect();
    // Composite keys first: a tenant key then agrees with the row they chose.
    fks.sort_by_key(|(c, _, _)| std::cmp::Reverse(c.len()));
    fks
}

fn referenced(schema: &Schema, name: &Ident) -> bool {
    schema
        .tables
        .iter()
        .any(|t| foreign_keys(t).iter().any(|(_, r, _)| *r == name))
}

/// Tables with the ones they reference first (a cycle is broken anywhere).
fn order(schema: &Schema) -> Vec<&Table> {
    let mut out: Vec<&Table> = Vec::new();
    let mut placed: std::collections::HashSet<&Ident> = std::collections::HashSet::new();
    let mut left: Vec<&Table> = schema.tables.iter().collect();
    while !left.is_empty() {
        let before = left.len();
        left.retain(|t| {
            let ready = foreign_keys(t).iter().all(|(_, r, _)| {
                **r == t.name || placed.contains(r) || schema.table(r.as_str()).is_none()
            });
            if ready {
                out.push(t);
                placed.insert(&t.name);
            }
            !ready
        });
        if left.len() == before {
            let t = left.remove(0);
            placed.insert(&t.name);
            out.push(t);
        }
    }
    out
}

/// Up to 20 rows of a referenced table, every column as text.
fn read_rows(
    client: &mut Client,
    schema: &Schema,
    table: &Table,
) -> Vec<HashMap<Ident, Option<String>>> {
    let cols: Vec<&Column> = table
        .columns
        .iter()
        .filter(|c| c.ty.array_dims == 0)
        .collect();
    if cols.is_empty() {
        return Vec::new();
    }
    let sql = format!(
        "SELECT {} FROM {}.{} LIMIT 20",
        cols.iter()
            .map(|c| format!("{}::text", quote_ident(c.name.as_str())))
            .collect::<Vec<_>>()
            .join(", "),
        quote_ident(schema.name.as_str()),
        quote_ident(table.name.as_str())
    );
    client
        .query(&sql, &[])
        .map(|rows| {
            rows.iter()
                .map(|r| {
                    cols.iter()
                        .enumerate()
                        .map(|(i, c)| (c.name.clone(), r.get::<_, Option<String>>(i)))
                        .collect()
                })
                .collect()
        })
        .unwrap_or_default()
}

/// For each leaf partition, the key values that route a row to it.
fn leaves(table: &Table) -> Vec<Vec<(Ident, String)>> {
    fn walk(
        level: Option<&Partitioning>,
        partitions: &[Partition],
        path: &[(Ident, String)],
        out: &mut Vec<Vec<(Ident, String)>>,
    ) {
        for p in partitions {
            let mut here = path.to_vec();
            if let Some(level) = level {
                let keys: Vec<Option<&Ident>> = level
                    .key
                    .iter()
                    .map(|k| match k {
                        KeyExpr::Column(c) => Some(c),
                        KeyExpr::Expr(_) => None,
                    })
                    .collect();
                match &p.bound {
                    PartitionBound::Range { from, .. } => {
                        // From is inclusive; a MINVALUE start is left to chance.
                        for (key, v) in keys.iter().zip(from) {
                            if let Some(key) = key
                                && v != "MINVALUE"
                                && v != "MAXVALUE"
                            {
                                here.push(((*key).clone(), v.clone()));
                            }
                        }
                    }
                    PartitionBound::List { values } => {
                        if let (Some(Some(key)), Some(v)) = (keys.first(), values.first())
                            && v != "NULL"
                        {
                            here.push(((*key).clone(), v.clone()));
                        }
                    }
                    PartitionBound::Hash { .. } | PartitionBound::Default => {}
                }
            }
            if p.partitions.is_empty() {
                out.push(here);
            } else {
                walk(p.partitioning.as_ref(), &p.partitions, &here, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(
        table.partitioning.as_ref(),
        &table.partitions,
        &[],
        &mut out,
    );
    // Default partitions last: a row with a bound's value lands in its window.
    out.sort_by_key(|l| std::cmp::Reverse(l.len()));
    out
}

/// A plain value of a column's type for row `i` (`salt` varies it).
fn value(col: &Column, schema: &Schema, i: usize, salt: usize) -> Option<String> {
    let n = i + 1 + salt;
    if col.ty.array_dims > 0 {
        // One element: checks on arrays mostly want them not empty.
        let mut element = col.clone();
        element.ty.array_dims = 0;
        let e = value(&element, schema, i, salt)?;
        return Some(format!(
            "{{\"{}\"}}",
            e.replace('\\', "\\\\").replace('"', "\\\"")
        ));
    }
    if col.ty.kind == TypeKind::Enum {
        return schema
            .enums
            .iter()
            .find(|e| e.name == col.ty.base.as_str())
            .and_then(|e| e.values.get(n % e.values.len().max(1)).cloned());
    }
    let base = col.ty.base.to_ascii_lowercase();
    let length = base.split_once('(').and_then(|(_, r)| {
        r.trim_end_matches(')')
            .split(',')
            .next()?
            .trim()
            .parse::<usize>()
            .ok()
    });
    let b = base.split('(').next().unwrap_or_default().trim();
    Some(match b {
        "smallint" | "integer" | "bigint" | "int" | "int2" | "int4" | "int8" | "numeric"
        | "decimal" | "real" | "double precision" | "oid" => n.to_string(),
        "money" => format!("{n}.00"),
        "boolean" => n.is_multiple_of(2).to_string(),
        "uuid" => format!("00000000-0000-4000-8000-{n:012x}"),
        "date" => format!("2025-01-{:02}", 1 + n % 28),
        "time without time zone" | "time with time zone" | "time" => "12:00:00".into(),
        "interval" => format!("{n} days"),
        "json" | "jsonb" => "{}".into(),
        "inet" | "cidr" => format!("10.0.{}.{}", n / 250 % 250, 1 + n % 250),
        "macaddr" => format!("08:00:2b:00:{:02x}:{:02x}", n / 256 % 256, n % 256),
        // A digest's length: checks on bytes are mostly of hashes.
        "bytea" => format!("\\x{}", "01".repeat(32)),
        "bit" | "bit varying" => "1".repeat(length.unwrap_or(1).max(1)),
        "tsvector" | "tsquery" => "a".into(),
        "xml" => "<a/>".into(),
        "point" => format!("({n},{n})"),
        b if b.starts_with("timestamp") => format!("2025-01-{:02} 12:00:00+00", 1 + n % 28),
        b if b.starts_with("character")
            || b == "text"
            || b == "varchar"
            || b == "citext"
            || b == "name" =>
        {
            // Letters only: checks on text are mostly patterns of words;
            // some names say which pattern.
            let s = hinted(col.name.as_str(), n).unwrap_or_else(|| format!("v{}", letters(n)));
            match length {
                Some(l) => s.chars().take(l.max(1)).collect(),
                None => s,
            }
        }
        _ => {
            return if col.nullable {
                None
            } else {
                Some(n.to_string())
            };
        }
    })
}

/// A value in the shape a column's name implies (`contact_email`, `phone`),
/// for the checks that usually guard such columns.
fn hinted(name: &str, n: usize) -> Option<String> {
    let name = name.to_ascii_lowercase();
    let has = |w: &str| {
        name == w || name.ends_with(&format!("_{w}")) || name.starts_with(&format!("{w}_"))
    };
    Some(if has("email") || name.ends_with("email") {
        format!("v{}@example.com", letters(n))
    } else if has("phone") || has("mobile") {
        format!("+1555{:07}", n % 10_000_000)
    } else if has("url") || has("website") || has("uri") {
        format!("https://example.com/v{}", letters(n))
    } else if has("hash") && name.contains("password") {
        format!("$2b$12${}", "a".repeat(53))
    } else if has("vin") {
        format!("1HGCM82633A{:06}", n % 1_000_000)
    } else if has("currency") {
        "USD".into()
    } else if has("country") {
        "US".into()
    } else if has("locale") || has("language") {
        "en".into()
    } else {
        return None;
    })
}

/// `n` in base 26 as lowercase letters: 1 → `b`, 26 → `ba`.
fn letters(mut n: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// The literals a check compares with (`'open'`, `0`), as candidates.
fn literals(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = expr.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\'' {
            let mut s = String::new();
            i += 1;
            while i < b.len() {
                if b[i] == b'\'' {
                    if b.get(i + 1) == Some(&b'\'') {
                        s.push('\'');
                        i += 2;
                        continue;
                    }
                    break;
                }
                s.push(b[i] as char);
                i += 1;
            }
            out.push(s);
        } else if b[i].is_ascii_digit()
            && (i == 0 || !(b[i - 1].is_ascii_alphanumeric() || b[i - 1] == b'_'))
        {
            let start = i;
            while i < b.len() && (b[i].is_ascii_digit() || b[i] == b'.') {
                i += 1;
            }
            out.push(expr[start..i].to_string());
            continue;
        }
        i += 1;
    }
    out.dedup();
    out
}

/// The value to try for `col` after the check `expr` refused a row, on the
/// `tries`-th refusal: a nullable column first NULL (a check whose
/// expression is NULL passes), then the literals its own checks compare
/// with (else this check's), of its kind; columns step through them at
/// different strides so the values a check ties together vary.
#[allow(clippy::too_many_arguments)]
fn candidate(
    schema: &Schema,
    table: &Table,
    col: &Column,
    expr: &str,
    mentioned: usize,
    i: usize,
    tries: usize,
    k: usize,
) -> Option<String> {
    if col.nullable && tries == 1 {
        return None;
    }
    let fits = |l: &String| {
        if col.ty.kind == TypeKind::Enum || col.ty.array_dims > 0 {
            return col.ty.kind == TypeKind::Enum;
        }
        match kind_of(&col.ty.base) {
            Kind::Number => l.parse::<f64>().is_ok(),
            Kind::Text => true,
            Kind::Other => false,
        }
    };
    let own: Vec<String> = own_literals(table, col).into_iter().filter(fits).collect();
    let candidates: Vec<String> = if own.is_empty() || mentioned == 1 {
        literals(expr).into_iter().filter(fits).collect()
    } else {
        own
    };
    if candidates.is_empty() {
        return value(col, schema, i, tries * (k + 1))
            .filter(|_| !col.nullable || tries.is_multiple_of(2));
    }
    candidates
        .get((i + tries * (k + 1)) % candidates.len())
        .cloned()
}

enum Kind {
    Number,
    Text,
    Other,
}

fn kind_of(base: &str) -> Kind {
    let b = base.to_ascii_lowercase();
    let b = b.split('(').next().unwrap_or_default().trim().to_string();
    match b.as_str() {
        "smallint" | "integer" | "bigint" | "numeric" | "decimal" | "real" | "double precision"
        | "money" => Kind::Number,
        "text" | "citext" | "varchar" | "name" => Kind::Text,
        b if b.starts_with("character") => Kind::Text,
        _ => Kind::Other,
    }
}

/// The literals of the checks that mention `col` and no other column.
fn own_literals(table: &Table, col: &Column) -> Vec<String> {
    let mut out = Vec::new();
    for c in &table.constraints {
        if let ConstraintKind::Check { expr, .. } = &c.kind
            && mentions(expr, col.name.as_str())
            && !table
                .columns
                .iter()
                .any(|o| o.name != col.name && mentions(expr, o.name.as_str()))
        {
            out.extend(literals(expr));
        }
    }
    out
}

/// Whether `expr` mentions the column `name` (as a word, outside quotes).
fn mentions(expr: &str, name: &str) -> bool {
    let mut bare = String::with_capacity(expr.len());
    let mut quoted = false;
    for c in expr.chars() {
        if c == '\'' {
            quoted = !quoted;
            bare.push(' ');
        } else {
            bare.push(if quoted { ' ' } else { c });
        }
    }
    let expr = bare.as_str();
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    expr.match_indices(name).any(|(at, _)| {
        let before = expr[..at].chars().next_back();
        let after = expr[at + name.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

fn seed_table(
    client: &mut Client,
    schema: &Schema,
    table: &Table,
    per_table: usize,
    parents: &HashMap<Ident, Vec<HashMap<Ident, Option<String>>>>,
) -> (u64, Option<String>) {
    let fks = foreign_keys(table);
    let fk_columns: Vec<&Ident> = fks.iter().flat_map(|(c, _, _)| c.iter()).collect();
    let key_columns: Vec<Ident> = leaves(table)
        .into_iter()
        .flatten()
        .map(|(c, _)| c)
        .collect();
    let mut provided: Vec<&Column> = table
        .columns
        .iter()
        .filter(|c| c.generated.is_none() && c.identity.is_none())
        .filter(|c| {
            c.default.is_none() || fk_columns.contains(&&c.name) || key_columns.contains(&c.name)
        })
        .collect();
    let routes = leaves(table);
    let target = format!(
        "{}.{}",
        quote_ident(schema.name.as_str()),
        quote_ident(table.name.as_str())
    );
    // Most tables take their plain rows as they are: one statement for all.
    let plain: Result<Vec<_>, String> = (0..per_table)
        .map(|i| {
            row(
                schema,
                table,
                &fks,
                parents,
                &routes,
                &provided,
                i,
                0,
                &HashMap::new(),
                false,
            )
        })
        .collect();
    if let Ok(rows) = plain
        && let Some(first) = rows.first()
        && !first.is_empty()
    {
        let sql = format!(
            "INSERT INTO {target} ({}) VALUES {}",
            first
                .iter()
                .map(|(c, _)| quote_ident(c.as_str()))
                .collect::<Vec<_>>()
                .join(", "),
            rows.iter()
                .map(|r| format!("({})", literals_of(r)))
                .collect::<Vec<_>>()
                .join(", ")
        );
        if client.batch_execute(&sql).is_ok() {
            return (rows.len() as u64, None);
        }
    }
    let mut inserted = 0;
    let mut why: Option<String> = None;
    for i in 0..per_table {
        let mut salt = 0;
        let mut overrides: HashMap<Ident, Option<String>> = HashMap::new();
        let mut nulled = false;
        let mut tried: HashMap<String, usize> = HashMap::new();
        for _ in 0..16 {
            let row = match row(
                schema, table, &fks, parents, &routes, &provided, i, salt, &overrides, nulled,
            ) {
                Ok(r) => r,
                Err(e) => {
                    why = Some(e);
                    break;
                }
            };
            let sql = if row.is_empty() {
                format!("INSERT INTO {target} DEFAULT VALUES")
            } else {
                format!(
                    "INSERT INTO {target} ({}) VALUES ({})",
                    row.iter()
                        .map(|(c, _)| quote_ident(c.as_str()))
                        .collect::<Vec<_>>()
                        .join(", "),
                    literals_of(&row)
                )
            };
            let Err(e) = client.batch_execute(&sql) else {
                inserted += 1;
                break;
            };
            let Some(db) = e.as_db_error() else {
                why = Some(e.to_string());
                break;
            };
            why = Some(db.message().to_string());
            match db.code().code() {
                // check_violation: try the literals the check compares with.
                "23514" => {
                    let expr = db.constraint().and_then(|name| {
                        table.constraints.iter().find_map(|c| match &c.kind {
                            ConstraintKind::Check { expr, .. } if c.name == name => {
                                Some(expr.clone())
                            }
                            _ => None,
                        })
                    });
                    let Some(expr) = expr else {
                        salt += 7;
                        continue;
                    };
                    // A column left to its default may be what the check is about.
                    for c in table.columns.iter().filter(|c| {
                        c.generated.is_none()
                            && c.identity.is_none()
                            && mentions(&expr, c.name.as_str())
                    }) {
                        if !provided.iter().any(|p| p.name == c.name) {
                            provided.push(c);
                        }
                    }
                    let mentioned: Vec<&Column> = provided
                        .iter()
                        .copied()
                        .filter(|c| mentions(&expr, c.name.as_str()))
                        .collect();
                    let tries = tried.entry(expr.clone()).or_insert(0);
                    *tries += 1;
                    for (k, c) in mentioned.iter().enumerate() {
                        overrides.insert(
                            c.name.clone(),
                            candidate(schema, table, c, &expr, mentioned.len(), i, *tries, k),
                        );
                    }
                }
                // unique_violation: other values (and another referenced row).
                "23505" => salt += 1,
                // not_null_violation on a column left to its default.
                "23502" => {
                    let missing = db
                        .column()
                        .and_then(|n| table.columns.iter().find(|c| c.name == n));
                    match missing {
                        Some(c) if !provided.iter().any(|p| p.name == c.name) => provided.push(c),
                        _ => break,
                    }
                }
                // foreign_key_violation, a trigger refusing, …: plainer values once.
                _ if !nulled => nulled = true,
                _ => break,
            }
        }
    }
    (inserted, why)
}

/// A row's values as SQL literals, NULL for none.
fn literals_of(row: &[(Ident, Option<String>)]) -> String {
    row.iter()
        .map(|(_, v)| v.as_deref().map_or("NULL".to_string(), quote_literal))
        .collect::<Vec<_>>()
        .join(", ")
}

#[allow(clippy::too_many_arguments)]
fn row(
    schema: &Schema,
    table: &Table,
    fks: &[(&[Ident], &Ident, &[Ident])],
    parents: &HashMap<Ident, Vec<HashMap<Ident, Option<String>>>>,
    routes: &[Vec<(Ident, String)>],
    provided: &[&Column],
    i: usize,
    salt: usize,
    overrides: &HashMap<Ident, Option<String>>,
    nulled: bool,
) -> Result<Vec<(Ident, Option<String>)>, String> {
    let mut assigned: HashMap<Ident, Option<String>> = HashMap::new();
    let nullable = |c: &Ident| table.column(c.as_str()).is_some_and(|c| c.nullable);
    for (cols, target, ref_cols) in fks {
        let rows = parents.get(*target).map(Vec::as_slice).unwrap_or_default();
        let fits = |r: &HashMap<Ident, Option<String>>| {
            cols.iter().zip(ref_cols.iter()).all(|(c, rc)| {
                assigned
                    .get(c)
                    .is_none_or(|v| r.get(rc).is_some_and(|x| x == v))
            })
        };
        let chosen = (0..rows.len())
            .map(|k| &rows[(i + salt + k) % rows.len()])
            .find(|r| fits(r));
        match chosen {
            Some(r) => {
                for (c, rc) in cols.iter().zip(ref_cols.iter()) {
                    assigned
                        .entry(c.clone())
                        .or_insert_with(|| r.get(rc).cloned().flatten());
                }
            }
            None if cols.iter().all(&nullable) => {
                for c in cols.iter() {
                    assigned.entry(c.clone()).or_insert(None);
                }
            }
            None => {
                return Err(format!(
                    "no row of `{target}` to reference{}",
                    if rows.is_empty() {
                        " (it has none)"
                    } else {
                        ""
                    }
                ));
            }
        }
    }
    if let Some(route) = (!routes.is_empty()).then(|| &routes[i % routes.len()]) {
        for (c, v) in route {
            assigned.entry(c.clone()).or_insert_with(|| Some(v.clone()));
        }
    }
    let mut out = Vec::new();
    for c in provided {
        let v = if let Some(v) = overrides.get(&c.name) {
            v.clone()
        } else if let Some(v) = assigned.get(&c.name) {
            v.clone()
        } else if nulled && c.nullable {
            None
        } else {
            value(c, schema, i, salt)
        };
        out.push((c.name.clone(), v));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn check_literals_are_candidates() {
        assert_eq!(
            literals("(status = ANY (ARRAY['open'::text, 'it''s'::text])) AND (n >= 10)"),
            vec!["open", "it's", "10"]
        );
        assert!(literals("col_2 > x1").is_empty());
    }

    #[test]
    fn text_values_are_words() {
        assert_eq!(letters(0), "a");
        assert_eq!(letters(27), "bb");
    }

    #[test]
    fn columns_are_mentioned_as_words() {
        assert!(mentions("(status <> 'x')", "status"));
        assert!(!mentions("(old_status <> 'x')", "status"));
        assert!(!mentions("(status = 'received')", "received"));
    }
}
