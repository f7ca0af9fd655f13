//! Names of what PostgreSQL clones onto partitions: an index (or the index
//! of a primary key, unique or exclusion constraint) and a foreign key of a
//! parent exist again on every partition, under names the server chooses.
//! This is the one function that predicts them, used for fresh builds (the
//! loader records the names in the model) and migrations alike (which name
//! the indexes they build on partitions the same way), so a migrated
//! database and a fresh one agree, and `plan --db` can compare them.
//!
//! An index cloned onto a partition is named like `CREATE INDEX` without a
//! name: `<partition>_<columns>_<label>` (`pkey`, `key`, `excl`, `idx`), the
//! columns being the parent index's column names — key and INCLUDE columns,
//! an expression named after its function (`lower`), cast type or `expr`,
//! a repeated name numbered — both parts shortened to 63 bytes the server's
//! way, and a number appended to the label while the name is taken. A
//! cloned foreign key keeps its parent's name unless the partition already
//! has a constraint of that name.

use std::collections::HashSet;

use super::*;

const NAMEDATALEN: usize = 64;

/// `makeObjectName`: `name1_name2_label` in at most 63 bytes, cutting the
/// longer of the two names first.
pub fn object_name(name1: &str, name2: Option<&str>, label: &str) -> String {
    let mut overhead = label.len() + 1;
    if name2.is_some() {
        overhead += 1;
    }
    let avail = (NAMEDATALEN - 1).saturating_sub(overhead);
    let (mut n1, mut n2) = (name1.len(), name2.map_or(0, str::len));
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let mut out = clip(name1, n1).to_string();
    if let Some(n) = name2 {
        out.push('_');
        out.push_str(clip(n, n2));
    }
    out.push('_');
    out.push_str(label);
    out
}

/// The longest prefix of `s` within `bytes` that ends on a character boundary.
fn clip(s: &str, bytes: usize) -> &str {
    let mut end = bytes.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// `ChooseIndexColumnNames` + `ChooseIndexNameAddition`: each key and
/// included column by name, an expression by [`expression_name`], a number
/// appended to a repeated name, joined by `_`.
fn column_part(keys: &[KeyExpr], include: &[Ident]) -> String {
    let mut names: Vec<String> = Vec::new();
    let originals: Vec<String> = keys
        .iter()
        .map(|k| match k {
            KeyExpr::Column(c) => c.to_string(),
            KeyExpr::Expr(e) => expression_name(e).unwrap_or_else(|| "expr".into()),
        })
        .chain(include.iter().map(Ident::to_string))
        .collect();
    for original in &originals {
        let original = original.as_str();
        let mut name = original.to_string();
        let mut n = 1;
        while names.contains(&name) {
            let suffix = n.to_string();
            name = format!("{}{suffix}", clip(original, NAMEDATALEN - 1 - suffix.len()));
            n += 1;
        }
        names.push(name);
    }
    let mut out = String::new();
    for n in names {
        if !out.is_empty() {
            out.push('_');
        }
        out.push_str(&n);
        if out.len() >= NAMEDATALEN {
            break;
        }
    }
    out
}

/// `FigureIndexColname`: what PostgreSQL calls an index expression — the
/// name of the function it calls, of the column it reads, of the type it is
/// cast to when nothing better is found, `case`, `array`; `None` for
/// anything else (an operator, a comparison), which it calls `expr`.
pub fn expression_name(expr: &str) -> Option<String> {
    let mut e = expr.trim();
    // Outer parentheses around the whole expression.
    while e.starts_with('(') && closing(e, 0) == Some(e.len() - 1) {
        e = e[1..e.len() - 1].trim();
    }
    // Trailing casts bind tightest: `lower(x)::text` is named by its argument,
    // and after it by the type.
    let mut cast: Option<&str> = None;
    // `x COLLATE "C"` is named by `x`.
    let folded = e.to_ascii_lowercase();
    if let Some(at) = last_top_level(&folded, " collate ") {
        e = e[..at].trim();
    }
    while let Some(at) = last_top_level(e, "::") {
        cast.get_or_insert(e[at + 2..].trim());
        e = e[..at].trim();
        while e.starts_with('(') && closing(e, 0) == Some(e.len() - 1) {
            e = e[1..e.len() - 1].trim();
        }
    }
    let named = inner_name(e);
    named.or_else(|| cast.map(type_name))
}

/// The name of a function call, column reference, `CASE` or `ARRAY[…]`.
fn inner_name(e: &str) -> Option<String> {
    let lower = e.to_ascii_lowercase();
    if lower.starts_with("case") && lower.ends_with("end") {
        return Some("case".into());
    }
    if lower.starts_with("array[") {
        return Some("array".into());
    }
    let ident_end = e
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_' || *c == '.' || *c == '"' || *c == '$'))
        .map_or(e.len(), |(i, _)| i);
    let (head, rest) = e.split_at(ident_end);
    let rest = rest.trim_start();
    let last = head.rsplit('.').next().unwrap_or(head);
    let name = match last.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
        Some(q) => q.to_string(),
        None => last.to_ascii_lowercase(),
    };
    if name.is_empty() {
        return None;
    }
    if rest.is_empty() {
        return Some(name);
    }
    let open = e.len() - rest.len();
    (rest.starts_with('(') && closing(e, open) == Some(e.len() - 1)).then_some(name)
}

/// The name PostgreSQL gives a type in a cast (`integer` is `int4`).
fn type_name(t: &str) -> String {
    let base = t.split('(').next().unwrap_or(t).trim().to_ascii_lowercase();
    let base = base.trim_end_matches("[]").trim();
    match base {
        "int" | "integer" => "int4",
        "smallint" => "int2",
        "bigint" => "int8",
        "real" => "float4",
        "double precision" | "float" => "float8",
        "boolean" => "bool",
        "character varying" => "varchar",
        "character" | "char" => "bpchar",
        "timestamp with time zone" => "timestamptz",
        "timestamp without time zone" | "timestamp" => "timestamp",
        "time with time zone" => "timetz",
        "time without time zone" => "time",
        "decimal" => "numeric",
        other => other.rsplit('.').next().unwrap_or(other),
    }
    .to_string()
}

/// Where the parenthesis opening at `open` closes, skipping strings.
fn closing(s: &str, open: usize) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (i, c) in s[open..].char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => {
                depth -= 1;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// The last occurrence of `op` outside parentheses and strings.
fn last_top_level(s: &str, op: &str) -> Option<usize> {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    let mut found = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '[') => depth += 1,
            (None, ')' | ']') => depth -= 1,
            _ if depth == 0 && s[i..].starts_with(op) => found = Some(i),
            _ => {}
        }
    }
    found
}

/// What a parent's index or key looks like to the naming rule.
pub struct Source<'a> {
    pub keys: Vec<KeyExpr>,
    pub include: &'a [Ident],
    pub label: &'static str,
}

impl<'a> Source<'a> {
    pub fn of_index(i: &'a Index) -> Source<'a> {
        Source {
            keys: i.keys.iter().map(|k| k.expr.clone()).collect(),
            include: &i.include,
            label: "idx",
        }
    }

    /// The index a key constraint builds; `None` for constraints without one.
    pub fn of_constraint(c: &'a Constraint) -> Option<Source<'a>> {
        let columns = |cols: &[Ident]| cols.iter().cloned().map(KeyExpr::Column).collect();
        Some(match &c.kind {
            ConstraintKind::PrimaryKey { .. } => Source {
                keys: Vec::new(),
                include: &[],
                label: "pkey",
            },
            ConstraintKind::Unique { columns: cols, .. } => Source {
                keys: columns(cols),
                include: &[],
                label: "key",
            },
            ConstraintKind::Exclude { elements, .. } => Source {
                keys: elements.iter().map(|e| e.key.expr.clone()).collect(),
                include: &[],
                label: "excl",
            },
            _ => return None,
        })
    }
}

/// `ChooseRelationName`: the name PostgreSQL gives the clone of `source` on
/// partition `partition`, avoiding (and recording in) `taken`.
pub fn index_name(partition: &str, source: &Source, taken: &mut HashSet<String>) -> Ident {
    let columns = (source.label != "pkey").then(|| column_part(&source.keys, source.include));
    let mut label = source.label.to_string();
    let mut pass = 0;
    loop {
        let name = object_name(partition, columns.as_deref(), &label);
        if taken.insert(name.clone()) {
            return Ident::new(name);
        }
        pass += 1;
        label = format!("{}{pass}", source.label);
    }
}

/// Record on every partition of `table` (at any depth) the names PostgreSQL
/// gives the clones of the parent's indexes, key constraints and foreign
/// keys, in the order it creates them: key constraints, then indexes.
/// `taken` holds every relation and constraint name of the schema.
pub fn assign(table: &mut Table, taken: &mut HashSet<String>) {
    let mut sources: Vec<(Ident, Source, bool)> = Vec::new();
    for c in &table.constraints {
        if let Some(s) = Source::of_constraint(c) {
            sources.push((c.name.clone(), s, false));
        }
    }
    for i in &table.indexes {
        sources.push((i.name.clone(), Source::of_index(i), false));
    }
    let foreign_keys: Vec<Ident> = table
        .constraints
        .iter()
        .filter(|c| matches!(c.kind, ConstraintKind::ForeignKey { .. }))
        .map(|c| c.name.clone())
        .collect();
    let parent: Vec<(Ident, &Source)> = sources.iter().map(|(n, s, _)| (n.clone(), s)).collect();
    name_children(&mut table.partitions, &parent, &foreign_keys, taken);
}

fn name_children(
    partitions: &mut [Partition],
    sources: &[(Ident, &Source)],
    foreign_keys: &[Ident],
    taken: &mut HashSet<String>,
) {
    for p in partitions {
        p.clones.clear();
        let mut mine: Vec<(Ident, &Source)> = Vec::new();
        for (of, s) in sources {
            let name = index_name(p.name.as_str(), s, taken);
            p.clones.push(ClonedName {
                of: of.clone(),
                name: name.clone(),
                constraint: false,
            });
            mine.push((name, *s));
        }
        for fk in foreign_keys {
            p.clones.push(ClonedName {
                of: fk.clone(),
                name: fk.clone(),
                constraint: true,
            });
        }
        name_children(&mut p.partitions, &mine, foreign_keys, taken);
    }
}

/// Every relation and constraint name a schema holds, cloned names aside:
/// what a cloned index's name must not collide with.
pub fn taken_names(schema: &Schema) -> HashSet<String> {
    let mut taken = HashSet::new();
    for t in &schema.tables {
        taken.insert(t.name.to_string());
        for p in t.all_partitions() {
            taken.insert(p.name.to_string());
            taken.extend(p.constraints.iter().map(|c| c.name.to_string()));
            taken.extend(p.indexes.iter().map(|i| i.name.to_string()));
        }
        for c in &t.constraints {
            taken.insert(c.name.to_string());
        }
        for i in &t.indexes {
            taken.insert(i.name.to_string());
        }
        for c in &t.columns {
            if c.identity.is_some() {
                taken.insert(object_name(t.name.as_str(), Some(c.name.as_str()), "seq"));
            }
        }
    }
    for v in &schema.views {
        taken.insert(v.name.to_string());
        for i in &v.indexes {
            taken.insert(i.name.to_string());
        }
    }
    taken
}

/// Name the clones of every partitioned table of `schema`.
pub fn assign_all(schema: &mut Schema) {
    let mut taken = taken_names(schema);
    for t in &mut schema.tables {
        if t.partitioning.is_some() {
            assign(t, &mut taken);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_postgres() {
        let mut taken = HashSet::new();
        let pk = Source {
            keys: Vec::new(),
            include: &[],
            label: "pkey",
        };
        assert_eq!(
            index_name("events_2025_01", &pk, &mut taken).as_str(),
            "events_2025_01_pkey"
        );
        let include = [Ident::new("score")];
        let idx = Source {
            keys: vec![
                KeyExpr::Column(Ident::new("tenant_id")),
                KeyExpr::Expr("lower(email)".into()),
                KeyExpr::Expr("upper(email)".into()),
            ],
            include: &include,
            label: "idx",
        };
        assert_eq!(
            index_name("leads_p0", &idx, &mut taken).as_str(),
            "leads_p0_tenant_id_lower_upper_score_idx"
        );
        assert_eq!(
            index_name("leads_p0", &idx, &mut taken).as_str(),
            "leads_p0_tenant_id_lower_upper_score_idx1"
        );
    }

    #[test]
    fn expressions_are_named_as_postgres_names_them() {
        let name = |e: &str| expression_name(e);
        assert_eq!(name("lower(email)").as_deref(), Some("lower"));
        assert_eq!(name("(public.f(a, b))").as_deref(), Some("f"));
        assert_eq!(name("lower(email)::text").as_deref(), Some("lower"));
        assert_eq!(name("(a || b)::text").as_deref(), Some("text"));
        assert_eq!(name("created::date").as_deref(), Some("created"));
        assert_eq!(name("(x + 1)::integer").as_deref(), Some("int4"));
        assert_eq!(name("a + b"), None);
        assert_eq!(name("metadata->>'kind'"), None);
        assert_eq!(name("CASE WHEN a THEN 1 END").as_deref(), Some("case"));
        assert_eq!(name("b COLLATE \"C\"").as_deref(), Some("b"));
        assert_eq!(name("(a + 1)::bigint").as_deref(), Some("int8"));
        assert_eq!(
            name("date_trunc('day', created)").as_deref(),
            Some("date_trunc")
        );
    }

    #[test]
    fn long_names_lose_bytes_from_the_longer_part() {
        let name = object_name(&"p".repeat(40), Some(&"c".repeat(30)), "idx");
        assert_eq!(name.len(), 63);
        assert_eq!(name, format!("{}_{}_idx", "p".repeat(29), "c".repeat(29)));
        let short = object_name("jobs_2025_01_analytics", Some("labels"), "idx");
        assert_eq!(short, "jobs_2025_01_analytics_labels_idx");
    }
}
