//! Sequences: standalone ones, those a serial column owns, and the options of
//! an identity column's sequence. Options are kept only where they differ from
//! what PostgreSQL chooses for the sequence's type and direction, so a model
//! read from the catalog and one written in YAML compare equal.

use serde::{Deserialize, Serialize};

use super::{Ident, Origin};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sequence {
    pub name: Ident,
    #[serde(default, skip_serializing_if = "SequenceOptions::is_default")]
    pub options: SequenceOptions,
    /// `OWNED BY table.column`: dropped with the column.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owned_by: Option<(Ident, Ident)>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<super::Grant>,
    #[serde(skip)]
    pub origin: Origin,
}

/// `AS type START … INCREMENT … MINVALUE … MAXVALUE … CACHE … CYCLE`; `None`
/// is PostgreSQL's choice. `name` is used for identity columns only, whose
/// sequence PostgreSQL names `<table>_<column>_seq` unless told otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SequenceOptions {
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "type")]
    pub ty: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub increment: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cache: Option<i64>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cycle: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Ident>,
}

impl SequenceOptions {
    pub fn is_default(&self) -> bool {
        *self == SequenceOptions::default()
    }

    /// The largest and smallest values of a sequence type.
    fn range(ty: &str) -> (i64, i64) {
        match ty {
            "smallint" => (i64::from(i16::MIN), i64::from(i16::MAX)),
            "integer" => (i64::from(i32::MIN), i64::from(i32::MAX)),
            _ => (i64::MIN, i64::MAX),
        }
    }

    /// The type as PostgreSQL names it (`int4` → `integer`), bigint by default.
    pub fn type_name(ty: Option<&str>) -> &'static str {
        match ty.map(|t| t.trim().to_ascii_lowercase()).as_deref() {
            Some("smallint" | "int2" | "smallserial" | "serial2") => "smallint",
            Some("integer" | "int" | "int4" | "serial" | "serial4") => "integer",
            _ => "bigint",
        }
    }

    /// Drop every value equal to what PostgreSQL would choose. `implied` is
    /// the type the sequence has when none is written (the column's type for
    /// an identity or serial column, bigint for a standalone sequence).
    pub fn normalized(mut self, implied: &str) -> SequenceOptions {
        let implied = Self::type_name(Some(implied));
        let ty = Self::type_name(self.ty.as_deref().or(Some(implied)));
        self.ty = (ty != implied).then(|| ty.to_string());
        let increment = self.increment.unwrap_or(1);
        let (lo, hi) = Self::range(ty);
        let (min_default, max_default) = if increment > 0 { (1, hi) } else { (lo, -1) };
        let min = self.min.unwrap_or(min_default);
        let max = self.max.unwrap_or(max_default);
        let start_default = if increment > 0 { min } else { max };
        if self.increment == Some(1) {
            self.increment = None;
        }
        if self.min == Some(min_default) {
            self.min = None;
        }
        if self.max == Some(max_default) {
            self.max = None;
        }
        if self.start == Some(start_default) {
            self.start = None;
        }
        if self.cache == Some(1) {
            self.cache = None;
        }
        self
    }

    /// Every option spelled out (what `ALTER … SET` needs to reset a value
    /// to PostgreSQL's choice).
    pub fn explicit(&self, implied: &str) -> ExplicitOptions {
        let ty = Self::type_name(self.ty.as_deref().or(Some(implied)));
        let increment = self.increment.unwrap_or(1);
        let (lo, hi) = Self::range(ty);
        let min = self.min.unwrap_or(if increment > 0 { 1 } else { lo });
        let max = self.max.unwrap_or(if increment > 0 { hi } else { -1 });
        ExplicitOptions {
            ty,
            start: self.start.unwrap_or(if increment > 0 { min } else { max }),
            increment,
            min,
            max,
            cache: self.cache.unwrap_or(1),
            cycle: self.cycle,
        }
    }
}

/// [`SequenceOptions`] with PostgreSQL's choices filled in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ExplicitOptions {
    #[serde(rename = "type")]
    pub ty: &'static str,
    pub start: i64,
    pub increment: i64,
    pub min: i64,
    pub max: i64,
    pub cache: i64,
    pub cycle: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_are_dropped_per_type_and_direction() {
        let o = SequenceOptions {
            ty: Some("int4".into()),
            start: Some(1),
            increment: Some(1),
            min: Some(1),
            max: Some(i64::from(i32::MAX)),
            cache: Some(1),
            ..Default::default()
        };
        assert!(o.clone().normalized("integer").is_default());
        assert_eq!(
            o.normalized("bigint").ty.as_deref(),
            Some("integer"),
            "an integer sequence behind a bigint column says so"
        );
        let down = SequenceOptions {
            increment: Some(-1),
            start: Some(-1),
            max: Some(-1),
            min: Some(i64::MIN),
            ..Default::default()
        };
        let n = down.normalized("bigint");
        assert_eq!(n.increment, Some(-1));
        assert_eq!((n.start, n.min, n.max), (None, None, None));
        let e = SequenceOptions {
            start: Some(1000),
            ..Default::default()
        }
        .explicit("smallint");
        assert_eq!((e.ty, e.max, e.start), ("smallint", 32767, 1000));
    }
}
