//! H112: changes to a table Citus holds that Citus refuses to run. What the
//! YAML alone shows is a `check` error (the C rules); these depend on what
//! the table was before, so only the plan sees them.

use super::{CITUS_REFUSED, Hazard, make};
use crate::diff::Change;
use crate::model::*;

/// The refusal `change` meets on the cluster, if any (`old`: the model the
/// change runs against).
pub fn refused(old: &Schema, change: &Change) -> Option<Hazard> {
    let held = |t: &Ident| {
        old.table(t.as_str())
            .and_then(|x| x.distribution.clone())
            .filter(Distribution::is_citus)
    };
    let message = match change {
        Change::UndistributeTable { table, .. } => {
            let t = old.table(table.as_str())?;
            let c = t.columns.iter().find(|c| c.identity.is_some())?;
            format!(
                "`{table}` cannot leave the cluster: Citus does not rebuild a table with an identity column (`{}`)",
                c.name
            )
        }
        Change::AddIdentity { table, column, .. } | Change::DropIdentity { table, column, .. }
            if held(table).is_some() =>
        {
            format!("Citus does not change the identity of `{table}.{column}` on the cluster")
        }
        Change::AlterIdentity { table, column, .. } if held(table).is_some() => {
            format!("Citus does not change the identity of `{table}.{column}` on the cluster")
        }
        Change::Inherit { table, .. } | Change::NoInherit { table, .. }
            if held(table).is_some() =>
        {
            format!("Citus does not change the inheritance of `{table}`")
        }
        Change::SetLogged { table, .. } if held(table).is_some() => {
            format!("Citus does not switch `{table}` between logged and unlogged")
        }
        Change::AddColumn { table, column }
            if column.identity.is_some() && held(table).is_some() =>
        {
            format!(
                "Citus cannot add identity column `{table}.{}` once the workers hold its metadata",
                column.name
            )
        }
        Change::AlterColumnType { table, column, .. }
        | Change::DropColumn {
            table,
            column: Column { name: column, .. },
        } if held(table)
            .as_ref()
            .and_then(|d| d.column())
            .is_some_and(|c| c == column) =>
        {
            format!(
                "`{table}.{column}` places the rows on the cluster: Citus does not retype or drop it"
            )
        }
        _ => return None,
    };
    Some(make(&CITUS_REFUSED, message, true))
}
