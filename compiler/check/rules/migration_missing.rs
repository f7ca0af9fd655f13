//! M104: a recorded migration is gone, versions have a gap, an up file lacks its down, or the checksum file is missing.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "M104",
    name: "migration-missing",
    severity: Severity::Error,
    summary: "A recorded migration is gone, versions have a gap, an up file lacks its down, or the checksum file is missing.",
    why: "Databases that applied the missing migration and new databases built without it end up different, and `apply` cannot tell which migrations a database has run.",
    bad: "# migrations/app/0001_init.up.sql deleted\n",
    good: "# restore it from version control\n",
};
