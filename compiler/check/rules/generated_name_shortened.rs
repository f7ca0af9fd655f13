//! I102: a generated name was shortened to fit 63 bytes.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "I102",
    name: "generated-name-shortened",
    severity: Severity::Info,
    summary: "A constraint or index name schemac generated was longer than 63 bytes and was shortened (cut, plus 8 hex digits of its hash).",
    why: "PostgreSQL would truncate the name itself, and two long names could then collide. schemac shortens deterministically so the same YAML always yields the same name; give the element a `name:` if you want to choose it.",
    bad: "# a long table and column list yields a long index name\nindexes:\n  - [tenant_id, campaign_identifier, recipient_email_address, delivery_status]\n",
    good: "indexes:\n  - { name: sends_delivery_idx, columns: [tenant_id, campaign_identifier, recipient_email_address, delivery_status] }\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn long_generated_index_name_is_noted_and_fitted() {
        let files = app("tables:\n  messages_with_a_rather_long_name:\n    columns:\n      recipient_email_address: text\n      delivery_status_code: text\n    indexes:\n      - [recipient_email_address, delivery_status_code]\n");
        let l = loaded(&refs(&files));
        assert_eq!(l.diags.iter().filter(|d| d.code == "I102").count(), 1);
        let t = &l.project.tiers[0].schema.tables[0];
        assert!(t.indexes[0].name.as_str().len() <= 63);
    }
}
