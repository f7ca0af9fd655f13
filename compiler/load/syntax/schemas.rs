//! The tier's further PostgreSQL schemas (`schemas:` on a tier in
//! `schemac.yaml`) and the objects managed elsewhere (`external:` in a tier
//! file), as written.

use schemars::JsonSchema;

use super::{Cx, Fields, Named, Node, OneOrMany, Sp, Value, text, texts};

/// A schema the tier owns besides its own: `app_private: {}` or
/// `app_private: { comment: … }`.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct OwnedSchemaSyntax {
    /// `COMMENT ON SCHEMA`.
    pub comment: Option<Sp<String>>,
    /// The role that owns the schema (default: the tier's `owner`).
    pub owner: Option<Sp<String>>,
    /// Privileges on the schema by role (`app_user: [usage]`), as on the
    /// tier's own schema.
    #[schemars(with = "std::collections::BTreeMap<String, super::grant::GrantShape>")]
    pub grants: Named<super::grant::GrantSyntax>,
}

impl OwnedSchemaSyntax {
    pub const KEYS: &[&str] = &["comment", "owner", "grants"];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.value, Value::Null) {
            return Some(OwnedSchemaSyntax::default());
        }
        let f = Fields::of(node, Self::KEYS, "a schema", cx)?;
        Some(OwnedSchemaSyntax {
            comment: f.text("comment", cx),
            owner: super::grant::owner(&f, cx),
            grants: super::grant::grants(&f, cx),
        })
    }
}

/// Objects another system manages that the tier's objects refer to: never
/// created, dropped or reported as unmanaged.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExternalSyntax {
    /// Schemas another system manages (`[auth]`).
    pub schemas: OneOrMany<Sp<String>>,
    /// Tables by `schema.name`, with the columns references need.
    pub tables: Named<ExternalTableSyntax>,
    /// Function signatures (`auth.uid()`) policies and defaults may call.
    pub functions: OneOrMany<Sp<String>>,
}

impl ExternalSyntax {
    pub const KEYS: &[&str] = &["schemas", "tables", "functions"];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.value, Value::Null) {
            return Some(ExternalSyntax::default());
        }
        let f = Fields::of(node, Self::KEYS, "`external`", cx)?;
        Some(ExternalSyntax {
            schemas: f.texts("schemas", cx),
            tables: f.named("tables", cx, |_, n, cx| ExternalTableSyntax::read(n, cx)),
            functions: f.get("functions").map(|n| texts(n, cx)).unwrap_or_default(),
        })
    }
}

/// An external table: `auth.users: { columns: { id: uuid } }`.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExternalTableSyntax {
    /// Column name → type, as the table has them.
    pub columns: Named<Sp<String>>,
}

impl ExternalTableSyntax {
    pub const KEYS: &[&str] = &["columns"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.value, Value::Null) {
            return Some(ExternalTableSyntax::default());
        }
        let f = Fields::of(node, Self::KEYS, "an external table", cx)?;
        Some(ExternalTableSyntax {
            columns: f.named("columns", cx, |_, n, cx| text(n, cx)),
        })
    }
}
