//! The model of what PostgreSQL will hold, tier by tier. The YAML loader and
//! the catalog introspector both produce it; the differ compares two of them;
//! the renderer turns their differences into SQL. Plain data, no I/O.
//! Every named element carries an [`Origin`], which never affects equality.

pub mod calendar;
pub mod clones;
mod composite;
pub mod default_privilege;
mod distribution;
mod domain;
mod function;
pub mod grant;
mod ident;
pub mod layout;
mod origin;
mod sequence;
pub mod sql;
mod trigger;
pub mod types;

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use composite::{Attribute, Composite, RangeType};
pub use default_privilege::{DefaultObjects, DefaultPrivilege};
pub use distribution::{Distribution, ShardCount};
pub use domain::{Domain, DomainCheck};
pub use function::{
    ArgMode, Function, FunctionArg, FunctionKind, Parallel, Volatility, function_default_cost,
    function_estimate,
};
pub use grant::{Grant, PrivilegedKind, Role};
pub use ident::{
    Ident, MAX_IDENT_BYTES, QualifiedName, fit_name, pg_name, quote_ident, quote_literal,
};
pub use origin::{FileId, Origin, SourceFile, SourceMap, Span};
pub use sequence::{ExplicitOptions, Sequence, SequenceOptions};
pub use trigger::{Trigger, TriggerEnabled};
pub use types::{ColumnType, TypeKind};

/// A whole schemac project: settings plus one [`Tier`] per database.
#[derive(Clone, Debug, Default)]
pub struct Project {
    pub name: String,
    pub dir: PathBuf,
    /// Target PostgreSQL major version.
    pub postgres: u32,
    pub tenancy: Option<Tenancy>,
    pub conventions: Conventions,
    /// Rule code → configured level, as written in `schemac.yaml`.
    pub rules: BTreeMap<String, (RuleLevel, Span)>,
    pub migrations: MigrationSettings,
    /// A folder of templates overriding the built-in ones.
    pub templates: Option<PathBuf>,
    pub tiers: Vec<Tier>,
    /// Roles declared in `roles:` (never created: they are the cluster's).
    pub roles: Vec<Role>,
    pub origin: Origin,
}

impl Project {
    pub fn tier(&self, name: &str) -> Option<&Tier> {
        self.tiers.iter().find(|t| t.name == name)
    }
}

/// Storage parameters (`fillfactor`, `autovacuum_enabled`, …) in the order
/// PostgreSQL keeps them in `reloptions`, which is the order they were set.
pub type StorageOptions = Vec<(String, String)>;

/// A configured rule level.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleLevel {
    Error,
    Warn,
    Info,
    Off,
}

/// How migrations are written and applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrationSettings {
    /// Folder, relative to the project, holding `<tier>/NNNN_*.sql`.
    pub dir: PathBuf,
    pub lock_timeout: String,
    pub statement_timeout: String,
    /// Hazard codes `emit` may proceed with.
    pub allow_hazards: Vec<String>,
    /// Schema and name of the history table `apply` keeps in each database
    /// (`migrations.history_table: [schema.]table`).
    pub history_schema: String,
    pub history_table: String,
}

impl MigrationSettings {
    /// The history table's name if it lives in `schema` (for introspection
    /// to leave it out), else the empty string.
    pub fn history_in(&self, schema: &str) -> &str {
        if self.history_schema == schema {
            &self.history_table
        } else {
            ""
        }
    }
}

impl Default for MigrationSettings {
    fn default() -> Self {
        MigrationSettings {
            dir: PathBuf::from("migrations"),
            lock_timeout: "5s".into(),
            statement_timeout: "15min".into(),
            allow_hazards: Vec::new(),
            history_schema: "public".into(),
            history_table: "schemac_history".into(),
        }
    }
}

/// Project-wide multi-tenancy: which table is the tenant root, the key every
/// tenant-scoped table carries, and the session setting RLS compares it with.
#[derive(Clone, Debug)]
pub struct Tenancy {
    pub root_tier: Ident,
    pub root_table: Ident,
    pub key: Ident,
    pub key_type: ColumnType,
    pub setting: String,
    /// Roles that see every tenant (e.g. a migration or support role).
    pub bypass_roles: Vec<String>,
    pub origin: Origin,
}

/// Naming conventions the checker enforces.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conventions {
    pub timestamps: TimestampStyle,
    pub tables: TableNumber,
    /// Generate a trigger that sets the `updated` timestamp column on UPDATE.
    pub touch_updated: bool,
    /// Table names exempt from the plural/singular rule.
    pub number_exceptions: Vec<String>,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            timestamps: TimestampStyle::Any,
            tables: TableNumber::Any,
            touch_updated: false,
            number_exceptions: Vec::new(),
        }
    }
}

impl Conventions {
    /// The column the `touch_updated` trigger maintains.
    pub fn updated_column(&self) -> &'static str {
        match self.timestamps {
            TimestampStyle::SuffixAt => "updated_at",
            _ => "updated",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimestampStyle {
    /// `created`, `updated`
    Bare,
    /// `created_at`, `updated_at`
    SuffixAt,
    Any,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TableNumber {
    Plural,
    Singular,
    Any,
}

/// Whether a table holds rows of one tenant or rows shared by all.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TenancyMode {
    Scoped,
    #[default]
    Global,
}

/// One tier: a database (and PostgreSQL schema) with its objects.
#[derive(Clone, Debug)]
pub struct Tier {
    pub name: Ident,
    pub database: String,
    /// Environment variable holding this tier's database URL.
    pub url_env: Option<String>,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    pub default_tenancy: TenancyMode,
    pub origin: Origin,
    pub schema: Schema,
    /// Roles named by the tier's owners and grants, where they are written.
    pub role_uses: Vec<(String, Span)>,
}

/// Everything one tier puts in its database: the unit the differ compares
/// and the lock file stores.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Schema {
    /// The PostgreSQL schema holding the tier's objects.
    pub name: Ident,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub extensions: Vec<Extension>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub enums: Vec<Enum>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<Function>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sequences: Vec<Sequence>,
    /// Types columns may use that the project does not manage (`types: {
    /// name: external }`), as `format_type` prints them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub external_types: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub domains: Vec<Domain>,
    /// Composite types, each after the composites its attributes use.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub composites: Vec<Composite>,
    /// Range types (with their multirange types).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ranges: Vec<RangeType>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<Table>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<View>,
    /// Further PostgreSQL schemas the tier owns besides `name`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<OwnedSchema>,
    /// Objects managed elsewhere that the tier's objects may refer to.
    #[serde(default, skip_serializing_if = "External::is_empty")]
    pub external: External,
    /// The database is a Citus coordinator: sessions propagate `SET LOCAL`
    /// to the workers, and each table has a [`Distribution`].
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub citus: bool,
    /// Roles declared in `roles:`: grants absent from the model are revoked
    /// from these (and PUBLIC) only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    /// Owner of the schema when the tier declares one (`owner:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Privileges on the schema, when the tier declares them (`grants:`);
    /// `None` leaves the schema's privileges as they are.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<Grant>>,
    /// Default privileges the tier declares (`default_privileges:`), those
    /// that differ from PostgreSQL's own only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub default_privileges: Vec<DefaultPrivilege>,
}

impl Schema {
    pub fn empty(name: Ident) -> Self {
        Schema {
            name,
            extensions: Vec::new(),
            enums: Vec::new(),
            functions: Vec::new(),
            sequences: Vec::new(),
            external_types: Vec::new(),
            domains: Vec::new(),
            composites: Vec::new(),
            ranges: Vec::new(),
            tables: Vec::new(),
            views: Vec::new(),
            schemas: Vec::new(),
            external: External::default(),
            citus: false,
            roles: Vec::new(),
            owner: None,
            grants: None,
            default_privileges: Vec::new(),
        }
    }

    /// The PostgreSQL schema of an object whose own `schema` is `own`
    /// (`None`: the tier's schema).
    pub fn namespace_of<'a>(&'a self, own: &'a Option<Ident>) -> &'a Ident {
        own.as_ref().unwrap_or(&self.name)
    }

    /// The search path the tier's SQL runs with: its schema, its further
    /// schemas and then `also` (names are unique across them), then
    /// `public`.
    pub fn search_path(&self, also: &[OwnedSchema]) -> Vec<String> {
        let mut out: Vec<String> = self.namespaces().iter().map(|n| n.to_string()).collect();
        for s in also {
            if !out.iter().any(|o| o == s.name.as_str()) {
                out.push(s.name.to_string());
            }
        }
        if self.name != "public" {
            out.push("public".into());
        }
        out
    }

    /// Every PostgreSQL schema the tier owns: its own, then `schemas`.
    pub fn namespaces(&self) -> Vec<&Ident> {
        std::iter::once(&self.name)
            .chain(self.schemas.iter().map(|s| &s.name))
            .collect()
    }

    /// The tables, partitions, views and indexes that live outside the
    /// tier's schema, by name, with the schema each lives in.
    pub fn placements(&self) -> BTreeMap<String, String> {
        let mut out = BTreeMap::new();
        for t in &self.tables {
            let Some(s) = &t.schema else { continue };
            out.insert(t.name.to_string(), s.to_string());
            for c in t.constraints.iter().filter(|c| c.kind.builds_index()) {
                out.insert(c.name.to_string(), s.to_string());
            }
            for i in &t.indexes {
                out.insert(i.name.to_string(), s.to_string());
            }
            for p in t.all_partitions() {
                out.insert(p.name.to_string(), s.to_string());
                for i in &p.indexes {
                    out.insert(i.name.to_string(), s.to_string());
                }
                for c in &p.clones {
                    out.insert(c.name.to_string(), s.to_string());
                }
            }
        }
        for f in &self.functions {
            let Some(s) = &f.schema else { continue };
            out.insert(f.name.to_string(), s.to_string());
        }
        for v in &self.views {
            let Some(s) = &v.schema else { continue };
            out.insert(v.name.to_string(), s.to_string());
            for i in &v.indexes {
                out.insert(i.name.to_string(), s.to_string());
            }
        }
        for (name, s) in self.placed_types() {
            out.insert(name.to_string(), s.to_string());
        }
        out
    }

    /// The enums, domains, composite and range types (and multiranges)
    /// living outside the tier's schema, with their schema.
    pub fn placed_types(&self) -> Vec<(String, &Ident)> {
        let mut out: Vec<(String, &Ident)> = self
            .type_schemas()
            .filter_map(|(name, _, s)| Some((name.to_string(), s.as_ref()?)))
            .collect();
        for r in &self.ranges {
            if let Some(s) = &r.schema {
                out.push((r.multirange_name(), s));
            }
        }
        out
    }

    /// Each enum, domain, composite and range type: its name, whether it is
    /// a domain (`ALTER DOMAIN`, not `ALTER TYPE`), and its schema.
    pub fn type_schemas(&self) -> impl Iterator<Item = (&Ident, bool, &Option<Ident>)> {
        let plain = |name, schema| (name, false, schema);
        self.enums
            .iter()
            .map(move |e| plain(&e.name, &e.schema))
            .chain(self.domains.iter().map(|d| (&d.name, true, &d.schema)))
            .chain(
                self.composites
                    .iter()
                    .map(move |c| plain(&c.name, &c.schema)),
            )
            .chain(self.ranges.iter().map(move |r| plain(&r.name, &r.schema)))
    }

    /// [`Self::type_schemas`], each schema to change.
    pub fn type_schemas_mut(&mut self) -> impl Iterator<Item = (&Ident, &mut Option<Ident>)> {
        self.enums
            .iter_mut()
            .map(|e| (&e.name, &mut e.schema))
            .chain(self.domains.iter_mut().map(|d| (&d.name, &mut d.schema)))
            .chain(self.composites.iter_mut().map(|c| (&c.name, &mut c.schema)))
            .chain(self.ranges.iter_mut().map(|r| (&r.name, &mut r.schema)))
    }

    /// The schema of the enum, domain, composite or range type `name` of the
    /// tier (`Some(None)`: the tier's own), `None` when it declares none.
    pub fn type_schema(&self, name: &str) -> Option<Option<&Ident>> {
        if let Some(e) = self.enums.iter().find(|e| e.name == name) {
            return Some(e.schema.as_ref());
        }
        if let Some(d) = self.domain(name) {
            return Some(d.schema.as_ref());
        }
        if let Some(c) = self.composite(name) {
            return Some(c.schema.as_ref());
        }
        self.range_of(name).map(|r| r.schema.as_ref())
    }

    /// The qualified name of the table or view `name` of this tier.
    pub fn qualify_relation(&self, name: &Ident) -> QualifiedName {
        let own = self
            .table(name.as_str())
            .map(|t| &t.schema)
            .or_else(|| self.view(name.as_str()).map(|v| &v.schema));
        match own {
            Some(Some(s)) => QualifiedName::new(s.clone(), name.clone()),
            _ => self.qualify(name),
        }
    }

    /// Column `name` of `t`, its own or inherited from a parent (`INHERITS`).
    pub fn column_of<'a>(&'a self, t: &'a Table, name: &str) -> Option<&'a Column> {
        let mut seen = Vec::new();
        let mut todo = vec![t];
        while let Some(t) = todo.pop() {
            if let Some(c) = t.column(name) {
                return Some(c);
            }
            seen.push(&t.name);
            todo.extend(
                t.inherits
                    .iter()
                    .filter(|p| !seen.contains(p))
                    .filter_map(|p| self.table(p.as_str())),
            );
        }
        None
    }

    pub fn domain(&self, name: &str) -> Option<&Domain> {
        self.domains.iter().find(|d| d.name == name)
    }

    pub fn composite(&self, name: &str) -> Option<&Composite> {
        self.composites.iter().find(|c| c.name == name)
    }

    pub fn range(&self, name: &str) -> Option<&RangeType> {
        self.ranges.iter().find(|r| r.name == name)
    }

    /// The range type whose range or multirange type is called `name`.
    pub fn range_of(&self, name: &str) -> Option<&RangeType> {
        self.ranges
            .iter()
            .find(|r| r.name == name || r.multirange_name() == name)
    }

    pub fn sequence(&self, name: &str) -> Option<&Sequence> {
        self.sequences.iter().find(|s| s.name == name)
    }

    /// The partition named `name` of any table, at any depth.
    pub fn partition(&self, name: &str) -> Option<(&Table, &Partition)> {
        self.tables.iter().find_map(|t| {
            t.all_partitions()
                .into_iter()
                .find(|p| p.name == name)
                .map(|p| (t, p))
        })
    }

    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// Tables by name, for lookups in loops over many tables.
    pub fn table_index(&self) -> std::collections::HashMap<&str, &Table> {
        self.tables.iter().map(|t| (t.name.as_str(), t)).collect()
    }

    pub fn view(&self, name: &str) -> Option<&View> {
        self.views.iter().find(|v| v.name == name)
    }

    pub fn qualify(&self, name: &Ident) -> QualifiedName {
        QualifiedName::new(self.name.clone(), name.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.extensions.is_empty()
            && self.enums.is_empty()
            && self.functions.is_empty()
            && self.sequences.is_empty()
            && self.domains.is_empty()
            && self.composites.is_empty()
            && self.ranges.is_empty()
            && self.tables.is_empty()
            && self.views.is_empty()
            && self.schemas.is_empty()
    }
}

/// A PostgreSQL schema a tier owns besides its own (`schemas:`): created
/// before and dropped after everything in it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnedSchema {
    pub name: Ident,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The owner, when declared (`owner:`, else the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The access list but the owner's, when declared (`None`: left as
    /// it is).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<Grant>>,
    #[serde(skip)]
    pub origin: Origin,
}

/// Objects managed elsewhere (`external:`): references to them check, and
/// they are never created, dropped or reported as unmanaged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct External {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<Ident>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tables: Vec<ExternalTable>,
    /// Signatures as written: `auth.uid()`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub functions: Vec<String>,
}

impl External {
    pub fn is_empty(&self) -> bool {
        self.schemas.is_empty() && self.tables.is_empty() && self.functions.is_empty()
    }

    pub fn table(&self, schema: &str, name: &str) -> Option<&ExternalTable> {
        self.tables
            .iter()
            .find(|t| t.schema == schema && t.name == name)
    }
}

/// A table another system manages, with the columns references need.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExternalTable {
    pub schema: Ident,
    pub name: Ident,
    pub columns: Vec<Column>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extension {
    pub name: Ident,
    /// `WITH SCHEMA`: where the extension's objects live (default: the
    /// first schema of the search path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Enum {
    pub name: Ident,
    /// The schema holding it (`None`: the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    pub values: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The owner, when declared (`owner:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The access list but the owner's; `None` is PostgreSQL's default
    /// (`USAGE` for PUBLIC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<Grant>>,
    #[serde(skip)]
    pub origin: Origin,
}

/// A deprecated element and what replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deprecation {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replacement: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Table {
    pub name: Ident,
    /// The PostgreSQL schema holding the table (None: the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(default)]
    pub tenancy: TenancyMode,
    pub columns: Vec<Column>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitioning: Option<Partitioning>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<Partition>,
    #[serde(default, skip_serializing_if = "Rls::is_off")]
    pub rls: Rls,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Trigger>,
    /// Storage parameters (`WITH (fillfactor = 70)`), as PostgreSQL lists
    /// them in `reloptions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: StorageOptions,
    #[serde(default, skip_serializing_if = "ReplicaIdentity::is_default")]
    pub replica_identity: ReplicaIdentity,
    /// Parents (`INHERITS`): their columns and inheritable checks are the
    /// child's too and are not repeated in `columns`/`constraints`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inherits: Vec<Ident>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unlogged: bool,
    /// References to tables in other databases: documented, never enforced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub soft_references: Vec<SoftReference>,
    /// Declared previous name (`was:`): the differ renames instead of drop + add.
    #[serde(skip)]
    pub was: Option<Ident>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    /// How a Citus cluster holds the table (tiers on Citus only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub distribution: Option<Distribution>,
    /// `ALTER TABLE … OWNER TO`, only when declared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Table {
    pub fn new(name: Ident) -> Self {
        Table {
            name,
            schema: None,
            comment: None,
            tenancy: TenancyMode::Global,
            columns: Vec::new(),
            constraints: Vec::new(),
            indexes: Vec::new(),
            partitioning: None,
            partitions: Vec::new(),
            rls: Rls::default(),
            policies: Vec::new(),
            triggers: Vec::new(),
            options: StorageOptions::new(),
            replica_identity: ReplicaIdentity::Default,
            inherits: Vec::new(),
            unlogged: false,
            soft_references: Vec::new(),
            was: None,
            deprecated: None,
            distribution: None,
            owner: None,
            grants: Vec::new(),
            origin: Origin::Unknown,
        }
    }

    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    pub fn constraint(&self, name: &str) -> Option<&Constraint> {
        self.constraints.iter().find(|c| c.name == name)
    }

    pub fn primary_key(&self) -> Option<&Constraint> {
        self.constraints
            .iter()
            .find(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. }))
    }

    /// Column lists of the primary key and every non-deferrable unique
    /// constraint or unique, non-partial index: the targets a foreign key may
    /// reference.
    pub fn unique_keys(&self) -> Vec<Vec<Ident>> {
        let mut keys: Vec<Vec<Ident>> = self
            .constraints
            .iter()
            .filter_map(|c| match &c.kind {
                ConstraintKind::PrimaryKey {
                    columns,
                    deferrable: Deferrable::No,
                }
                | ConstraintKind::Unique {
                    columns,
                    deferrable: Deferrable::No,
                    ..
                } => Some(columns.clone()),
                _ => None,
            })
            .collect();
        keys.extend(
            self.indexes
                .iter()
                .filter(|i| i.unique && i.predicate.is_none())
                .filter_map(|i| {
                    i.keys
                        .iter()
                        .map(|k| match &k.expr {
                            KeyExpr::Column(c) => Some(c.clone()),
                            KeyExpr::Expr(_) => None,
                        })
                        .collect::<Option<Vec<_>>>()
                }),
        );
        keys
    }

    pub fn is_scoped(&self) -> bool {
        self.tenancy == TenancyMode::Scoped
    }

    /// Every partition at any depth, parents before children.
    pub fn all_partitions(&self) -> Vec<&Partition> {
        fn walk<'a>(ps: &'a [Partition], out: &mut Vec<&'a Partition>) {
            for p in ps {
                out.push(p);
                walk(&p.partitions, out);
            }
        }
        let mut out = Vec::new();
        walk(&self.partitions, &mut out);
        out
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub name: Ident,
    #[serde(rename = "type")]
    pub ty: ColumnType,
    #[serde(default)]
    pub nullable: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity: Option<Identity>,
    /// Options of the identity column's sequence.
    #[serde(default, skip_serializing_if = "SequenceOptions::is_default")]
    pub identity_options: SequenceOptions,
    /// `GENERATED ALWAYS AS (expr) STORED`
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub generated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    pub was: Option<Ident>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprecated: Option<Deprecation>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Column {
    pub fn new(name: Ident, ty: ColumnType) -> Self {
        Column {
            name,
            ty,
            nullable: true,
            default: None,
            identity: None,
            identity_options: SequenceOptions::default(),
            generated: None,
            collation: None,
            comment: None,
            was: None,
            deprecated: None,
            origin: Origin::Unknown,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Identity {
    Always,
    ByDefault,
}

/// What a table logs to identify a changed row (`REPLICA IDENTITY`).
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplicaIdentity {
    /// The primary key.
    #[default]
    Default,
    Full,
    Nothing,
    /// A unique, non-partial index on NOT NULL columns.
    Index(Ident),
}

impl ReplicaIdentity {
    pub fn is_default(&self) -> bool {
        *self == ReplicaIdentity::Default
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Constraint {
    pub name: Ident,
    #[serde(flatten)]
    pub kind: ConstraintKind,
    /// Added `NOT VALID`: rows present then were never checked (checks and
    /// foreign keys only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub not_valid: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Comment on the index of a primary, unique or exclusion key (which
    /// has the constraint's name).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub index_comment: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Constraint {
    pub fn new(name: Ident, kind: ConstraintKind, origin: Origin) -> Self {
        Constraint {
            name,
            kind,
            not_valid: false,
            comment: None,
            index_comment: None,
            origin,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey {
        columns: Vec<Ident>,
        /// A deferrable primary key; no foreign key may reference it.
        #[serde(default, skip_serializing_if = "Deferrable::is_no")]
        deferrable: Deferrable,
    },
    Unique {
        columns: Vec<Ident>,
        #[serde(default)]
        nulls_not_distinct: bool,
        /// Checked at the end of the statement or transaction, so rows may
        /// swap values (positions) within one; no foreign key may use it.
        #[serde(default, skip_serializing_if = "Deferrable::is_no")]
        deferrable: Deferrable,
    },
    Check {
        expr: String,
        /// `NO INHERIT`: not propagated to inheritance children.
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        no_inherit: bool,
    },
    ForeignKey {
        columns: Vec<Ident>,
        references: QualifiedName,
        ref_columns: Vec<Ident>,
        #[serde(default)]
        on_delete: FkAction,
        /// The columns ON DELETE SET NULL / SET DEFAULT sets (PostgreSQL 15);
        /// empty: all of `columns`.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        delete_columns: Vec<Ident>,
        #[serde(default)]
        on_update: FkAction,
        #[serde(default)]
        deferrable: Deferrable,
    },
    Exclude {
        method: IndexMethod,
        elements: Vec<ExcludeElement>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        predicate: Option<String>,
    },
}

impl ConstraintKind {
    /// The columns a constraint is declared on (empty for checks and exclusions).
    pub fn columns(&self) -> &[Ident] {
        match self {
            ConstraintKind::PrimaryKey { columns, .. }
            | ConstraintKind::Unique { columns, .. }
            | ConstraintKind::ForeignKey { columns, .. } => columns,
            _ => &[],
        }
    }

    /// Whether PostgreSQL builds an index for the constraint (and so a
    /// relation of its own, with a name in the relation namespace).
    pub fn builds_index(&self) -> bool {
        matches!(
            self,
            ConstraintKind::PrimaryKey { .. }
                | ConstraintKind::Unique { .. }
                | ConstraintKind::Exclude { .. }
        )
    }

    pub fn word(&self) -> &'static str {
        match self {
            ConstraintKind::PrimaryKey { .. } => "primary key",
            ConstraintKind::Unique { .. } => "unique",
            ConstraintKind::Check { .. } => "check",
            ConstraintKind::ForeignKey { .. } => "foreign key",
            ConstraintKind::Exclude { .. } => "exclusion",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExcludeElement {
    pub key: IndexKey,
    pub operator: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    #[default]
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn sql(&self) -> &'static str {
        match self {
            FkAction::NoAction => "NO ACTION",
            FkAction::Restrict => "RESTRICT",
            FkAction::Cascade => "CASCADE",
            FkAction::SetNull => "SET NULL",
            FkAction::SetDefault => "SET DEFAULT",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deferrable {
    #[default]
    No,
    InitiallyImmediate,
    InitiallyDeferred,
}

impl Deferrable {
    pub fn is_no(&self) -> bool {
        *self == Deferrable::No
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    pub name: Ident,
    #[serde(default)]
    pub method: IndexMethod,
    #[serde(default)]
    pub unique: bool,
    pub keys: Vec<IndexKey>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub include: Vec<Ident>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
    #[serde(default)]
    pub nulls_not_distinct: bool,
    /// Storage parameters (`WITH (fillfactor = 90)`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: StorageOptions,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

impl Index {
    /// The plain column names of the keys, in order (expressions skipped).
    pub fn key_columns(&self) -> impl Iterator<Item = &Ident> {
        self.keys.iter().filter_map(|k| match &k.expr {
            KeyExpr::Column(c) => Some(c),
            KeyExpr::Expr(_) => None,
        })
    }

    pub fn leads_with(&self, column: &str) -> bool {
        matches!(self.keys.first().map(|k| &k.expr), Some(KeyExpr::Column(c)) if c == column)
    }

    /// Whether the index reads `column`: as a key, in a key expression, as an
    /// included column or in its predicate.
    pub fn uses_column(&self, column: &str) -> bool {
        let in_expr = |e: &str| {
            sql::column_words(e)
                .map(|ws| ws.iter().any(|w| w.text == column))
                .unwrap_or(true)
        };
        self.keys.iter().any(|k| match &k.expr {
            KeyExpr::Column(c) => c == column,
            KeyExpr::Expr(e) => in_expr(e),
        }) || self.include.iter().any(|c| c == column)
            || self.predicate.as_deref().is_some_and(in_expr)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IndexMethod {
    #[default]
    Btree,
    Hash,
    Gin,
    Gist,
    Spgist,
    Brin,
}

impl IndexMethod {
    pub fn sql(&self) -> &'static str {
        match self {
            IndexMethod::Btree => "btree",
            IndexMethod::Hash => "hash",
            IndexMethod::Gin => "gin",
            IndexMethod::Gist => "gist",
            IndexMethod::Spgist => "spgist",
            IndexMethod::Brin => "brin",
        }
    }

    pub fn parse(s: &str) -> Option<IndexMethod> {
        Some(match s {
            "btree" => IndexMethod::Btree,
            "hash" => IndexMethod::Hash,
            "gin" => IndexMethod::Gin,
            "gist" => IndexMethod::Gist,
            "spgist" => IndexMethod::Spgist,
            "brin" => IndexMethod::Brin,
            _ => return None,
        })
    }

    /// Only B-tree indexes have an order (ASC/DESC, NULLS FIRST/LAST).
    pub fn ordered(&self) -> bool {
        *self == IndexMethod::Btree
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IndexKey {
    #[serde(flatten)]
    pub expr: KeyExpr,
    #[serde(default)]
    pub descending: bool,
    /// `Some(true)` NULLS FIRST, `Some(false)` NULLS LAST, `None` the default
    /// (last for ASC, first for DESC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nulls_first: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub opclass: Option<String>,
}

impl IndexKey {
    pub fn column(name: Ident) -> Self {
        IndexKey {
            expr: KeyExpr::Column(name),
            descending: false,
            nulls_first: None,
            opclass: None,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyExpr {
    Column(Ident),
    Expr(String),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partitioning {
    pub strategy: PartitionStrategy,
    /// Partition key: column names or parenthesised expressions.
    pub key: Vec<KeyExpr>,
    /// For range partitions over time: the window the children follow.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window: Option<TimeWindow>,
    /// Sub-partitioning applied to every child created from `window` or `values`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<Box<Partitioning>>,
    /// Declared list groups (`suffix → values`) or explicit ranges (`suffix → [from, to]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<PartitionGroup>,
    /// Hash partitions: number of children.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modulus: Option<u32>,
    /// Whether a DEFAULT partition catches rows no other child accepts.
    #[serde(default)]
    pub default: bool,
}

/// One declared child of a list (or explicit range) partitioning.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartitionGroup {
    pub suffix: String,
    pub values: Vec<String>,
}

impl Partitioning {
    pub fn key_columns(&self) -> impl Iterator<Item = &Ident> {
        self.key.iter().filter_map(|k| match k {
            KeyExpr::Column(c) => Some(c),
            KeyExpr::Expr(_) => None,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartitionStrategy {
    Range,
    List,
    Hash,
}

impl PartitionStrategy {
    pub fn sql(&self) -> &'static str {
        match self {
            PartitionStrategy::Range => "RANGE",
            PartitionStrategy::List => "LIST",
            PartitionStrategy::Hash => "HASH",
        }
    }
}

/// Time windows of a range partition: children from `from` for `count`
/// windows; `schemac partitions` keeps `premake` windows ahead of today and
/// detaches those older than `retention`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeWindow {
    pub interval: WindowInterval,
    /// First window's start, `YYYY-MM-DD`.
    pub from: String,
    pub count: u32,
    pub premake: u32,
    /// Number of windows kept; older ones are detached by upkeep.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retention: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WindowInterval {
    Day,
    Week,
    Month,
    Year,
}

impl WindowInterval {
    pub fn word(&self) -> &'static str {
        match self {
            WindowInterval::Day => "day",
            WindowInterval::Week => "week",
            WindowInterval::Month => "month",
            WindowInterval::Year => "year",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Partition {
    pub name: Ident,
    pub bound: PartitionBound,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partitioning: Option<Partitioning>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub partitions: Vec<Partition>,
    #[serde(default, skip_serializing_if = "Rls::is_off")]
    pub rls: Rls,
    /// Policies on the child itself: RLS on a parent does not govern a
    /// partition queried directly.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub policies: Vec<Policy>,
    /// The names of the parent's indexes and foreign keys as PostgreSQL
    /// cloned them onto this partition ([`clones`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub clones: Vec<ClonedName>,
    /// Indexes of this partition only (not attached to a parent's index).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// Constraints declared on this partition only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub constraints: Vec<Constraint>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Storage parameters of this partition.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: StorageOptions,
    #[serde(skip)]
    pub origin: Origin,
}

impl Partition {
    pub fn new(name: Ident, bound: PartitionBound) -> Self {
        Partition {
            name,
            bound,
            partitioning: None,
            partitions: Vec::new(),
            rls: Rls::default(),
            policies: Vec::new(),
            indexes: Vec::new(),
            constraints: Vec::new(),
            comment: None,
            clones: Vec::new(),
            options: StorageOptions::new(),
            origin: Origin::Unknown,
        }
    }
}

/// An index (or foreign key, when `constraint`) PostgreSQL made on a
/// partition for the parent's index or constraint `of`, and its name there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClonedName {
    pub of: Ident,
    pub name: Ident,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub constraint: bool,
}

/// Bound values are kept as PostgreSQL prints them in `pg_get_expr(relpartbound)`
/// (with `TimeZone` UTC), unquoted; `MINVALUE`/`MAXVALUE` stand for themselves.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PartitionBound {
    Range { from: Vec<String>, to: Vec<String> },
    List { values: Vec<String> },
    Hash { modulus: u32, remainder: u32 },
    Default,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Rls {
    pub enabled: bool,
    pub forced: bool,
}

impl Rls {
    pub fn is_off(&self) -> bool {
        !self.enabled && !self.forced
    }
    pub fn on() -> Self {
        Rls {
            enabled: true,
            forced: true,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Policy {
    pub name: Ident,
    #[serde(default)]
    pub command: PolicyCommand,
    #[serde(default = "yes")]
    pub permissive: bool,
    /// Role names; empty means PUBLIC.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub using: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub with_check: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip)]
    pub origin: Origin,
}

fn yes() -> bool {
    true
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    #[default]
    All,
    Select,
    Insert,
    Update,
    Delete,
}

impl PolicyCommand {
    pub fn sql(&self) -> &'static str {
        match self {
            PolicyCommand::All => "ALL",
            PolicyCommand::Select => "SELECT",
            PolicyCommand::Insert => "INSERT",
            PolicyCommand::Update => "UPDATE",
            PolicyCommand::Delete => "DELETE",
        }
    }
}

/// A reference to a table in another database: PostgreSQL cannot enforce it,
/// so it is documented and checked by an orphan query instead.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SoftReference {
    pub columns: Vec<Ident>,
    pub tier: Ident,
    pub table: Ident,
    pub ref_columns: Vec<Ident>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct View {
    pub name: Ident,
    /// The PostgreSQL schema holding the view (None: the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    pub sql: String,
    #[serde(default)]
    pub materialized: bool,
    /// Run the view with the caller's permissions, so RLS of the tables below applies.
    #[serde(default)]
    pub security_invoker: bool,
    #[serde(default)]
    pub security_barrier: bool,
    /// `WITH [LOCAL | CASCADED] CHECK OPTION` (simple views).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check_option: Option<CheckOption>,
    /// Other storage parameters (a materialized view's fillfactor, autovacuum).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub options: StorageOptions,
    /// Comments on the view's columns.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub column_comments: BTreeMap<Ident, String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// Tables and views named in `sql` (found by the loader), for ordering.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub depends_on: Vec<Ident>,
    /// `refresh: concurrently` — the refresh job may use REFRESH … CONCURRENTLY.
    #[serde(default)]
    pub refresh_concurrently: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub grants: Vec<Grant>,
    /// Triggers on the view (plain views only), by name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub triggers: Vec<Trigger>,
    #[serde(skip)]
    pub was: Option<Ident>,
    #[serde(skip)]
    pub origin: Origin,
}

impl View {
    /// The view's options as PostgreSQL lists them: those of `options`,
    /// then `security_invoker` and `security_barrier` when set and not
    /// among them.
    pub fn listed_options(&self) -> StorageOptions {
        let mut out = self.options.clone();
        if !self.materialized {
            for (key, on) in [
                ("security_invoker", self.security_invoker),
                ("security_barrier", self.security_barrier),
            ] {
                if on && !out.iter().any(|(k, _)| k == key) {
                    out.push((key.to_string(), "true".to_string()));
                }
            }
        }
        out
    }

    /// Same view as PostgreSQL holds it: body, kind, security options, check
    /// option, comment and indexes — not the dependency list or the refresh
    /// policy, which only schemac knows, nor storage parameters and column
    /// comments, which change in place.
    pub fn same_definition(&self, other: &View) -> bool {
        self.name == other.name
            && self.sql == other.sql
            && self.materialized == other.materialized
            && self.security_invoker == other.security_invoker
            && self.security_barrier == other.security_barrier
            && self.check_option == other.check_option
            && self.comment == other.comment
            && self.indexes == other.indexes
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CheckOption {
    Local,
    Cascaded,
}
