//! SQL written in the YAML, read with PostgreSQL's own grammar (libpg_query
//! through the `pg_query` crate): an expression (default, check, generated
//! column, index key or predicate, policy clause) or a view's query in, its
//! parse tree out, with the facts the rules need — column references,
//! function names, subqueries, a constant at the top. What this module
//! accepts as syntax is what the server's parser accepts.

use serde_json::Value;

/// A column reference: `name`, or `qualifier.name`; `name` is `*` for
/// `t.*`. Longer paths (`schema.table.column`) keep their last two parts
/// and set `long`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnRef {
    pub qualifier: Option<String>,
    pub name: String,
    pub long: bool,
}

/// A constant as written: the top of an expression or one side of a
/// comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Const {
    Int,
    Float,
    Bool,
    Null,
    Str(String),
}

/// A parsed expression or query.
#[derive(Debug)]
pub struct Sql {
    /// The expression node (for an expression) or the SelectStmt (a query).
    root: Value,
}

/// Why text is not an expression or a query PostgreSQL would take.
pub type Error = String;

fn parse_tree(text: &str) -> Result<Value, Error> {
    let parsed = pg_query::parse(text).map_err(|e| match e {
        pg_query::Error::Parse(m) | pg_query::Error::Scan(m) => m,
        pg_query::Error::Conversion(_) => "holds a NUL character".into(),
        other => other.to_string(),
    })?;
    serde_json::to_value(&parsed.protobuf).map_err(|e| e.to_string())
}

fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// The one statement of a tree, if it is a SELECT.
fn select(tree: &Value) -> Result<&Value, Error> {
    let stmts = tree["stmts"].as_array().map(Vec::as_slice).unwrap_or(&[]);
    match stmts {
        [one] => match one["stmt"]["node"].get("SelectStmt") {
            Some(s) => Ok(s),
            None => Err("is not a SELECT".into()),
        },
        [] => Err("is empty".into()),
        _ => Err("holds more than one statement".into()),
    }
}

/// Lexical checks the grammar does not make: a `--` comment that would
/// swallow the rest of the generated line, and (before PostgreSQL 16)
/// digits grouped with `_`.
fn lexical(text: &str, postgres: u32) -> Result<(), Error> {
    let Ok(scan) = pg_query::scan(text) else {
        return Ok(());
    };
    for t in &scan.tokens {
        let (start, end) = (t.start.max(0) as usize, t.end.max(0) as usize);
        let slice = text.get(start..end).unwrap_or_default();
        let kind = pg_query::protobuf::Token::try_from(t.token).ok();
        match kind {
            Some(pg_query::protobuf::Token::SqlComment)
                if !text[end.min(text.len())..].starts_with(['\n', '\r']) =>
            {
                return Err(
                    "ends in a `--` comment, which would swallow the rest of the generated SQL line; use `/* … */`"
                        .into(),
                );
            }
            Some(pg_query::protobuf::Token::Iconst | pg_query::protobuf::Token::Fconst)
                if postgres < 16 && slice.contains('_') =>
            {
                return Err(format!(
                    "writes the number `{slice}` with `_`, which PostgreSQL {postgres} does not read (16 and newer do); write it without `_`"
                ));
            }
            _ => {}
        }
    }
    Ok(())
}

/// Expressions parsed so far, by text and PostgreSQL version.
type Memo = std::collections::HashMap<(String, u32), Result<std::rc::Rc<Sql>, Error>>;

thread_local! {
    /// Expressions already parsed on this thread: several rules read each one.
    static PARSED: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::new());
}

/// Parse a single SQL expression (remembered per thread, so the rules that
/// each read it parse it once).
pub fn expression(text: &str, postgres: u32) -> Result<std::rc::Rc<Sql>, Error> {
    let key = (text.to_string(), postgres);
    if let Some(hit) = PARSED.with(|m| m.borrow().get(&key).cloned()) {
        return hit;
    }
    let parsed = parse_expression(text, postgres).map(std::rc::Rc::new);
    PARSED.with(|m| {
        let mut m = m.borrow_mut();
        if m.len() > 50_000 {
            m.clear();
        }
        m.insert(key, parsed.clone());
    });
    parsed
}

fn parse_expression(text: &str, postgres: u32) -> Result<Sql, Error> {
    if text.trim().is_empty() {
        return Err("is empty".into());
    }
    lexical(text, postgres)?;
    let tree = parse_tree(&format!("SELECT {text}"))?;
    let s = select(&tree)?;
    let targets = s["target_list"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let clauses = [
        "distinct_clause",
        "into_clause",
        "from_clause",
        "where_clause",
        "group_clause",
        "having_clause",
        "window_clause",
        "values_lists",
        "sort_clause",
        "limit_offset",
        "limit_count",
        "locking_clause",
        "with_clause",
    ];
    let single =
        s["op"].as_i64() == Some(1) && clauses.iter().all(|c| empty(&s[*c])) && targets.len() == 1;
    let target = &targets.first().map(|t| &t["node"]["ResTarget"]);
    match target {
        Some(t) if single && t["name"].as_str().unwrap_or_default().is_empty() => Ok(Sql {
            root: t["val"].clone(),
        }),
        _ => Err("is not a single expression".into()),
    }
}

/// Parse a view's query: one SELECT (or VALUES, or a set operation).
pub fn query(text: &str, postgres: u32) -> Result<Sql, Error> {
    if text.trim().is_empty() {
        return Err("is empty".into());
    }
    lexical(text, postgres)?;
    let tree = parse_tree(text)?;
    let s = select(&tree)?;
    if !empty(&s["into_clause"]) {
        return Err("selects INTO a table; a view's query only reads".into());
    }
    Ok(Sql { root: s.clone() })
}

/// Visit every node (`{"TypeName": {...}}`) below `v`.
fn walk<'a>(v: &'a Value, f: &mut impl FnMut(&'a str, &'a Value)) {
    match v {
        Value::Object(m) => {
            for (k, val) in m {
                if k.starts_with(|c: char| c.is_ascii_uppercase()) {
                    f(k, val);
                }
                walk(val, f);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| walk(x, f)),
        _ => {}
    }
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|a| {
            a.iter()
                .map(|n| match n["node"].get("String") {
                    Some(s) => s["sval"].as_str().unwrap_or_default().to_string(),
                    None => "*".to_string(),
                })
                .collect()
        })
        .unwrap_or_default()
}

fn column_ref(node: &Value) -> Option<ColumnRef> {
    let parts = names(&node["fields"]);
    match parts.as_slice() {
        [] => None,
        [name] => Some(ColumnRef {
            qualifier: None,
            name: name.clone(),
            long: false,
        }),
        [.., q, name] => Some(ColumnRef {
            qualifier: Some(q.clone()),
            name: name.clone(),
            long: parts.len() > 2,
        }),
    }
}

fn constant(node: &Value) -> Option<Const> {
    let c = node.get("AConst")?;
    if c["isnull"].as_bool() == Some(true) {
        return Some(Const::Null);
    }
    let v = &c["val"];
    Some(if v.get("Ival").is_some() {
        Const::Int
    } else if v.get("Fval").is_some() {
        Const::Float
    } else if v.get("Boolval").is_some() {
        Const::Bool
    } else if let Some(s) = v.get("Sval") {
        Const::Str(s["sval"].as_str().unwrap_or_default().to_string())
    } else {
        return None;
    })
}

/// The value a `SQLValueFunction` stands for, as a function name.
fn value_function(op: i64) -> &'static str {
    match op {
        1 => "current_date",
        2 | 3 => "current_time",
        4 | 5 => "current_timestamp",
        6 | 7 => "localtime",
        8 | 9 => "localtimestamp",
        _ => "current_user",
    }
}

impl Sql {
    /// Every column reference, in order of appearance.
    pub fn column_refs(&self) -> Vec<ColumnRef> {
        let mut out = Vec::new();
        walk(&self.root, &mut |k, v| {
            if k == "ColumnRef"
                && let Some(c) = column_ref(v)
            {
                out.push(c);
            }
        });
        out
    }

    /// Whether the SQL holds a subquery (`exists (select …)`, `x in (select …)`).
    pub fn has_subquery(&self) -> bool {
        let mut found = false;
        walk(&self.root, &mut |k, _| found |= k == "SubLink");
        found
    }

    /// Whether any of these node kinds occurs.
    fn has(&self, kinds: &[&str]) -> bool {
        let mut found = false;
        walk(&self.root, &mut |k, _| found |= kinds.contains(&k));
        found
    }

    /// The top of the expression as a constant, if it is one.
    pub fn top_constant(&self) -> Option<Const> {
        constant(&self.root["node"])
    }

    /// The operator at the top of the expression when it is one of the
    /// arithmetic or concatenation operators, which yield no boolean on
    /// any built-in type (`2025-13`, `a || b`).
    pub fn top_arithmetic(&self) -> Option<String> {
        let v = self.root["node"].get("AExpr")?;
        if v["kind"].as_i64().unwrap_or(0) != 1 {
            return None;
        }
        let op = names(&v["name"]).pop()?;
        matches!(op.as_str(), "+" | "-" | "*" | "/" | "%" | "^" | "||").then_some(op)
    }

    /// The function called at the top of the expression (lower case, no
    /// schema), including `current_timestamp` and its kin.
    pub fn top_function(&self) -> Option<String> {
        let node = &self.root["node"];
        if let Some(f) = node.get("FuncCall") {
            return names(&f["funcname"]).pop().map(|n| n.to_ascii_lowercase());
        }
        node.get("SqlvalueFunction")
            .map(|f| value_function(f["op"].as_i64().unwrap_or(0)).to_string())
    }

    /// `column OP constant` comparisons anywhere in the expression (also
    /// `IN (…)` and `BETWEEN … AND …` lists, and `constant OP column`).
    pub fn comparisons(&self) -> Vec<(ColumnRef, Const)> {
        let mut out = Vec::new();
        walk(&self.root, &mut |k, v| {
            if k != "AExpr" {
                return;
            }
            let kind = v["kind"].as_i64().unwrap_or(0);
            let op = names(&v["name"]).pop().unwrap_or_default();
            let comparison = matches!(op.as_str(), "=" | "<>" | "!=" | "<" | ">" | "<=" | ">=");
            let listed = matches!(kind, 7 | 11..=14);
            if !(listed || (kind == 1 && comparison)) {
                return;
            }
            let side = |s: &Value| s["node"].get("ColumnRef").and_then(column_ref);
            let (col, other) = match (side(&v["lexpr"]), side(&v["rexpr"])) {
                (Some(c), None) => (c, &v["rexpr"]["node"]),
                (None, Some(c)) if kind == 1 => (c, &v["lexpr"]["node"]),
                _ => return,
            };
            match other.get("List") {
                Some(l) => {
                    for item in l["items"].as_array().map(Vec::as_slice).unwrap_or(&[]) {
                        if let Some(c) = constant(&item["node"]) {
                            out.push((col.clone(), c));
                        }
                    }
                }
                None => {
                    if let Some(c) = constant(other) {
                        out.push((col, c));
                    }
                }
            }
        });
        out
    }

    /// The relations a query reads in its FROM clauses, as `(name,
    /// alias)`, when that is all it reads: `None` when it also reads from
    /// subqueries, functions, CTEs or set operations, whose columns are not
    /// known without the server.
    pub fn plain_sources(&self) -> Option<Vec<(String, Option<String>, String)>> {
        if !empty(&self.root["with_clause"])
            || self.root["op"].as_i64() != Some(1)
            || self.has(&[
                "RangeSubselect",
                "RangeFunction",
                "RangeTableFunc",
                "RangeTableSample",
                "SubLink",
                "CommonTableExpr",
                "JsonTable",
            ])
        {
            return None;
        }
        let mut out = Vec::new();
        walk(&self.root, &mut |k, v| {
            if k == "RangeVar" {
                let alias = v["alias"]["aliasname"]
                    .as_str()
                    .filter(|a| !a.is_empty())
                    .map(String::from);
                out.push((
                    v["relname"].as_str().unwrap_or_default().to_string(),
                    alias,
                    v["schemaname"].as_str().unwrap_or_default().to_string(),
                ));
            }
        });
        Some(out)
    }

    /// The names of a query's output columns as PostgreSQL assigns them (an
    /// alias, else the column's or function's name, else `?column?`);
    /// `None` when one is `*` and so not known without the catalog.
    pub fn output_columns(&self) -> Option<Vec<String>> {
        fn name_of(node: &Value) -> Option<String> {
            if let Some(c) = node.get("ColumnRef") {
                let parts = names(&c["fields"]);
                return match parts.last() {
                    Some(n) if n == "*" => None,
                    Some(n) => Some(n.clone()),
                    None => Some("?column?".into()),
                };
            }
            if let Some(f) = node.get("FuncCall") {
                return names(&f["funcname"]).pop().or(Some("?column?".into()));
            }
            if let Some(t) = node.get("TypeCast") {
                return match name_of(&t["arg"]["node"]) {
                    Some(n) if n != "?column?" => Some(n),
                    _ => names(&t["type_name"]["names"]).pop(),
                };
            }
            Some("?column?".into())
        }
        let targets = self.root["target_list"].as_array()?;
        let mut out = Vec::new();
        for t in targets {
            let rt = &t["node"]["ResTarget"];
            match rt["name"].as_str() {
                Some(n) if !n.is_empty() => out.push(n.to_string()),
                _ => out.push(name_of(&rt["val"]["node"])?),
            }
        }
        Some(out)
    }

    /// Every function called (lower case, no schema), including
    /// `current_timestamp` and its kin.
    pub fn functions(&self) -> Vec<String> {
        let mut out = Vec::new();
        walk(&self.root, &mut |k, v| {
            if k == "FuncCall" {
                if let Some(n) = names(&v["funcname"]).pop() {
                    out.push(n.to_ascii_lowercase());
                }
            } else if k == "SqlvalueFunction" {
                out.push(value_function(v["op"].as_i64().unwrap_or(0)).to_string());
            }
        });
        out
    }

    /// Every function called, as written: `(schema, name)` with the schema
    /// when the call names one (identifiers already folded by the parser).
    pub fn calls(&self) -> Vec<(Option<String>, String)> {
        let mut out = Vec::new();
        walk(&self.root, &mut |k, v| {
            if k == "FuncCall" {
                let mut parts = names(&v["funcname"]);
                if let Some(n) = parts.pop() {
                    out.push((parts.pop(), n));
                }
            }
        });
        out
    }

    /// Every relation named anywhere (FROM clauses of the query and of its
    /// subqueries) as `(schema, name)`, and the names of its CTEs.
    pub fn relations(&self) -> (Vec<(String, String)>, Vec<String>) {
        let (mut rels, mut ctes) = (Vec::new(), Vec::new());
        walk(&self.root, &mut |k, v| {
            if k == "RangeVar" {
                rels.push((
                    v["schemaname"].as_str().unwrap_or_default().to_string(),
                    v["relname"].as_str().unwrap_or_default().to_string(),
                ));
            } else if k == "CommonTableExpr" {
                ctes.push(v["ctename"].as_str().unwrap_or_default().to_string());
            }
        });
        (rels, ctes)
    }

    /// Output column names a query gives itself (`count(*) AS n`).
    pub fn output_names(&self) -> Vec<String> {
        self.root["target_list"]
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|t| t["node"]["ResTarget"]["name"].as_str())
                    .filter(|n| !n.is_empty())
                    .map(String::from)
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expressions_are_read_with_the_real_grammar() {
        assert!(expression("status in ('a', 'b')", 15).is_ok());
        assert!(expression("now() - interval '1 day'", 15).is_ok());
        assert!(expression("a >= 0 AND b", 15).is_ok());
        for bad in [
            "",
            "status in ('a', 'b'",
            "1) OR (1",
            "1 FROM t",
            "1; DROP TABLE t",
            "a, b",
            "x AS y",
            "1 UNION SELECT 2",
            "price > 0 -- positive",
        ] {
            assert!(expression(bad, 15).is_err(), "{bad}");
        }
        assert!(expression("n < 1_000_000", 15).is_err());
        assert!(expression("n < 1_000_000", 16).is_ok());
    }

    #[test]
    fn facts_about_an_expression() {
        let e = expression("t.a = 1 and b in ('x', 'y') and lower(c) = 'z'", 15).expect("ok");
        let refs: Vec<String> = e
            .column_refs()
            .iter()
            .map(|c| format!("{:?}.{}", c.qualifier, c.name))
            .collect();
        assert_eq!(refs, ["Some(\"t\").a", "None.b", "None.c"]);
        assert_eq!(e.comparisons().len(), 3);
        assert_eq!(
            expression("current_timestamp", 15)
                .expect("ok")
                .top_function()
                .as_deref(),
            Some("current_timestamp")
        );
        assert_eq!(
            expression("0", 15).expect("ok").top_constant(),
            Some(Const::Int)
        );
    }

    #[test]
    fn queries() {
        assert!(query("select a from t join u on u.id = t.u", 15).is_ok());
        assert!(query("select a from from t", 15).is_err());
        assert!(query("select", 15).is_ok());
        assert!(query("select a from t; select 1", 15).is_err());
        assert!(query("delete from t", 15).is_err());
        let q = query("select x.a, count(*) as n from t x group by 1", 15).expect("ok");
        assert_eq!(
            q.plain_sources(),
            Some(vec![("t".into(), Some("x".into()), String::new())])
        );
        assert_eq!(q.output_names(), ["n"]);
        assert!(
            query("select * from (select 1) s", 15)
                .expect("ok")
                .plain_sources()
                .is_none()
        );
    }
}
