//! Composite types (`CREATE TYPE … AS (…)`): named attributes with a type and
//! an optional collation, used by columns, function arguments and results
//! and other composites like any type. PostgreSQL makes a row type for every
//! table too; those are the table's, not a composite of the tier.

use serde::{Deserialize, Serialize};

use super::{ColumnType, Ident, Origin};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composite {
    pub name: Ident,
    pub attributes: Vec<Attribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

/// One attribute of a composite type.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribute {
    pub name: Ident,
    #[serde(rename = "type")]
    pub ty: ColumnType,
    /// Collation when it is not the type's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// Declared previous name (`was:`): renamed, not dropped and added.
    #[serde(skip)]
    pub was: Option<Ident>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Composite {
    pub fn attribute(&self, name: &str) -> Option<&Attribute> {
        self.attributes.iter().find(|a| a.name == name)
    }
}
