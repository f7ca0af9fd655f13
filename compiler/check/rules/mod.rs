//! Every rule schemac knows, one file each. A file holds the rule's
//! [`RuleMeta`] (code, name, default severity, documentation) and, for rules
//! that look at the model, its `check` function and tests. Rules the loader
//! raises (YAML shape, unknown references) keep their documentation here too.
//! Codes never change meaning; retired codes are never reused.

use crate::diag::{Diagnostics, RuleMeta};
use crate::model::Project;

macro_rules! rules {
    ($($module:ident),* $(,)?) => {
        $(pub mod $module;)*
        /// Every rule, in code order.
        pub const ALL: &[&RuleMeta] = &[$(&$module::META),*];
    };
}

rules!(
    yaml_syntax,
    duplicate_key,
    unknown_key,
    invalid_value,
    missing_key,
    orphan_file,
    no_project_file,
    invalid_encoding,
    input_limit,
    multiple_documents,
    naming_not_snake_case,
    naming_timestamp_style,
    naming_table_number,
    naming_tier_affix,
    naming_fk_column,
    naming_inconsistent_concept,
    unknown_schema,
    schema_named_like_tier,
    ambiguous_name,
    identifier_too_long,
    generated_name_shortened,
    reserved_word,
    expression_syntax,
    expression_unknown_column,
    expression_type_mismatch,
    unknown_table,
    unknown_column,
    unknown_type,
    fk_type_mismatch,
    duplicate_name,
    global_references_tenant,
    soft_reference,
    cross_database_foreign_key,
    unknown_tier,
    reference_not_unique,
    deprecated_reference,
    fk_sets_not_null,
    fk_to_unlogged,
    collation_not_collatable,
    domain_collation_not_collatable,
    domain_cycle,
    domain_check_without_value,
    composite_cycle,
    tenant_key_invalid,
    unique_without_tenant_key,
    tenant_fk_without_key,
    view_bypasses_rls,
    matview_over_tenant,
    tenancy_root_invalid,
    policy_clause_invalid,
    global_table_tenant_data,
    permissive_policy_widens_tenancy,
    rls_not_forced,
    definer_search_path,
    definer_reads_tenant_table,
    unknown_function,
    trigger_invalid,
    trigger_function_unknown,
    partition_key_not_in_unique,
    partition_window_invalid,
    partition_spec_invalid,
    refresh_needs_unique,
    partition_key_type,
    citus_distribution_invalid,
    citus_unique_without_distribution_column,
    citus_foreign_key_not_colocated,
    citus_foreign_key_to_distributed,
    citus_foreign_key_to_local,
    citus_foreign_key_action,
    citus_partitioning_unsupported,
    citus_policy_subquery,
    citus_sequence_not_bigint,
    citus_restrictive_policy,
    citus_inheritance,
    undeclared_role,
    grant_to_bypass_role,
    default_privilege_invalid,
    migration_edited,
    duplicate_migration_version,
    migration_unrecorded,
    migration_missing,
);

/// The model-level checks, run in this order by [`crate::check::run`].
pub const CHECKS: &[fn(&Project, &mut Diagnostics)] = &[
    naming_not_snake_case::check,
    naming_timestamp_style::check,
    naming_table_number::check,
    naming_tier_affix::check,
    naming_fk_column::check,
    naming_inconsistent_concept::check,
    identifier_too_long::check,
    reserved_word::check,
    expression_syntax::check,
    expression_unknown_column::check,
    expression_type_mismatch::check,
    fk_type_mismatch::check,
    duplicate_name::check,
    global_references_tenant::check,
    reference_not_unique::check,
    deprecated_reference::check,
    fk_sets_not_null::check,
    fk_to_unlogged::check,
    collation_not_collatable::check,
    domain_collation_not_collatable::check,
    domain_check_without_value::check,
    tenant_key_invalid::check,
    unique_without_tenant_key::check,
    tenant_fk_without_key::check,
    view_bypasses_rls::check,
    matview_over_tenant::check,
    policy_clause_invalid::check,
    global_table_tenant_data::check,
    permissive_policy_widens_tenancy::check,
    rls_not_forced::check,
    definer_search_path::check,
    definer_reads_tenant_table::check,
    unknown_function::check,
    trigger_invalid::check,
    trigger_function_unknown::check,
    partition_key_not_in_unique::check,
    refresh_needs_unique::check,
    partition_spec_invalid::check,
    citus_unique_without_distribution_column::check,
    citus_foreign_key_not_colocated::check,
    citus_foreign_key_to_distributed::check,
    citus_foreign_key_to_local::check,
    citus_foreign_key_action::check,
    citus_partitioning_unsupported::check,
    citus_policy_subquery::check,
    citus_sequence_not_bigint::check,
    citus_restrictive_policy::check,
    citus_inheritance::check,
    undeclared_role::check,
    grant_to_bypass_role::check,
];

/// Look a rule up by code or name.
pub fn find(key: &str) -> Option<&'static RuleMeta> {
    ALL.iter().copied().find(|r| r.code == key || r.name == key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let mut codes = std::collections::HashSet::new();
        let mut names = std::collections::HashSet::new();
        for r in ALL {
            assert!(codes.insert(r.code), "duplicate code {}", r.code);
            assert!(names.insert(r.name), "duplicate name {}", r.name);
            let (area, digits) = r.code.split_at(1);
            assert!("YNIRTPHCMDS".contains(area), "{}: unknown area", r.code);
            assert!(
                digits.len() == 3 && digits.chars().all(|c| c.is_ascii_digit()),
                "{}",
                r.code
            );
            assert!(
                r.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                r.name
            );
            assert!(
                !r.summary.is_empty()
                    && !r.why.is_empty()
                    && !r.bad.is_empty()
                    && !r.good.is_empty(),
                "{} lacks docs",
                r.code
            );
        }
    }
}
