//! Citus: how a cluster holds each table of a tier that runs on it. Tenant
//! tables are hash-distributed on the tenant key, all in one colocation group
//! so a tenant's rows of every table live on the same node; global tables are
//! reference tables (a copy on every node) or stay local to the coordinator.

use serde::{Deserialize, Serialize};

use super::Ident;

/// Where the rows of one table live on a Citus cluster.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Distribution {
    /// Hash-distributed (`create_distributed_table`) on `column`.
    Distributed {
        column: Ident,
        /// In the tier's one colocation group (false: read from a cluster
        /// where the table sits in a group of its own).
        #[serde(default = "yes")]
        colocated: bool,
        /// Shards of the group when it is created; Citus's own default when
        /// unset. A creation parameter, not compared: changing it later needs
        /// `alter_distributed_table`.
        #[serde(default, skip_serializing_if = "ShardCount::is_unset")]
        shard_count: ShardCount,
    },
    /// A copy on every node (`create_reference_table`).
    Reference,
    /// A plain table of the coordinator only.
    Local,
}

fn yes() -> bool {
    true
}

impl Distribution {
    /// The Citus word: `distributed`, `reference`, `local`.
    pub fn word(&self) -> &'static str {
        match self {
            Distribution::Distributed { .. } => "distributed",
            Distribution::Reference => "reference",
            Distribution::Local => "local",
        }
    }

    /// Whether Citus holds the table (distributed or reference).
    pub fn is_citus(&self) -> bool {
        !matches!(self, Distribution::Local)
    }

    /// The distribution column of a distributed table.
    pub fn column(&self) -> Option<&Ident> {
        match self {
            Distribution::Distributed { column, .. } => Some(column),
            _ => None,
        }
    }
}

/// A shard count that takes no part in equality (see [`Distribution`]).
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ShardCount(pub Option<u32>);

impl ShardCount {
    pub fn is_unset(&self) -> bool {
        self.0.is_none()
    }
}

impl PartialEq for ShardCount {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for ShardCount {}
