//! Y007: the directory has no schemac.yaml.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y007",
    name: "no-project-file",
    severity: Severity::Error,
    summary: "The project directory has no `schemac.yaml`.",
    why: "The project file names the tiers and their databases; without it no table can be placed.",
    bad: "# a directory with only oltp/users.yaml\n",
    good: "# schemac.yaml\nproject: shop\ntiers:\n  oltp: { database: shop }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn missing_project_file() {
        assert_eq!(codes(&[("app/t.yaml", "tables: {}\n")]), ["Y007"]);
    }
}
