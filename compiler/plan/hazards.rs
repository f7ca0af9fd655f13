//! Hazards: what a planned statement may cost beyond its intent — lost data,
//! a table rewrite under an exclusive lock, a weakened isolation guarantee.
//! Each has a stable H code, and the squawk rule it corresponds to where one
//! exists, so reviewers can map between tools. `emit` refuses data-loss
//! hazards unless they are allowed.

use serde::Serialize;

use crate::diag::{RuleMeta, Severity};
use crate::diff::Change;
use crate::model::*;

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hazard {
    pub code: &'static str,
    pub name: &'static str,
    pub message: String,
    /// Whether data is lost: `emit` refuses these unless allowed.
    pub data_loss: bool,
    /// The corresponding squawk rule, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub squawk: Option<&'static str>,
}

macro_rules! hazard {
    ($id:ident, $code:literal, $name:literal, $squawk:expr, $summary:literal, $why:literal, $bad:literal, $good:literal) => {
        pub const $id: RuleMeta = RuleMeta {
            code: $code,
            name: $name,
            severity: Severity::Warning,
            summary: $summary,
            why: $why,
            bad: $bad,
            good: $good,
        };
    };
}

hazard!(
    DROP_TABLE,
    "H101",
    "drop-table",
    Some("ban-drop-table"),
    "A table is dropped; its rows are gone.",
    "The down migration can recreate the table but not its rows. Dropping is allowed only when stated: `migrations.allow_hazards: [H101]` or `schemac emit --allow-hazard H101`.",
    "# users.yaml removed from the project\n",
    "# keep the table, mark it deprecated, drop it in a later release\nusers:\n  deprecated: { replacement: accounts }\n"
);
hazard!(
    DROP_COLUMN,
    "H102",
    "drop-column",
    Some("ban-drop-column"),
    "A column is dropped; its values are gone.",
    "Running application code that still selects the column breaks, and the down migration brings the column back empty. Deprecate first, stop reading it, then drop with the hazard allowed.",
    "columns:\n  # legacy_status removed\n",
    "columns:\n  legacy_status: { type: text?, deprecated: { replacement: status } }\n"
);
hazard!(
    TYPE_REWRITE,
    "H103",
    "column-type-rewrite",
    Some("changing-column-type"),
    "A column type change rewrites the table (and its indexes) under an ACCESS EXCLUSIVE lock.",
    "Except for binary-compatible changes (varchar(n) → varchar(m > n) or text, numeric(p,s) → numeric(p2 > p, s)), PostgreSQL rewrites every row while blocking all reads and writes. On a large table that is an outage; prefer adding a new column, backfilling in batches, and switching over.",
    "columns:\n  amount: numeric(12,2)   # was integer\n",
    "columns:\n  amount: integer\n  amount_exact: numeric(12,2)?   # backfill, then switch readers\n"
);
hazard!(
    VOLATILE_DEFAULT,
    "H104",
    "volatile-default-rewrite",
    Some("adding-field-with-default"),
    "A column is added to an existing table with a volatile default (`now()`, `gen_random_uuid()`), which rewrites the table.",
    "Since PostgreSQL 11 a constant default is stored in the catalog and costs nothing, but a volatile default must be evaluated per row: the table is rewritten under ACCESS EXCLUSIVE.",
    "columns:\n  token: { type: uuid, default: gen_random_uuid() }\n",
    "columns:\n  token: uuid?   # add nullable, backfill in batches, then set default and NOT NULL\n"
);
hazard!(
    ENUM_VALUE_REMOVED,
    "H105",
    "enum-value-removed",
    None,
    "An enum value is removed or the values are reordered, which PostgreSQL cannot do in place.",
    "ALTER TYPE can only add values. Removing or reordering one means creating a new type, rewriting every column that uses it under ACCESS EXCLUSIVE, and dropping the old type; rows holding the removed value fail the conversion. Checks, partial or expression indexes and policies that compare such a column with a value are dropped and created again in the same transaction.",
    "enums:\n  job_status: [queued, done]   # was [queued, running, done]\n",
    "enums:\n  job_status: [queued, running, done]   # stop writing `running`, then migrate with a new type\n"
);
hazard!(
    DROP_PARTITION,
    "H106",
    "drop-partition",
    None,
    "A partition is dropped or re-bounded; its rows are gone.",
    "Partitions hold data like tables do. Retiring old time windows is what `schemac partitions` (detach, then drop on request) is for; a migration that drops a partition is data loss.",
    "partition: { by: range(created), interval: month, from: 2025-06 }   # was from: 2025-01\n",
    "partition: { by: range(created), interval: month, from: 2025-01, retention: 6 months }\n"
);
hazard!(
    RLS_WEAKENED,
    "H107",
    "rls-weakened",
    None,
    "Row-level security is disabled or un-forced on a table, or a policy is dropped.",
    "Tenant isolation lives in these objects; removing one widens what every session can see. The plan shows it so the reviewer decides, instead of discovering it in an incident.",
    "tables:\n  leads:\n    tenancy: global   # was scoped\n",
    "tables:\n  leads: {}   # scoped by the tier default\n"
);
hazard!(
    PARTITIONING_CHANGED,
    "H108",
    "partitioning-changed",
    None,
    "An existing table is partitioned another way (plain to partitioned or back, another strategy or key, a sub-partition level added or removed, hash partitions re-counted, a partition re-bounded, a key column retyped): it is rebuilt, keeping its rows.",
    "PostgreSQL cannot repartition a table in place. schemac builds the table again in a schema of its own, with its final names and the new layout, copies every row in, drops the old table and moves the new one and its partitions into place, with the old table's grants and its row security, all in one transaction; the down migration does the same the other way. The copy keeps writers out for its length (EXCLUSIVE; ACCESS EXCLUSIVE when the table forces row security, which the owner must lift to read every row), and the swap takes ACCESS EXCLUSIVE briefly. Views reading the table are created again and foreign keys pointing at it are added again (NOT VALID, then validated). A row that fits no partition of the new layout makes the migration fail, and then nothing changed. On a large table, run it in a quiet window (bench/ measures a million rows) or build a twin and backfill it in batches, then rename it with `was:`.",
    "partition: { by: range(created), interval: month, from: 2025-01 }   # the table was not partitioned\n",
    "partition: { by: range(created), interval: month, from: 2025-01, default: true }   # rows outside the windows have a place\n"
);
hazard!(
    RENAME,
    "H109",
    "rename",
    Some("renaming-column"),
    "A table or column is renamed.",
    "Application code deployed before the migration still uses the old name and fails until the new code is out. Deploy code that reads both (or a view with the old name) first.",
    "columns:\n  email_address: { type: text, was: email }\n",
    "# rename in two releases, or expose the old name through a view meanwhile\n"
);
hazard!(
    BLOCKING_VALIDATION,
    "H110",
    "blocking-validation",
    Some("constraint-missing-not-valid"),
    "A constraint is added to an existing partitioned table, which checks every row while holding its lock.",
    "On plain tables schemac adds foreign keys and checks as NOT VALID and validates them later under a weaker lock; PostgreSQL does not allow NOT VALID on partitioned tables, so there the scan happens under the ALTER TABLE lock.",
    "foreign_keys: [...]   # new, on a partitioned table with data\n",
    "# add the constraint to each partition first, or during a quiet window\n"
);

hazard!(
    REQUIRED_COLUMN,
    "H111",
    "required-column-added",
    Some("adding-required-field"),
    "A NOT NULL column without a default is added to an existing table.",
    "PostgreSQL cannot fill the column for existing rows, so the migration fails on any table that holds data; and every writer that does not know the column yet starts failing too.",
    "columns:\n  region: text   # new, NOT NULL, no default\n",
    "columns:\n  region: { type: text, default: \"'eu'\" }   # or text? first, backfill, then NOT NULL\n"
);

hazard!(
    CITUS_REFUSED,
    "H112",
    "citus-refuses-change",
    None,
    "A change to a table Citus holds is one Citus refuses: moving a table with an identity column out of the cluster, adding, dropping or altering an identity, adding an identity column, changing inheritance or logging, or retyping or dropping the distribution column.",
    "Citus rebuilds a table to bring it back to the coordinator and cannot rebuild one with an identity column (\"cannot complete operation on a table with identity column\"); it propagates only some ALTER TABLE subcommands — not ADD/DROP/SET IDENTITY, INHERIT or SET LOGGED (\"alter table command is currently unsupported\") — nor an identity column added once metadata is synced to the workers; and it never changes the column rows are placed by (\"cannot execute ALTER TABLE command involving partition column\"). `emit` refuses the plan; `--allow-hazard H112` writes it for editing by hand.",
    "columns:\n  id: { type: bigint, identity: by_default, primary_key: true }\n# and the tier loses `citus: true`\n",
    "# keep the table on the cluster, or replace the identity by a bigint with a sequence default first\n"
);

hazard!(
    DROP_OBJECT,
    "H113",
    "drop-object",
    None,
    "An index, constraint, view, sequence, type, trigger, function or extension is dropped and not created again by the plan.",
    "What uses it loses it: queries planned on the index, rows the constraint kept out, readers of the view, the sequence's current value, code calling the function. A drop follows from the YAML no longer naming the object; make sure that is what you meant, and that nothing outside the project still needs it.",
    "indexes:\n  # orders_customer_idx removed\n",
    "indexes:\n  - { name: orders_customer_idx, columns: [customer_id] }   # keep it until no query needs it\n"
);

hazard!(
    DROP_ATTRIBUTE,
    "H114",
    "drop-attribute",
    None,
    "An attribute of a composite type is dropped; its values in every column of the type are gone.",
    "`ALTER TYPE … DROP ATTRIBUTE` removes the field from every stored value of the type, in every table, view and function that uses it. The down migration adds the attribute back empty. Dropping is allowed only when stated: `migrations.allow_hazards: [H114]`.",
    "types:\n  address:\n    attributes: { street: text }   # city removed\n",
    "types:\n  address:\n    attributes: { street: text, city: text }   # keep it until nothing reads it\n"
);

hazard!(
    TYPE_IN_USE,
    "H115",
    "type-in-use",
    None,
    "An attribute of a composite type changes type while a table column stores the composite (directly, in an array or inside another composite), or a range type is redefined while a column, composite attribute or domain uses it.",
    "PostgreSQL rewrites no stored composite value: `ALTER TYPE … ALTER ATTRIBUTE … TYPE` fails with \"cannot alter type … because column … uses it\", halfway through the deploy. A range type has no `ALTER` for its subtype, operator class, collation or diff function, so schemac drops and creates it, and `DROP TYPE` fails while anything uses it. `emit` refuses such a plan. For a composite, add an attribute of the new type instead, fill it from the old one, then drop the old one (H114); for a range, declare a new range type, add columns of it filled from the old ones (`old_col::text::new_range`), then drop the old columns and range — or `--allow-hazard H115` to write the plan for editing by hand.",
    "types:\n  money_amount:\n    attributes: { cents: bigint }   # was integer; invoices.total stores it\n",
    "types:\n  money_amount:\n    attributes: { cents: integer, cents_wide: bigint }   # add, backfill, then drop cents\n"
);

mod citus;
mod types;

/// Every hazard, in code order.
pub const ALL: &[&RuleMeta] = &[
    &DROP_TABLE,
    &DROP_COLUMN,
    &TYPE_REWRITE,
    &VOLATILE_DEFAULT,
    &ENUM_VALUE_REMOVED,
    &DROP_PARTITION,
    &RLS_WEAKENED,
    &PARTITIONING_CHANGED,
    &RENAME,
    &BLOCKING_VALIDATION,
    &REQUIRED_COLUMN,
    &CITUS_REFUSED,
    &DROP_OBJECT,
    &DROP_ATTRIBUTE,
    &TYPE_IN_USE,
];

/// Whether a hazard code stands for lost data (what `emit`, `rollback` and
/// `apply --plan` refuse unless it is allowed).
pub fn loses_data(code: &str) -> bool {
    matches!(code, "H101" | "H102" | "H105" | "H106" | "H108" | "H114")
}

/// Every squawk rule that flags what a hazard describes.
pub fn squawk_rules(code: &str) -> &'static [&'static str] {
    match code {
        "H101" => &["ban-drop-table"],
        "H102" => &["ban-drop-column"],
        "H103" => &["changing-column-type", "prefer-text-field"],
        "H104" => &["adding-field-with-default"],
        "H105" => &["changing-column-type"],
        "H106" => &["ban-drop-table"],
        "H108" => &["ban-drop-table"],
        "H109" => &["renaming-column", "renaming-table"],
        "H110" => &[
            "constraint-missing-not-valid",
            "adding-foreign-key-constraint",
        ],
        "H111" => &["adding-required-field"],
        _ => &[],
    }
}

/// The squawk rule a hazard corresponds to.
pub fn squawk(code: &str) -> Option<&'static str> {
    match code {
        "H101" => Some("ban-drop-table"),
        "H102" => Some("ban-drop-column"),
        "H103" => Some("changing-column-type"),
        "H104" => Some("adding-field-with-default"),
        "H109" => Some("renaming-column"),
        "H110" => Some("constraint-missing-not-valid"),
        "H111" => Some("adding-required-field"),
        _ => None,
    }
}

fn make(meta: &RuleMeta, message: String, data_loss: bool) -> Hazard {
    Hazard {
        code: meta.code,
        name: meta.name,
        message,
        data_loss,
        squawk: squawk(meta.code),
    }
}

/// Whether changing `from` to `to` is binary-compatible (no rewrite).
pub fn binary_compatible(from: &ColumnType, to: &ColumnType) -> bool {
    if from.array_dims != to.array_dims
        || from.kind != TypeKind::Builtin
        || to.kind != TypeKind::Builtin
    {
        return false;
    }
    let len = |s: &str, prefix: &str| -> Option<Option<u32>> {
        let rest = s.strip_prefix(prefix)?;
        if rest.is_empty() {
            return Some(None);
        }
        rest.strip_prefix('(')?
            .strip_suffix(')')?
            .parse()
            .ok()
            .map(Some)
    };
    let (f, t) = (from.base.as_str(), to.base.as_str());
    if t == "text" && (f.starts_with("character varying") || f == "text") {
        return true;
    }
    if let (Some(a), Some(b)) = (len(f, "character varying"), len(t, "character varying")) {
        return match (a, b) {
            (_, None) => true,
            (Some(a), Some(b)) => b >= a,
            (None, Some(_)) => false,
        };
    }
    if let (Some(fa), Some(tb)) = (f.strip_prefix("numeric"), t.strip_prefix("numeric")) {
        let parse = |s: &str| -> Option<(u32, u32)> {
            let (p, sc) = s.strip_prefix('(')?.strip_suffix(')')?.split_once(',')?;
            Some((p.parse().ok()?, sc.parse().ok()?))
        };
        return match (parse(fa), parse(tb)) {
            (_, None) if tb.is_empty() => true,
            (Some((p1, s1)), Some((p2, s2))) => s1 == s2 && p2 >= p1,
            _ => false,
        };
    }
    f == "cidr" && t == "inet"
}

/// Whether a default calls a volatile function, which PostgreSQL must
/// evaluate per row when the column is added. `now()`, `current_timestamp`
/// and friends are stable: evaluated once, stored in the catalog, no rewrite.
fn volatile(expr: &str) -> bool {
    let e = expr.to_ascii_lowercase();
    [
        "random(",
        "gen_random_uuid(",
        "uuid_generate",
        "clock_timestamp(",
        "timeofday(",
        "nextval(",
        "txid_current(",
    ]
    .iter()
    .any(|v| e.contains(v))
}

/// The kind and name of what a change drops, for the objects H113 covers.
fn dropped(change: &Change) -> Option<(&'static str, String)> {
    Some(match change {
        Change::DropIndex { index, .. } => ("index", index.name.to_string()),
        Change::DropConstraint { table, constraint } => {
            ("constraint", format!("{table}.{}", constraint.name))
        }
        Change::DropView { view } => ("view", view.name.to_string()),
        Change::DropSequence { sequence } => ("sequence", sequence.name.to_string()),
        Change::DropEnum { r#enum } => ("type", r#enum.name.to_string()),
        Change::DropDomain { domain } => ("type", domain.name.to_string()),
        Change::DropComposite { composite } => ("type", composite.name.to_string()),
        Change::DropRange { range } => ("type", range.name.to_string()),
        Change::AlterDomain {
            name,
            step: crate::diff::DomainStep::DropCheck { check },
        } => ("constraint", format!("{name}.{}", check.name)),
        Change::DropTrigger { table, trigger } => ("trigger", format!("{table}.{}", trigger.name)),
        Change::DropFunction { function } => ("function", function.name.to_string()),
        Change::DropExtension { extension } => ("extension", extension.name.to_string()),
        _ => return None,
    })
}

/// The kind and name of what a change creates, matching [`dropped`].
fn created(change: &Change) -> Option<(&'static str, String)> {
    Some(match change {
        Change::CreateIndex { index, .. } => ("index", index.name.to_string()),
        Change::AddConstraint {
            table, constraint, ..
        }
        | Change::AddConstraintUsingIndex { table, constraint } => {
            ("constraint", format!("{table}.{}", constraint.name))
        }
        Change::CreateView { view } => ("view", view.name.to_string()),
        Change::CreateSequence { sequence } => ("sequence", sequence.name.to_string()),
        Change::CreateEnum { r#enum } => ("type", r#enum.name.to_string()),
        Change::CreateDomain { domain } => ("type", domain.name.to_string()),
        Change::CreateComposite { composite } => ("type", composite.name.to_string()),
        Change::CreateRange { range } => ("type", range.name.to_string()),
        Change::AlterDomain {
            name,
            step: crate::diff::DomainStep::AddCheck { check, .. },
        } => ("constraint", format!("{name}.{}", check.name)),
        Change::CreateTrigger { table, trigger } => {
            ("trigger", format!("{table}.{}", trigger.name))
        }
        Change::CreateFunction { function } => ("function", function.name.to_string()),
        Change::CreateExtension { extension } => ("extension", extension.name.to_string()),
        _ => return None,
    })
}

/// H113 for each object `changes` drop without creating it again (a
/// rebuild, a replaced definition); `None` for the others.
pub fn drops(changes: &[&Change]) -> Vec<Option<Hazard>> {
    let made: std::collections::HashSet<(&str, String)> =
        changes.iter().filter_map(|c| created(c)).collect();
    changes
        .iter()
        .map(|c| {
            dropped(c)
                .filter(|d| !made.contains(d))
                .map(|(kind, name)| {
                    make(&DROP_OBJECT, format!("{kind} `{name}` is dropped"), false)
                })
        })
        .collect()
}

/// H115 for each range `changes` redefine while something kept uses it;
/// `None` for the other steps.
pub fn ranges_in_use(old: &Schema, changes: &[&Change]) -> Vec<Option<Hazard>> {
    types::redefined_in_use(old, changes)
}

/// Hazards of running `change` against `old`.
pub fn of(old: &Schema, change: &Change) -> Vec<Hazard> {
    let exists = |t: &Ident| old.table(t.as_str()).is_some();
    let mut out = Vec::new();
    match change {
        Change::RebuildEnum { rebuild } => out.push(make(
            &ENUM_VALUE_REMOVED,
            format!(
                "enum `{}` is rebuilt as ({}); rows holding another value make the migration fail",
                rebuild.name,
                rebuild.values.join(", ")
            ),
            true,
        )),
        Change::AlterComposite {
            name,
            step: crate::diff::CompositeStep::DropAttribute { attribute },
        } => out.push(make(
            &DROP_ATTRIBUTE,
            format!(
                "dropping attribute `{name}.{}` deletes its values wherever the type is stored; the down migration adds it back empty",
                attribute.name
            ),
            true,
        )),
        Change::DropTable { table } => out.push(make(
            &DROP_TABLE,
            format!("dropping table `{}` deletes its rows", table.name),
            true,
        )),
        // A generated column's values come from the other columns: added
        // again (by this plan or its down), they are computed again.
        Change::DropColumn { table, column } if column.generated.is_some() => {
            out.push(make(
                &DROP_COLUMN,
                format!(
                    "dropping the generated column `{table}.{}`: nothing is lost, its values are computed again wherever it is added back",
                    column.name
                ),
                false,
            ));
        }
        Change::DropColumn { table, column } => {
            out.push(make(
                &DROP_COLUMN,
                format!(
                    "dropping `{table}.{}` deletes its values; the down migration adds it back empty{}",
                    column.name,
                    if column.default.is_none() && column.identity.is_none() && column.generated.is_none() && !column.nullable {
                        " and nullable"
                    } else {
                        ""
                    }
                ),
                true,
            ));
        }
        Change::AlterColumnType {
            table,
            column,
            from,
            to,
            rewrite: true,
        } if exists(table) => out.push(make(
            &TYPE_REWRITE,
            format!("`{table}.{column}` {from} → {to} rewrites the table under ACCESS EXCLUSIVE"),
            false,
        )),
        Change::AddColumn { table, column }
            if exists(table) && (column.identity.is_some() || column.generated.is_some()) =>
        {
            out.push(make(
                &VOLATILE_DEFAULT,
                format!(
                    "`{table}.{}` is computed for every existing row: the table is rewritten",
                    column.name
                ),
                false,
            ));
        }
        Change::AddColumn { table, column }
            if exists(table) && !column.nullable && column.default.is_none() =>
        {
            out.push(make(
                &REQUIRED_COLUMN,
                format!("`{table}.{}` is NOT NULL without a default: the migration fails if `{table}` has rows", column.name),
                false,
            ));
        }
        Change::AddColumn { table, column }
            if exists(table) && column.default.as_deref().is_some_and(volatile) =>
        {
            out.push(make(
                &VOLATILE_DEFAULT,
                format!(
                    "`{table}.{}` default `{}` is volatile: the table is rewritten",
                    column.name,
                    column.default.as_deref().unwrap_or_default()
                ),
                false,
            ));
        }
        Change::SwapTable {
            old: from, table, ..
        } if exists(&from.name) => {
            out.push(make(
                &PARTITIONING_CHANGED,
                format!(
                    "`{}` is rebuilt with another partitioning: its rows are copied into the new layout (the copy's lock keeps writers out), then the old table is dropped and the new one takes its place under ACCESS EXCLUSIVE; a row that fits no partition fails the migration, which then changes nothing",
                    table.name
                ),
                false,
            ));
            for c in &from.columns {
                if !table
                    .columns
                    .iter()
                    .any(|n| n.name == c.name || n.was.as_ref() == Some(&c.name))
                {
                    out.push(make(
                        &DROP_COLUMN,
                        format!(
                            "rebuilding `{}` leaves out `{}` and its values",
                            table.name, c.name
                        ),
                        true,
                    ));
                }
            }
        }
        Change::DropPartition { parent, partition } => out.push(make(
            &DROP_PARTITION,
            format!(
                "dropping partition `{}` of `{parent}` deletes its rows",
                partition.name
            ),
            true,
        )),
        Change::DisableRls { table } => out.push(make(
            &RLS_WEAKENED,
            format!("row level security is disabled on `{table}`"),
            false,
        )),
        Change::NoForceRls { table } => out.push(make(
            &RLS_WEAKENED,
            format!("`{table}`'s owner is no longer subject to row level security"),
            false,
        )),
        Change::DropPolicy { table, policy } => out.push(make(
            &RLS_WEAKENED,
            format!("policy `{}` on `{table}` is dropped", policy.name),
            false,
        )),
        Change::RenameTable { from, to } => out.push(make(
            &RENAME,
            format!("table `{from}` is renamed `{to}`"),
            false,
        )),
        Change::RenameColumn { table, from, to } => out.push(make(
            &RENAME,
            format!("column `{table}.{from}` is renamed `{to}`"),
            false,
        )),
        Change::AddConstraint {
            table,
            constraint,
            not_valid: false,
        } if old
            .table(table.as_str())
            .is_some_and(|t| t.partitioning.is_some())
            && matches!(
                constraint.kind,
                ConstraintKind::ForeignKey { .. } | ConstraintKind::Check { .. }
            ) =>
        {
            out.push(make(
                &BLOCKING_VALIDATION,
                format!(
                    "`{}` is checked against every row of partitioned `{table}` under its lock",
                    constraint.name
                ),
                false,
            ))
        }
        _ => {}
    }
    out.extend(citus::refused(old, change));
    out.extend(types::refused(old, change));
    out
}
