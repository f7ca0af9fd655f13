//! Lowers a table's `triggers:` into [`Trigger`]s: timing and events in
//! PostgreSQL's words, `UPDATE OF` columns, the function split from its
//! schema (the tier's own is left implicit), transition tables, constraint
//! deferral and enabled state. PostgreSQL's restrictions are checked later
//! (`trigger-invalid`), against the whole model.

use super::syntax::{Sp, TriggerSyntax};
use crate::model::{Deferrable, Ident, Origin, Trigger, TriggerEnabled};

/// The trigger `name` of a table in the tier whose schema is `home`.
pub fn lower(name: &Sp<String>, s: &TriggerSyntax, home: &Ident) -> Trigger {
    let timing = match s.timing.as_ref().map(|t| t.value.as_str()) {
        Some("before") => "BEFORE",
        Some("instead_of") => "INSTEAD OF",
        _ => "AFTER",
    };
    let mut events: Vec<&str> = Vec::new();
    let mut columns: Vec<Ident> = Vec::new();
    for e in &s.events {
        let word = e.word.value.as_str();
        if !events.contains(&word) {
            events.push(word);
        }
        for c in &e.columns {
            let c = Ident::new(c.value.clone());
            if !columns.contains(&c) {
                columns.push(c);
            }
        }
    }
    let rank = |e: &&str| {
        ["insert", "update", "delete", "truncate"]
            .iter()
            .position(|x| x == e)
    };
    events.sort_by_key(rank);
    let (function_schema, function) = match s.function.as_ref().map(|f| f.value.as_str()) {
        Some(f) => match f.split_once('.') {
            Some((schema, name)) if schema != home.as_str() => {
                (Some(Ident::new(schema)), Ident::new(name))
            }
            Some((_, name)) => (None, Ident::new(name)),
            None => (None, Ident::new(f)),
        },
        None => (None, Ident::new("")),
    };
    let referencing = s.referencing.as_ref();
    Trigger {
        name: Ident::new(name.value.clone()),
        timing: timing.into(),
        events: events.iter().map(|e| e.to_ascii_uppercase()).collect(),
        columns,
        row: s.for_each.as_ref().is_none_or(|f| f.value == "row"),
        when: s.when.as_ref().map(|w| w.value.trim().to_string()),
        function,
        function_schema,
        args: s.args.0.iter().map(|a| a.value.clone()).collect(),
        old_table: referencing
            .and_then(|r| r.old_table.as_ref())
            .map(|t| Ident::new(t.value.clone())),
        new_table: referencing
            .and_then(|r| r.new_table.as_ref())
            .map(|t| Ident::new(t.value.clone())),
        constraint: s.constraint.as_ref().is_some_and(|c| c.value),
        deferrable: match s.deferrable.as_ref().map(|d| d.value.as_str()) {
            Some("initially_immediate") => Deferrable::InitiallyImmediate,
            Some("initially_deferred") => Deferrable::InitiallyDeferred,
            _ => Deferrable::No,
        },
        enabled: s
            .enabled
            .as_ref()
            .and_then(|e| TriggerEnabled::from_word(&e.value))
            .unwrap_or_default(),
        comment: s.comment.as_ref().map(|c| c.value.clone()),
        was: s.was.as_ref().map(|w| Ident::new(w.value.clone())),
        origin: Origin::Yaml(name.span),
    }
}
