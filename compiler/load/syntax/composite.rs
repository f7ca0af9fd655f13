//! Types under `types:` in a tier file: `external` (made and kept elsewhere),
//! a composite type `{ attributes: { street: text, … }, comment }` or a range
//! type `{ range: { subtype: float8, … }, comment }`.

use schemars::JsonSchema;

use super::{Cx, Fields, Named, Node, Sp, TypeWord, Value, choice, text};

/// `external`, a composite type with its attributes, or a range type.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum TypeSyntax {
    External(#[schemars(with = "TypeWord")] Sp<String>),
    Composite(CompositeSyntax),
    Range(Box<RangeTypeSyntax>),
}

/// A range type: `{ range: { subtype: float8 }, comment }`.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RangeTypeSyntax {
    /// What the range is over.
    pub range: RangeSyntax,
    pub comment: Option<Sp<String>>,
}

/// `CREATE TYPE … AS RANGE` options.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RangeSyntax {
    /// The type of the bounds.
    pub subtype: Option<Sp<String>>,
    /// B-tree operator class ordering the bounds (default: the subtype's).
    pub subtype_opclass: Option<Sp<String>>,
    /// Collation of the bounds (collatable subtypes only).
    pub collation: Option<Sp<String>>,
    /// Function `(subtype, subtype) → float8` GiST indexes use to measure.
    pub subtype_diff: Option<Sp<String>>,
    /// Name of the multirange type (default: PostgreSQL's, `range` → `multirange`).
    pub multirange: Option<Sp<String>>,
}

/// A composite type: `{ attributes: { street: text, city: { type: text, collation: "C" } } }`.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CompositeSyntax {
    /// Attributes by name, in order: a type, or `{type, collation, was}`.
    pub attributes: Named<AttributeSyntax>,
    pub comment: Option<Sp<String>>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

/// An attribute: its type, or `{ type, collation, was }`.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct AttributeSyntax {
    /// A PostgreSQL type, an extension's, an enum, a domain or another composite.
    #[schemars(rename = "type")]
    pub ty: Option<Sp<String>>,
    /// Collation (collatable types only).
    pub collation: Option<Sp<String>>,
    /// Previous name: the attribute is renamed, not dropped and added.
    pub was: Option<Sp<String>>,
}

impl TypeSyntax {
    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if node.scalar_text().is_some() {
            return choice(node, TypeWord::WORDS, cx).map(TypeSyntax::External);
        }
        if let Value::Map(entries) = &node.value
            && entries.iter().any(|(k, _)| k.text == "range")
        {
            return RangeTypeSyntax::read(node, cx).map(|r| TypeSyntax::Range(Box::new(r)));
        }
        CompositeSyntax::read(node, cx).map(TypeSyntax::Composite)
    }
}

impl RangeTypeSyntax {
    pub const KEYS: &[&str] = &["range", "comment"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a range type", cx)?;
        let range = match f.get("range") {
            Some(n) => RangeSyntax::read(n, cx)?,
            None => RangeSyntax::default(),
        };
        Some(RangeTypeSyntax {
            range,
            comment: f.text("comment", cx),
        })
    }
}

impl RangeSyntax {
    pub const KEYS: &[&str] = &[
        "subtype",
        "subtype_opclass",
        "collation",
        "subtype_diff",
        "multirange",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a range", cx)?;
        Some(RangeSyntax {
            subtype: f.required_text("subtype", "a range", cx),
            subtype_opclass: f.text("subtype_opclass", cx),
            collation: f.text("collation", cx),
            subtype_diff: f.text("subtype_diff", cx),
            multirange: f.text("multirange", cx),
        })
    }
}

impl CompositeSyntax {
    pub const KEYS: &[&str] = &["attributes", "comment"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a composite type", cx)?;
        if f.get("attributes").is_none() {
            cx.missing(f.span, "attributes", "a composite type");
        }
        Some(CompositeSyntax {
            attributes: f.named("attributes", cx, |_, n, cx| AttributeSyntax::read(n, cx)),
            comment: f.text("comment", cx),
            span: Some(node.span),
        })
    }
}

impl AttributeSyntax {
    pub const KEYS: &[&str] = &["type", "collation", "was"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if node.scalar_text().is_some() {
            return Some(AttributeSyntax {
                ty: text(node, cx),
                collation: None,
                was: None,
            });
        }
        let f = Fields::of(node, Self::KEYS, "an attribute", cx)?;
        Some(AttributeSyntax {
            ty: f.required_text("type", "an attribute", cx),
            collation: f.text("collation", cx),
            was: f.text("was", cx),
        })
    }
}
