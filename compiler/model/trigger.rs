//! Triggers: when they fire (`BEFORE`, `AFTER`, `INSTEAD OF`; on which
//! events, for each row or statement, under which `WHEN`), what they call
//! (a function returning `trigger`, with literal arguments), transition
//! tables, constraint triggers and their deferral, and the replication role
//! under which they fire (`tgenabled`).

use serde::{Deserialize, Serialize};

use super::{Deferrable, Ident, Origin};

/// A trigger on a table, as `CREATE [CONSTRAINT] TRIGGER` declares it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trigger {
    pub name: Ident,
    /// `BEFORE`, `AFTER` or `INSTEAD OF`.
    pub timing: String,
    /// `INSERT`, `UPDATE`, `DELETE`, `TRUNCATE`, in that order.
    pub events: Vec<String>,
    /// `UPDATE OF` these columns (empty: any column).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub columns: Vec<Ident>,
    /// `FOR EACH ROW` (else `FOR EACH STATEMENT`).
    #[serde(default)]
    pub row: bool,
    /// The `WHEN` condition, without its parentheses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<String>,
    pub function: Ident,
    /// The function's schema when it is not the tier's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub function_schema: Option<Ident>,
    /// Literal arguments (`TG_ARGV`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<String>,
    /// `REFERENCING OLD TABLE AS …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub old_table: Option<Ident>,
    /// `REFERENCING NEW TABLE AS …`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub new_table: Option<Ident>,
    /// `CREATE CONSTRAINT TRIGGER`: fires at the end of the statement or,
    /// deferred, of the transaction.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub constraint: bool,
    #[serde(default, skip_serializing_if = "Deferrable::is_no")]
    pub deferrable: Deferrable,
    #[serde(default, skip_serializing_if = "TriggerEnabled::is_origin")]
    pub enabled: TriggerEnabled,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Declared previous name (`was:`): renamed, not dropped and created.
    #[serde(skip)]
    pub was: Option<Ident>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Trigger {
    /// A row trigger calling `function` of the tier, with nothing else set.
    pub fn new(name: Ident, timing: &str, events: &[&str], function: Ident) -> Self {
        Trigger {
            name,
            timing: timing.into(),
            events: events.iter().map(|e| e.to_string()).collect(),
            columns: Vec::new(),
            row: true,
            when: None,
            function,
            function_schema: None,
            args: Vec::new(),
            old_table: None,
            new_table: None,
            constraint: false,
            deferrable: Deferrable::No,
            enabled: TriggerEnabled::Origin,
            comment: None,
            was: None,
            origin: Origin::Unknown,
        }
    }

    /// Everything `CREATE TRIGGER` says: two triggers differing only here
    /// are the same trigger with another name, state or comment.
    pub fn same_definition(&self, other: &Trigger) -> bool {
        let strip = |t: &Trigger| Trigger {
            name: Ident::new(""),
            enabled: TriggerEnabled::Origin,
            comment: None,
            was: None,
            ..t.clone()
        };
        strip(self) == strip(other)
    }

    /// `tgenabled` states other than the default come after the create.
    pub fn is_enabled_default(&self) -> bool {
        self.enabled.is_origin()
    }
}

/// When the trigger fires, by `session_replication_role` (`tgenabled`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerEnabled {
    /// `O`: in the `origin` and `local` roles (the default).
    #[default]
    Origin,
    /// `A`: always.
    Always,
    /// `R`: only in the `replica` role.
    Replica,
    /// `D`: never.
    Disabled,
}

impl TriggerEnabled {
    pub const WORDS: &[&str] = &["origin", "always", "replica", "disabled"];

    pub fn is_origin(&self) -> bool {
        *self == TriggerEnabled::Origin
    }

    pub fn from_word(w: &str) -> Option<Self> {
        Some(match w {
            "origin" => TriggerEnabled::Origin,
            "always" => TriggerEnabled::Always,
            "replica" => TriggerEnabled::Replica,
            "disabled" => TriggerEnabled::Disabled,
            _ => return None,
        })
    }

    pub fn from_catalog(c: &str) -> Self {
        match c {
            "A" => TriggerEnabled::Always,
            "R" => TriggerEnabled::Replica,
            "D" => TriggerEnabled::Disabled,
            _ => TriggerEnabled::Origin,
        }
    }

    pub fn word(&self) -> &'static str {
        match self {
            TriggerEnabled::Origin => "origin",
            TriggerEnabled::Always => "always",
            TriggerEnabled::Replica => "replica",
            TriggerEnabled::Disabled => "disabled",
        }
    }

    /// The `ALTER TABLE … {sql} TRIGGER` words.
    pub fn sql(&self) -> &'static str {
        match self {
            TriggerEnabled::Origin => "ENABLE",
            TriggerEnabled::Always => "ENABLE ALWAYS",
            TriggerEnabled::Replica => "ENABLE REPLICA",
            TriggerEnabled::Disabled => "DISABLE",
        }
    }
}
