//! M101: an emitted migration (or the lock) was changed after it was written.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "M101",
    name: "migration-edited",
    severity: Severity::Error,
    summary: "An emitted migration (or the lock) was changed after it was written.",
    why: "A migration that ran in production and was then edited no longer says what the database went through: environments that apply the new text diverge from those that applied the old, and the checksums `apply` keeps stop matching.",
    bad: "# migrations/app/0001_init.up.sql changed by hand after `schemac emit`\n",
    good: "# change the YAML instead, then\nschemac emit\n",
};
