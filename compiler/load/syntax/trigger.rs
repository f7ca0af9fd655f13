//! Triggers as written (`triggers:` of a table): when they fire, on which
//! events (`update of a, b` or `{ update: [a, b] }` for `UPDATE OF`), for
//! each row or statement, the function they call and its arguments,
//! transition tables, constraint triggers and their enabled state.

use schemars::JsonSchema;

use super::{Cx, DeferrableWord, Fields, Node, OneOrMany, Sp, Value, choice, deferrable, text};

/// A trigger: `{ timing: before, events: [update], function: touch }`.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TriggerSyntax {
    /// `before`, `after` or `instead_of`.
    #[schemars(with = "TimingWord", required)]
    pub timing: Option<Sp<String>>,
    /// `insert`, `update`, `delete`, `truncate`; `update of a, b` or
    /// `{ update: [a, b] }` fires on updates of those columns only.
    #[schemars(with = "OneOrMany<EventShape>", required)]
    pub events: Vec<EventSyntax>,
    /// `row` (the default) or `statement`.
    #[schemars(with = "Option<ForEachWord>")]
    pub for_each: Option<Sp<String>>,
    /// Condition on `old` / `new` (SQL); the function runs only when it holds.
    pub when: Option<Sp<String>>,
    /// A function returning `trigger`: one of the tier's (`touch`), or
    /// qualified (`audit.log_change`, `pg_catalog.tsvector_update_trigger`).
    #[schemars(required)]
    pub function: Option<Sp<String>>,
    /// Literal arguments, passed as `TG_ARGV`.
    pub args: OneOrMany<Sp<String>>,
    /// Transition tables of an `after` trigger: `{ old_table: gone, new_table: added }`.
    pub referencing: Option<ReferencingSyntax>,
    /// A constraint trigger (`after`, for each row), which may be deferred.
    pub constraint: Option<Sp<bool>>,
    /// Of a constraint trigger: `true` (initially immediate),
    /// `initially_immediate` or `initially_deferred`.
    #[schemars(with = "Option<DeferrableWord>")]
    pub deferrable: Option<Sp<String>>,
    /// `origin` (the default), `always`, `replica` or `disabled`, as
    /// `ALTER TABLE … ENABLE [ALWAYS | REPLICA] / DISABLE TRIGGER` set it.
    #[schemars(with = "Option<EnabledWord>")]
    pub enabled: Option<Sp<String>>,
    /// Previous name: the trigger is renamed, not dropped and created.
    pub was: Option<Sp<String>>,
    pub comment: Option<Sp<String>>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

/// One event; `columns` only for `update`.
#[derive(Debug)]
pub struct EventSyntax {
    pub word: Sp<String>,
    pub columns: Vec<Sp<String>>,
}

#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
enum EventShape {
    /// `insert`, `update`, `delete`, `truncate` or `update of a, b`.
    Word(String),
    /// `{ update: [a, b] }`.
    UpdateOf { update: OneOrMany<String> },
}

/// `REFERENCING OLD TABLE AS … NEW TABLE AS …`.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReferencingSyntax {
    /// Name of the table of rows before the statement (update, delete).
    pub old_table: Option<Sp<String>>,
    /// Name of the table of rows after the statement (insert, update).
    pub new_table: Option<Sp<String>>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

impl ReferencingSyntax {
    pub const KEYS: &[&str] = &["old_table", "new_table"];
}

word_enum!(
    /// When a trigger fires.
    TimingWord { Before => "before", After => "after", InsteadOf => "instead_of" }
);
word_enum!(
    /// Once per row or once per statement.
    ForEachWord { Row => "row", Statement => "statement" }
);
word_enum!(
    /// Under which `session_replication_role` a trigger fires.
    EnabledWord { Origin => "origin", Always => "always", Replica => "replica", Disabled => "disabled" }
);

/// The events a trigger may fire on.
pub const EVENTS: &[&str] = &["insert", "update", "delete", "truncate"];

impl TriggerSyntax {
    pub const KEYS: &[&str] = &[
        "timing",
        "events",
        "for_each",
        "when",
        "function",
        "args",
        "referencing",
        "constraint",
        "deferrable",
        "enabled",
        "was",
        "comment",
    ];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a trigger", cx)?;
        let what = "a trigger";
        let timing = match f.get("timing") {
            Some(n) => choice(n, TimingWord::WORDS, cx),
            None => {
                cx.missing(f.span, "timing", what);
                None
            }
        };
        let events = match f.get("events") {
            Some(n) => events(n, cx),
            None => {
                cx.missing(f.span, "events", what);
                Vec::new()
            }
        };
        Some(TriggerSyntax {
            timing,
            events,
            for_each: f
                .get("for_each")
                .and_then(|n| choice(n, ForEachWord::WORDS, cx)),
            when: f.text("when", cx),
            function: f.required_text("function", what, cx),
            args: f.texts("args", cx),
            referencing: f.get("referencing").and_then(|n| {
                let r = Fields::of(n, ReferencingSyntax::KEYS, "`referencing`", cx)?;
                Some(ReferencingSyntax {
                    old_table: r.text("old_table", cx),
                    new_table: r.text("new_table", cx),
                    span: Some(n.span),
                })
            }),
            constraint: f.bool("constraint", cx),
            deferrable: f.get("deferrable").and_then(|n| deferrable(n, cx)),
            enabled: f
                .get("enabled")
                .and_then(|n| choice(n, EnabledWord::WORDS, cx)),
            was: f.text("was", cx),
            comment: f.text("comment", cx),
            span: Some(node.span),
        })
    }
}

/// `[insert, update of a, b]`, `insert`, or `[{ update: [a, b] }]`.
fn events(node: &Node, cx: &mut Cx) -> Vec<EventSyntax> {
    let items: Vec<&Node> = match &node.value {
        Value::Seq(items) => items.iter().collect(),
        _ => vec![node],
    };
    let mut out = Vec::new();
    for n in items {
        if let Value::Map(entries) = &n.value {
            for (k, v) in entries {
                if k.text != "update" {
                    cx.invalid(
                        k.span,
                        format!("`{}` takes no columns", k.text),
                        Some("only `update` fires on some columns: `{ update: [a, b] }`".into()),
                    );
                    continue;
                }
                let columns = super::texts(v, cx).0;
                out.push(EventSyntax {
                    word: Sp::new("update".into(), k.span),
                    columns,
                });
            }
            continue;
        }
        let Some(t) = text(n, cx) else { continue };
        let lower = t.value.trim().to_ascii_lowercase();
        if let Some(rest) = lower.strip_prefix("update of ") {
            // Column names keep the case they are written in.
            let cols = &t.value.trim()[t.value.trim().len() - rest.len()..];
            out.push(EventSyntax {
                word: Sp::new("update".into(), t.span),
                columns: cols
                    .split(',')
                    .map(|c| Sp::new(c.trim().to_string(), t.span))
                    .filter(|c| !c.value.is_empty())
                    .collect(),
            });
            continue;
        }
        if !EVENTS.contains(&lower.as_str()) {
            let help = match crate::diag::did_you_mean(&lower, EVENTS.iter().copied()) {
                Some(s) => format!("did you mean `{s}`?"),
                None => format!(
                    "expected one of: {}, or `update of a, b`",
                    EVENTS.join(", ")
                ),
            };
            cx.invalid(
                t.span,
                format!("`{}` is not a trigger event", t.value),
                Some(help),
            );
            continue;
        }
        out.push(EventSyntax {
            word: Sp::new(lower, t.span),
            columns: Vec::new(),
        });
    }
    out
}
