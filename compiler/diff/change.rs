//! The change vocabulary: verb + object, one variant per thing PostgreSQL can
//! be asked to do. A change carries everything needed to render it and to
//! compute its reverse, and nothing about the order it runs in.

use serde::Serialize;

use crate::model::*;

/// An enum type rebuilt with `values`, and every column that uses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnumRebuild {
    pub name: Ident,
    /// Name the old type takes while columns are converted.
    pub old_name: Ident,
    /// The further schema holding the type (`None`: the tier's).
    pub schema: Option<Ident>,
    pub values: Vec<String>,
    /// The values before the rebuild (what the reverse rebuilds to).
    pub previous: Vec<String>,
    /// The comment the rebuilt type carries, and the one before: a new type
    /// has none until it is set again.
    pub comment: Option<String>,
    pub previous_comment: Option<String>,
    pub columns: Vec<EnumColumn>,
    /// Checks, indexes and policies that compare a converted column with a
    /// value of the type: PostgreSQL cannot convert the column under them,
    /// so they are dropped first and created again after.
    pub dependents: Vec<EnumDependent>,
    /// The owner and privileges the rebuilt type is given, and those it had:
    /// a new type has PostgreSQL's default ones until they are set again.
    pub acl: TypeAcl,
    pub previous_acl: TypeAcl,
}

/// What turns a new type's owner and access list into the declared ones.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TypeAcl {
    pub owner: Option<String>,
    pub revokes: Vec<Grant>,
    pub grants: Vec<Grant>,
}

impl TypeAcl {
    pub fn of(e: &Enum) -> Self {
        let mut acl = TypeAcl {
            owner: e.owner.clone(),
            ..TypeAcl::default()
        };
        let target = super::GrantTarget::Type {
            name: e.name.clone(),
            domain: false,
        };
        for c in super::grant::created(target, &None, &PrivilegedKind::Type.effective(&e.grants)) {
            match c {
                Change::Grant { grant, .. } => acl.grants.push(grant),
                Change::Revoke { grant, .. } => acl.revokes.push(grant),
                _ => {}
            }
        }
        acl
    }
}

/// An object dropped and re-created around an enum rebuild.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EnumDependent {
    Check {
        table: Ident,
        constraint: Constraint,
    },
    Index {
        table: Ident,
        index: Index,
    },
    Policy {
        table: Ident,
        policy: Policy,
    },
}

/// A column of an enum type, with its default (dropped and restored around the conversion).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EnumColumn {
    pub table: Ident,
    pub column: Ident,
    pub array: bool,
    pub default: Option<String>,
}

/// Where a comment is attached.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum CommentTarget {
    Table {
        table: Ident,
    },
    Column {
        table: Ident,
        column: Ident,
    },
    View {
        view: Ident,
        materialized: bool,
    },
    Type {
        name: Ident,
    },
    Index {
        index: Ident,
    },
    Constraint {
        table: Ident,
        name: Ident,
    },
    Policy {
        table: Ident,
        name: Ident,
    },
    ViewColumn {
        view: Ident,
        column: Ident,
    },
    Sequence {
        name: Ident,
    },
    /// One of the tier's further schemas.
    Schema {
        name: Ident,
    },
    Trigger {
        table: Ident,
        name: Ident,
    },
}

/// A relation whose storage parameters change.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "on", rename_all = "snake_case")]
pub enum OptionsTarget {
    Table { table: Ident },
    Index { index: Ident },
    View { view: Ident, materialized: bool },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Change {
    CreateSchema,
    DropSchema,
    /// One of the tier's further schemas (`schemas:`).
    CreateOwnedSchema {
        owned: OwnedSchema,
    },
    DropOwnedSchema {
        owned: OwnedSchema,
    },
    /// `ALTER TABLE|VIEW|MATERIALIZED VIEW … SET SCHEMA`: a relation moved
    /// between the tier's schemas.
    SetRelationSchema {
        name: Ident,
        /// `table`, `view` or `materialized_view`.
        relation: String,
        from: Ident,
        to: Ident,
    },
    CreateExtension {
        extension: Extension,
    },
    DropExtension {
        extension: Extension,
    },
    CreateEnum {
        r#enum: Enum,
    },
    DropEnum {
        r#enum: Enum,
    },
    AddEnumValue {
        name: Ident,
        value: String,
        before: Option<String>,
        /// The values before this one was added and the columns of the
        /// type, so the down migration can rebuild the type without it.
        #[serde(skip)]
        undo: Box<EnumRebuild>,
    },
    /// Replace an enum by a new one with other values (removed or reordered),
    /// converting every column through text.
    RebuildEnum {
        rebuild: Box<EnumRebuild>,
    },
    CreateDomain {
        domain: Domain,
    },
    DropDomain {
        domain: Domain,
    },
    RenameDomain {
        from: Ident,
        to: Ident,
    },
    AlterDomain {
        name: Ident,
        step: super::domain::DomainStep,
    },
    CreateRange {
        range: RangeType,
    },
    DropRange {
        range: RangeType,
    },
    CreateComposite {
        composite: Composite,
    },
    DropComposite {
        composite: Composite,
    },
    AlterComposite {
        name: Ident,
        step: super::composite::CompositeStep,
    },
    CreateSequence {
        sequence: Sequence,
    },
    DropSequence {
        sequence: Sequence,
    },
    AlterSequence {
        name: Ident,
        options: SequenceOptions,
        old: SequenceOptions,
    },
    /// `ALTER SEQUENCE … OWNED BY table.column` (or `NONE`).
    SetSequenceOwner {
        name: Ident,
        owned_by: Option<(Ident, Ident)>,
        old: Option<(Ident, Ident)>,
    },
    CreateFunction {
        function: Function,
    },
    ReplaceFunction {
        function: Function,
        old: Function,
    },
    DropFunction {
        function: Function,
    },
    /// `ALTER FUNCTION|PROCEDURE … SET SCHEMA`: a function moved between
    /// the tier's schemas (`function` as the up migration leaves it).
    SetFunctionSchema {
        function: Function,
        from: Ident,
        to: Ident,
    },
    /// `ALTER TYPE|DOMAIN … SET SCHEMA`: an enum, domain, composite or
    /// range type moved between the tier's schemas (a range's multirange
    /// moves with it).
    SetTypeSchema {
        name: Ident,
        domain: bool,
        from: Ident,
        to: Ident,
    },
    /// Columns and non-foreign-key constraints are created with the table.
    CreateTable {
        table: Table,
    },
    DropTable {
        table: Table,
    },
    RenameTable {
        from: Ident,
        to: Ident,
    },
    AddColumn {
        table: Ident,
        column: Column,
    },
    DropColumn {
        table: Ident,
        column: Column,
    },
    /// A generated column becomes a plain one that keeps its values.
    /// `column` is the column as it was (generated).
    DropExpression {
        table: Ident,
        column: Column,
    },
    RenameColumn {
        table: Ident,
        from: Ident,
        to: Ident,
    },
    /// `rewrite` is false for binary-compatible changes (varchar(n) → text).
    AlterColumnType {
        table: Ident,
        column: Ident,
        from: ColumnType,
        to: ColumnType,
        rewrite: bool,
    },
    SetDefault {
        table: Ident,
        column: Ident,
        default: String,
        old: Option<String>,
    },
    DropDefault {
        table: Ident,
        column: Ident,
        old: String,
    },
    SetNotNull {
        table: Ident,
        column: Ident,
    },
    DropNotNull {
        table: Ident,
        column: Ident,
    },
    AddIdentity {
        table: Ident,
        column: Ident,
        identity: Identity,
        /// The identity sequence's options (and name, when not the default).
        #[serde(default)]
        options: SequenceOptions,
    },
    DropIdentity {
        table: Ident,
        column: Ident,
        identity: Identity,
        #[serde(default)]
        options: SequenceOptions,
    },
    /// Another kind (`SET GENERATED …`) or sequence options of an identity
    /// column; `ty` is the column's type, the sequence type's default.
    AlterIdentity {
        table: Ident,
        column: Ident,
        ty: String,
        identity: Identity,
        options: SequenceOptions,
        old_identity: Identity,
        old: SequenceOptions,
    },
    /// `ALTER COLUMN … TYPE <same type> COLLATE …`: indexes on the column are
    /// rebuilt.
    SetCollation {
        table: Ident,
        column: Ident,
        ty: ColumnType,
        collation: Option<String>,
        old: Option<String>,
    },
    SetOptions {
        target: OptionsTarget,
        options: crate::model::StorageOptions,
        old: crate::model::StorageOptions,
    },
    SetReplicaIdentity {
        table: Ident,
        identity: ReplicaIdentity,
        old: ReplicaIdentity,
    },
    /// `ALTER TABLE … INHERIT parent`.
    Inherit {
        table: Ident,
        parent: Ident,
    },
    NoInherit {
        table: Ident,
        parent: Ident,
    },
    /// `SET LOGGED` / `SET UNLOGGED`: rewrites the table.
    SetLogged {
        table: Ident,
        logged: bool,
    },
    AddConstraint {
        table: Ident,
        constraint: Constraint,
        not_valid: bool,
    },
    /// A primary key or unique constraint adopting an index built beforehand
    /// (`CREATE UNIQUE INDEX CONCURRENTLY`), so the table is not locked for the build.
    AddConstraintUsingIndex {
        table: Ident,
        constraint: Constraint,
    },
    ValidateConstraint {
        table: Ident,
        name: Ident,
        /// The constraint, when it was NOT VALID before this change (and
        /// not just added so): its down adds it back NOT VALID, since
        /// PostgreSQL cannot un-validate a constraint in place.
        #[serde(skip)]
        was: Option<Box<Constraint>>,
    },
    DropConstraint {
        table: Ident,
        constraint: Constraint,
    },
    RenameConstraint {
        table: Ident,
        from: Ident,
        to: Ident,
    },
    CreateIndex {
        table: Ident,
        index: Index,
        concurrently: bool,
        only: bool,
    },
    DropIndex {
        table: Ident,
        index: Index,
        concurrently: bool,
    },
    RenameIndex {
        from: Ident,
        to: Ident,
    },
    /// Attach a partition's index to the parent's (`ALTER INDEX parent ATTACH PARTITION child`).
    AttachIndex {
        parent: Ident,
        child: Ident,
    },
    EnableRls {
        table: Ident,
    },
    DisableRls {
        table: Ident,
    },
    ForceRls {
        table: Ident,
    },
    NoForceRls {
        table: Ident,
    },
    CreatePolicy {
        table: Ident,
        policy: Policy,
    },
    DropPolicy {
        table: Ident,
        policy: Policy,
    },
    /// A child table created as a partition of `parent`.
    CreatePartition {
        parent: Ident,
        partition: Partition,
    },
    DropPartition {
        parent: Ident,
        partition: Partition,
    },
    DetachPartition {
        parent: Ident,
        partition: Partition,
    },
    AttachPartition {
        parent: Ident,
        partition: Partition,
    },
    /// A partition created beside a default partition that may hold rows
    /// of its bound: the default is detached, the partition (with its
    /// sub-partitions) created, those rows moved into it, and the default
    /// attached again.
    SplitPartition {
        parent: Ident,
        default: Ident,
        partition: Partition,
        /// The parent's partition key, which the rows are picked by.
        key: Vec<KeyExpr>,
        columns: Vec<Ident>,
    },
    /// A partition dropped beside a default partition: its rows move into
    /// the default instead of being lost.
    MergePartition {
        parent: Ident,
        default: Ident,
        partition: Partition,
        key: Vec<KeyExpr>,
        columns: Vec<Ident>,
    },
    /// A table built again in `scratch` with another partitioning (without
    /// foreign keys and row security yet): the first step of a rebuild.
    BuildTable {
        table: Table,
        scratch: Ident,
    },
    /// The rows of `from` copied into the table rebuilt in `scratch`, whose
    /// foreign keys are then added.
    CopyRows {
        from: Table,
        to: Table,
        scratch: Ident,
        /// (column of `to`, column of `from`) pairs copied.
        columns: Vec<(Ident, Ident)>,
    },
    /// `old` dropped and the rebuilt `table` moved from `scratch` into its
    /// place, with the old one's grants and its own row security.
    SwapTable {
        old: Table,
        table: Table,
        scratch: Ident,
        /// (column of `table`, column of `old`) pairs the copy filled.
        columns: Vec<(Ident, Ident)>,
    },
    CreateView {
        view: View,
    },
    DropView {
        view: View,
    },
    CreateTrigger {
        table: Ident,
        trigger: Trigger,
    },
    DropTrigger {
        table: Ident,
        trigger: Trigger,
    },
    /// `ALTER TRIGGER … RENAME TO`.
    RenameTrigger {
        table: Ident,
        from: Ident,
        to: Ident,
    },
    /// `ALTER TABLE … {ENABLE [ALWAYS | REPLICA] | DISABLE} TRIGGER`.
    SetTriggerEnabled {
        table: Ident,
        trigger: Ident,
        enabled: TriggerEnabled,
        old: TriggerEnabled,
    },
    SetComment {
        target: CommentTarget,
        comment: Option<String>,
        old: Option<String>,
    },
    /// `ALTER … OWNER TO owner` (`None`: the role applying the migration).
    SetOwner {
        target: super::GrantTarget,
        owner: Option<String>,
        old: Option<String>,
    },
    Grant {
        target: super::GrantTarget,
        grant: Grant,
    },
    Revoke {
        target: super::GrantTarget,
        grant: Grant,
    },
    /// The database is a Citus coordinator schemac distributes tables on:
    /// its sessions propagate `SET LOCAL` to the workers, so the tenant
    /// policy evaluated on a shard sees the tenant the transaction set.
    EnableCitus,
    DisableCitus,
    /// Hand a table to Citus: `create_distributed_table` (colocated with
    /// `colocate_with`, or the first of a new group) or `create_reference_table`.
    DistributeTable {
        table: Ident,
        distribution: Distribution,
        colocate_with: Option<Ident>,
        /// Tables its foreign keys reference: handed to Citus first.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        references: Vec<Ident>,
        /// The table existed before this plan: its rows are copied to the
        /// shards, which Citus does only outside sequential mode.
        existing: bool,
        /// TOAST storage parameters of the table and its partitions, set
        /// again once Citus holds them: the shards Citus creates do not
        /// copy them, an `ALTER TABLE` on the coordinator reaches them.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        toast: Vec<(Ident, crate::model::StorageOptions)>,
    },
    /// Bring a table back to the coordinator as a plain table (`undistribute_table`).
    UndistributeTable {
        table: Ident,
        distribution: Distribution,
        /// TOAST storage parameters of the table and its partitions, which
        /// the rebuilt table is given again.
        #[serde(skip_serializing_if = "Vec::is_empty")]
        toast: Vec<(Ident, crate::model::StorageOptions)>,
    },
}

impl Change {
    /// The template that renders this change: `templates/sql/<name>.sql`.
    pub fn template(&self) -> &'static str {
        match self {
            Change::CreateSchema => "create_schema",
            Change::CreateOwnedSchema { .. } => "create_owned_schema",
            Change::DropOwnedSchema { .. } => "drop_owned_schema",
            Change::SetRelationSchema { .. } => "set_relation_schema",
            Change::DropSchema => "drop_schema",
            Change::CreateExtension { .. } => "create_extension",
            Change::DropExtension { .. } => "drop_extension",
            Change::CreateEnum { .. } => "create_enum",
            Change::DropEnum { .. } => "drop_enum",
            Change::AddEnumValue { .. } => "add_enum_value",
            Change::RebuildEnum { .. } => "rebuild_enum",
            Change::CreateDomain { .. } => "create_domain",
            Change::DropDomain { .. } => "drop_domain",
            Change::RenameDomain { .. } => "rename_domain",
            Change::AlterDomain { .. } => "alter_domain",
            Change::CreateRange { .. } => "create_range",
            Change::DropRange { .. } => "drop_range",
            Change::CreateComposite { .. } => "create_composite",
            Change::DropComposite { .. } => "drop_composite",
            Change::AlterComposite { .. } => "alter_composite",
            Change::CreateSequence { .. } => "create_sequence",
            Change::DropSequence { .. } => "drop_sequence",
            Change::AlterSequence { .. } => "alter_sequence",
            Change::SetSequenceOwner { .. } => "set_sequence_owner",
            Change::AlterIdentity { .. } => "alter_identity",
            Change::SetCollation { .. } => "set_collation",
            Change::SetOptions { .. } => "set_options",
            Change::SetReplicaIdentity { .. } => "set_replica_identity",
            Change::Inherit { .. } => "inherit",
            Change::NoInherit { .. } => "no_inherit",
            Change::SetLogged { .. } => "set_logged",
            Change::CreateFunction { .. } | Change::ReplaceFunction { .. } => "create_function",
            Change::DropFunction { .. } => "drop_function",
            Change::SetFunctionSchema { .. } => "set_function_schema",
            Change::SetTypeSchema { .. } => "set_type_schema",
            Change::CreateTable { .. } => "create_table",
            Change::DropTable { .. } => "drop_table",
            Change::RenameTable { .. } => "rename_table",
            Change::AddColumn { .. } => "add_column",
            Change::DropColumn { .. } => "drop_column",
            Change::DropExpression { .. } => "drop_expression",
            Change::RenameColumn { .. } => "rename_column",
            Change::AlterColumnType { .. } => "alter_column_type",
            Change::SetDefault { .. } => "set_default",
            Change::DropDefault { .. } => "drop_default",
            Change::SetNotNull { .. } => "set_not_null",
            Change::DropNotNull { .. } => "drop_not_null",
            Change::AddIdentity { .. } => "add_identity",
            Change::DropIdentity { .. } => "drop_identity",
            Change::AddConstraint { .. } => "add_constraint",
            Change::AddConstraintUsingIndex { .. } => "add_constraint_using_index",
            Change::ValidateConstraint { .. } => "validate_constraint",
            Change::DropConstraint { .. } => "drop_constraint",
            Change::RenameConstraint { .. } => "rename_constraint",
            Change::CreateIndex { .. } => "create_index",
            Change::DropIndex { .. } => "drop_index",
            Change::RenameIndex { .. } => "rename_index",
            Change::AttachIndex { .. } => "attach_index",
            Change::EnableRls { .. } => "enable_rls",
            Change::DisableRls { .. } => "disable_rls",
            Change::ForceRls { .. } => "force_rls",
            Change::NoForceRls { .. } => "no_force_rls",
            Change::CreatePolicy { .. } => "create_policy",
            Change::DropPolicy { .. } => "drop_policy",
            Change::CreatePartition { .. } => "create_partition",
            Change::DropPartition { .. } => "drop_partition",
            Change::DetachPartition { .. } => "detach_partition",
            Change::AttachPartition { .. } => "attach_partition",
            Change::SplitPartition { .. } => "split_partition",
            Change::MergePartition { .. } => "merge_partition",
            Change::BuildTable { .. } => "build_table",
            Change::CopyRows { .. } => "copy_rows",
            Change::SwapTable { .. } => "swap_table",
            Change::CreateView { .. } => "create_view",
            Change::DropView { .. } => "drop_view",
            Change::CreateTrigger { .. } => "create_trigger",
            Change::DropTrigger { .. } => "drop_trigger",
            Change::RenameTrigger { .. } => "rename_trigger",
            Change::SetTriggerEnabled { .. } => "set_trigger_enabled",
            Change::SetComment { .. } => "set_comment",
            Change::SetOwner { .. } => "set_owner",
            Change::Grant { .. } => "grant",
            Change::Revoke { .. } => "revoke",
            Change::EnableCitus => "enable_citus",
            Change::DisableCitus => "disable_citus",
            Change::DistributeTable { .. } => "distribute_table",
            Change::UndistributeTable { .. } => "undistribute_table",
        }
    }

    /// `+` create, `-` drop, `~` alter: the plan summary's marker.
    pub fn sign(&self) -> char {
        let t = self.template();
        if matches!(
            self,
            Change::BuildTable { .. } | Change::CopyRows { .. } | Change::SwapTable { .. }
        ) {
            '~'
        } else if t.starts_with("create")
            || t.starts_with("add")
            || t.starts_with("enable")
            || t == "force_rls"
            || t.starts_with("attach")
            || t == "grant"
        {
            '+'
        } else if t.starts_with("drop")
            || t.starts_with("disable")
            || t == "no_force_rls"
            || t.starts_with("detach")
            || t == "revoke"
        {
            '-'
        } else {
            '~'
        }
    }

    /// The object a change is about, for summaries: `table users`.
    pub fn subject(&self) -> String {
        match self {
            Change::CreateSchema | Change::DropSchema => "schema".into(),
            Change::CreateOwnedSchema { owned } | Change::DropOwnedSchema { owned } => {
                format!("schema {}", owned.name)
            }
            Change::SetRelationSchema { name, from, to, .. } => {
                format!("{name} moved from schema {from} to {to}")
            }
            Change::CreateExtension { extension } | Change::DropExtension { extension } => {
                format!("extension {}", extension.name)
            }
            Change::CreateEnum { r#enum } | Change::DropEnum { r#enum } => {
                format!("enum {}", r#enum.name)
            }
            Change::AddEnumValue { name, value, .. } => format!("enum {name} value '{value}'"),
            Change::RebuildEnum { rebuild } => format!(
                "enum {} rebuilt as ({})",
                rebuild.name,
                rebuild.values.join(", ")
            ),
            Change::CreateFunction { function }
            | Change::ReplaceFunction { function, .. }
            | Change::DropFunction { function } => {
                format!("function {}", function.name)
            }
            Change::SetFunctionSchema { function, from, to } => {
                format!(
                    "function {} moved from schema {from} to {to}",
                    function.name
                )
            }
            Change::SetTypeSchema { name, from, to, .. } => {
                format!("type {name} moved from schema {from} to {to}")
            }
            Change::CreateDomain { domain } | Change::DropDomain { domain } => {
                format!("domain {}", domain.name)
            }
            Change::RenameDomain { from, to } => format!("domain {from} renamed to {to}"),
            Change::AlterDomain { name, step } => format!("domain {name} {}", step.describe()),
            Change::CreateRange { range } | Change::DropRange { range } => {
                format!("range type {}", range.name)
            }
            Change::CreateComposite { composite } | Change::DropComposite { composite } => {
                format!("type {}", composite.name)
            }
            Change::AlterComposite { name, step } => format!("type {name} {}", step.describe()),
            Change::CreateSequence { sequence } | Change::DropSequence { sequence } => {
                format!("sequence {}", sequence.name)
            }
            Change::AlterSequence { name, .. } => format!("options of sequence {name}"),
            Change::SetSequenceOwner { name, owned_by, .. } => match owned_by {
                Some((t, c)) => format!("sequence {name} owned by {t}.{c}"),
                None => format!("sequence {name} owned by none"),
            },
            Change::AlterIdentity { table, column, .. } => {
                format!("identity options of {table}.{column}")
            }
            Change::SetCollation {
                table,
                column,
                collation,
                ..
            } => format!(
                "collation of {table}.{column} → {}",
                collation.as_deref().unwrap_or("default")
            ),
            Change::SetOptions { target, .. } => match target {
                OptionsTarget::Table { table } => format!("storage parameters of {table}"),
                OptionsTarget::Index { index } => format!("storage parameters of index {index}"),
                OptionsTarget::View { view, .. } => format!("options of {view}"),
            },
            Change::SetReplicaIdentity { table, .. } => format!("replica identity of {table}"),
            Change::Inherit { table, parent } | Change::NoInherit { table, parent } => {
                format!("{table} inherits {parent}")
            }
            Change::SetLogged { table, logged } => {
                format!("{table} {}", if *logged { "logged" } else { "unlogged" })
            }
            Change::CreateTable { table } | Change::DropTable { table } => {
                format!("table {}", table.name)
            }
            Change::RenameTable { from, to } => format!("table {from} → {to}"),
            Change::AddColumn { table, column } | Change::DropColumn { table, column } => {
                format!("column {table}.{}", column.name)
            }
            Change::RenameColumn { table, from, to } => format!("column {table}.{from} → {to}"),
            Change::AlterColumnType {
                table,
                column,
                from,
                to,
                ..
            } => format!("column {table}.{column} type {from} → {to}"),
            Change::SetDefault { table, column, .. }
            | Change::DropDefault { table, column, .. } => format!("default of {table}.{column}"),
            Change::DropExpression { table, column } => {
                format!("generation of {table}.{}", column.name)
            }
            Change::SetNotNull { table, column } | Change::DropNotNull { table, column } => {
                format!("not null on {table}.{column}")
            }
            Change::AddIdentity { table, column, .. }
            | Change::DropIdentity { table, column, .. } => format!("identity on {table}.{column}"),
            Change::AddConstraint {
                table, constraint, ..
            }
            | Change::AddConstraintUsingIndex { table, constraint }
            | Change::DropConstraint { table, constraint } => {
                format!("{} {} on {table}", constraint.kind.word(), constraint.name)
            }
            Change::ValidateConstraint { table, name, .. } => format!("validate {name} on {table}"),
            Change::RenameConstraint { table, from, to } => {
                format!("constraint {from} → {to} on {table}")
            }
            Change::CreateIndex { table, index, .. } | Change::DropIndex { table, index, .. } => {
                format!("index {} on {table}", index.name)
            }
            Change::RenameIndex { from, to } => format!("index {from} → {to}"),
            Change::AttachIndex { parent, child } => format!("index {child} into {parent}"),
            Change::EnableRls { table } | Change::DisableRls { table } => {
                format!("row level security on {table}")
            }
            Change::ForceRls { table } | Change::NoForceRls { table } => {
                format!("forced row level security on {table}")
            }
            Change::CreatePolicy { table, policy } | Change::DropPolicy { table, policy } => {
                format!("policy {} on {table}", policy.name)
            }
            Change::CreatePartition { parent, partition }
            | Change::DropPartition { parent, partition }
            | Change::DetachPartition { parent, partition }
            | Change::AttachPartition { parent, partition } => {
                format!("partition {} of {parent}", partition.name)
            }
            Change::SplitPartition {
                parent,
                default,
                partition,
                ..
            } => format!(
                "partition {} of {parent}, with its rows from {default}",
                partition.name
            ),
            Change::MergePartition {
                parent,
                default,
                partition,
                ..
            } => format!(
                "partition {} of {parent}, its rows moved into {default}",
                partition.name
            ),
            Change::BuildTable { table, .. } => {
                format!("table {} built again {}", table.name, layout(table))
            }
            Change::CopyRows { from, to, .. } => {
                format!("rows of {} copied into the new {}", from.name, to.name)
            }
            Change::SwapTable { old, table, .. } => {
                format!("table {} replaced by the new {}", old.name, table.name)
            }
            Change::CreateView { view } | Change::DropView { view } => {
                format!(
                    "{} {}",
                    if view.materialized {
                        "materialized view"
                    } else {
                        "view"
                    },
                    view.name
                )
            }
            Change::CreateTrigger { table, trigger } | Change::DropTrigger { table, trigger } => {
                format!("trigger {} on {table}", trigger.name)
            }
            Change::RenameTrigger { table, from, to } => {
                format!("trigger {from} → {to} on {table}")
            }
            Change::SetTriggerEnabled {
                table,
                trigger,
                enabled,
                ..
            } => format!("trigger {trigger} on {table} {}", enabled.word()),
            Change::SetComment { target, .. } => match target {
                CommentTarget::Table { table } => format!("comment on {table}"),
                CommentTarget::Column { table, column } => format!("comment on {table}.{column}"),
                CommentTarget::View { view, .. } => format!("comment on {view}"),
                CommentTarget::Type { name } => format!("comment on type {name}"),
                CommentTarget::Index { index } => format!("comment on index {index}"),
                CommentTarget::Constraint { table, name } => {
                    format!("comment on constraint {name} of {table}")
                }
                CommentTarget::Policy { table, name } => {
                    format!("comment on policy {name} of {table}")
                }
                CommentTarget::ViewColumn { view, column } => format!("comment on {view}.{column}"),
                CommentTarget::Sequence { name } => format!("comment on sequence {name}"),
                CommentTarget::Schema { name } => format!("comment on schema {name}"),
                CommentTarget::Trigger { table, name } => {
                    format!("comment on trigger {name} of {table}")
                }
            },
            Change::SetOwner { target, owner, .. } => format!(
                "owner of {} to {}",
                target.describe(),
                owner.as_deref().unwrap_or("current_user")
            ),
            Change::Grant { target, grant } => format!(
                "grant {} on {} to {}",
                privileges(grant),
                target.describe(),
                grant.role
            ),
            Change::Revoke { target, grant } => format!(
                "revoke {} on {} from {}",
                privileges(grant),
                target.describe(),
                grant.role
            ),
            Change::EnableCitus | Change::DisableCitus => "citus sessions".into(),
            Change::DistributeTable {
                table,
                distribution,
                ..
            } => format!("table {table} as {} table", distribution.word()),
            Change::UndistributeTable { table, .. } => format!("table {table} back to local"),
        }
    }

    /// The changes that undo this one. Undoing a drop recreates everything
    /// the dropped object carried (indexes, policies, partitions…), so the
    /// down migration of a drop is complete.
    pub fn reverse(&self) -> Vec<Change> {
        match self.clone() {
            Change::DropTable { table } => super::create_table(&table),
            Change::DropPartition { parent, partition } => {
                super::create_partition(&parent, &partition)
            }
            Change::DropView { view } => super::create_view(&view),
            Change::DropFunction { function } => {
                let mut out = Vec::new();
                super::function::create(&function, &mut out);
                out
            }
            Change::DropDomain { domain } => super::domain::create(&domain),
            Change::DropEnum { r#enum } => super::create_enum(&r#enum),
            // The expression comes back by rebuilding the column.
            Change::DropExpression { table, column } => vec![
                Change::DropColumn {
                    table: table.clone(),
                    column: Column {
                        generated: None,
                        ..column.clone()
                    },
                },
                Change::AddColumn { table, column },
            ],
            // The split creates the partition; its row security comes after.
            Change::MergePartition {
                parent,
                default,
                partition,
                key,
                columns,
            } => {
                let mut out = vec![Change::SplitPartition {
                    parent: parent.clone(),
                    default,
                    partition: partition.clone(),
                    key,
                    columns,
                }];
                out.extend(
                    super::create_partition(&parent, &partition)
                        .into_iter()
                        .filter(|c| !matches!(c, Change::CreatePartition { .. })),
                );
                out
            }
            // The swap undoes the whole rebuild: build the old layout, copy back, swap.
            Change::BuildTable { .. } | Change::CopyRows { .. } => Vec::new(),
            Change::SwapTable {
                old,
                table,
                scratch,
                columns,
            } => {
                let back: Vec<(Ident, Ident)> =
                    columns.into_iter().map(|(new, old)| (old, new)).collect();
                vec![
                    Change::BuildTable {
                        table: old.clone(),
                        scratch: scratch.clone(),
                    },
                    Change::CopyRows {
                        from: table.clone(),
                        to: old.clone(),
                        scratch: scratch.clone(),
                        columns: back.clone(),
                    },
                    Change::SwapTable {
                        old: table,
                        table: old,
                        scratch,
                        columns: back,
                    },
                ]
            }
            Change::DropSequence { sequence } => {
                let mut out = Vec::new();
                super::sequence::create(&sequence, &mut out);
                out
            }
            Change::ValidateConstraint {
                table,
                was: Some(was),
                ..
            } => vec![
                Change::DropConstraint {
                    table: table.clone(),
                    constraint: Constraint {
                        not_valid: false,
                        ..(*was).clone()
                    },
                },
                Change::AddConstraint {
                    table,
                    constraint: *was,
                    not_valid: true,
                },
            ],
            // Validating a constraint just added leaves nothing to undo (the
            // add's down drops it); an attached partition index goes when
            // its parent index is dropped.
            Change::ValidateConstraint { .. } | Change::AttachIndex { .. } => Vec::new(),
            Change::AlterDomain { name, step } => step
                .reverse()
                .map(|step| Change::AlterDomain { name, step })
                .into_iter()
                .collect(),
            other => vec![other.reverse_one()],
        }
    }

    fn reverse_one(&self) -> Change {
        match self.clone() {
            Change::CreateSchema => Change::DropSchema,
            Change::DropSchema => Change::CreateSchema,
            Change::CreateOwnedSchema { owned } => Change::DropOwnedSchema { owned },
            Change::DropOwnedSchema { owned } => Change::CreateOwnedSchema { owned },
            Change::SetRelationSchema {
                name,
                relation,
                from,
                to,
            } => Change::SetRelationSchema {
                name,
                relation,
                from: to,
                to: from,
            },
            Change::CreateExtension { extension } => Change::DropExtension { extension },
            Change::DropExtension { extension } => Change::CreateExtension { extension },
            Change::CreateEnum { r#enum } => Change::DropEnum { r#enum },
            Change::CreateDomain { domain } => Change::DropDomain { domain },
            Change::DropDomain { domain } => Change::CreateDomain { domain },
            Change::RenameDomain { from, to } => Change::RenameDomain { from: to, to: from },
            // Handled in `reverse`.
            Change::AlterDomain { name, step } => Change::AlterDomain { name, step },
            Change::CreateRange { range } => Change::DropRange { range },
            Change::DropRange { range } => Change::CreateRange { range },
            Change::CreateComposite { composite } => Change::DropComposite { composite },
            Change::DropComposite { composite } => Change::CreateComposite { composite },
            Change::AlterComposite { name, step } => Change::AlterComposite {
                name,
                step: step.reverse(),
            },
            Change::DropEnum { r#enum } => Change::CreateEnum { r#enum },
            Change::AddEnumValue { undo, .. } => Change::RebuildEnum { rebuild: undo },
            Change::RebuildEnum { rebuild } => Change::RebuildEnum {
                rebuild: Box::new(EnumRebuild {
                    values: rebuild.previous.clone(),
                    previous: rebuild.values.clone(),
                    comment: rebuild.previous_comment.clone(),
                    previous_comment: rebuild.comment.clone(),
                    acl: rebuild.previous_acl.clone(),
                    previous_acl: rebuild.acl.clone(),
                    ..*rebuild
                }),
            },
            Change::CreateSequence { sequence } => Change::DropSequence { sequence },
            Change::DropSequence { sequence } => Change::CreateSequence { sequence },
            Change::AlterSequence { name, options, old } => Change::AlterSequence {
                name,
                options: old,
                old: options,
            },
            Change::SetSequenceOwner {
                name,
                owned_by,
                old,
            } => Change::SetSequenceOwner {
                name,
                owned_by: old,
                old: owned_by,
            },
            Change::AlterIdentity {
                table,
                column,
                ty,
                identity,
                options,
                old_identity,
                old,
            } => Change::AlterIdentity {
                table,
                column,
                ty,
                identity: old_identity,
                options: old,
                old_identity: identity,
                old: options,
            },
            Change::SetCollation {
                table,
                column,
                ty,
                collation,
                old,
            } => Change::SetCollation {
                table,
                column,
                ty,
                collation: old,
                old: collation,
            },
            Change::SetOptions {
                target,
                options,
                old,
            } => Change::SetOptions {
                target,
                options: old,
                old: options,
            },
            Change::SetReplicaIdentity {
                table,
                identity,
                old,
            } => Change::SetReplicaIdentity {
                table,
                identity: old,
                old: identity,
            },
            Change::Inherit { table, parent } => Change::NoInherit { table, parent },
            Change::NoInherit { table, parent } => Change::Inherit { table, parent },
            Change::SetLogged { table, logged } => Change::SetLogged {
                table,
                logged: !logged,
            },
            Change::CreateFunction { function } => Change::DropFunction { function },
            Change::SetFunctionSchema { function, from, to } => Change::SetFunctionSchema {
                function,
                from: to,
                to: from,
            },
            Change::SetTypeSchema {
                name,
                domain,
                from,
                to,
            } => Change::SetTypeSchema {
                name,
                domain,
                from: to,
                to: from,
            },
            Change::ReplaceFunction { function, old } => Change::ReplaceFunction {
                function: old,
                old: function,
            },
            Change::DropFunction { function } => Change::CreateFunction { function },
            Change::CreateTable { table } => Change::DropTable { table },
            Change::DropTable { table } => Change::CreateTable { table },
            Change::RenameTable { from, to } => Change::RenameTable { from: to, to: from },
            Change::AddColumn { table, column } => Change::DropColumn { table, column },
            // A NOT NULL column without a default cannot come back on a
            // table with rows: it returns nullable (its values are gone anyway).
            Change::DropColumn { table, mut column } => {
                if column.default.is_none()
                    && column.identity.is_none()
                    && column.generated.is_none()
                {
                    column.nullable = true;
                }
                Change::AddColumn { table, column }
            }
            Change::RenameColumn { table, from, to } => Change::RenameColumn {
                table,
                from: to,
                to: from,
            },
            Change::AlterColumnType {
                table,
                column,
                from,
                to,
                rewrite,
            } => Change::AlterColumnType {
                table,
                column,
                from: to,
                to: from,
                rewrite,
            },
            Change::SetDefault {
                table,
                column,
                default,
                old,
            } => match old {
                Some(o) => Change::SetDefault {
                    table,
                    column,
                    default: o,
                    old: Some(default),
                },
                None => Change::DropDefault {
                    table,
                    column,
                    old: default,
                },
            },
            Change::DropDefault { table, column, old } => Change::SetDefault {
                table,
                column,
                default: old,
                old: None,
            },
            Change::SetNotNull { table, column } => Change::DropNotNull { table, column },
            // `reverse` rebuilds the column instead.
            Change::DropExpression { table, column } => Change::DropExpression { table, column },
            Change::DropNotNull { table, column } => Change::SetNotNull { table, column },
            Change::AddIdentity {
                table,
                column,
                identity,
                options,
            } => Change::DropIdentity {
                table,
                column,
                identity,
                options,
            },
            Change::DropIdentity {
                table,
                column,
                identity,
                options,
            } => Change::AddIdentity {
                table,
                column,
                identity,
                options,
            },
            Change::AddConstraint {
                table, constraint, ..
            }
            | Change::AddConstraintUsingIndex { table, constraint } => {
                Change::DropConstraint { table, constraint }
            }
            Change::ValidateConstraint { name, table, was } => {
                Change::ValidateConstraint { name, table, was }
            }
            Change::DropConstraint { table, constraint } => Change::AddConstraint {
                table,
                constraint,
                not_valid: false,
            },
            Change::RenameConstraint { table, from, to } => Change::RenameConstraint {
                table,
                from: to,
                to: from,
            },
            Change::CreateIndex {
                table,
                index,
                concurrently,
                ..
            } => Change::DropIndex {
                table,
                index,
                concurrently,
            },
            Change::DropIndex {
                table,
                index,
                concurrently,
            } => Change::CreateIndex {
                table,
                index,
                concurrently,
                only: false,
            },
            Change::RenameIndex { from, to } => Change::RenameIndex { from: to, to: from },
            Change::AttachIndex { parent, child } => Change::AttachIndex { parent, child },
            Change::EnableRls { table } => Change::DisableRls { table },
            Change::DisableRls { table } => Change::EnableRls { table },
            Change::ForceRls { table } => Change::NoForceRls { table },
            Change::NoForceRls { table } => Change::ForceRls { table },
            Change::CreatePolicy { table, policy } => Change::DropPolicy { table, policy },
            Change::DropPolicy { table, policy } => Change::CreatePolicy { table, policy },
            Change::CreatePartition { parent, partition } => {
                Change::DropPartition { parent, partition }
            }
            Change::DropPartition { parent, partition } => {
                Change::CreatePartition { parent, partition }
            }
            Change::DetachPartition { parent, partition } => {
                Change::AttachPartition { parent, partition }
            }
            Change::AttachPartition { parent, partition } => {
                Change::DetachPartition { parent, partition }
            }
            Change::SplitPartition {
                parent,
                default,
                partition,
                key,
                columns,
            } => Change::MergePartition {
                parent,
                default,
                partition,
                key,
                columns,
            },
            Change::MergePartition {
                parent,
                default,
                partition,
                key,
                columns,
            } => Change::SplitPartition {
                parent,
                default,
                partition,
                key,
                columns,
            },
            // Whole rebuilds are reversed by `reverse` above.
            c
            @ (Change::BuildTable { .. } | Change::CopyRows { .. } | Change::SwapTable { .. }) => c,
            Change::CreateView { view } => Change::DropView { view },
            Change::DropView { view } => Change::CreateView { view },
            Change::CreateTrigger { table, trigger } => Change::DropTrigger { table, trigger },
            Change::DropTrigger { table, trigger } => Change::CreateTrigger { table, trigger },
            Change::RenameTrigger { table, from, to } => Change::RenameTrigger {
                table,
                from: to,
                to: from,
            },
            Change::SetTriggerEnabled {
                table,
                trigger,
                enabled,
                old,
            } => Change::SetTriggerEnabled {
                table,
                trigger,
                enabled: old,
                old: enabled,
            },
            Change::SetComment {
                target,
                comment,
                old,
            } => Change::SetComment {
                target,
                comment: old,
                old: comment,
            },
            Change::SetOwner { target, owner, old } => Change::SetOwner {
                target,
                owner: old,
                old: owner,
            },
            Change::Grant { target, grant } => Change::Revoke { target, grant },
            Change::Revoke { target, grant } => Change::Grant { target, grant },
            Change::EnableCitus => Change::DisableCitus,
            Change::DisableCitus => Change::EnableCitus,
            Change::DistributeTable {
                table,
                distribution,
                toast,
                ..
            } => Change::UndistributeTable {
                table,
                distribution,
                toast,
            },
            Change::UndistributeTable {
                table,
                distribution,
                toast,
            } => Change::DistributeTable {
                table,
                distribution,
                colocate_with: None,
                references: Vec::new(),
                existing: true,
                toast,
            },
        }
    }
}

/// `select, update (status)`, for summaries.
fn privileges(g: &Grant) -> String {
    let p = g.privileges.join(", ").to_ascii_lowercase();
    if g.columns.is_empty() {
        p
    } else {
        let cols: Vec<&str> = g.columns.iter().map(|c| c.as_str()).collect();
        format!("{p} ({})", cols.join(", "))
    }
}

/// How a table is partitioned, for summaries: `partitioned by range (created)`.
fn layout(t: &Table) -> String {
    let Some(p) = &t.partitioning else {
        return "unpartitioned".into();
    };
    let key = |p: &Partitioning| {
        p.key
            .iter()
            .map(|k| match k {
                KeyExpr::Column(c) => c.to_string(),
                KeyExpr::Expr(e) => format!("({e})"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut out = format!(
        "partitioned by {} ({})",
        p.strategy.sql().to_lowercase(),
        key(p)
    );
    if let Some(s) = t.partitions.iter().find_map(|c| c.partitioning.as_ref()) {
        out.push_str(&format!(
            ", then {} ({})",
            s.strategy.sql().to_lowercase(),
            key(s)
        ));
    }
    out
}
