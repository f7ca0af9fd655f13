//! Triggers from `pg_trigger`: the type bits decoded into timing, events and
//! level, arguments split at their NUL bytes, and the `WHEN` condition cut
//! from `pg_get_triggerdef` (the catalog's `tgqual` has no deparser of its
//! own that prints `old` and `new`).

use crate::model::*;

/// `tgtype` bits (PostgreSQL's `pg_trigger.h`).
const ROW: i32 = 1;
const BEFORE: i32 = 2;
const INSTEAD: i32 = 64;
const EVENTS: [(i32, &str); 4] = [
    (4, "INSERT"),
    (16, "UPDATE"),
    (8, "DELETE"),
    (32, "TRUNCATE"),
];

/// A row of [`super::catalog::TRIGGERS`] for a table of schema `home`.
pub fn read(r: &postgres::Row, home: &str) -> Trigger {
    let tgtype: i32 = r.get(2);
    let timing = if tgtype & BEFORE != 0 {
        "BEFORE"
    } else if tgtype & INSTEAD != 0 {
        "INSTEAD OF"
    } else {
        "AFTER"
    };
    let events: Vec<&str> = EVENTS
        .iter()
        .filter(|(bit, _)| tgtype & bit != 0)
        .map(|(_, e)| *e)
        .collect();
    let schema: String = r.get(4);
    let enabled: String = r.get(5);
    let constraint: bool = r.get(6);
    let deferrable: bool = r.get(7);
    let initially_deferred: bool = r.get(8);
    let columns: Vec<String> = r.get(9);
    let nargs: i32 = r.get(10);
    let raw_args: Vec<u8> = r.get(11);
    let definition: String = r.get(14);
    let mut t = Trigger::new(
        Ident::new(r.get::<_, String>(1)),
        timing,
        &events,
        Ident::new(r.get::<_, String>(3)),
    );
    t.row = tgtype & ROW != 0;
    t.function_schema = (schema != home).then(|| Ident::new(schema));
    t.columns = columns.into_iter().map(Ident::new).collect();
    t.args = raw_args
        .split(|b| *b == 0)
        .take(usize::try_from(nargs).unwrap_or(0))
        .map(|a| String::from_utf8_lossy(a).into_owned())
        .collect();
    t.old_table = r.get::<_, Option<String>>(12).map(Ident::new);
    t.new_table = r.get::<_, Option<String>>(13).map(Ident::new);
    t.constraint = constraint;
    t.deferrable = match (deferrable, initially_deferred) {
        (false, _) => Deferrable::No,
        (true, false) => Deferrable::InitiallyImmediate,
        (true, true) => Deferrable::InitiallyDeferred,
    };
    t.enabled = TriggerEnabled::from_catalog(&enabled);
    t.when = when(&definition);
    t.comment = r.get(15);
    t.origin = Origin::Catalog;
    t
}

/// The condition of `… FOR EACH ROW WHEN (cond) EXECUTE FUNCTION …`, with
/// the parentheses around a whole condition taken off.
pub fn when(definition: &str) -> Option<String> {
    let level = [" FOR EACH ROW ", " FOR EACH STATEMENT "]
        .iter()
        .filter_map(|l| definition.find(l).map(|i| i + l.len()))
        .min()?;
    let rest = definition[level..].strip_prefix("WHEN ")?;
    let inner = parenthesised(rest)?;
    let mut cond = inner;
    while let Some(i) = parenthesised(cond).filter(|i| i.len() + 2 == cond.len()) {
        cond = i;
    }
    Some(cond.to_string())
}

/// The text inside the parenthesis `s` opens, up to the one that closes it
/// (quoted strings and identifiers skipped).
fn parenthesised(s: &str) -> Option<&str> {
    if !s.starts_with('(') {
        return None;
    }
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for (i, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(') => depth += 1,
            (None, ')') => {
                depth -= 1;
                if depth == 0 {
                    return Some(&s[1..i]);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::when;

    #[test]
    fn when_is_cut_from_the_definition() {
        let def = "CREATE TRIGGER t BEFORE UPDATE ON app.a FOR EACH ROW WHEN ((old.status IS DISTINCT FROM new.status)) EXECUTE FUNCTION f('a)')";
        assert_eq!(
            when(def).as_deref(),
            Some("old.status IS DISTINCT FROM new.status")
        );
        let def = "CREATE TRIGGER t AFTER UPDATE ON app.a FOR EACH ROW WHEN (((old.a)::text = ')'::text) AND (new.b > 1)) EXECUTE FUNCTION f()";
        assert_eq!(
            when(def).as_deref(),
            Some("((old.a)::text = ')'::text) AND (new.b > 1)")
        );
        let def = "CREATE TRIGGER t AFTER INSERT ON app.a FOR EACH STATEMENT EXECUTE FUNCTION f()";
        assert_eq!(when(def), None);
    }
}
