//! Types under `types:` in a tier file: `external` (made and kept elsewhere)
//! or a composite type `{ attributes: { street: text, … }, comment }`.

use schemars::JsonSchema;

use super::{Cx, Fields, Named, Node, Sp, TypeWord, choice, text};

/// `external`, or a composite type with its attributes.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum TypeSyntax {
    External(#[schemars(with = "TypeWord")] Sp<String>),
    Composite(CompositeSyntax),
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
        CompositeSyntax::read(node, cx).map(TypeSyntax::Composite)
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
