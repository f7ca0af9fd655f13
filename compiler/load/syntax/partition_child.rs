//! Explicit partitions as written (`partition: { by: …, partitions: { … } }`):
//! each child by name with its bound, its own sub-partitioning, and what
//! exists on that child alone (indexes, keys, checks, a comment).

use schemars::JsonSchema;

use super::{
    CheckSyntax, Cx, Fields, IndexSyntax, KeySyntax, Named, Node, OneOrMany, PartitionSyntax,
    PolicySyntax, Sp, Text, Value, texts,
};

/// One child: `default`, or a mapping with its bound.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PartitionChildSyntax {
    /// List partitions: the values this child holds.
    pub values: OneOrMany<Sp<Text>>,
    /// Range partitions: lower bound (inclusive), one value per key column;
    /// `MINVALUE` for unbounded.
    pub from: OneOrMany<Sp<Text>>,
    /// Range partitions: upper bound (exclusive); `MAXVALUE` for unbounded.
    pub to: OneOrMany<Sp<Text>>,
    /// Hash partitions: modulus and remainder.
    pub modulus: Option<Sp<u32>>,
    pub remainder: Option<Sp<u32>>,
    /// The DEFAULT partition.
    pub default: Option<Sp<bool>>,
    /// This child's own partitioning.
    pub partition: Option<Box<PartitionSyntax>>,
    /// Indexes on this child only.
    pub indexes: Vec<Sp<IndexSyntax>>,
    /// A primary key on this child only.
    pub primary_key: Option<Sp<KeySyntax>>,
    /// Unique keys on this child only.
    pub unique: Vec<Sp<KeySyntax>>,
    /// Checks on this child only.
    pub checks: Vec<CheckSyntax>,
    pub comment: Option<Sp<String>>,
    /// Storage parameters of this child: `{ fillfactor: 100 }`.
    #[schemars(with = "std::collections::BTreeMap<String, Text>")]
    pub with: Named<Sp<Text>>,
    /// Row-level security of this child (default: its table's).
    pub rls: Option<Sp<super::RlsSyntax>>,
    /// Policies of this child (default: its table's).
    pub policies: Option<Named<PolicySyntax>>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

/// `default`, or a mapping.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum PartitionChildShape {
    #[schemars(with = "DefaultWord")]
    Default(String),
    Long(Box<PartitionChildSyntax>),
}

#[derive(JsonSchema)]
#[allow(dead_code)]
enum DefaultWord {
    #[schemars(rename = "default")]
    Default,
}

impl PartitionChildSyntax {
    pub const KEYS: &[&str] = &[
        "values",
        "from",
        "to",
        "modulus",
        "remainder",
        "default",
        "partition",
        "indexes",
        "primary_key",
        "unique",
        "checks",
        "comment",
        "with",
        "rls",
        "policies",
    ];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if let Value::Str(s) = &node.value {
            if s == "default" {
                return Some(PartitionChildSyntax {
                    default: Some(Sp::new(true, node.span)),
                    span: Some(node.span),
                    ..Default::default()
                });
            }
            cx.invalid(
                node.span,
                format!("`{s}` is not a partition"),
                Some("write `default`, or a mapping with `values`, `from`/`to` or `modulus`/`remainder`".into()),
            );
            return None;
        }
        let f = Fields::of(node, Self::KEYS, "a partition", cx)?;
        let as_text = |v: OneOrMany<Sp<String>>| {
            OneOrMany(
                v.0.into_iter()
                    .map(|t| Sp::new(Text(t.value), t.span))
                    .collect(),
            )
        };
        let many =
            |key: &str, cx: &mut Cx| as_text(f.get(key).map(|n| texts(n, cx)).unwrap_or_default());
        Some(PartitionChildSyntax {
            values: many("values", cx),
            from: many("from", cx),
            to: many("to", cx),
            modulus: f.uint("modulus", cx),
            remainder: f.uint("remainder", cx),
            default: f.bool("default", cx),
            partition: f
                .get("partition")
                .and_then(|n| PartitionSyntax::read(n, cx))
                .map(Box::new),
            indexes: f.list("indexes", cx, IndexSyntax::read),
            primary_key: f
                .get("primary_key")
                .and_then(|n| KeySyntax::read(n, "`primary_key`", cx)),
            unique: f.list("unique", cx, |n, cx| KeySyntax::read(n, "`unique`", cx)),
            checks: f.list("checks", cx, CheckSyntax::read),
            comment: f.text("comment", cx),
            with: f
                .get("with")
                .map(|n| super::storage(n, cx))
                .unwrap_or_default(),
            rls: f.get("rls").and_then(|n| super::RlsSyntax::read(n, cx)),
            policies: f
                .get("policies")
                .map(|n| super::named(n, "policies", cx, |_, n, cx| PolicySyntax::read(n, cx))),
            span: Some(node.span),
        })
    }
}
