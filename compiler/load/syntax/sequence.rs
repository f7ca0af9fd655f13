//! Sequences as written: standalone (`sequences:` in a tier file), owned by a
//! column (`sequence:` on a column, or a `serial` type), and the options of an
//! identity column (`identity: { kind: always, start: 1000 }`).

use schemars::JsonSchema;

use super::{Cx, Fields, IdentityWord, Node, Sp, Value, choice, int};

/// Options shared by every sequence.
#[derive(Debug, Default, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SequenceOptionsSyntax {
    /// `smallint`, `integer` or `bigint` (default: the column's type, or bigint).
    #[schemars(rename = "type")]
    pub ty: Option<Sp<String>>,
    pub start: Option<Sp<i64>>,
    pub increment: Option<Sp<i64>>,
    pub min: Option<Sp<i64>>,
    pub max: Option<Sp<i64>>,
    pub cache: Option<Sp<i64>>,
    /// Wrap around at the end instead of failing.
    pub cycle: Option<Sp<bool>>,
}

impl SequenceOptionsSyntax {
    pub const KEYS: &[&str] = &["type", "start", "increment", "min", "max", "cache", "cycle"];

    fn from(f: &Fields, cx: &mut Cx) -> Self {
        SequenceOptionsSyntax {
            ty: f.get("type").and_then(|n| {
                choice(
                    n,
                    &["smallint", "integer", "bigint", "int2", "int4", "int8"],
                    cx,
                )
            }),
            start: f.get("start").and_then(|n| int(n, cx)),
            increment: f.get("increment").and_then(|n| int(n, cx)),
            min: f.get("min").and_then(|n| int(n, cx)),
            max: f.get("max").and_then(|n| int(n, cx)),
            cache: f.get("cache").and_then(|n| int(n, cx)),
            cycle: f.bool("cycle", cx),
        }
    }
}

/// A standalone sequence (`sequences: { ticket_numbers: { start: 500 } }`).
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct SequenceSyntax {
    #[serde(flatten)]
    pub options: SequenceOptionsSyntax,
    /// `table.column`: the sequence is dropped with that column.
    pub owned_by: Option<Sp<String>>,
    pub comment: Option<Sp<String>>,
    /// Role owning the sequence (default: the tier's `owner`).
    pub owner: Option<Sp<String>>,
    /// Privileges by role (`usage`, `select`, `update`).
    #[schemars(with = "std::collections::BTreeMap<String, super::grant::GrantShape>")]
    pub grants: super::Named<super::grant::GrantSyntax>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

impl SequenceSyntax {
    pub fn keys() -> Vec<&'static str> {
        let mut k = SequenceOptionsSyntax::KEYS.to_vec();
        k.extend(["owned_by", "comment", "owner", "grants"]);
        k
    }

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.value, Value::Null) {
            return Some(SequenceSyntax {
                span: Some(node.span),
                ..Default::default()
            });
        }
        let keys = Self::keys();
        let f = Fields::of(node, &keys, "a sequence", cx)?;
        Some(SequenceSyntax {
            options: SequenceOptionsSyntax::from(&f, cx),
            owned_by: f.text("owned_by", cx),
            comment: f.text("comment", cx),
            owner: super::grant::owner(&f, cx),
            grants: super::grant::grants(&f, cx),
            span: Some(node.span),
        })
    }
}

/// A column's own sequence (`sequence: true`, or its name and options): the
/// column defaults to its next value and owns it, as a `serial` column does.
#[derive(Debug, Default, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ColumnSequenceSyntax {
    /// Sequence name (default `<table>_<column>_seq`).
    pub name: Option<Sp<String>>,
    #[serde(flatten)]
    pub options: SequenceOptionsSyntax,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

/// `true`, a sequence name, or a mapping.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum ColumnSequenceShape {
    Flag(bool),
    Name(String),
    Long(Box<ColumnSequenceSyntax>),
}

impl ColumnSequenceSyntax {
    pub fn keys() -> Vec<&'static str> {
        let mut k = vec!["name"];
        k.extend(SequenceOptionsSyntax::KEYS);
        k
    }

    /// `None` for `sequence: false`.
    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        match &node.value {
            Value::Bool(false) => None,
            Value::Bool(true) => Some(ColumnSequenceSyntax {
                span: Some(node.span),
                ..Default::default()
            }),
            Value::Str(s) => Some(ColumnSequenceSyntax {
                name: Some(Sp::new(s.clone(), node.span)),
                span: Some(node.span),
                ..Default::default()
            }),
            _ => {
                let keys = Self::keys();
                let f = Fields::of(node, &keys, "a column's `sequence`", cx)?;
                Some(ColumnSequenceSyntax {
                    name: f.text("name", cx),
                    options: SequenceOptionsSyntax::from(&f, cx),
                    span: Some(node.span),
                })
            }
        }
    }
}

/// An identity column: `always`, `by_default`, or a mapping with its
/// sequence's options.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IdentitySyntax {
    /// `always` or `by_default`.
    #[schemars(with = "Option<IdentityWord>")]
    pub kind: Option<Sp<String>>,
    /// Name of the identity's sequence (default `<table>_<column>_seq`).
    pub sequence: Option<Sp<String>>,
    #[serde(flatten)]
    pub options: SequenceOptionsSyntax,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

/// A word or a mapping.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum IdentityShape {
    Word(IdentityWord),
    Long(Box<IdentitySyntax>),
}

impl IdentitySyntax {
    pub fn keys() -> Vec<&'static str> {
        let mut k = vec!["kind", "sequence"];
        k.extend(SequenceOptionsSyntax::KEYS);
        k
    }

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return choice(node, IdentityWord::WORDS, cx).map(|w| IdentitySyntax {
                kind: Some(w),
                sequence: None,
                options: SequenceOptionsSyntax::default(),
                span: Some(node.span),
            });
        }
        let keys = Self::keys();
        let f = Fields::of(node, &keys, "`identity`", cx)?;
        Some(IdentitySyntax {
            kind: f
                .get("kind")
                .and_then(|n| choice(n, IdentityWord::WORDS, cx)),
            sequence: f.text("sequence", cx),
            options: SequenceOptionsSyntax::from(&f, cx),
            span: Some(node.span),
        })
    }
}
