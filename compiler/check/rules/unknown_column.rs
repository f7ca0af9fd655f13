//! R102: a column list names a column that does not exist.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "R102",
    name: "unknown-column",
    severity: Severity::Error,
    summary: "A key, index, partition key or reference names a column the table does not have.",
    why: "PostgreSQL would reject the DDL; schemac reports it with the closest existing column.",
    bad: "columns:\n  created: timestamptz\nindexes:\n  - [tenant_id, created_at]\n",
    good: "columns:\n  created: timestamptz\nindexes:\n  - [tenant_id, created]\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn unknown_index_column() {
        let files = app("tables:\n  jobs:\n    columns:\n      created: timestamptz\n    indexes:\n      - [created_at]\n");
        let d = diagnostics(&refs(&files));
        let r = d.iter().find(|d| d.code == "R102").expect("R102");
        assert_eq!(r.span.map(|s| (s.line, s.col)), Some((6, 10)));
        assert_eq!(r.help.as_deref(), Some("did you mean `created`?"));
    }
}
