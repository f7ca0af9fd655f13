//! The Citus keys as written: `citus:` on a tier (`true`, or a mapping of
//! cluster settings) and `distribution:` on a table (a word, or `{ by }`).

use schemars::JsonSchema;

use super::{Cx, Fields, Sp, choice};
use crate::load::yaml::{Node, Value};

/// A tier on a Citus cluster: `true`, or its settings.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum CitusSyntax {
    Flag(Sp<bool>),
    Long(CitusLong),
}

/// Citus settings of a tier.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CitusLong {
    /// Shards of the tenant colocation group when it is created (Citus's
    /// `citus.shard_count` when unset, 32 by default).
    pub shard_count: Option<Sp<u32>>,
}

impl CitusSyntax {
    pub const KEYS: &[&str] = &["shard_count"];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if let Value::Bool(b) = node.value {
            return Some(CitusSyntax::Flag(Sp::new(b, node.span)));
        }
        let f = Fields::of(node, Self::KEYS, "`citus`", cx)?;
        Some(CitusSyntax::Long(CitusLong {
            shard_count: f.uint("shard_count", cx),
        }))
    }

    /// Whether the tier runs on Citus.
    pub fn on(&self) -> bool {
        match self {
            CitusSyntax::Flag(b) => b.value,
            CitusSyntax::Long(_) => true,
        }
    }

    pub fn shard_count(&self) -> Option<&Sp<u32>> {
        match self {
            CitusSyntax::Flag(_) => None,
            CitusSyntax::Long(l) => l.shard_count.as_ref(),
        }
    }
}

word_enum!(
    /// Where a Citus cluster keeps a table's rows.
    DistributionWord { Distributed => "distributed", Reference => "reference", Local => "local" }
);

/// Where a Citus cluster keeps a table: `distributed`, `reference`,
/// `local`, or `{ by: column }` (distributed on that column).
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum DistributionSyntax {
    #[schemars(with = "DistributionWord")]
    Word(Sp<String>),
    Long(DistributionLong),
}

/// A table distributed on a column of its own choosing.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DistributionLong {
    /// The distribution column (for a tenant table, the tenant key).
    #[schemars(required)]
    pub by: Option<Sp<String>>,
}

impl DistributionSyntax {
    pub const KEYS: &[&str] = &["by"];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Sp<Self>> {
        if let Value::Map(_) = node.value {
            let f = Fields::of(node, Self::KEYS, "`distribution`", cx)?;
            let by = f.required_text("by", "`distribution`", cx)?;
            return Some(Sp::new(
                DistributionSyntax::Long(DistributionLong { by: Some(by) }),
                node.span,
            ));
        }
        choice(node, DistributionWord::WORDS, cx)
            .map(|w| Sp::new(DistributionSyntax::Word(w), node.span))
    }
}
