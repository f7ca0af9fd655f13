//! Roles, owners and grants as written: `roles: { app_user: {} }` in the
//! project file, `owner: app_owner` and `grants: { role: privileges }` on a
//! tier, a table, a view or a sequence. Privileges are one word, a list, or
//! `{ privileges, columns, grant_option }`.

use schemars::JsonSchema;

use super::{Cx, Fields, Named, Node, OneOrMany, Sp, Value, named, text, texts};

/// A role the project refers to. schemac never creates it.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RoleSyntax {
    pub comment: Option<Sp<String>>,
}

impl RoleSyntax {
    pub const KEYS: &[&str] = &["comment"];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.value, Value::Null) {
            return Some(RoleSyntax::default());
        }
        let f = Fields::of(node, Self::KEYS, "a role", cx)?;
        Some(RoleSyntax {
            comment: f.text("comment", cx),
        })
    }
}

/// Privileges granted to one role: `select`, `[select, insert]`, `all`, a
/// mapping with columns and the grant option, or a list of such mappings.
#[derive(Debug, Default)]
pub struct GrantSyntax {
    pub entries: Vec<GrantEntry>,
}

/// One set of privileges, on the object or on some columns.
#[derive(Debug, Default)]
pub struct GrantEntry {
    pub privileges: Vec<Sp<String>>,
    pub columns: Vec<Sp<String>>,
    pub grant_option: Option<Sp<bool>>,
    pub span: Option<crate::model::Span>,
}

/// `{ privileges, columns, grant_option }`.
#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct GrantLong {
    /// Privileges (`select`, `insert`, …, or `all`).
    privileges: OneOrMany<String>,
    /// Grant on these columns only (tables).
    columns: Option<Vec<String>>,
    /// `WITH GRANT OPTION`: the role may grant the privileges on.
    grant_option: Option<bool>,
}

/// One privilege, a list of them, the long form, or several long forms.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum GrantShape {
    One(String),
    Many(Vec<String>),
    Long(GrantLong),
    Entries(Vec<GrantLong>),
}

impl GrantEntry {
    pub const KEYS: &[&str] = &["privileges", "columns", "grant_option"];

    fn long(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a grant", cx)?;
        if f.get("privileges").is_none() {
            cx.invalid(
                node.span,
                "a grant needs `privileges`",
                Some("add `privileges: [select]`".into()),
            );
        }
        Some(GrantEntry {
            privileges: f.texts("privileges", cx).0,
            columns: f.texts("columns", cx).0,
            grant_option: f.bool("grant_option", cx),
            span: Some(node.span),
        })
    }
}

impl GrantSyntax {
    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let entries = match &node.value {
            Value::Map(_) => GrantEntry::long(node, cx).into_iter().collect(),
            Value::Seq(items) if items.iter().any(|i| matches!(i.value, Value::Map(_))) => {
                let mut out: Vec<GrantEntry> = Vec::new();
                let mut words = GrantEntry {
                    span: Some(node.span),
                    ..Default::default()
                };
                for i in items {
                    match &i.value {
                        Value::Map(_) => out.extend(GrantEntry::long(i, cx)),
                        _ => words.privileges.extend(text(i, cx)),
                    }
                }
                if !words.privileges.is_empty() {
                    out.insert(0, words);
                }
                out
            }
            _ => vec![GrantEntry {
                privileges: texts(node, cx).0,
                span: Some(node.span),
                ..Default::default()
            }],
        };
        Some(GrantSyntax { entries })
    }
}

/// `grants:` — role → privileges.
pub fn grants(f: &Fields, cx: &mut Cx) -> Named<GrantSyntax> {
    f.get("grants")
        .map(|n| named(n, "grants", cx, |_, n, cx| GrantSyntax::read(n, cx)))
        .unwrap_or_default()
}

/// `owner:` — a role name.
pub fn owner(f: &Fields, cx: &mut Cx) -> Option<Sp<String>> {
    f.get("owner").and_then(|n| text(n, cx))
}

/// One entry of a tier's `default_privileges:`: what a role's new objects
/// get, in the tier's schema, an owned schema, or the whole database.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DefaultPrivilegesSyntax {
    /// The role whose new objects get these privileges (`FOR ROLE`);
    /// default: the role that runs migrations.
    pub for_role: Option<Sp<String>>,
    /// The schema whose new objects get them (`IN SCHEMA`): the tier's or
    /// one it owns; default: the tier's schema.
    pub schema: Option<Sp<String>>,
    /// `true`: every schema of the database (no `IN SCHEMA`), which replaces
    /// PostgreSQL's built-in default (and so can revoke PUBLIC's).
    pub database_wide: Option<Sp<bool>>,
    /// New tables, views and materialized views, by role.
    #[schemars(with = "std::collections::BTreeMap<String, GrantShape>")]
    pub tables: Named<GrantSyntax>,
    /// New sequences, by role.
    #[schemars(with = "std::collections::BTreeMap<String, GrantShape>")]
    pub sequences: Named<GrantSyntax>,
    /// New functions and procedures, by role (`public: none` revokes
    /// PUBLIC's `EXECUTE`, database-wide only).
    #[schemars(with = "std::collections::BTreeMap<String, GrantShape>")]
    pub functions: Named<GrantSyntax>,
    /// New types and domains, by role (`public: none` revokes PUBLIC's
    /// `USAGE`, database-wide only).
    #[schemars(with = "std::collections::BTreeMap<String, GrantShape>")]
    pub types: Named<GrantSyntax>,
    /// New schemas, by role (database-wide only).
    #[schemars(with = "std::collections::BTreeMap<String, GrantShape>")]
    pub schemas: Named<GrantSyntax>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

impl DefaultPrivilegesSyntax {
    pub const KEYS: &[&str] = &[
        "for_role",
        "schema",
        "database_wide",
        "tables",
        "sequences",
        "functions",
        "types",
        "schemas",
    ];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "default privileges", cx)?;
        let by_role =
            |key: &str, cx: &mut Cx| f.named(key, cx, |_, n, cx| GrantSyntax::read(n, cx));
        Some(DefaultPrivilegesSyntax {
            for_role: f.text("for_role", cx),
            schema: f.text("schema", cx),
            database_wide: f.bool("database_wide", cx),
            tables: by_role("tables", cx),
            sequences: by_role("sequences", cx),
            functions: by_role("functions", cx),
            types: by_role("types", cx),
            schemas: by_role("schemas", cx),
            span: Some(node.span),
        })
    }

    /// The grant lists by kind, in a fixed order.
    pub fn kinds(&self) -> [(crate::model::DefaultObjects, &Named<GrantSyntax>); 5] {
        use crate::model::DefaultObjects as D;
        [
            (D::Tables, &self.tables),
            (D::Sequences, &self.sequences),
            (D::Functions, &self.functions),
            (D::Types, &self.types),
            (D::Schemas, &self.schemas),
        ]
    }
}
