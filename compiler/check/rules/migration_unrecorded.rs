//! M103: a migration file or the checksum file is not the one `emit` wrote (merged by hand, or from another branch).

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "M103",
    name: "migration-unrecorded",
    severity: Severity::Error,
    summary: "A migration file or the checksum file is not the one `emit` wrote (merged by hand, or from another branch).",
    why: "`schemac.sum` records every migration `emit` wrote, with its checksum and a hash of the whole file. A migration it does not know, or a sum file whose header no longer matches, comes from a merge that put two branches' emits together: the lock no longer describes the folder.",
    bad: "# schemac.sum merged by hand after a conflict\n",
    good: "# keep one branch's migrations and schemac.sum, then\nschemac emit\n",
};
