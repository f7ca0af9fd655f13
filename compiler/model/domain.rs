//! Domains: a base type with a default, `NOT NULL`, a collation and named
//! checks, used by columns like any type. Checks and the default are kept as
//! the server prints them once read from the catalog (`VALUE ~ '@'::text`),
//! so a live diff compares them only after the YAML went through the server.

use serde::{Deserialize, Serialize};

use super::{ColumnType, Grant, Ident, Origin};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Domain {
    pub name: Ident,
    /// The schema holding it (`None`: the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    /// The base type, as `format_type` prints it.
    #[serde(rename = "type")]
    pub ty: ColumnType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_null: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<DomainCheck>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The owner, when declared (`owner:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The access list but the owner's; `None` is PostgreSQL's default
    /// (`USAGE` for PUBLIC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<Grant>>,
    /// Declared previous name (`was:`): renamed, not dropped and created.
    #[serde(skip)]
    pub was: Option<Ident>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A named `CHECK` on a domain; `VALUE` is the value being checked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DomainCheck {
    pub name: Ident,
    pub expr: String,
    /// Added `NOT VALID`: values stored before were never checked.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
    #[serde(skip)]
    pub origin: Origin,
}

impl Domain {
    pub fn check(&self, name: &str) -> Option<&DomainCheck> {
        self.checks.iter().find(|c| c.name == name)
    }
}
