//! Domains: created before the columns that use them, altered in place
//! (a new check added NOT VALID then validated, a default, NOT NULL),
//! renamed when declared with `was:`, and dropped after their last column.

use super::*;

const SCORES: &str = "domains:\n  score_value:\n    type: integer\n    checks: { score_nonnegative: \"value >= 0\" }\ntables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      score: score_value?\n    primary_key: [tenant_id, id]\n";
const SEED_SCORES: &str =
    "INSERT INTO leads (tenant_id, score) SELECT '{t}', g FROM generate_series(0, 40) g;";
const SCORE_SUM: (&str, &str) = (
    "SELECT sum(score) FROM leads",
    "SELECT sum(score) FROM leads",
);

scenario!(
    a_domain_check_is_added_not_valid_then_validated,
    Scenario {
        name: "domain_check_added",
        versions: &[
            SCORES,
            "domains:\n  score_value:\n    type: integer\n    default: 0\n    not_null: true\n    checks:\n      score_nonnegative: \"value >= 0\"\n      score_at_most_100: \"value <= 100\"\n    comment: A lead's score\ntables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      score: score_value?\n    primary_key: [tenant_id, id]\n",
        ],
        seed: SEED_SCORES,
        survive: &[SCORE_SUM],
        up_has: &[
            "ADD CONSTRAINT \"score_at_most_100\" CHECK (value <= 100) NOT VALID",
            "VALIDATE CONSTRAINT \"score_at_most_100\"",
            "SET NOT NULL",
            "SET DEFAULT 0",
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_domain_declared_with_was_is_renamed,
    Scenario {
        name: "domain_renamed",
        versions: &[
            SCORES,
            "domains:\n  lead_score:\n    type: integer\n    was: score_value\n    checks: { score_nonnegative: \"value >= 0\" }\ntables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      score: lead_score?\n    primary_key: [tenant_id, id]\n",
        ],
        seed: SEED_SCORES,
        survive: &[SCORE_SUM],
        up_has: &["ALTER DOMAIN \"public\".\"score_value\" RENAME TO \"lead_score\""],
        up_lacks: &["DROP DOMAIN", "ALTER COLUMN"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_column_moves_to_a_new_domain_and_the_old_one_is_dropped,
    Scenario {
        name: "domain_replaced",
        versions: &[
            SCORES,
            "domains:\n  percent:\n    type: numeric(5,2)\n    checks: { percent_range: \"value between 0 and 100\" }\ntables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      score: percent?\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &["H103"],
        seed: SEED_SCORES,
        survive: &[(
            "SELECT sum(score)::integer FROM leads",
            "SELECT sum(score)::integer FROM leads",
        )],
        up_has: &[
            "CREATE DOMAIN \"public\".\"percent\"",
            "DROP DOMAIN \"public\".\"score_value\""
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_new_base_type_rebuilds_the_domain_under_its_columns,
    Scenario {
        name: "domain_base_type_changed",
        versions: &[
            SCORES,
            "domains:\n  score_value:\n    type: bigint\n    checks: { score_nonnegative: \"value >= 0\" }\ntables:\n  leads:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      score: score_value?\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &["H103"],
        seed: SEED_SCORES,
        survive: &[SCORE_SUM],
        up_has: &[
            "ALTER COLUMN \"score\" TYPE bigint USING \"score\"::bigint",
            "DROP DOMAIN \"public\".\"score_value\"",
            "CREATE DOMAIN \"public\".\"score_value\" AS bigint",
            "ALTER COLUMN \"score\" TYPE \"public\".\"score_value\"",
        ],
        ..Scenario::DEFAULT
    }
);
