//! The syntax layer: the YAML exactly as written, shorthands and all, with a
//! span on every key and value. Readers walk the node tree and report every
//! shape error (unknown key, wrong type, missing key) instead of stopping at
//! the first. The same structs generate the JSON Schema, and a test keeps each
//! reader's key list equal to the schema's properties.

use std::borrow::Cow;

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};

mod composite;
mod domain;
pub mod grant;
mod partition_child;
mod schemas;
mod sequence;

pub use composite::{AttributeSyntax, CompositeSyntax, RangeSyntax, RangeTypeSyntax, TypeSyntax};
pub use domain::DomainSyntax;
pub use partition_child::{PartitionChildShape, PartitionChildSyntax};
pub use schemas::{ExternalSyntax, ExternalTableSyntax, OwnedSchemaSyntax};
pub use sequence::{
    ColumnSequenceShape, ColumnSequenceSyntax, IdentityShape, IdentitySyntax,
    SequenceOptionsSyntax, SequenceSyntax,
};

use super::yaml::{Key, Node, Value};
use crate::check::rules::{invalid_value, missing_key, unknown_key};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::Span;

/// A value and the span it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Sp<T> {
    pub value: T,
    pub span: Span,
}

impl<T> Sp<T> {
    pub fn new(value: T, span: Span) -> Self {
        Sp { value, span }
    }
}

impl<T: JsonSchema> JsonSchema for Sp<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn schema_name() -> Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> Cow<'static, str> {
        T::schema_id()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        T::json_schema(generator)
    }
}

/// A YAML mapping from user-chosen names to values (`tables:`, `columns:`).
#[derive(Clone, Debug)]
pub struct Named<T>(pub Vec<(Sp<String>, T)>);

impl<T> Default for Named<T> {
    fn default() -> Self {
        Named(Vec::new())
    }
}

impl<T: JsonSchema> JsonSchema for Named<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("Named_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let inner = generator.subschema_for::<T>();
        json_schema!({ "type": "object", "additionalProperties": inner })
    }
}

/// One item or a list of them (`columns: id` or `columns: [a, b]`).
#[derive(Clone, Debug)]
pub struct OneOrMany<T>(pub Vec<T>);

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany(Vec::new())
    }
}

impl<T: JsonSchema> JsonSchema for OneOrMany<T> {
    fn schema_name() -> Cow<'static, str> {
        format!("OneOrMany_{}", T::schema_name()).into()
    }
    fn json_schema(generator: &mut SchemaGenerator) -> Schema {
        let inner = generator.subschema_for::<T>();
        json_schema!({ "anyOf": [inner.clone(), { "type": "array", "items": inner }] })
    }
}

/// A scalar that may be written as a string, number or boolean (`default: 0`).
#[derive(Clone, Debug, PartialEq)]
pub struct Text(pub String);

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// Reader context: where diagnostics go.
pub struct Cx<'a> {
    pub diags: &'a mut Diagnostics,
}

impl Cx<'_> {
    fn push(&mut self, d: Diagnostic) {
        self.diags.push(d);
    }

    pub fn expected(&mut self, node: &Node, what: &str) {
        self.push(
            Diagnostic::new(
                &invalid_value::META,
                format!("expected {what}, found {}", node.kind()),
            )
            .at(Some(node.span)),
        );
    }

    pub fn invalid(&mut self, span: Span, message: impl Into<String>, help: Option<String>) {
        let mut d = Diagnostic::new(&invalid_value::META, message).at(Some(span));
        d.help = help;
        self.push(d);
    }

    fn missing(&mut self, span: Span, key: &str, what: &str) {
        self.push(
            Diagnostic::new(&missing_key::META, format!("{what} needs a `{key}` key"))
                .at(Some(span))
                .help(format!("add `{key}:`")),
        );
    }

    fn unknown(&mut self, key: &Key, keys: &[&str], what: &str) {
        let mut d = Diagnostic::new(
            &unknown_key::META,
            format!("unknown key `{}` in {what}", key.text),
        )
        .at(Some(key.span));
        d.help = Some(match did_you_mean(&key.text, keys.iter().copied()) {
            Some(s) => format!("did you mean `{s}`?"),
            None => format!("expected one of: {}", keys.join(", ")),
        });
        self.push(d);
    }
}

/// The entries of a mapping whose keys are checked against `keys`.
pub struct Fields<'a> {
    entries: &'a [(Key, Node)],
    pub span: Span,
}

impl<'a> Fields<'a> {
    pub fn of(node: &'a Node, keys: &[&str], what: &str, cx: &mut Cx) -> Option<Fields<'a>> {
        let Value::Map(entries) = &node.value else {
            cx.expected(node, &format!("a mapping for {what}"));
            return None;
        };
        for (k, _) in entries {
            if !keys.contains(&k.text.as_str()) {
                cx.unknown(k, keys, what);
            }
        }
        Some(Fields {
            entries,
            span: node.span,
        })
    }

    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, v)| k.text == key && !matches!(v.value, Value::Null))
            .map(|(_, v)| v)
    }

    pub fn key_span(&self, key: &str) -> Option<Span> {
        self.entries
            .iter()
            .find(|(k, _)| k.text == key)
            .map(|(k, _)| k.span)
    }

    pub fn text(&self, key: &str, cx: &mut Cx) -> Option<Sp<String>> {
        self.get(key).and_then(|n| text(n, cx))
    }

    pub fn bool(&self, key: &str, cx: &mut Cx) -> Option<Sp<bool>> {
        self.get(key).and_then(|n| boolean(n, cx))
    }

    pub fn uint(&self, key: &str, cx: &mut Cx) -> Option<Sp<u32>> {
        self.get(key).and_then(|n| uint(n, cx))
    }

    pub fn texts(&self, key: &str, cx: &mut Cx) -> OneOrMany<Sp<String>> {
        self.get(key).map(|n| texts(n, cx)).unwrap_or_default()
    }

    pub fn required_text(&self, key: &str, what: &str, cx: &mut Cx) -> Option<Sp<String>> {
        match self.get(key) {
            Some(n) => text(n, cx),
            None => {
                cx.missing(self.span, key, what);
                None
            }
        }
    }

    pub fn named<T>(
        &self,
        key: &str,
        cx: &mut Cx,
        read: impl FnMut(&Sp<String>, &Node, &mut Cx) -> Option<T>,
    ) -> Named<T> {
        self.get(key)
            .map(|n| named(n, key, cx, read))
            .unwrap_or_default()
    }

    pub fn list<T>(
        &self,
        key: &str,
        cx: &mut Cx,
        read: impl FnMut(&Node, &mut Cx) -> Option<T>,
    ) -> Vec<T> {
        self.get(key).map(|n| list(n, cx, read)).unwrap_or_default()
    }
}

/// A scalar as text. YAML's non-finite floats (`.nan`, `.inf`) have no
/// PostgreSQL spelling as a bare word, so they are refused here.
pub fn text(node: &Node, cx: &mut Cx) -> Option<Sp<String>> {
    if let Value::Float(f) = node.value
        && !f.is_finite()
    {
        let word = if f.is_nan() {
            "NaN"
        } else if f > 0.0 {
            "Infinity"
        } else {
            "-Infinity"
        };
        cx.invalid(
            node.span,
            format!("YAML reads this as the float {word}, which SQL cannot write as a bare value"),
            Some(format!(
                "quote it: for the PostgreSQL value write `\"'{word}'\"`; for a word, `\"{word}\"`"
            )),
        );
        return None;
    }
    match node.scalar_text() {
        Some(s) => Some(Sp::new(s, node.span)),
        None => {
            cx.expected(node, "a string");
            None
        }
    }
}

pub fn boolean(node: &Node, cx: &mut Cx) -> Option<Sp<bool>> {
    match node.value {
        Value::Bool(b) => Some(Sp::new(b, node.span)),
        _ => {
            cx.expected(node, "`true` or `false`");
            None
        }
    }
}

pub fn int(node: &Node, cx: &mut Cx) -> Option<Sp<i64>> {
    match node.value {
        Value::Int(i) => Some(Sp::new(i, node.span)),
        _ => {
            cx.expected(node, "an integer");
            None
        }
    }
}

pub fn uint(node: &Node, cx: &mut Cx) -> Option<Sp<u32>> {
    match node.value {
        Value::Int(i) if (0..=i64::from(u32::MAX)).contains(&i) => {
            Some(Sp::new(i as u32, node.span))
        }
        _ => {
            cx.expected(node, "a non-negative integer");
            None
        }
    }
}

/// One scalar or a list of scalars.
pub fn texts(node: &Node, cx: &mut Cx) -> OneOrMany<Sp<String>> {
    match &node.value {
        Value::Seq(items) => OneOrMany(items.iter().filter_map(|n| text(n, cx)).collect()),
        _ => OneOrMany(text(node, cx).into_iter().collect()),
    }
}

pub fn list<T>(
    node: &Node,
    cx: &mut Cx,
    mut read: impl FnMut(&Node, &mut Cx) -> Option<T>,
) -> Vec<T> {
    match &node.value {
        Value::Seq(items) => items.iter().filter_map(|n| read(n, cx)).collect(),
        _ => {
            cx.expected(node, "a list");
            Vec::new()
        }
    }
}

pub fn named<T>(
    node: &Node,
    what: &str,
    cx: &mut Cx,
    mut read: impl FnMut(&Sp<String>, &Node, &mut Cx) -> Option<T>,
) -> Named<T> {
    match &node.value {
        Value::Map(entries) => Named(
            entries
                .iter()
                .filter_map(|(k, v)| {
                    let name = Sp::new(k.text.clone(), k.span);
                    read(&name, v, cx).map(|t| (name, t))
                })
                .collect(),
        ),
        _ => {
            cx.expected(node, &format!("a mapping of names for `{what}`"));
            Named::default()
        }
    }
}

/// A word from a fixed set, with a "did you mean" on a near miss.
pub fn choice(node: &Node, options: &[&str], cx: &mut Cx) -> Option<Sp<String>> {
    let t = text(node, cx)?;
    if options.contains(&t.value.as_str()) {
        return Some(t);
    }
    let help = match did_you_mean(&t.value, options.iter().copied()) {
        Some(s) => format!("did you mean `{s}`?"),
        None => format!("expected one of: {}", options.join(", ")),
    };
    cx.invalid(
        t.span,
        format!("`{}` is not one of the allowed values", t.value),
        Some(help),
    );
    None
}

/// Storage parameters (`with: { fillfactor: 70, autovacuum_enabled: false }`):
/// each value as PostgreSQL stores it in `reloptions`.
pub fn storage(node: &Node, cx: &mut Cx) -> Named<Sp<Text>> {
    named(node, "with", cx, |_, n, cx| {
        text(n, cx).map(|t| Sp::new(Text(t.value), t.span))
    })
}

/// Row-level security: `true` (enabled and forced), `false`, `enabled`
/// (enabled, not forced: the table's owner bypasses it), or a mapping.
#[derive(Debug, Clone, Copy, PartialEq, Eq, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct RlsSyntax {
    pub enabled: bool,
    pub forced: bool,
}

/// How `rls:` may be written.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum RlsShape {
    Flag(bool),
    Word(RlsWord),
    Long(RlsSyntax),
}

impl RlsSyntax {
    pub const KEYS: &[&str] = &["enabled", "forced"];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Sp<Self>> {
        let v = match &node.value {
            Value::Bool(b) => RlsSyntax {
                enabled: *b,
                forced: *b,
            },
            Value::Map(_) => {
                let f = Fields::of(node, Self::KEYS, "`rls`", cx)?;
                RlsSyntax {
                    enabled: f.bool("enabled", cx).is_some_and(|b| b.value),
                    forced: f.bool("forced", cx).is_some_and(|b| b.value),
                }
            }
            _ => {
                let w = choice(node, RlsWord::WORDS, cx)?;
                RlsSyntax {
                    enabled: true,
                    forced: w.value == "forced",
                }
            }
        };
        Some(Sp::new(v, node.span))
    }
}

/// An extension: its name, or `{ name, schema }`.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExtensionSyntax {
    pub name: Sp<String>,
    /// Schema the extension's objects are created in (`WITH SCHEMA`).
    pub schema: Option<Sp<String>>,
}

/// How an extension may be written.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum ExtensionShape {
    Name(String),
    Long(ExtensionSyntax),
}

impl ExtensionSyntax {
    pub const KEYS: &[&str] = &["name", "schema"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return text(node, cx).map(|name| ExtensionSyntax { name, schema: None });
        }
        let f = Fields::of(node, Self::KEYS, "an extension", cx)?;
        Some(ExtensionSyntax {
            name: f.required_text("name", "an extension", cx)?,
            schema: f.text("schema", cx),
        })
    }

    fn list(node: &Node, cx: &mut Cx) -> Vec<Self> {
        match &node.value {
            Value::Seq(items) => items.iter().filter_map(|n| Self::read(n, cx)).collect(),
            _ => Self::read(node, cx).into_iter().collect(),
        }
    }
}

macro_rules! word_enum {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(JsonSchema)]
        #[allow(dead_code)]
        pub enum $name { $(#[schemars(rename = $word)] $variant),+ }
        impl $name {
            pub const WORDS: &'static [&'static str] = &[$($word),+];
        }
    };
}

word_enum!(
    /// Rule level.
    LevelWord { Error => "error", Warn => "warn", Info => "info", Off => "off" }
);
word_enum!(
    /// Whether a table holds one tenant's rows (`scoped`) or rows shared by all (`global`).
    TenancyWord { Scoped => "scoped", Global => "global" }
);
word_enum!(
    /// `bare`: created, updated. `suffix_at`: created_at, updated_at. `any`: not checked.
    TimestampsWord { Bare => "bare", SuffixAt => "suffix_at", Any => "any" }
);
word_enum!(
    /// Grammatical number of entity table names.
    TablesWord { Plural => "plural", Singular => "singular", Any => "any" }
);
word_enum!(
    /// Referential action.
    ActionWord { NoAction => "no_action", Restrict => "restrict", Cascade => "cascade", SetNull => "set_null", SetDefault => "set_default" }
);
word_enum!(
    /// Index access method.
    MethodWord { Btree => "btree", Hash => "hash", Gin => "gin", Gist => "gist", Spgist => "spgist", Brin => "brin" }
);
word_enum!(
    /// Identity column kind.
    IdentityWord { Always => "always", ByDefault => "by_default" }
);
word_enum!(
    /// Policy command.
    CommandWord { All => "all", Select => "select", Insert => "insert", Update => "update", Delete => "delete" }
);
word_enum!(
    /// Policy combination.
    PolicyKindWord { Permissive => "permissive", Restrictive => "restrictive" }
);
word_enum!(
    /// Time-window size of range partitions.
    IntervalWord { Day => "day", Week => "week", Month => "month", Year => "year" }
);
word_enum!(
    /// Sort order of an index key.
    OrderWord { Asc => "asc", Desc => "desc" }
);
word_enum!(
    /// Where NULLs sort in an index key.
    NullsWord { First => "first", Last => "last" }
);
word_enum!(
    /// How a materialized view is refreshed.
    RefreshWord { Concurrently => "concurrently", Blocking => "blocking" }
);
word_enum!(
    /// How a type the tier's columns use is managed: `external`, made and
    /// kept by something else (a platform, a DBA, an older migration tool).
    TypeWord { External => "external" }
);
word_enum!(
    /// Row-level security enabled only, or enabled and forced on the owner too.
    RlsWord { Enabled => "enabled", Forced => "forced" }
);
word_enum!(
    /// What a table logs to identify changed rows for logical replication.
    ReplicaIdentityWord { Default => "default", Full => "full", Nothing => "nothing" }
);
word_enum!(
    /// `WITH … CHECK OPTION` of an updatable view.
    CheckOptionWord { Local => "local", Cascaded => "cascaded" }
);
word_enum!(
    /// `true`, or when the check happens.
    DeferrableWord { InitiallyImmediate => "initially_immediate", InitiallyDeferred => "initially_deferred" }
);

pub mod citus;
use citus::{CitusSyntax, DistributionSyntax};
mod function;
pub use function::{ArgSyntax, FunctionSyntax};
mod trigger;
pub use trigger::{EventSyntax, ReferencingSyntax, TriggerSyntax};

// ---------------------------------------------------------------------------
// schemac.yaml

/// The project file, `schemac.yaml`.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields, title = "schemac project or tier file")]
pub struct ProjectFile {
    /// Project name.
    #[schemars(required)]
    pub project: Option<Sp<String>>,
    /// Target PostgreSQL major version (15 or newer).
    pub postgres: Option<Sp<u32>>,
    /// Multi-tenancy: tenant root table, key column and session setting.
    pub tenancy: Option<TenancySyntax>,
    /// Naming conventions checked by the N rules.
    pub conventions: Option<ConventionsSyntax>,
    /// Rule code or name → `error`, `warn`, `info` or `off`.
    #[schemars(with = "std::collections::BTreeMap<String, LevelWord>")]
    pub rules: Named<Sp<String>>,
    /// How migrations are written and applied.
    pub migrations: Option<MigrationsSyntax>,
    /// Folder of templates overriding the built-in ones (same file names).
    pub templates: Option<Sp<String>>,
    /// Tiers by name: each is one database.
    pub tiers: Named<TierSyntax>,
    /// Roles grants, owners and policies name. Cluster-wide: schemac never
    /// creates them; `apply` and `plan --db` need them to exist.
    pub roles: Named<grant::RoleSyntax>,
}

impl ProjectFile {
    pub const KEYS: &[&str] = &[
        "project",
        "postgres",
        "tenancy",
        "conventions",
        "rules",
        "migrations",
        "templates",
        "tiers",
        "roles",
    ];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "the project file", cx)?;
        Some(ProjectFile {
            project: f.required_text("project", "the project file", cx),
            postgres: f.uint("postgres", cx),
            tenancy: f.get("tenancy").and_then(|n| TenancySyntax::read(n, cx)),
            conventions: f
                .get("conventions")
                .and_then(|n| ConventionsSyntax::read(n, cx)),
            rules: f.named("rules", cx, |_, n, cx| choice(n, LevelWord::WORDS, cx)),
            migrations: f
                .get("migrations")
                .and_then(|n| MigrationsSyntax::read(n, cx)),
            templates: f.text("templates", cx),
            tiers: f.named("tiers", cx, |_, n, cx| TierSyntax::read(n, cx)),
            roles: f.named("roles", cx, |_, n, cx| grant::RoleSyntax::read(n, cx)),
        })
    }
}

/// Multi-tenancy settings.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TenancySyntax {
    /// The tenant root table as `tier.table`.
    pub root: Sp<String>,
    /// Column every tenant-scoped table carries (default `tenant_id`).
    pub key: Option<Sp<String>>,
    /// Type of the key (default: the root table's primary key type).
    #[schemars(rename = "type")]
    pub key_type: Option<Sp<String>>,
    /// Session setting holding the current tenant, e.g. `app.current_tenant_id`.
    pub setting: Sp<String>,
    /// Roles whose sessions see every tenant (a permissive policy each).
    pub bypass_roles: OneOrMany<Sp<String>>,
}

impl TenancySyntax {
    pub const KEYS: &[&str] = &["root", "key", "type", "setting", "bypass_roles"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "`tenancy`", cx)?;
        // A missing key is reported once; the rest is still read so that
        // columns naming the tenant key raise no follow-on errors.
        let blank = || Sp::new(String::new(), f.span);
        let root = f.required_text("root", "`tenancy`", cx);
        let setting = f.required_text("setting", "`tenancy`", cx);
        let out = TenancySyntax {
            root: root.unwrap_or_else(blank),
            key: f.text("key", cx),
            key_type: f.text("type", cx),
            setting: setting.unwrap_or_else(blank),
            bypass_roles: f.texts("bypass_roles", cx),
        };
        Some(out)
    }
}

/// Naming conventions.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ConventionsSyntax {
    /// Timestamp column style.
    #[schemars(with = "Option<TimestampsWord>")]
    pub timestamps: Option<Sp<String>>,
    /// Entity table names: plural or singular.
    #[schemars(with = "Option<TablesWord>")]
    pub tables: Option<Sp<String>>,
    /// Table names exempt from the plural/singular rule.
    pub table_number_exceptions: OneOrMany<Sp<String>>,
    /// Generate a trigger keeping the `updated` column current on UPDATE.
    pub touch_updated: Option<Sp<bool>>,
}

impl ConventionsSyntax {
    pub const KEYS: &[&str] = &[
        "timestamps",
        "tables",
        "table_number_exceptions",
        "touch_updated",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "`conventions`", cx)?;
        Some(ConventionsSyntax {
            timestamps: f
                .get("timestamps")
                .and_then(|n| choice(n, TimestampsWord::WORDS, cx)),
            tables: f
                .get("tables")
                .and_then(|n| choice(n, TablesWord::WORDS, cx)),
            table_number_exceptions: f.texts("table_number_exceptions", cx),
            touch_updated: f.bool("touch_updated", cx),
        })
    }
}

/// Migration settings.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct MigrationsSyntax {
    /// Folder holding `<tier>/NNNN_*.sql` (default `migrations`).
    pub dir: Option<Sp<String>>,
    /// `lock_timeout` set at the start of every migration (default `5s`).
    pub lock_timeout: Option<Sp<String>>,
    /// `statement_timeout` set at the start of every migration (default `15min`).
    pub statement_timeout: Option<Sp<String>>,
    /// Hazard codes `emit` may write without `--allow-hazard`.
    pub allow_hazards: OneOrMany<Sp<String>>,
    /// History table `apply` keeps in each database, `table` (in `public`) or
    /// `schema.table` (default `schemac_history`).
    pub history_table: Option<Sp<String>>,
}

impl MigrationsSyntax {
    pub const KEYS: &[&str] = &[
        "dir",
        "lock_timeout",
        "statement_timeout",
        "allow_hazards",
        "history_table",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "`migrations`", cx)?;
        Some(MigrationsSyntax {
            dir: f.text("dir", cx),
            lock_timeout: f.text("lock_timeout", cx),
            statement_timeout: f.text("statement_timeout", cx),
            allow_hazards: f.texts("allow_hazards", cx),
            history_table: f.text("history_table", cx),
        })
    }
}

/// One tier: a database and the conventions of its tables.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TierSyntax {
    /// Database name.
    pub database: Option<Sp<String>>,
    /// PostgreSQL schema holding the tier's objects (default `public`).
    pub schema: Option<Sp<String>>,
    /// Prefix every table name in the tier must carry.
    pub prefix: Option<Sp<String>>,
    /// Suffix every table name in the tier must carry.
    pub suffix: Option<Sp<String>>,
    /// Default tenancy of the tier's tables (default `scoped` when the project has tenancy).
    #[schemars(with = "Option<TenancyWord>")]
    pub tenancy: Option<Sp<String>>,
    /// Environment variable holding this tier's database URL.
    pub url_env: Option<Sp<String>>,
    /// The tier's database is a Citus cluster: `true`, or its settings.
    pub citus: Option<CitusSyntax>,
    /// Owner of the tier's schema and of every object the tier creates
    /// that does not name its own.
    pub owner: Option<Sp<String>>,
    /// Privileges on the tier's schema, by role (`usage`, `create`).
    #[schemars(with = "std::collections::BTreeMap<String, grant::GrantShape>")]
    pub grants: Named<grant::GrantSyntax>,
    /// Further PostgreSQL schemas the tier owns: created before and
    /// dropped after everything in them. Objects name them `schema.name`.
    pub schemas: Named<OwnedSchemaSyntax>,
    /// What new objects get when they are created (`ALTER DEFAULT
    /// PRIVILEGES`), per creating role, schema and kind of object.
    pub default_privileges: Vec<grant::DefaultPrivilegesSyntax>,
}

impl TierSyntax {
    pub const KEYS: &[&str] = &[
        "database",
        "schema",
        "prefix",
        "suffix",
        "tenancy",
        "url_env",
        "citus",
        "owner",
        "grants",
        "schemas",
        "default_privileges",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.value, Value::Null) {
            return Some(TierSyntax::default());
        }
        let f = Fields::of(node, Self::KEYS, "a tier", cx)?;
        Some(TierSyntax {
            database: f.text("database", cx),
            schema: f.text("schema", cx),
            prefix: f.text("prefix", cx),
            suffix: f.text("suffix", cx),
            tenancy: f
                .get("tenancy")
                .and_then(|n| choice(n, TenancyWord::WORDS, cx)),
            url_env: f.text("url_env", cx),
            citus: f.get("citus").and_then(|n| CitusSyntax::read(n, cx)),
            owner: grant::owner(&f, cx),
            grants: grant::grants(&f, cx),
            schemas: f.named("schemas", cx, |_, n, cx| OwnedSchemaSyntax::read(n, cx)),
            default_privileges: f.list("default_privileges", cx, |n, cx| {
                grant::DefaultPrivilegesSyntax::read(n, cx)
            }),
        })
    }
}

// ---------------------------------------------------------------------------
// tier files

/// A file of tables, views, enums and extensions belonging to one tier.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TierFile {
    /// The tier these objects belong to (default: the folder the file is in).
    pub tier: Option<Sp<String>>,
    /// Extensions the tier's database needs (`CREATE EXTENSION IF NOT EXISTS`).
    #[schemars(with = "OneOrMany<ExtensionShape>")]
    pub extensions: Vec<ExtensionSyntax>,
    /// Enum types by name.
    pub enums: Named<EnumSyntax>,
    /// Sequences by name (those of serial columns are declared on the column).
    pub sequences: Named<SequenceSyntax>,
    /// Domains by name: a base type with a default, NOT NULL and named checks.
    pub domains: Named<DomainSyntax>,
    /// Composite types by name (`{ attributes: {…} }`), and types the tier's
    /// columns use that the project does not manage (made elsewhere):
    /// `name: external`.
    pub types: Named<TypeSyntax>,
    /// Tables by name.
    pub tables: Named<TableSyntax>,
    /// Views and materialized views by name.
    pub views: Named<ViewSyntax>,
    /// Functions by name; overloads by `name(argtypes)`.
    pub functions: Named<FunctionSyntax>,
    /// Procedures by name; overloads by `name(argtypes)`.
    #[schemars(with = "std::collections::BTreeMap<String, FunctionSyntax>")]
    pub procedures: Named<FunctionSyntax>,
    /// Objects managed elsewhere that the tier's objects refer to.
    pub external: Option<ExternalSyntax>,
}

impl TierFile {
    pub const KEYS: &[&str] = &[
        "tier",
        "extensions",
        "enums",
        "sequences",
        "domains",
        "types",
        "tables",
        "views",
        "functions",
        "procedures",
        "external",
    ];

    pub fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if matches!(node.value, Value::Null) {
            return Some(TierFile::default());
        }
        let f = Fields::of(node, Self::KEYS, "a tier file", cx)?;
        Some(TierFile {
            tier: f.text("tier", cx),
            extensions: f
                .get("extensions")
                .map(|n| ExtensionSyntax::list(n, cx))
                .unwrap_or_default(),
            enums: f.named("enums", cx, |_, n, cx| EnumSyntax::read(n, cx)),
            sequences: f.named("sequences", cx, |_, n, cx| SequenceSyntax::read(n, cx)),
            domains: f.named("domains", cx, |_, n, cx| DomainSyntax::read(n, cx)),
            types: f.named("types", cx, |_, n, cx| TypeSyntax::read(n, cx)),
            tables: f.named("tables", cx, |_, n, cx| TableSyntax::read(n, cx)),
            views: f.named("views", cx, |_, n, cx| ViewSyntax::read(n, cx)),
            functions: f.named("functions", cx, |_, n, cx| {
                FunctionSyntax::read(n, false, cx)
            }),
            procedures: f.named("procedures", cx, |_, n, cx| {
                FunctionSyntax::read(n, true, cx)
            }),
            external: f.get("external").and_then(|n| ExternalSyntax::read(n, cx)),
        })
    }
}

/// An enum type: its values, or `{values, comment}`.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum EnumSyntax {
    Values(Vec<Sp<Text>>),
    Long(EnumLong),
}

#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct EnumLong {
    pub values: Vec<Sp<Text>>,
    pub comment: Option<Sp<String>>,
    /// The role owning it.
    pub owner: Option<Sp<String>>,
    /// `USAGE` granted per role; PUBLIC keeps PostgreSQL's default `USAGE`
    /// unless `public: none`.
    #[schemars(with = "std::collections::BTreeMap<String, grant::GrantShape>")]
    pub grants: Named<grant::GrantSyntax>,
}

impl EnumSyntax {
    pub const KEYS: &[&str] = &["values", "comment", "owner", "grants"];

    fn values(node: &Node, cx: &mut Cx) -> Vec<Sp<Text>> {
        list(node, cx, |n, cx| {
            text(n, cx).map(|t| Sp::new(Text(t.value), t.span))
        })
    }

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if let Value::Seq(_) = node.value {
            return Some(EnumSyntax::Values(Self::values(node, cx)));
        }
        let f = Fields::of(node, Self::KEYS, "an enum", cx)?;
        let values = match f.get("values") {
            Some(n) => Self::values(n, cx),
            None => {
                cx.missing(f.span, "values", "an enum");
                Vec::new()
            }
        };
        Some(EnumSyntax::Long(EnumLong {
            values,
            comment: f.text("comment", cx),
            owner: grant::owner(&f, cx),
            grants: grant::grants(&f, cx),
        }))
    }

    pub fn parts(&self) -> (&[Sp<Text>], Option<&Sp<String>>) {
        match self {
            EnumSyntax::Values(v) => (v, None),
            EnumSyntax::Long(l) => (&l.values, l.comment.as_ref()),
        }
    }
}

/// `true`, a reason string, or `{replacement, reason}`.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(untagged)]
pub enum DeprecatedSyntax {
    Flag(bool),
    Reason(String),
    Long(DeprecatedLong),
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct DeprecatedLong {
    /// What to use instead.
    pub replacement: Option<Sp<String>>,
    pub reason: Option<Sp<String>>,
}

impl DeprecatedSyntax {
    pub const KEYS: &[&str] = &["replacement", "reason"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Sp<Self>> {
        let v = match &node.value {
            Value::Bool(b) => DeprecatedSyntax::Flag(*b),
            Value::Str(s) => DeprecatedSyntax::Reason(s.clone()),
            _ => {
                let f = Fields::of(node, Self::KEYS, "`deprecated`", cx)?;
                DeprecatedSyntax::Long(DeprecatedLong {
                    replacement: f.text("replacement", cx),
                    reason: f.text("reason", cx),
                })
            }
        };
        Some(Sp::new(v, node.span))
    }
}

/// A table.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct TableSyntax {
    pub comment: Option<Sp<String>>,
    /// `scoped` (one tenant's rows, isolated by RLS) or `global`; default from the tier.
    #[schemars(with = "Option<TenancyWord>")]
    pub tenancy: Option<Sp<String>>,
    /// The table's previous name: the next migration renames it.
    pub was: Option<Sp<String>>,
    pub deprecated: Option<Sp<DeprecatedSyntax>>,
    /// Columns by name: a type (`uuid`, `text?` for nullable) or a mapping.
    pub columns: Named<ColumnSyntax>,
    /// Composite primary key.
    pub primary_key: Option<Sp<KeySyntax>>,
    /// Unique constraints.
    pub unique: Vec<Sp<KeySyntax>>,
    /// Check constraints: an expression or `{name, expr}`.
    pub checks: Vec<CheckSyntax>,
    /// Composite foreign keys.
    pub foreign_keys: Vec<ForeignKeySyntax>,
    /// Exclusion constraints.
    pub exclude: Vec<ExcludeSyntax>,
    /// Indexes: a list of keys, or a mapping.
    pub indexes: Vec<Sp<IndexSyntax>>,
    /// Declarative partitioning.
    pub partition: Option<PartitionSyntax>,
    /// Row-level security policies by name, beyond the tenant policy.
    pub policies: Named<PolicySyntax>,
    /// Row-level security: `true` enables and forces it (scoped tables always
    /// have it), `enabled` enables it without forcing it on the owner.
    #[schemars(with = "Option<RlsShape>")]
    pub rls: Option<Sp<RlsSyntax>>,
    /// Override the project's `touch_updated` convention for this table.
    pub touch_updated: Option<Sp<bool>>,
    /// Triggers by name.
    pub triggers: Named<TriggerSyntax>,
    /// Storage parameters: `{ fillfactor: 70, autovacuum_enabled: false }`.
    #[schemars(with = "std::collections::BTreeMap<String, Text>")]
    pub with: Named<Sp<Text>>,
    /// `default`, `full`, `nothing`, or the name of a unique index.
    pub replica_identity: Option<Sp<String>>,
    /// Parent tables (`INHERITS`); their columns are not repeated here.
    pub inherits: OneOrMany<Sp<String>>,
    /// Not written to the WAL: fast, not crash-safe, not replicated.
    pub unlogged: Option<Sp<bool>>,
    /// On a Citus tier: `distributed` (tenant tables; the tenant root on its
    /// key), `reference` (global tables, the default), `local`, or
    /// `{ by: column }`.
    pub distribution: Option<Sp<DistributionSyntax>>,
    /// Role owning the table (default: the tier's `owner`, else whoever applies).
    pub owner: Option<Sp<String>>,
    /// Privileges by role: `select`, `[select, insert]`, `all`, or
    /// `{ privileges, columns, grant_option }`.
    #[schemars(with = "std::collections::BTreeMap<String, grant::GrantShape>")]
    pub grants: Named<grant::GrantSyntax>,
}

impl TableSyntax {
    pub const KEYS: &[&str] = &[
        "comment",
        "tenancy",
        "was",
        "deprecated",
        "columns",
        "primary_key",
        "unique",
        "checks",
        "foreign_keys",
        "exclude",
        "indexes",
        "partition",
        "policies",
        "rls",
        "touch_updated",
        "triggers",
        "with",
        "replica_identity",
        "inherits",
        "unlogged",
        "distribution",
        "owner",
        "grants",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a table", cx)?;
        if f.get("columns").is_none() {
            cx.missing(f.span, "columns", "a table");
        }
        Some(TableSyntax {
            comment: f.text("comment", cx),
            tenancy: f
                .get("tenancy")
                .and_then(|n| choice(n, TenancyWord::WORDS, cx)),
            was: f.text("was", cx),
            deprecated: f
                .get("deprecated")
                .and_then(|n| DeprecatedSyntax::read(n, cx)),
            columns: f.named("columns", cx, |_, n, cx| ColumnSyntax::read(n, cx)),
            primary_key: f
                .get("primary_key")
                .and_then(|n| KeySyntax::read(n, "`primary_key`", cx)),
            unique: f.list("unique", cx, |n, cx| KeySyntax::read(n, "`unique`", cx)),
            checks: f.list("checks", cx, CheckSyntax::read),
            foreign_keys: f.list("foreign_keys", cx, ForeignKeySyntax::read),
            exclude: f.list("exclude", cx, ExcludeSyntax::read),
            indexes: f.list("indexes", cx, IndexSyntax::read),
            partition: f
                .get("partition")
                .and_then(|n| PartitionSyntax::read(n, cx)),
            policies: f.named("policies", cx, |_, n, cx| PolicySyntax::read(n, cx)),
            rls: f.get("rls").and_then(|n| RlsSyntax::read(n, cx)),
            touch_updated: f.bool("touch_updated", cx),
            triggers: f.named("triggers", cx, |_, n, cx| TriggerSyntax::read(n, cx)),
            with: f.get("with").map(|n| storage(n, cx)).unwrap_or_default(),
            replica_identity: f.text("replica_identity", cx),
            inherits: f.texts("inherits", cx),
            unlogged: f.bool("unlogged", cx),
            distribution: f
                .get("distribution")
                .and_then(|n| DistributionSyntax::read(n, cx)),
            owner: grant::owner(&f, cx),
            grants: grant::grants(&f, cx),
        })
    }
}

/// A column: its type (`timestamptz`; a trailing `?` makes it nullable) or a mapping.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum ColumnSyntax {
    Short(Sp<String>),
    Long(Box<ColumnLong>),
}

/// A column in long form.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ColumnLong {
    /// PostgreSQL type: `uuid`, `text[]`, `numeric(5,2)`, `varchar(255)`, an enum name…
    #[schemars(rename = "type", required)]
    pub ty: Option<Sp<String>>,
    /// Columns are NOT NULL unless this is true (or the type ends in `?`).
    pub nullable: Option<Sp<bool>>,
    /// Default as an SQL expression: `now()`, `'{}'`, `0`.
    pub default: Option<Sp<Text>>,
    pub primary_key: Option<Sp<bool>>,
    pub unique: Option<Sp<bool>>,
    /// Check constraint on this column as an SQL expression.
    pub check: Option<Sp<String>>,
    /// `table`, `table.column`, `tier.table`, `tier.table.column`, or a mapping.
    #[schemars(with = "Option<ReferenceShape>")]
    pub references: Option<ReferenceSyntax>,
    pub comment: Option<Sp<String>>,
    /// The column's previous name: the next migration renames it.
    pub was: Option<Sp<String>>,
    pub deprecated: Option<Sp<DeprecatedSyntax>>,
    /// Identity column: `always`, `by_default`, or `{ kind, start, increment, … }`.
    #[schemars(with = "Option<IdentityShape>")]
    pub identity: Option<IdentitySyntax>,
    /// The column's own sequence, as a `serial` column has: `true`, its
    /// name, or `{ name, start, increment, … }`.
    #[schemars(with = "Option<ColumnSequenceShape>")]
    pub sequence: Option<ColumnSequenceSyntax>,
    /// Stored generated column: `GENERATED ALWAYS AS (expr) STORED`.
    pub generated: Option<Sp<String>>,
    pub collation: Option<Sp<String>>,
}

impl ColumnSyntax {
    pub const KEYS: &[&str] = &[
        "type",
        "nullable",
        "default",
        "primary_key",
        "unique",
        "check",
        "references",
        "comment",
        "was",
        "deprecated",
        "identity",
        "sequence",
        "generated",
        "collation",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return text(node, cx).map(ColumnSyntax::Short);
        }
        let f = Fields::of(node, Self::KEYS, "a column", cx)?;
        let ty = f.required_text("type", "a column", cx);
        Some(ColumnSyntax::Long(Box::new(ColumnLong {
            ty,
            nullable: f.bool("nullable", cx),
            default: f
                .text("default", cx)
                .map(|t| Sp::new(Text(t.value), t.span)),
            primary_key: f.bool("primary_key", cx),
            unique: f.bool("unique", cx),
            check: f.text("check", cx),
            references: f
                .get("references")
                .and_then(|n| ReferenceSyntax::read(n, cx)),
            comment: f.text("comment", cx),
            was: f.text("was", cx),
            deprecated: f
                .get("deprecated")
                .and_then(|n| DeprecatedSyntax::read(n, cx)),
            identity: f.get("identity").and_then(|n| IdentitySyntax::read(n, cx)),
            sequence: f
                .get("sequence")
                .and_then(|n| ColumnSequenceSyntax::read(n, cx)),
            generated: f.text("generated", cx),
            collation: f.text("collation", cx),
        })))
    }
}

/// A reference as written: a target (`tier.table.column`) or the long form.
#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum ReferenceShape {
    Target(String),
    Long(Box<ReferenceSyntax>),
}

/// Where a foreign key points, with its actions.
#[derive(Debug, Default, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ReferenceSyntax {
    /// `table`, `tier.table`, or with a column: `table.column`, `tier.table.column`.
    pub table: Option<Sp<String>>,
    /// Referenced column(s) (default: the primary key).
    pub column: OneOrMany<Sp<String>>,
    #[schemars(with = "Option<ActionWord>")]
    pub on_delete: Option<Sp<String>>,
    /// The referencing columns `on_delete: set_null` or `set_default` sets
    /// (default: all of them). In a tenant-scoped composite key, list the
    /// columns other than the tenant key, which must stay NOT NULL.
    pub on_delete_columns: OneOrMany<Sp<String>>,
    #[schemars(with = "Option<ActionWord>")]
    pub on_update: Option<Sp<String>>,
    /// `true` (initially immediate), `initially_deferred` or `initially_immediate`.
    #[schemars(with = "Option<DeferrableWord>")]
    pub deferrable: Option<Sp<String>>,
    /// Constraint name (default `<table>_<columns>_fkey`).
    pub name: Option<Sp<String>>,
    /// Force a foreign key (`true`) or document only (`false`); across databases
    /// only `false` is possible.
    pub enforce: Option<Sp<bool>>,
    /// Added `NOT VALID`: existing rows were never checked.
    pub not_valid: Option<Sp<bool>>,
    pub comment: Option<Sp<String>>,
}

impl ReferenceSyntax {
    pub const KEYS: &[&str] = &[
        "table",
        "column",
        "on_delete",
        "on_delete_columns",
        "on_update",
        "deferrable",
        "name",
        "enforce",
        "not_valid",
        "comment",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return text(node, cx).map(|t| ReferenceSyntax {
                table: Some(t),
                ..Default::default()
            });
        }
        let f = Fields::of(node, Self::KEYS, "`references`", cx)?;
        let actions = ActionWord::WORDS;
        Some(ReferenceSyntax {
            table: f.required_text("table", "`references`", cx),
            column: f.texts("column", cx),
            on_delete: f.get("on_delete").and_then(|n| choice(n, actions, cx)),
            on_delete_columns: f.texts("on_delete_columns", cx),
            on_update: f.get("on_update").and_then(|n| choice(n, actions, cx)),
            deferrable: f.get("deferrable").and_then(|n| deferrable(n, cx)),
            name: f.text("name", cx),
            enforce: f.bool("enforce", cx),
            not_valid: f.bool("not_valid", cx),
            comment: f.text("comment", cx),
        })
    }
}

/// `deferrable:` as a word, or `true` / `false`.
fn deferrable(n: &Node, cx: &mut Cx) -> Option<Sp<String>> {
    match n.value {
        Value::Bool(b) => Some(Sp::new(
            if b { "initially_immediate" } else { "no" }.to_string(),
            n.span,
        )),
        _ => choice(n, DeferrableWord::WORDS, cx),
    }
}

/// A primary key or unique constraint: a column list, or a mapping.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum KeySyntax {
    Columns(OneOrMany<Sp<String>>),
    Long(Box<KeyLong>),
}

#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct KeyLong {
    pub columns: OneOrMany<Sp<String>>,
    pub name: Option<Sp<String>>,
    /// PostgreSQL 15+: NULLs count as equal.
    pub nulls_not_distinct: Option<Sp<bool>>,
    /// `true` (initially immediate), `initially_immediate` or
    /// `initially_deferred`. No foreign key may reference a deferrable key.
    #[schemars(with = "Option<DeferrableWord>")]
    pub deferrable: Option<Sp<String>>,
    pub comment: Option<Sp<String>>,
    /// Comment on the key's index.
    pub index_comment: Option<Sp<String>>,
}

impl KeySyntax {
    pub const KEYS: &[&str] = &[
        "columns",
        "name",
        "nulls_not_distinct",
        "deferrable",
        "comment",
        "index_comment",
    ];

    fn read(node: &Node, what: &str, cx: &mut Cx) -> Option<Sp<Self>> {
        if !matches!(node.value, Value::Map(_)) {
            return Some(Sp::new(KeySyntax::Columns(texts(node, cx)), node.span));
        }
        let f = Fields::of(node, Self::KEYS, what, cx)?;
        if f.get("columns").is_none() {
            cx.missing(f.span, "columns", what);
        }
        Some(Sp::new(
            KeySyntax::Long(Box::new(KeyLong {
                columns: f.texts("columns", cx),
                name: f.text("name", cx),
                nulls_not_distinct: f.bool("nulls_not_distinct", cx),
                deferrable: f.get("deferrable").and_then(|n| deferrable(n, cx)),
                comment: f.text("comment", cx),
                index_comment: f.text("index_comment", cx),
            })),
            node.span,
        ))
    }
}

/// A check constraint: an expression, or `{name, expr}`.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum CheckSyntax {
    Expr(Sp<String>),
    Long(CheckLong),
}

#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct CheckLong {
    pub name: Option<Sp<String>>,
    pub expr: Sp<String>,
    /// Added `NOT VALID`: existing rows were never checked.
    pub not_valid: Option<Sp<bool>>,
    /// `NO INHERIT`: not applied to inheritance children.
    pub no_inherit: Option<Sp<bool>>,
    pub comment: Option<Sp<String>>,
}

impl CheckSyntax {
    pub const KEYS: &[&str] = &["name", "expr", "not_valid", "no_inherit", "comment"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return text(node, cx).map(CheckSyntax::Expr);
        }
        let f = Fields::of(node, Self::KEYS, "a check", cx)?;
        Some(CheckSyntax::Long(CheckLong {
            name: f.text("name", cx),
            expr: f.required_text("expr", "a check", cx)?,
            not_valid: f.bool("not_valid", cx),
            no_inherit: f.bool("no_inherit", cx),
            comment: f.text("comment", cx),
        }))
    }
}

/// A (composite) foreign key.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ForeignKeySyntax {
    pub columns: OneOrMany<Sp<String>>,
    #[schemars(with = "ReferenceShape")]
    pub references: ReferenceSyntax,
    #[schemars(skip)]
    pub span: Option<Span>,
}

impl ForeignKeySyntax {
    pub const KEYS: &[&str] = &["columns", "references"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a foreign key", cx)?;
        if f.get("columns").is_none() {
            cx.missing(f.span, "columns", "a foreign key");
        }
        let references = match f.get("references") {
            Some(n) => ReferenceSyntax::read(n, cx)?,
            None => {
                cx.missing(f.span, "references", "a foreign key");
                return None;
            }
        };
        Some(ForeignKeySyntax {
            columns: f.texts("columns", cx),
            references,
            span: Some(node.span),
        })
    }
}

/// An exclusion constraint.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExcludeSyntax {
    pub name: Option<Sp<String>>,
    /// Index method (default `gist`).
    #[schemars(with = "Option<MethodWord>")]
    pub using: Option<Sp<String>>,
    pub elements: Vec<ExcludeElementSyntax>,
    #[schemars(rename = "where")]
    pub predicate: Option<Sp<String>>,
    pub comment: Option<Sp<String>>,
    /// Comment on the constraint's index.
    pub index_comment: Option<Sp<String>>,
    #[schemars(skip)]
    pub span: Option<Span>,
}

/// One element: a column or expression and the operator compared with.
#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ExcludeElementSyntax {
    pub column: Option<Sp<String>>,
    pub expr: Option<Sp<String>>,
    /// Operator, e.g. `=` or `&&`.
    pub with: Sp<String>,
}

impl ExcludeSyntax {
    pub const KEYS: &[&str] = &[
        "name",
        "using",
        "elements",
        "where",
        "comment",
        "index_comment",
    ];
    pub const ELEMENT_KEYS: &[&str] = &["column", "expr", "with"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "an exclusion constraint", cx)?;
        let elements = f.list("elements", cx, |n, cx| {
            let e = Fields::of(n, Self::ELEMENT_KEYS, "an exclusion element", cx)?;
            Some(ExcludeElementSyntax {
                column: e.text("column", cx),
                expr: e.text("expr", cx),
                with: e.required_text("with", "an exclusion element", cx)?,
            })
        });
        Some(ExcludeSyntax {
            name: f.text("name", cx),
            using: f
                .get("using")
                .and_then(|n| choice(n, MethodWord::WORDS, cx)),
            elements,
            predicate: f.text("where", cx),
            comment: f.text("comment", cx),
            index_comment: f.text("index_comment", cx),
            span: Some(node.span),
        })
    }
}

/// An index: a list of keys (`[tenant_id, created desc]`), one key, or a mapping.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum IndexSyntax {
    Keys(OneOrMany<IndexKeySyntax>),
    Long(Box<IndexLong>),
}

#[derive(Debug, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IndexLong {
    /// Keys: `column`, `column desc nulls last`, `lower(email)`, `metadata jsonb_path_ops`.
    pub columns: OneOrMany<IndexKeySyntax>,
    /// Access method (default `btree`).
    #[schemars(with = "Option<MethodWord>")]
    pub using: Option<Sp<String>>,
    pub unique: Option<Sp<bool>>,
    /// Partial index predicate.
    #[schemars(rename = "where")]
    pub predicate: Option<Sp<String>>,
    /// Non-key columns stored in the index (covering index).
    pub include: OneOrMany<Sp<String>>,
    /// Index name (default `<table>_<columns>_idx`).
    pub name: Option<Sp<String>>,
    pub nulls_not_distinct: Option<Sp<bool>>,
    /// Storage parameters: `{ fillfactor: 90 }`.
    #[schemars(with = "std::collections::BTreeMap<String, Text>")]
    pub with: Named<Sp<Text>>,
    pub comment: Option<Sp<String>>,
}

/// An index key: a string, or a mapping.
#[derive(Debug, Clone, JsonSchema)]
#[schemars(untagged)]
pub enum IndexKeySyntax {
    Text(Sp<String>),
    Long(Box<IndexKeyLong>),
}

#[derive(Debug, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct IndexKeyLong {
    pub column: Option<Sp<String>>,
    pub expr: Option<Sp<String>>,
    #[schemars(with = "Option<OrderWord>")]
    pub order: Option<Sp<String>>,
    #[schemars(with = "Option<NullsWord>")]
    pub nulls: Option<Sp<String>>,
    /// Operator class, e.g. `jsonb_path_ops`.
    pub opclass: Option<Sp<String>>,
    #[schemars(skip)]
    pub span: Option<Span>,
}

impl IndexSyntax {
    pub const KEYS: &[&str] = &[
        "columns",
        "using",
        "unique",
        "where",
        "include",
        "name",
        "nulls_not_distinct",
        "with",
        "comment",
    ];
    pub const KEY_KEYS: &[&str] = &["column", "expr", "order", "nulls", "opclass"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Sp<Self>> {
        let out = match &node.value {
            Value::Map(_) => {
                let f = Fields::of(node, Self::KEYS, "an index", cx)?;
                let columns = match f.get("columns") {
                    Some(n) => Self::keys(n, cx),
                    None => {
                        cx.missing(f.span, "columns", "an index");
                        return None;
                    }
                };
                IndexSyntax::Long(Box::new(IndexLong {
                    columns,
                    using: f
                        .get("using")
                        .and_then(|n| choice(n, MethodWord::WORDS, cx)),
                    unique: f.bool("unique", cx),
                    predicate: f.text("where", cx),
                    include: f.texts("include", cx),
                    name: f.text("name", cx),
                    nulls_not_distinct: f.bool("nulls_not_distinct", cx),
                    with: f.get("with").map(|n| storage(n, cx)).unwrap_or_default(),
                    comment: f.text("comment", cx),
                }))
            }
            _ => IndexSyntax::Keys(Self::keys(node, cx)),
        };
        Some(Sp::new(out, node.span))
    }

    fn keys(node: &Node, cx: &mut Cx) -> OneOrMany<IndexKeySyntax> {
        let one = |n: &Node, cx: &mut Cx| -> Option<IndexKeySyntax> {
            if !matches!(n.value, Value::Map(_)) {
                return text(n, cx).map(IndexKeySyntax::Text);
            }
            let f = Fields::of(n, Self::KEY_KEYS, "an index key", cx)?;
            Some(IndexKeySyntax::Long(Box::new(IndexKeyLong {
                column: f.text("column", cx),
                expr: f.text("expr", cx),
                order: f.get("order").and_then(|n| choice(n, OrderWord::WORDS, cx)),
                nulls: f.get("nulls").and_then(|n| choice(n, NullsWord::WORDS, cx)),
                opclass: f.text("opclass", cx),
                span: Some(n.span),
            })))
        };
        match &node.value {
            Value::Seq(items) => OneOrMany(items.iter().filter_map(|n| one(n, cx)).collect()),
            _ => OneOrMany(one(node, cx).into_iter().collect()),
        }
    }
}

/// Declarative partitioning.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PartitionSyntax {
    /// `range(column)`, `list(column)` or `hash(column)`.
    #[schemars(required)]
    pub by: Option<Sp<String>>,
    /// Range over time: the window size.
    #[schemars(with = "Option<IntervalWord>")]
    pub interval: Option<Sp<String>>,
    /// Start of the first window: `2025-01` or `2025-01-01`.
    pub from: Option<Sp<Text>>,
    /// Windows the migration creates from `from` (default `premake + 1`).
    pub count: Option<Sp<u32>>,
    /// Windows `schemac partitions` keeps ahead of today (default 3).
    pub premake: Option<Sp<u32>>,
    /// How long windows are kept, e.g. `12 months`, `90 days`, `2 years`.
    pub retention: Option<Sp<Text>>,
    /// List partitions: child name suffix → values.
    pub values: Named<OneOrMany<Sp<Text>>>,
    /// Hash partitions: number of children.
    pub modulus: Option<Sp<u32>>,
    /// Add a DEFAULT partition for rows no child accepts.
    pub default: Option<Sp<bool>>,
    /// Sub-partitioning of every child (one level).
    pub then: Option<Box<PartitionSyntax>>,
    /// Children by name, each with its bound (`values`, `from`/`to`,
    /// `modulus`/`remainder` or `default`): for layouts that are not time
    /// windows or `<table>_<suffix>` groups.
    #[schemars(with = "Option<std::collections::BTreeMap<String, PartitionChildShape>>")]
    pub partitions: Option<Named<PartitionChildSyntax>>,
    #[schemars(skip)]
    pub span: Option<Span>,
}

impl PartitionSyntax {
    pub const KEYS: &[&str] = &[
        "by",
        "interval",
        "from",
        "count",
        "premake",
        "retention",
        "values",
        "modulus",
        "default",
        "then",
        "partitions",
    ];

    pub(super) fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "`partition`", cx)?;
        let by = f.required_text("by", "`partition`", cx);
        let as_text = |t: Sp<String>| Sp::new(Text(t.value), t.span);
        Some(PartitionSyntax {
            by,
            interval: f
                .get("interval")
                .and_then(|n| choice(n, IntervalWord::WORDS, cx)),
            from: f.text("from", cx).map(as_text),
            count: f.uint("count", cx),
            premake: f.uint("premake", cx),
            retention: f.text("retention", cx).map(as_text),
            values: f.named("values", cx, |_, n, cx| {
                Some(OneOrMany(texts(n, cx).0.into_iter().map(as_text).collect()))
            }),
            modulus: f.uint("modulus", cx),
            default: f.bool("default", cx),
            then: f
                .get("then")
                .and_then(|n| PartitionSyntax::read(n, cx))
                .map(Box::new),
            partitions: f.get("partitions").map(|n| {
                named(n, "partitions", cx, |_, n, cx| {
                    PartitionChildSyntax::read(n, cx)
                })
            }),
            span: Some(node.span),
        })
    }
}

/// A row-level security policy.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct PolicySyntax {
    /// Command the policy applies to (default `all`).
    #[schemars(with = "Option<CommandWord>")]
    pub command: Option<Sp<String>>,
    /// Roles (default PUBLIC).
    pub roles: OneOrMany<Sp<String>>,
    /// `permissive` (default) or `restrictive`.
    #[schemars(rename = "as", with = "Option<PolicyKindWord>")]
    pub kind: Option<Sp<String>>,
    /// Rows visible / affected: SQL boolean expression.
    pub using: Option<Sp<String>>,
    /// Rows allowed to be written: SQL boolean expression.
    pub with_check: Option<Sp<String>>,
    pub comment: Option<Sp<String>>,
    #[schemars(skip)]
    pub span: Option<Span>,
}

impl PolicySyntax {
    pub const KEYS: &[&str] = &["command", "roles", "as", "using", "with_check", "comment"];

    pub(super) fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        let f = Fields::of(node, Self::KEYS, "a policy", cx)?;
        Some(PolicySyntax {
            command: f
                .get("command")
                .and_then(|n| choice(n, CommandWord::WORDS, cx)),
            roles: f.texts("roles", cx),
            kind: f
                .get("as")
                .and_then(|n| choice(n, PolicyKindWord::WORDS, cx)),
            using: f.text("using", cx),
            with_check: f.text("with_check", cx),
            comment: f.text("comment", cx),
            span: Some(node.span),
        })
    }
}

/// A view: its SQL, or a mapping.
#[derive(Debug, JsonSchema)]
#[schemars(untagged)]
pub enum ViewSyntax {
    Sql(Sp<String>),
    Long(Box<ViewLong>),
}

#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ViewLong {
    /// The SELECT defining the view.
    #[schemars(required)]
    pub sql: Option<Sp<String>>,
    pub materialized: Option<Sp<bool>>,
    /// Run with the caller's rights so RLS below applies (default `true`).
    pub security_invoker: Option<Sp<bool>>,
    pub security_barrier: Option<Sp<bool>>,
    /// Indexes (materialized views only).
    pub indexes: Vec<Sp<IndexSyntax>>,
    pub comment: Option<Sp<String>>,
    /// `concurrently` (needs a unique index) or `blocking`.
    #[schemars(with = "Option<RefreshWord>")]
    pub refresh: Option<Sp<String>>,
    /// Previous name: the next migration renames it.
    pub was: Option<Sp<String>>,
    /// Extra objects the view depends on (those named in `sql` are found automatically).
    pub depends_on: OneOrMany<Sp<String>>,
    /// `WITH LOCAL CHECK OPTION` or `WITH CASCADED CHECK OPTION`.
    #[schemars(with = "Option<CheckOptionWord>")]
    pub check_option: Option<Sp<String>>,
    /// Storage parameters of a materialized view: `{ fillfactor: 80 }`.
    #[schemars(with = "std::collections::BTreeMap<String, Text>")]
    pub with: Named<Sp<Text>>,
    /// Comments on the view's columns, by column name.
    #[schemars(with = "std::collections::BTreeMap<String, String>")]
    pub column_comments: Named<Sp<String>>,
    /// Role owning the view (default: the tier's `owner`).
    pub owner: Option<Sp<String>>,
    /// Privileges by role (`select`, …).
    #[schemars(with = "std::collections::BTreeMap<String, grant::GrantShape>")]
    pub grants: Named<grant::GrantSyntax>,
    /// Triggers by name (plain views only): `INSTEAD OF` row triggers make
    /// the view writable, `BEFORE`/`AFTER` statement triggers fire around it.
    pub triggers: Named<TriggerSyntax>,
}

impl ViewSyntax {
    pub const KEYS: &[&str] = &[
        "sql",
        "materialized",
        "security_invoker",
        "security_barrier",
        "indexes",
        "comment",
        "refresh",
        "was",
        "depends_on",
        "check_option",
        "with",
        "column_comments",
        "owner",
        "grants",
        "triggers",
    ];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            return text(node, cx).map(ViewSyntax::Sql);
        }
        let f = Fields::of(node, Self::KEYS, "a view", cx)?;
        Some(ViewSyntax::Long(Box::new(ViewLong {
            sql: f.required_text("sql", "a view", cx),
            materialized: f.bool("materialized", cx),
            security_invoker: f.bool("security_invoker", cx),
            security_barrier: f.bool("security_barrier", cx),
            indexes: f.list("indexes", cx, IndexSyntax::read),
            comment: f.text("comment", cx),
            refresh: f
                .get("refresh")
                .and_then(|n| choice(n, RefreshWord::WORDS, cx)),
            was: f.text("was", cx),
            depends_on: f.texts("depends_on", cx),
            check_option: f
                .get("check_option")
                .and_then(|n| choice(n, CheckOptionWord::WORDS, cx)),
            with: f.get("with").map(|n| storage(n, cx)).unwrap_or_default(),
            column_comments: f.named("column_comments", cx, |_, n, cx| text(n, cx)),
            owner: grant::owner(&f, cx),
            grants: grant::grants(&f, cx),
            triggers: f.named("triggers", cx, |_, n, cx| TriggerSyntax::read(n, cx)),
        })))
    }
}

/// The JSON Schema of every file schemac reads: a project file or a tier file.
pub fn json_schema() -> serde_json::Value {
    let mut generator = schemars::generate::SchemaSettings::draft07().into_generator();
    let project = generator.subschema_for::<ProjectFile>();
    let tier = generator.subschema_for::<TierFile>();
    let mut defs = generator.take_definitions(true);
    // Only these keys must be written; everything else has a default.
    const REQUIRED: &[(&str, &str)] = &[
        ("ProjectFile", "project"),
        ("TenancySyntax", "root"),
        ("TenancySyntax", "setting"),
        ("TableSyntax", "columns"),
        ("ColumnLong", "type"),
        ("ViewLong", "sql"),
        ("PartitionSyntax", "by"),
        ("EnumLong", "values"),
        ("CheckLong", "expr"),
        ("KeyLong", "columns"),
        ("IndexLong", "columns"),
        ("ForeignKeySyntax", "columns"),
        ("ForeignKeySyntax", "references"),
        ("ExcludeElementSyntax", "with"),
    ];
    for (name, def) in defs.iter_mut() {
        if let Some(req) = def.get_mut("required").and_then(|r| r.as_array_mut()) {
            req.retain(|k| {
                REQUIRED
                    .iter()
                    .any(|(d, key)| d == name && k.as_str() == Some(key))
            });
        }
    }
    serde_json::json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": "https://schemac.dev/schemac.schema.json",
        "title": "schemac",
        "description": "A schemac project file (schemac.yaml) or a tier file of tables, views and enums.",
        "anyOf": [project.to_value(), tier.to_value()],
        "definitions": defs,
    })
}
