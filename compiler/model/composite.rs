//! Composite types (`CREATE TYPE … AS (…)`): named attributes with a type and
//! an optional collation, used by columns, function arguments and results
//! and other composites like any type. PostgreSQL makes a row type for every
//! table too; those are the table's, not a composite of the tier.

use serde::{Deserialize, Serialize};

use super::{ColumnType, Ident, Origin};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Composite {
    pub name: Ident,
    /// The schema holding it (`None`: the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
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

/// A range type (`CREATE TYPE … AS RANGE`): ranges over `subtype`, and the
/// multirange type PostgreSQL 14+ makes beside it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RangeType {
    pub name: Ident,
    /// The schema holding it (`None`: the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    pub subtype: ColumnType,
    /// B-tree operator class ordering the subtype, when not its default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype_opclass: Option<String>,
    /// Collation of the bounds, when not the subtype's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// Function giving the difference of two subtype values as float8.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subtype_diff: Option<String>,
    /// Name of the multirange type, when not the one PostgreSQL derives.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multirange: Option<Ident>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl RangeType {
    /// The name PostgreSQL gives the multirange type of range `name`
    /// unless told otherwise: the first `range` in it becomes `multirange`,
    /// or `_multirange` is appended.
    pub fn default_multirange(name: &str) -> String {
        match name.find("range") {
            Some(i) => format!("{}multirange{}", &name[..i], &name[i + 5..]),
            None => format!("{name}_multirange"),
        }
    }

    /// The multirange type's name.
    pub fn multirange_name(&self) -> String {
        self.multirange
            .as_ref()
            .map(|m| m.to_string())
            .unwrap_or_else(|| Self::default_multirange(self.name.as_str()))
    }
}
