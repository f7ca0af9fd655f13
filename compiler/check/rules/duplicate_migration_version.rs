//! M102: two migrations share a version number: two branches both emitted it.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "M102",
    name: "duplicate-migration-version",
    severity: Severity::Error,
    summary: "Two migrations share a version number: two branches both emitted it.",
    why: "Two branches that each emitted `0002` merge into a folder where the order of the two is undefined; one of them would never run on databases that applied the other, or both would run in an order nobody tested. This is the mistake hand-written migration folders make most often.",
    bad: "migrations/app/0002_add_phone.up.sql\nmigrations/app/0002_add_tags.up.sql\n",
    good: "migrations/app/0002_add_phone.up.sql\nmigrations/app/0003_add_tags.up.sql\n",
};
