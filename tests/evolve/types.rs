//! Composite types: created before the columns, composites and functions
//! that use them, altered in place (an attribute added, renamed with
//! `was:`, dropped with its hazard allowed, a comment), dropped after their
//! last user — rows kept, rollback exact. Range types likewise, with their
//! multirange type and an exclusion constraint over them.

use super::*;

const PARCELS: &str = "types:\n  postal_address:\n    attributes:\n      street: text\n      city: { type: text, collation: \"C\" }\n      postcode: \"varchar(10)\"\ntables:\n  parcels:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      ship_to: postal_address\n      stops: postal_address[]?\n    primary_key: [tenant_id, id]\n";
const SEED_PARCELS: &str = "INSERT INTO parcels (tenant_id, ship_to, stops) SELECT '{t}', ROW('Main St ' || g, 'Springfield', '12345')::postal_address, ARRAY[ROW('Depot', 'Shelbyville', '54321')::postal_address] FROM generate_series(1, 20) g;";
const STREETS: (&str, &str) = (
    "SELECT string_agg((ship_to).street || '/' || (ship_to).city, ',' ORDER BY (ship_to).street) FROM parcels",
    "SELECT string_agg((ship_to).street || '/' || (ship_to).city, ',' ORDER BY (ship_to).street) FROM parcels",
);

scenario!(
    a_composite_gains_an_attribute_and_a_comment_in_place,
    Scenario {
        name: "composite_attribute_added",
        versions: &[
            PARCELS,
            "types:\n  postal_address:\n    attributes:\n      street: text\n      city: { type: text, collation: \"C\" }\n      postcode: \"varchar(10)\"\n      country: \"char(2)\"\n    comment: Where a parcel goes\ntables:\n  parcels:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      ship_to: postal_address\n      stops: postal_address[]?\n    primary_key: [tenant_id, id]\n",
        ],
        seed: SEED_PARCELS,
        survive: &[STREETS],
        up_has: &[
            "ALTER TYPE \"public\".\"postal_address\" ADD ATTRIBUTE \"country\" character(2);",
            "COMMENT ON TYPE \"public\".\"postal_address\" IS 'Where a parcel goes';",
        ],
        up_lacks: &["DROP TYPE", "ALTER COLUMN"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_composite_attribute_declared_with_was_is_renamed,
    Scenario {
        name: "composite_attribute_renamed",
        versions: &[
            PARCELS,
            "types:\n  postal_address:\n    attributes:\n      line1: { type: text, was: street }\n      city: { type: text, collation: \"C\" }\n      postcode: \"varchar(10)\"\ntables:\n  parcels:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      ship_to: postal_address\n      stops: postal_address[]?\n    primary_key: [tenant_id, id]\n",
        ],
        seed: SEED_PARCELS,
        survive: &[(
            "SELECT string_agg((ship_to).street, ',' ORDER BY (ship_to).street) FROM parcels",
            "SELECT string_agg((ship_to).line1, ',' ORDER BY (ship_to).line1) FROM parcels",
        )],
        up_has: &[
            "ALTER TYPE \"public\".\"postal_address\" RENAME ATTRIBUTE \"street\" TO \"line1\";"
        ],
        up_lacks: &["DROP ATTRIBUTE", "ADD ATTRIBUTE"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_dropped_composite_attribute_is_a_hazard_and_comes_back_empty,
    Scenario {
        name: "composite_attribute_dropped",
        versions: &[
            PARCELS,
            "types:\n  postal_address:\n    attributes:\n      street: text\n      city: { type: text, collation: \"C\" }\ntables:\n  parcels:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      ship_to: postal_address\n      stops: postal_address[]?\n    primary_key: [tenant_id, id]\n",
        ],
        allow: &["H114"],
        seed: SEED_PARCELS,
        survive: &[STREETS],
        up_has: &["ALTER TYPE \"public\".\"postal_address\" DROP ATTRIBUTE \"postcode\";"],
        ..Scenario::DEFAULT
    }
);

scenario!(
    nested_composites_and_a_function_returning_one_are_created_in_order,
    Scenario {
        name: "composite_nested",
        versions: &[
            PARCELS,
            "types:\n  route:\n    attributes:\n      origin: postal_address\n      destination: postal_address\n      km: numeric\n  postal_address:\n    attributes:\n      street: text\n      city: { type: text, collation: \"C\" }\n      postcode: \"varchar(10)\"\ntables:\n  parcels:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      ship_to: postal_address\n      stops: postal_address[]?\n      planned: route?\n    primary_key: [tenant_id, id]\nfunctions:\n  direct_route:\n    args: [p_from postal_address, p_to postal_address]\n    returns: route\n    language: sql\n    volatility: immutable\n    body: select row(p_from, p_to, 0)::route\n",
        ],
        seed: SEED_PARCELS,
        survive: &[STREETS],
        up_has: &[
            "CREATE TYPE \"public\".\"route\" AS (",
            "ADD COLUMN \"planned\" \"public\".\"route\"",
        ],
        ..Scenario::DEFAULT
    }
);

scenario!(
    a_range_type_is_created_before_the_column_and_exclusion_that_use_it,
    Scenario {
        name: "range_type_added",
        versions: &[
            PARCELS,
            "extensions: [btree_gist]\ntypes:\n  postal_address:\n    attributes:\n      street: text\n      city: { type: text, collation: \"C\" }\n      postcode: \"varchar(10)\"\n  hour_range:\n    range: { subtype: float8, subtype_diff: float8mi, multirange: hour_ranges }\n    comment: Hours of the day\ntables:\n  parcels:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      ship_to: postal_address\n      stops: postal_address[]?\n      blocked: hour_ranges?\n    primary_key: [tenant_id, id]\n  delivery_slots:\n    columns:\n      id: { type: uuid, default: gen_random_uuid() }\n      slot: hour_range\n    primary_key: [tenant_id, id]\n    exclude:\n      - { using: gist, elements: [{ column: tenant_id, with: \"=\" }, { column: slot, with: \"&&\" }] }\n",
        ],
        seed: SEED_PARCELS,
        survive: &[STREETS],
        up_has: &[
            "CREATE TYPE \"public\".\"hour_range\" AS RANGE (",
            "MULTIRANGE_TYPE_NAME = \"public\".\"hour_ranges\"",
            "EXCLUDE USING GIST",
        ],
        ..Scenario::DEFAULT
    }
);
