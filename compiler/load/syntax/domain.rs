//! Domains as written (`domains:` in a tier file): a base type with an
//! optional default, `not_null`, collation and named checks.

use schemars::JsonSchema;

use super::{Cx, Fields, Named, Node, Sp, Text, text};

/// A domain: `{ type: citext, not_null: true, checks: { has_at: "value ~ '@'" } }`.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DomainSyntax {
    /// The base type (a PostgreSQL type, an extension's, an enum or another domain).
    #[schemars(rename = "type")]
    pub ty: Option<Sp<String>>,
    /// Default for columns of the domain that declare none (SQL).
    pub default: Option<Sp<Text>>,
    /// Values may not be NULL.
    pub not_null: Option<Sp<bool>>,
    /// Collation (collatable base types only).
    pub collation: Option<Sp<String>>,
    /// Named CHECK conditions; `value` is the value checked.
    pub checks: Named<Sp<String>>,
    /// Previous name: the domain is renamed, not dropped and created.
    pub was: Option<Sp<String>>,
    pub comment: Option<Sp<String>>,
    /// The role owning it.
    pub owner: Option<Sp<String>>,
    /// `USAGE` granted per role; PUBLIC keeps PostgreSQL's default `USAGE`
    /// unless `public: none`.
    #[schemars(with = "std::collections::BTreeMap<String, super::grant::GrantShape>")]
    pub grants: Named<super::grant::GrantSyntax>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

impl DomainSyntax {
    pub const KEYS: &[&str] = &[
        "type",
        "default",
        "not_null",
        "collation",
        "checks",
        "was",
        "comment",
        "owner",
        "grants",
    ];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if node.scalar_text().is_some() {
            return Some(DomainSyntax {
                ty: text(node, cx),
                default: None,
                not_null: None,
                collation: None,
                checks: Named::default(),
                was: None,
                comment: None,
                owner: None,
                grants: Named::default(),
                span: Some(node.span),
            });
        }
        let f = Fields::of(node, Self::KEYS, "a domain", cx)?;
        Some(DomainSyntax {
            ty: f.required_text("type", "a domain", cx),
            default: f
                .text("default", cx)
                .map(|t| Sp::new(Text(t.value), t.span)),
            not_null: f.bool("not_null", cx),
            collation: f.text("collation", cx),
            checks: f.named("checks", cx, |_, n, cx| text(n, cx)),
            was: f.text("was", cx),
            comment: f.text("comment", cx),
            owner: super::grant::owner(&f, cx),
            grants: super::grant::grants(&f, cx),
            span: Some(node.span),
        })
    }
}
