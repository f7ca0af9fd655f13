//! Migration files as `apply` reads them: the header directive that says
//! whether the file runs in a transaction, and the split into statements that
//! a non-transactional file needs (PostgreSQL runs a multi-statement simple
//! query as one implicit transaction, which `CREATE INDEX CONCURRENTLY`
//! refuses).

/// Whether the file asks to run outside a transaction.
pub fn transactional(sql: &str) -> bool {
    !sql.lines()
        .take(10)
        .any(|l| l.trim() == "-- schemac:transaction off")
}

/// Whether the file targets a Citus coordinator, whose statements are sent
/// one at a time: Citus refuses to propagate some DDL (`CREATE INDEX`)
/// that arrives in one query string with other statements.
pub fn citus(sql: &str) -> bool {
    sql.lines()
        .take(10)
        .any(|l| l.trim() == "-- schemac:citus on")
}

/// Run the body of a transactional file on `client` (inside the caller's
/// transaction): in one round trip, or statement by statement on Citus.
pub fn execute(
    client: &mut impl postgres::GenericClient,
    sql: &str,
) -> Result<(), postgres::Error> {
    if citus(sql) {
        statements(sql)
            .iter()
            .try_for_each(|s| client.batch_execute(s))
    } else {
        client.batch_execute(sql)
    }
}

/// The hazards a migration file declares, as `render` writes them above
/// their statement: `-- hazard H102 (drop-column): message` → (code, message).
pub fn hazards(sql: &str) -> Vec<(String, String)> {
    sql.lines()
        .filter_map(|l| {
            let rest = l.trim().strip_prefix("-- hazard ")?;
            let (code, rest) = rest.split_once(' ')?;
            let message = rest.split_once("): ").map_or(rest, |(_, m)| m);
            Some((code.to_string(), message.trim().to_string()))
        })
        .collect()
}

/// Split SQL text into statements at top-level semicolons, respecting
/// quotes, dollar quotes and comments. Comment-only pieces are dropped.
pub fn statements(sql: &str) -> Vec<String> {
    let b = sql.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' | b'"' => {
                let q = b[i];
                i += 1;
                while i < b.len() {
                    if b[i] == q {
                        if b.get(i + 1) == Some(&q) {
                            i += 2;
                            continue;
                        }
                        break;
                    }
                    i += 1;
                }
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 1;
                i += 2;
                while i < b.len() && depth > 0 {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 1;
                    }
                    i += 1;
                }
                continue;
            }
            b'$' => {
                let tag_end = sql[i + 1..].find('$').map(|e| i + 1 + e).filter(|&e| {
                    sql[i + 1..e]
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || c == b'_')
                });
                if let Some(e) = tag_end {
                    let tag = &sql[i..=e];
                    if let Some(close) = sql[e + 1..].find(tag) {
                        i = e + 1 + close + tag.len();
                        continue;
                    }
                }
            }
            b';' => {
                push(&mut out, &sql[start..=i]);
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    push(&mut out, &sql[start.min(sql.len())..]);
    out
}

fn push(out: &mut Vec<String>, piece: &str) {
    let meaningful = piece
        .lines()
        .map(str::trim)
        .any(|l| !l.is_empty() && !l.starts_with("--"));
    if meaningful {
        out.push(piece.trim().to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_top_level_semicolons_only() {
        let sql = "-- header\nSET a = 'x;y';\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $b$ BEGIN RETURN NEW; END $b$;\n/* c; */ SELECT \"a;b\";\n-- trailing comment\n";
        let s = statements(sql);
        assert_eq!(s.len(), 3, "{s:#?}");
        assert!(s[1].contains("RETURN NEW; END"));
        assert!(s[2].ends_with("SELECT \"a;b\";"));
    }

    #[test]
    fn declared_hazards() {
        let sql = "-- x\n\n-- hazard H102 (drop-column): dropping `t.c` deletes its values\nALTER TABLE t DROP COLUMN c;\n";
        assert_eq!(
            hazards(sql),
            vec![(
                "H102".to_string(),
                "dropping `t.c` deletes its values".to_string()
            )]
        );
    }

    #[test]
    fn header_directive() {
        assert!(transactional("-- x\nSELECT 1;"));
        assert!(!transactional(
            "-- x\n-- schemac:transaction off\nSELECT 1;"
        ));
    }
}
