//! Lowering: syntax (as written) → model (what PostgreSQL will hold). Resolves
//! tiers, types and references, then runs the implied-object passes in a fixed
//! order: tenancy, partitions, triggers, names. Every problem becomes a
//! diagnostic; whatever can still be lowered is, so checking can go on.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::syntax::{
    CheckSyntax, ColumnSyntax, DeprecatedSyntax, DomainSyntax, EnumSyntax, ExtensionSyntax,
    ExternalSyntax, IndexKeySyntax, IndexSyntax, KeySyntax, Named, PolicySyntax, ProjectFile,
    ReferenceSyntax, SequenceSyntax, Sp, TableSyntax, Text, TierFile, TierSyntax, ViewSyntax,
};
use super::{citus, grants, names, namespaces, partitions, sequences, tenancy};
use crate::check::rules::{
    cross_database_foreign_key, duplicate_name, invalid_value, no_project_file, orphan_file,
    soft_reference, unknown_column, unknown_table, unknown_tier, unknown_type,
};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::sql;
use crate::model::types::{self, ColumnType, TypeKind};
use crate::model::*;

pub struct TierInput {
    /// First folder of the file's path, a tier name when `tier:` is absent.
    pub folder: Option<String>,
    pub file_span: Span,
    pub file: TierFile,
}

pub struct Input {
    pub project: Option<(ProjectFile, Span)>,
    pub tiers: Vec<TierInput>,
}

/// A reference waiting for every table of every tier to exist.
struct PendingRef {
    tier: usize,
    table: Ident,
    columns: Vec<Ident>,
    syntax: ReferenceSyntax,
    span: Span,
    /// Written on a column (`references: deals`) rather than under
    /// `foreign_keys:`: between tenant tables the compiler adds the tenant key.
    shorthand: bool,
}

struct TierDraft {
    name: Sp<String>,
    syntax: TierSyntax,
    extensions: Vec<ExtensionSyntax>,
    enums: Vec<(Sp<String>, EnumSyntax)>,
    sequences: Vec<(Sp<String>, SequenceSyntax)>,
    domains: Vec<(Sp<String>, DomainSyntax)>,
    types: Vec<(Sp<String>, crate::load::syntax::TypeSyntax)>,
    tables: Vec<(Sp<String>, TableSyntax)>,
    views: Vec<(Sp<String>, ViewSyntax)>,
    functions: Vec<(Sp<String>, crate::load::syntax::FunctionSyntax)>,
    procedures: Vec<(Sp<String>, crate::load::syntax::FunctionSyntax)>,
    external: Vec<ExternalSyntax>,
}

pub fn lower(dir: &Path, input: Input, diags: &mut Diagnostics) -> Project {
    let Some((pf, pspan)) = input.project else {
        diags.push(
            Diagnostic::new(
                &no_project_file::META,
                "no `schemac.yaml` in the project directory",
            )
            .help("run `schemac init` to create one, or pass the directory holding it"),
        );
        return Project {
            dir: dir.to_path_buf(),
            ..Default::default()
        };
    };
    let mut project = settings(dir, &pf, pspan, diags);
    let mut drafts: Vec<TierDraft> = pf
        .tiers
        .0
        .into_iter()
        .map(|(name, syntax)| TierDraft {
            name,
            syntax,
            extensions: Vec::new(),
            enums: Vec::new(),
            sequences: Vec::new(),
            domains: Vec::new(),
            types: Vec::new(),
            tables: Vec::new(),
            views: Vec::new(),
            functions: Vec::new(),
            procedures: Vec::new(),
            external: Vec::new(),
        })
        .collect();

    for input in input.tiers {
        let tier_name = input
            .file
            .tier
            .as_ref()
            .map(|t| t.value.clone())
            .or(input.folder.clone());
        let Some(idx) = tier_name
            .as_ref()
            .and_then(|n| drafts.iter().position(|d| d.name.value == *n))
        else {
            let names: Vec<&str> = drafts.iter().map(|d| d.name.value.as_str()).collect();
            match &input.file.tier {
                Some(t) => {
                    let mut d =
                        Diagnostic::new(&unknown_tier::META, format!("unknown tier `{}`", t.value))
                            .at(Some(t.span));
                    d.help = did_you_mean(&t.value, names.iter().copied())
                        .map(|s| format!("did you mean `{s}`?"))
                        .or(Some(format!(
                            "tiers are declared in schemac.yaml: {}",
                            names.join(", ")
                        )));
                    diags.push(d);
                }
                None => diags.push(
                    Diagnostic::new(&orphan_file::META, "this file belongs to no tier")
                        .at(Some(input.file_span))
                        .help(format!(
                            "put it in a folder named after a tier ({}) or add a `tier:` key",
                            names.join(", ")
                        )),
                ),
            }
            continue;
        };
        let draft = &mut drafts[idx];
        draft.extensions.extend(input.file.extensions);
        draft.enums.extend(input.file.enums.0);
        draft.sequences.extend(input.file.sequences.0);
        draft.domains.extend(input.file.domains.0);
        draft.types.extend(input.file.types.0);
        draft.tables.extend(input.file.tables.0);
        draft.views.extend(input.file.views.0);
        draft.functions.extend(input.file.functions.0);
        draft.procedures.extend(input.file.procedures.0);
        draft.external.extend(input.file.external);
    }

    let citus_declared = citus::declared(
        drafts
            .iter()
            .map(|d| (d.syntax.citus.as_ref(), d.tables.as_slice())),
    );
    // Scoped tables may name the tenant key before the tenancy pass adds it.
    let tenant_key: Option<String> = pf.tenancy.as_ref().map(|t| {
        t.key
            .as_ref()
            .map(|k| k.value.clone())
            .unwrap_or_else(|| "tenant_id".into())
    });
    let mut pending = Vec::new();
    let mut own_rls: Vec<Vec<Ident>> = Vec::new();
    let tier_names: Vec<String> = drafts.iter().map(|d| d.name.value.clone()).collect();
    for (idx, draft) in drafts.into_iter().enumerate() {
        let mut own = Vec::new();
        let tier = lower_tier(
            idx,
            draft,
            &tier_names,
            tenant_key.as_deref(),
            &mut pending,
            &mut own,
            diags,
        );
        project.tiers.push(tier);
        own_rls.push(own);
    }
    if let Some(t) = &pf.tenancy {
        project.tenancy = tenancy::config(t, &project, diags);
    }
    tenancy::mark_root(&mut project);
    tenancy::add_keys(&mut project);
    // Table positions per tier: references are resolved in one pass over them.
    let positions: HashMap<(usize, String), usize> = project
        .tiers
        .iter()
        .enumerate()
        .flat_map(|(ti, t)| {
            t.schema
                .tables
                .iter()
                .enumerate()
                .map(move |(i, x)| ((ti, x.name.to_string()), i))
        })
        .collect();
    // Partitions exist before references resolve: a foreign key may
    // reference one.
    for tier in &mut project.tiers {
        for table in &mut tier.schema.tables {
            partitions::expand(table);
        }
    }
    for p in pending {
        resolve_reference(&mut project, &positions, p, diags);
    }
    for tier in &project.tiers {
        check_links(&tier.schema, diags);
    }
    tenancy::expand(&mut project);
    tenancy::add_reference_keys(&mut project);
    citus::distribute(&mut project, citus_declared, diags);
    for (tier, own) in project.tiers.iter_mut().zip(&own_rls) {
        for table in &mut tier.schema.tables {
            partitions::inherit_rls(table, own);
        }
    }
    add_touch_triggers(&mut project);
    project.roles = grants::roles(&pf.roles);
    for tier in &mut project.tiers {
        tier.schema.roles = project.roles.clone();
        view_dependencies(&mut tier.schema);
        names::assign(&mut tier.schema, diags);
    }
    project
}

fn settings(dir: &Path, pf: &ProjectFile, span: Span, diags: &mut Diagnostics) -> Project {
    let mut conventions = Conventions::default();
    if let Some(c) = &pf.conventions {
        if let Some(t) = &c.timestamps {
            conventions.timestamps = match t.value.as_str() {
                "bare" => TimestampStyle::Bare,
                "suffix_at" => TimestampStyle::SuffixAt,
                _ => TimestampStyle::Any,
            };
        }
        if let Some(t) = &c.tables {
            conventions.tables = match t.value.as_str() {
                "plural" => TableNumber::Plural,
                "singular" => TableNumber::Singular,
                _ => TableNumber::Any,
            };
        }
        conventions.touch_updated = c.touch_updated.as_ref().is_some_and(|b| b.value);
        conventions.number_exceptions = c
            .table_number_exceptions
            .0
            .iter()
            .map(|s| s.value.clone())
            .collect();
    }
    let mut migrations = MigrationSettings::default();
    if let Some(m) = &pf.migrations {
        if let Some(d) = &m.dir {
            migrations.dir = PathBuf::from(&d.value);
        }
        if let Some(t) = &m.lock_timeout {
            migrations.lock_timeout = duration(t, diags);
        }
        if let Some(t) = &m.statement_timeout {
            migrations.statement_timeout = duration(t, diags);
        }
        migrations.allow_hazards = m.allow_hazards.0.iter().map(|s| s.value.clone()).collect();
        if let Some(h) = &m.history_table {
            let (schema, table) = h.value.split_once('.').unwrap_or(("public", &h.value));
            // A tier's own schema is dropped by the down file of its first
            // migration, which cannot happen with the history table in it.
            let tier_schema = pf.tiers.0.iter().find(|(_, t)| {
                t.schema
                    .as_ref()
                    .is_some_and(|s| s.value == schema && schema != "public")
            });
            if schema.is_empty() || table.is_empty() || table.contains('.') {
                diags.push(
                    Diagnostic::new(
                        &invalid_value::META,
                        format!("`{}` is not a table name", h.value),
                    )
                    .at(Some(h.span))
                    .help("write `table` or `schema.table`, e.g. `schemac.history`"),
                );
            } else if let Some((tier, _)) = tier_schema {
                diags.push(
                    Diagnostic::new(
                        &invalid_value::META,
                        format!("`{schema}` is the schema of tier `{}`", tier.value),
                    )
                    .at(Some(h.span))
                    .help("keep the history in `public` or a schema of its own, e.g. `schemac.history`: rolling back the tier's first migration drops its schema"),
                );
            } else {
                migrations.history_schema = schema.to_string();
                migrations.history_table = table.to_string();
            }
        }
    }
    let mut rules = BTreeMap::new();
    for (name, level) in &pf.rules.0 {
        let lvl = match level.value.as_str() {
            "error" => RuleLevel::Error,
            "warn" => RuleLevel::Warn,
            "info" => RuleLevel::Info,
            _ => RuleLevel::Off,
        };
        rules.insert(name.value.clone(), (lvl, name.span));
    }
    let postgres = match &pf.postgres {
        Some(v) if v.value < 15 => {
            diags.push(
                Diagnostic::new(
                    &invalid_value::META,
                    format!("PostgreSQL {} is not supported", v.value),
                )
                .at(Some(v.span))
                .help("schemac targets PostgreSQL 15 or newer (security_invoker views, NULLS NOT DISTINCT)"),
            );
            15
        }
        Some(v) => v.value,
        None => 15,
    };
    Project {
        name: pf
            .project
            .as_ref()
            .map(|p| p.value.clone())
            .unwrap_or_default(),
        dir: dir.to_path_buf(),
        postgres,
        tenancy: None,
        conventions,
        rules,
        migrations,
        templates: pf.templates.as_ref().map(|t| PathBuf::from(&t.value)),
        tiers: Vec::new(),
        roles: Vec::new(),
        origin: Origin::Yaml(span),
    }
}

/// A PostgreSQL duration setting: `5s`, `500ms`, `15min`, `1h`, or `0`.
fn duration(t: &Sp<String>, diags: &mut Diagnostics) -> String {
    let v = t.value.trim();
    let digits: String = v.chars().take_while(|c| c.is_ascii_digit()).collect();
    let unit = &v[digits.len()..];
    if digits.is_empty() || !["", "ms", "s", "min", "h", "d"].contains(&unit.trim()) {
        diags.push(
            Diagnostic::new(
                &invalid_value::META,
                format!("`{v}` is not a PostgreSQL duration"),
            )
            .at(Some(t.span))
            .help("write a number with a unit: `500ms`, `5s`, `15min`, `1h`"),
        );
        return "5s".into();
    }
    v.replace(' ', "")
}

fn lower_tier(
    idx: usize,
    d: TierDraft,
    tiers: &[String],
    tenant_key: Option<&str>,
    pending: &mut Vec<PendingRef>,
    own_rls: &mut Vec<Ident>,
    diags: &mut Diagnostics,
) -> Tier {
    let schema_name = d
        .syntax
        .schema
        .as_ref()
        .map(|s| s.value.clone())
        .unwrap_or_else(|| "public".into());
    let mut schema = Schema::empty(Ident::new(schema_name));
    schema.schemas = namespaces::owned(&d.syntax.schemas, schema.name.as_str(), tiers, diags);
    schema.external = namespaces::external(&d.external, diags);
    let mut placed: HashMap<String, (Span, Option<Ident>)> = HashMap::new();
    let default_tenancy = match d.syntax.tenancy.as_ref().map(|t| t.value.as_str()) {
        Some("scoped") => TenancyMode::Scoped,
        Some(_) => TenancyMode::Global,
        None if tenant_key.is_some() => TenancyMode::Scoped,
        None => TenancyMode::Global,
    };

    let mut seen_ext: HashMap<String, Span> = HashMap::new();
    for e in d.extensions {
        if seen_ext.insert(e.name.value.clone(), e.name.span).is_none() {
            schema.extensions.push(Extension {
                name: Ident::new(e.name.value),
                origin: Origin::Yaml(e.name.span),
                schema: e.schema.map(|s| Ident::new(s.value)),
            });
        }
    }
    let mut seen: HashMap<String, Span> = HashMap::new();
    let mut dup = |name: &Sp<String>, what: &str, diags: &mut Diagnostics| -> bool {
        if let Some(first) = seen.get(&name.value) {
            diags.push(
                Diagnostic::new(
                    &duplicate_name::META,
                    format!(
                        "{what} `{}` is declared twice in tier `{}`",
                        name.value, d.name.value
                    ),
                )
                .at(Some(name.span))
                .label(Some(*first), "first declared here")
                .help("tables, views and enums of one tier share one namespace; rename one"),
            );
            return true;
        }
        seen.insert(name.value.clone(), name.span);
        false
    };
    for (key, e) in &d.enums {
        let Some((name, ns)) = namespaces::place(key, &schema, diags) else {
            continue;
        };
        let name = &name;
        if dup(name, "enum", diags) {
            continue;
        }
        let (values, comment) = e.parts();
        let mut vals: Vec<String> = Vec::new();
        for v in values {
            if vals.contains(&v.value.0) {
                diags.push(
                    Diagnostic::new(
                        &duplicate_name::META,
                        format!("enum value `{}` appears twice", v.value.0),
                    )
                    .at(Some(v.span)),
                );
            } else {
                vals.push(v.value.0.clone());
            }
        }
        schema.enums.push(Enum {
            name: Ident::new(name.value.clone()),
            schema: ns,
            values: vals,
            comment: comment.map(|c| c.value.clone()),
            owner: None,
            grants: None,
            origin: Origin::Yaml(name.span),
        });
    }
    let mut composites = Vec::new();
    let mut ranges = Vec::new();
    for (name, t) in &d.types {
        match t {
            crate::load::syntax::TypeSyntax::External(_) => {
                if !dup(name, "type", diags) {
                    schema.external_types.push(name.value.clone());
                }
            }
            crate::load::syntax::TypeSyntax::Composite(c) => composites.push((name, c)),
            crate::load::syntax::TypeSyntax::Range(r) => ranges.push((name, &**r)),
        }
    }
    super::domains::lower(&d.domains, &mut schema, &mut dup, diags);
    super::ranges::lower(&ranges, &mut schema, &mut dup, diags);
    super::composites::lower(&composites, &mut schema, &mut dup, diags);
    for (name, s) in &d.sequences {
        if dup(name, "sequence", diags) {
            continue;
        }
        schema.sequences.push(sequences::standalone(name, s, diags));
    }
    let declared: HashMap<String, (Vec<String>, Vec<String>)> = d
        .tables
        .iter()
        .map(|(n, t)| {
            (
                name_parts(&n.value).pop().unwrap_or_default(),
                (
                    t.columns.0.iter().map(|(c, _)| c.value.clone()).collect(),
                    t.inherits.0.iter().map(|p| p.value.clone()).collect(),
                ),
            )
        })
        .collect();
    let mut extras = TableExtras::default();
    for (key, t) in &d.tables {
        let Some((name, ns)) = namespaces::place(key, &schema, diags) else {
            continue;
        };
        let name = &name;
        if namespaces::ambiguous(name, &ns, &mut placed, diags) || dup(name, "table", diags) {
            continue;
        }
        let cx = TierCx {
            index: idx,
            schema: &schema,
            default_tenancy,
            tenant_key,
            declared: &declared,
        };
        let mut table = lower_table(&cx, name, t, pending, &mut extras, diags);
        table.schema = ns;
        schema.tables.push(table);
    }
    own_rls.extend(extras.own_rls);
    for s in extras.sequences {
        if schema.sequences.iter().any(|o| o.name == s.name)
            || schema.tables.iter().any(|t| t.name == s.name)
        {
            diags.push(
                Diagnostic::new(
                    &duplicate_name::META,
                    format!(
                        "the sequence `{}` of a serial column is declared twice",
                        s.name
                    ),
                )
                .at_origin(&s.origin)
                .help("give the column's sequence another `name`, or rename the other object"),
            );
            continue;
        }
        schema.sequences.push(s);
    }
    for (key, v) in &d.views {
        let Some((name, ns)) = namespaces::place(key, &schema, diags) else {
            continue;
        };
        if namespaces::ambiguous(&name, &ns, &mut placed, diags) || dup(&name, "view", diags) {
            continue;
        }
        let mut view = lower_view(&name, v, diags);
        if let ViewSyntax::Long(l) = v {
            for (tname, tr) in &l.triggers.0 {
                view.triggers
                    .push(super::triggers::lower(tname, tr, &schema.name));
            }
        }
        view.schema = ns;
        schema.views.push(view);
    }
    super::functions::lower_all(&d.functions, false, &mut schema, diags);
    super::functions::lower_all(&d.procedures, true, &mut schema, diags);
    let role_uses = grants::lower_tier(
        &d.syntax,
        &d.tables,
        &d.views,
        &d.sequences,
        grants::Routines {
            functions: &d.functions,
            procedures: &d.procedures,
            domains: &d.domains,
            enums: &d.enums,
        },
        &mut schema,
        diags,
    );
    Tier {
        role_uses,
        name: Ident::new(d.name.value.clone()),
        database: d
            .syntax
            .database
            .as_ref()
            .map(|s| s.value.clone())
            .unwrap_or_else(|| d.name.value.clone()),
        url_env: d.syntax.url_env.as_ref().map(|s| s.value.clone()),
        prefix: d.syntax.prefix.as_ref().map(|s| s.value.clone()),
        suffix: d.syntax.suffix.as_ref().map(|s| s.value.clone()),
        default_tenancy,
        origin: Origin::Yaml(d.name.span),
        schema,
    }
}

fn deprecation(d: &Sp<DeprecatedSyntax>) -> Option<Deprecation> {
    match &d.value {
        DeprecatedSyntax::Flag(false) => None,
        DeprecatedSyntax::Flag(true) => Some(Deprecation {
            replacement: None,
            reason: None,
        }),
        DeprecatedSyntax::Reason(r) => Some(Deprecation {
            replacement: None,
            reason: Some(r.clone()),
        }),
        DeprecatedSyntax::Long(l) => Some(Deprecation {
            replacement: l.replacement.as_ref().map(|s| s.value.clone()),
            reason: l.reason.as_ref().map(|s| s.value.clone()),
        }),
    }
}

/// Resolve a written type against built-ins, the tier's enums and its extensions.
pub(super) fn resolve_type(
    written: &Sp<String>,
    schema: &Schema,
    diags: &mut Diagnostics,
) -> Option<ColumnType> {
    let quoted = written.value.trim_start().starts_with('"');
    match types::parse_builtin(&written.value) {
        _ if quoted => {}
        Ok(Some(t)) => return Some(t),
        Ok(None) => {}
        Err(msg) => {
            let mut d = Diagnostic::new(
                &unknown_type::META,
                format!("invalid type `{}`: {msg}", written.value),
            )
            .at(Some(written.span));
            if written.value.contains('(') && !written.value.contains(')') {
                d.help = Some(
                    "inside `{ }` a comma ends the value: quote the type, e.g. `type: \"numeric(12,2)\"`".into(),
                );
            }
            diags.push(d);
            return None;
        }
    }
    let text = written.value.trim();
    let (base, dims) = strip_array(text);
    if schema.external_types.iter().any(|t| t == base) {
        return Some(ColumnType {
            base: base.to_string(),
            array_dims: dims,
            kind: TypeKind::External,
        });
    }
    // `schema.name` of one of the tier's schemas names a type of the tier.
    let parts = name_parts(base);
    let unqualified;
    let base = match parts.as_slice() {
        [ns, name] if schema.namespaces().iter().any(|n| *n == ns.as_str()) => {
            let wanted = (ns != schema.name.as_str()).then_some(ns.as_str());
            match schema.type_schema(name) {
                Some(found) if found.map(Ident::as_str) != wanted => {
                    let home = found.unwrap_or(&schema.name);
                    diags.push(
                        Diagnostic::new(
                            &unknown_type::META,
                            format!("type `{name}` is not in schema `{ns}`"),
                        )
                        .at(Some(written.span))
                        .help(format!("it is declared in `{home}`: write `{home}.{name}`")),
                    );
                    return None;
                }
                _ => {}
            }
            unqualified = name.clone();
            unqualified.as_str()
        }
        [name] if quoted => {
            unqualified = name.clone();
            unqualified.as_str()
        }
        _ => base,
    };
    if schema.external_types.iter().any(|t| t == base) {
        return Some(ColumnType {
            base: base.to_string(),
            array_dims: dims,
            kind: TypeKind::External,
        });
    }
    if let Some(e) = schema.enums.iter().find(|e| e.name == base) {
        return Some(ColumnType {
            base: e.name.to_string(),
            array_dims: dims,
            kind: TypeKind::Enum,
        });
    }
    if let Some(d) = schema.domain(base) {
        return Some(ColumnType {
            base: d.name.to_string(),
            array_dims: dims,
            kind: TypeKind::Domain,
        });
    }
    if let Some(r) = schema.range_of(base) {
        let base = if r.name == base {
            r.name.to_string()
        } else {
            r.multirange_name()
        };
        return Some(ColumnType {
            base,
            array_dims: dims,
            kind: TypeKind::Range,
        });
    }
    if let Some(c) = schema.composite(base) {
        return Some(ColumnType {
            base: c.name.to_string(),
            array_dims: dims,
            kind: TypeKind::Composite,
        });
    }
    let bare = base
        .split('(')
        .next()
        .unwrap_or(base)
        .trim()
        .to_ascii_lowercase();
    if let Some(ext) = types::extension_for(&bare) {
        if schema.extensions.iter().any(|e| e.name == ext) {
            return Some(ColumnType {
                base: base
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .to_ascii_lowercase(),
                array_dims: dims,
                kind: TypeKind::Extension,
            });
        }
        diags.push(
            Diagnostic::new(
                &unknown_type::META,
                format!("type `{bare}` comes from the `{ext}` extension, which this tier does not declare"),
            )
            .at(Some(written.span))
            .help(format!("add `extensions: [{ext}]` to a file of this tier")),
        );
        return None;
    }
    let mut candidates: Vec<&str> = types::BUILTIN_SPELLINGS.to_vec();
    candidates.extend(schema.enums.iter().map(|e| e.name.as_str()));
    candidates.extend(schema.domains.iter().map(|d| d.name.as_str()));
    candidates.extend(schema.composites.iter().map(|c| c.name.as_str()));
    candidates.extend(schema.ranges.iter().map(|r| r.name.as_str()));
    candidates.extend(schema.external_types.iter().map(String::as_str));
    let mut d = Diagnostic::new(
        &unknown_type::META,
        format!("unknown type `{}`", written.value),
    )
    .at(Some(written.span));
    d.help = Some(match did_you_mean(&bare, candidates) {
        Some(s) => format!("did you mean `{s}`?"),
        None => "declare it under `enums:`, `domains:` or `types:` in this tier (or `types: { name: external }` for one made elsewhere), or use a PostgreSQL type".into(),
    });
    diags.push(d);
    None
}

fn strip_array(text: &str) -> (&str, u8) {
    let mut t = text.trim();
    let mut dims = 0;
    while let Some(rest) = t.strip_suffix("[]") {
        t = rest.trim_end();
        dims += 1;
    }
    (t, dims)
}

/// What a table's lowering needs to know about its tier.
struct TierCx<'a> {
    index: usize,
    schema: &'a Schema,
    default_tenancy: TenancyMode,
    tenant_key: Option<&'a str>,
    /// Columns and parents every table of the tier declares, for tables
    /// that inherit columns they do not list.
    declared: &'a HashMap<String, (Vec<String>, Vec<String>)>,
}

impl TierCx<'_> {
    /// Columns `table` inherits from its parents (and theirs).
    fn inherited(&self, table: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut todo: Vec<&str> = vec![table];
        let mut seen: HashSet<&str> = HashSet::new();
        while let Some(t) = todo.pop() {
            if !seen.insert(t) {
                continue;
            }
            if let Some((_, parents)) = self.declared.get(t) {
                for p in parents {
                    if let Some((cols, _)) = self.declared.get(p) {
                        out.extend(cols.iter().cloned());
                    }
                    todo.push(p);
                }
            }
        }
        out
    }
}

/// What lowering a table yields besides the table.
#[derive(Default)]
struct TableExtras {
    /// Sequences owned by serial columns.
    sequences: Vec<Sequence>,
    /// Partitions that declared their own RLS or policies.
    own_rls: Vec<Ident>,
}

/// Storage parameters as PostgreSQL lists them.
fn storage(with: &Named<Sp<Text>>) -> StorageOptions {
    with.0
        .iter()
        .map(|(k, v)| (k.value.clone(), v.value.0.clone()))
        .collect()
}

fn lower_table(
    cx: &TierCx,
    name: &Sp<String>,
    t: &TableSyntax,
    pending: &mut Vec<PendingRef>,
    extras: &mut TableExtras,
    diags: &mut Diagnostics,
) -> Table {
    let (tier, schema, default_tenancy, tenant_key) =
        (cx.index, cx.schema, cx.default_tenancy, cx.tenant_key);
    let tname = Ident::new(name.value.clone());
    let mut table = Table::new(tname.clone());
    table.origin = Origin::Yaml(name.span);
    table.comment = t.comment.as_ref().map(|c| c.value.clone());
    table.tenancy = match t.tenancy.as_ref().map(|s| s.value.as_str()) {
        Some("scoped") => TenancyMode::Scoped,
        Some(_) => TenancyMode::Global,
        None => default_tenancy,
    };
    table.was = t.was.as_ref().map(|w| Ident::new(w.value.clone()));
    table.deprecated = t.deprecated.as_ref().and_then(deprecation);
    if let Some(r) = &t.rls {
        table.rls = Rls {
            enabled: r.value.enabled,
            forced: r.value.forced,
        };
    }
    table.options = storage(&t.with);
    super::storage::check_table(&t.with, diags);
    table.unlogged = t.unlogged.as_ref().is_some_and(|u| u.value);
    table.inherits = t
        .inherits
        .0
        .iter()
        .map(|p| Ident::new(p.value.clone()))
        .collect();
    table.replica_identity = match t.replica_identity.as_ref().map(|r| r.value.as_str()) {
        None | Some("default") => ReplicaIdentity::Default,
        Some("full") => ReplicaIdentity::Full,
        Some("nothing") => ReplicaIdentity::Nothing,
        Some(index) => ReplicaIdentity::Index(Ident::new(index)),
    };

    let mut column_pk: Vec<Ident> = Vec::new();
    let mut pk_span = None;
    for (cname, c) in &t.columns.0 {
        let ident = Ident::new(cname.value.clone());
        let (ty_text, long) = match c {
            ColumnSyntax::Short(s) => (Some(s.clone()), None),
            ColumnSyntax::Long(l) => (l.ty.clone(), Some(l.as_ref())),
        };
        let Some(mut ty_text) = ty_text else { continue };
        let mut nullable = false;
        if let Some(stripped) = ty_text.value.trim_end().strip_suffix('?') {
            ty_text.value = stripped.to_string();
            nullable = true;
        }
        let serial = sequences::serial_type(&ty_text.value);
        if let Some(base) = serial {
            ty_text.value = base.to_string();
        }
        let Some(ty) = resolve_type(&ty_text, schema, diags) else {
            continue;
        };
        let mut col = Column::new(ident.clone(), ty);
        col.nullable = nullable;
        col.origin = Origin::Yaml(cname.span);
        if let Some(l) = long {
            if let Some(n) = &l.nullable {
                col.nullable = n.value;
            }
            col.default = l.default.as_ref().map(|d| d.value.0.clone());
            col.comment = l.comment.as_ref().map(|c| c.value.clone());
            col.was = l.was.as_ref().map(|w| Ident::new(w.value.clone()));
            col.deprecated = l.deprecated.as_ref().and_then(deprecation);
            if let Some(i) = &l.identity {
                let (kind, options) = sequences::identity(i, &col, diags);
                col.identity = Some(kind);
                col.identity_options = options;
            }
            col.generated = l.generated.as_ref().map(|g| g.value.clone());
            col.collation = l.collation.as_ref().map(|c| c.value.clone());
            sequences::value_sources(&col, diags);
            if l.primary_key.as_ref().is_some_and(|p| p.value) {
                column_pk.push(ident.clone());
                pk_span.get_or_insert(cname.span);
            }
            if l.unique.as_ref().is_some_and(|u| u.value) {
                table.constraints.push(Constraint {
                    name: Ident::new(""),
                    kind: ConstraintKind::Unique {
                        columns: vec![ident.clone()],
                        nulls_not_distinct: false,
                        deferrable: Deferrable::No,
                    },
                    origin: Origin::Implied(cname.span),
                    comment: None,
                    not_valid: false,
                    index_comment: None,
                });
            }
            if let Some(check) = &l.check {
                table.constraints.push(Constraint {
                    name: Ident::new(""),
                    kind: ConstraintKind::Check {
                        expr: check.value.clone(),
                        no_inherit: false,
                    },
                    origin: Origin::Yaml(check.span),
                    comment: None,
                    not_valid: false,
                    index_comment: None,
                });
            }
            if let Some(r) = &l.references {
                pending.push(PendingRef {
                    tier,
                    table: tname.clone(),
                    columns: vec![ident.clone()],
                    syntax: r.clone(),
                    span: r.table.as_ref().map(|t| t.span).unwrap_or(cname.span),
                    shorthand: true,
                });
            }
        }
        let sequence = match c {
            ColumnSyntax::Long(l) => l.sequence.as_ref(),
            ColumnSyntax::Short(_) => None,
        };
        if serial.is_some() || sequence.is_some() {
            if col.identity.is_some() || col.default.is_some() {
                diags.push(
                    Diagnostic::new(
                        &invalid_value::META,
                        format!("column `{}` has its own sequence and also a default or identity", col.name),
                    )
                    .at_origin(&col.origin)
                    .help("a serial column's default is the next value of its sequence; keep one of them"),
                );
            } else {
                extras
                    .sequences
                    .push(sequences::owned(&tname, &mut col, sequence, diags));
                // A serial column is NOT NULL, as PostgreSQL makes it.
                col.nullable = nullable && serial.is_none();
            }
        }
        table.columns.push(col);
    }

    let column_names: Vec<&str> = table.columns.iter().map(|c| c.name.as_str()).collect();
    let mut known: HashSet<String> = column_names.iter().map(|s| s.to_string()).collect();
    if let Some(key) = tenant_key.filter(|_| table.is_scoped()) {
        known.insert(key.to_string());
    }
    known.extend(cx.inherited(&name.value));

    if let Some(pk) = &t.primary_key {
        if !column_pk.is_empty() {
            diags.push(
                Diagnostic::new(
                    &duplicate_name::META,
                    format!("table `{tname}` has two primary keys"),
                )
                .at(Some(pk.span))
                .label(pk_span, "a column is also marked `primary_key: true`")
                .help("declare the key in one place"),
            );
        }
        let key = lower_key(pk, true, &known, &tname, diags);
        column_pk.clear();
        pk_span = Some(pk.span);
        table.constraints.insert(0, key);
    }
    if !column_pk.is_empty() {
        table.constraints.insert(
            0,
            Constraint {
                name: Ident::new(""),
                kind: ConstraintKind::PrimaryKey {
                    columns: column_pk,
                    deferrable: Deferrable::No,
                },
                origin: pk_span.map(Origin::Implied).unwrap_or_default(),
                comment: None,
                not_valid: false,
                index_comment: None,
            },
        );
    }
    if let Some(ConstraintKind::PrimaryKey { columns, .. }) =
        table.primary_key().map(|c| c.kind.clone())
    {
        for c in &mut table.columns {
            if columns.contains(&c.name) {
                if c.nullable {
                    diags.push(
                        Diagnostic::new(
                            &invalid_value::META,
                            format!("primary key column `{}` is declared nullable", c.name),
                        )
                        .at_origin(&c.origin)
                        .help("remove `nullable: true` (or the `?`): a primary key column is always NOT NULL"),
                    );
                }
                c.nullable = false;
            }
        }
    }
    for u in &t.unique {
        table
            .constraints
            .push(lower_key(u, false, &known, &tname, diags));
    }
    for c in &t.checks {
        table.constraints.push(lower_check(c));
    }
    for fk in &t.foreign_keys {
        let span = fk.span.unwrap_or(name.span);
        let columns = idents(&fk.columns.0, &known, &tname, diags);
        pending.push(PendingRef {
            tier,
            table: tname.clone(),
            columns,
            syntax: fk.references.clone(),
            span: fk.references.table.as_ref().map(|t| t.span).unwrap_or(span),
            shorthand: false,
        });
    }
    for x in &t.exclude {
        let method = x
            .using
            .as_ref()
            .and_then(|u| IndexMethod::parse(&u.value))
            .unwrap_or(IndexMethod::Gist);
        let mut elements = Vec::new();
        for e in &x.elements {
            let key = match (&e.column, &e.expr) {
                (Some(c), _) => {
                    let id = idents(std::slice::from_ref(c), &known, &tname, diags);
                    match id.into_iter().next() {
                        Some(i) => IndexKey::column(i),
                        None => continue,
                    }
                }
                (None, Some(ex)) => IndexKey {
                    expr: KeyExpr::Expr(ex.value.clone()),
                    descending: false,
                    nulls_first: None,
                    opclass: None,
                },
                (None, None) => {
                    diags.push(
                        Diagnostic::new(
                            &invalid_value::META,
                            "an exclusion element needs `column` or `expr`",
                        )
                        .at(Some(e.with.span)),
                    );
                    continue;
                }
            };
            elements.push(ExcludeElement {
                key,
                operator: e.with.value.clone(),
            });
        }
        table.constraints.push(Constraint {
            name: x
                .name
                .as_ref()
                .map(|n| Ident::new(n.value.clone()))
                .unwrap_or_else(|| Ident::new("")),
            kind: ConstraintKind::Exclude {
                method,
                elements,
                predicate: x.predicate.as_ref().map(|p| p.value.clone()),
            },
            origin: Origin::Yaml(x.span.unwrap_or(name.span)),
            comment: x.comment.as_ref().map(|c| c.value.clone()),
            index_comment: x.index_comment.as_ref().map(|c| c.value.clone()),
            not_valid: false,
        });
    }
    for ix in &t.indexes {
        if let Some(index) = lower_index(ix, Some(&known), &tname, diags) {
            table.indexes.push(index);
        }
    }
    if let Some(p) = &t.partition {
        // The tenant key may be the partition key before tenancy adds it.
        let mut keyed = table.clone();
        if let Some(key) = tenant_key.filter(|k| table.is_scoped() && table.column(k).is_none()) {
            let mut col = Column::new(Ident::new(key), ColumnType::builtin("uuid"));
            col.nullable = false;
            keyed.columns.push(col);
        }
        table.partitioning = partitions::spec(p, &keyed, diags, 0);
        if let Some(spec) = &table.partitioning {
            table.partitions =
                partitions::explicit(p, spec, &table, &known, &mut extras.own_rls, diags, 0);
        }
    }
    for (pname, p) in &t.policies.0 {
        table.policies.push(lower_policy(pname, p));
        // Policies mean row-level security, unless the table says otherwise.
        if t.rls.is_none() {
            table.rls = Rls::on();
        }
    }
    for (tname, tr) in &t.triggers.0 {
        table
            .triggers
            .push(super::triggers::lower(tname, tr, &schema.name));
    }
    if let Some(tu) = &t.touch_updated {
        // Recorded as a marker trigger; `add_touch_triggers` decides.
        let mut marker = Trigger::new(
            Ident::new(if tu.value { "+touch" } else { "-touch" }),
            "",
            &[],
            Ident::new(""),
        );
        marker.origin = Origin::Yaml(tu.span);
        table.triggers.push(marker);
    }
    table
}

/// A row-level security policy as written.
pub fn lower_policy(name: &Sp<String>, p: &PolicySyntax) -> Policy {
    let command = match p.command.as_ref().map(|c| c.value.as_str()) {
        Some("select") => PolicyCommand::Select,
        Some("insert") => PolicyCommand::Insert,
        Some("update") => PolicyCommand::Update,
        Some("delete") => PolicyCommand::Delete,
        _ => PolicyCommand::All,
    };
    Policy {
        name: Ident::new(name.value.clone()),
        command,
        permissive: p.kind.as_ref().is_none_or(|k| k.value != "restrictive"),
        roles: p.roles.0.iter().map(|r| r.value.clone()).collect(),
        using: p.using.as_ref().map(|u| u.value.clone()),
        with_check: p.with_check.as_ref().map(|w| w.value.clone()),
        origin: Origin::Yaml(name.span),
        comment: p.comment.as_ref().map(|c| c.value.clone()),
    }
}

/// A primary key (`primary`) or unique key as written, on `table` whose
/// columns are `known`.
pub fn lower_key(
    k: &Sp<KeySyntax>,
    primary: bool,
    known: &HashSet<String>,
    table: &Ident,
    diags: &mut Diagnostics,
) -> Constraint {
    let (cols, cname, nnd) = key_columns(&k.value);
    let columns = idents(&cols, known, table, diags);
    let (deferrable, comment, index_comment) = match &k.value {
        KeySyntax::Long(l) => (
            deferrable_of(&l.deferrable),
            l.comment.as_ref().map(|c| c.value.clone()),
            l.index_comment.as_ref().map(|c| c.value.clone()),
        ),
        KeySyntax::Columns(_) => (Deferrable::No, None, None),
    };
    let kind = if primary {
        ConstraintKind::PrimaryKey {
            columns,
            deferrable,
        }
    } else {
        ConstraintKind::Unique {
            columns,
            nulls_not_distinct: nnd,
            deferrable,
        }
    };
    let mut c = Constraint::new(
        cname
            .map(|n| Ident::new(n.value.clone()))
            .unwrap_or_else(|| Ident::new("")),
        kind,
        Origin::Yaml(k.span),
    );
    c.comment = comment;
    c.index_comment = index_comment;
    c
}

/// A check constraint as written.
pub fn lower_check(c: &CheckSyntax) -> Constraint {
    let (cname, expr, long) = match c {
        CheckSyntax::Expr(e) => (None, e, None),
        CheckSyntax::Long(l) => (l.name.as_ref(), &l.expr, Some(l)),
    };
    let flag = |f: Option<&Option<Sp<bool>>>| f.and_then(|b| b.as_ref()).is_some_and(|b| b.value);
    let mut out = Constraint::new(
        cname
            .map(|n| Ident::new(n.value.clone()))
            .unwrap_or_else(|| Ident::new("")),
        ConstraintKind::Check {
            expr: expr.value.clone(),
            no_inherit: flag(long.map(|l| &l.no_inherit)),
        },
        Origin::Yaml(expr.span),
    );
    out.not_valid = flag(long.map(|l| &l.not_valid));
    out.comment = long
        .and_then(|l| l.comment.as_ref())
        .map(|c| c.value.clone());
    out
}

fn deferrable_of(d: &Option<Sp<String>>) -> Deferrable {
    match d.as_ref().map(|d| d.value.as_str()) {
        Some("initially_immediate") => Deferrable::InitiallyImmediate,
        Some("initially_deferred") => Deferrable::InitiallyDeferred,
        _ => Deferrable::No,
    }
}

fn key_columns(k: &KeySyntax) -> (Vec<Sp<String>>, Option<&Sp<String>>, bool) {
    match k {
        KeySyntax::Columns(c) => (c.0.clone(), None, false),
        KeySyntax::Long(l) => (
            l.columns.0.clone(),
            l.name.as_ref(),
            l.nulls_not_distinct.as_ref().is_some_and(|b| b.value),
        ),
    }
}

/// Column names that exist in the table; unknown ones are reported.
fn idents(
    cols: &[Sp<String>],
    known: &HashSet<String>,
    table: &Ident,
    diags: &mut Diagnostics,
) -> Vec<Ident> {
    let mut out = Vec::new();
    for c in cols {
        if known.contains(&c.value) {
            out.push(Ident::new(c.value.clone()));
        } else {
            diags.push(unknown_column_diag(
                &c.value,
                c.span,
                table,
                known.iter().map(String::as_str),
            ));
        }
    }
    out
}

pub fn unknown_column_diag<'a>(
    column: &str,
    span: Span,
    table: &Ident,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let mut d = Diagnostic::new(
        &unknown_column::META,
        format!("table `{table}` has no column `{column}`"),
    )
    .at(Some(span));
    d.help = did_you_mean(column, known).map(|s| format!("did you mean `{s}`?"));
    d
}

/// Parse an index key string: `created desc nulls last`, `lower(email)`,
/// `metadata jsonb_path_ops`, `"Mixed Case" desc`.
fn parse_key(text: &str) -> IndexKey {
    let mut rest = text.trim().to_string();
    let mut descending = false;
    let mut nulls_first = None;
    let lower = |s: &str| s.to_ascii_lowercase();
    loop {
        let l = lower(&rest);
        if let Some(r) = l.strip_suffix(" nulls first") {
            nulls_first = Some(true);
            rest.truncate(r.len());
        } else if let Some(r) = l.strip_suffix(" nulls last") {
            nulls_first = Some(false);
            rest.truncate(r.len());
        } else if let Some(r) = l.strip_suffix(" desc") {
            descending = true;
            rest.truncate(r.len());
        } else if let Some(r) = l.strip_suffix(" asc") {
            rest.truncate(r.len());
        } else {
            break;
        }
        rest = rest.trim_end().to_string();
    }
    let mut opclass = None;
    let is_expr = rest.contains('(')
        || rest.contains("::")
        || rest.contains(['+', '-', '*', '/', '|', '>', '<', '=']);
    let expr = if is_expr {
        // `(expr) opclass`: an opclass may follow the closing parenthesis.
        if let Some(close) = rest.rfind(')') {
            let tail = rest[close + 1..].trim();
            if !tail.is_empty() && tail.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                opclass = Some(tail.to_string());
                rest.truncate(close + 1);
            }
        }
        KeyExpr::Expr(rest.trim().to_string())
    } else if let Some(quoted) = rest.strip_prefix('"').and_then(|r| r.rsplit_once('"')) {
        let tail = quoted.1.trim();
        if !tail.is_empty() {
            opclass = Some(tail.to_string());
        }
        KeyExpr::Column(Ident::new(quoted.0.replace("\"\"", "\"")))
    } else {
        let mut parts = rest.split_whitespace();
        let col = parts.next().unwrap_or_default().to_string();
        let tail: Vec<&str> = parts.collect();
        if !tail.is_empty() {
            opclass = Some(tail.join(" "));
        }
        KeyExpr::Column(Ident::new(col))
    };
    IndexKey {
        expr,
        descending,
        nulls_first,
        opclass,
    }
}

/// Lower an index. `known` is the table's columns (None for views, whose
/// columns are not known before PostgreSQL plans the query).
pub fn lower_index(
    ix: &Sp<IndexSyntax>,
    known: Option<&HashSet<String>>,
    table: &Ident,
    diags: &mut Diagnostics,
) -> Option<Index> {
    let (keys, long) = match &ix.value {
        IndexSyntax::Keys(k) => (&k.0, None),
        IndexSyntax::Long(l) => (&l.columns.0, Some(l)),
    };
    let method = long
        .and_then(|l| l.using.as_ref())
        .and_then(|u| IndexMethod::parse(&u.value))
        .unwrap_or_default();
    let mut out_keys = Vec::new();
    for k in keys {
        let (key, span) = match k {
            IndexKeySyntax::Text(t) => (parse_key(&t.value), t.span),
            IndexKeySyntax::Long(l) => {
                let span = l.span.unwrap_or(ix.span);
                let expr = match (&l.column, &l.expr) {
                    (Some(c), _) => KeyExpr::Column(Ident::new(c.value.clone())),
                    (None, Some(e)) => KeyExpr::Expr(e.value.clone()),
                    (None, None) => {
                        diags.push(
                            Diagnostic::new(
                                &invalid_value::META,
                                "an index key needs `column` or `expr`",
                            )
                            .at(Some(span)),
                        );
                        continue;
                    }
                };
                (
                    IndexKey {
                        expr,
                        descending: l.order.as_ref().is_some_and(|o| o.value == "desc"),
                        nulls_first: l.nulls.as_ref().map(|n| n.value == "first"),
                        opclass: l.opclass.as_ref().map(|o| o.value.clone()),
                    },
                    span,
                )
            }
        };
        if let (KeyExpr::Column(c), Some(known)) = (&key.expr, known)
            && !known.contains(c.as_str())
        {
            diags.push(unknown_column_diag(
                c.as_str(),
                span,
                table,
                known.iter().map(String::as_str),
            ));
            continue;
        }
        if (key.descending || key.nulls_first.is_some()) && !method.ordered() {
            diags.push(
                Diagnostic::new(
                    &invalid_value::META,
                    format!(
                        "a {} index has no order; ASC/DESC and NULLS apply to btree only",
                        method.sql()
                    ),
                )
                .at(Some(span)),
            );
        }
        out_keys.push(key);
    }
    if out_keys.is_empty() {
        if keys.is_empty() {
            diags.push(
                Diagnostic::new(&invalid_value::META, "an index needs at least one key")
                    .at(Some(ix.span)),
            );
        }
        return None;
    }
    let mut include = Vec::new();
    if let Some(l) = long {
        match known {
            Some(k) => include = idents(&l.include.0, k, table, diags),
            None => {
                include = l
                    .include
                    .0
                    .iter()
                    .map(|s| Ident::new(s.value.clone()))
                    .collect()
            }
        }
    }
    if let Some(l) = long {
        super::storage::check_index(&l.with, diags);
    }
    Some(Index {
        name: long
            .and_then(|l| l.name.as_ref())
            .map(|n| Ident::new(n.value.clone()))
            .unwrap_or_else(|| Ident::new("")),
        method,
        unique: long
            .and_then(|l| l.unique.as_ref())
            .is_some_and(|u| u.value),
        keys: out_keys,
        include,
        predicate: long
            .and_then(|l| l.predicate.as_ref())
            .map(|p| p.value.clone()),
        nulls_not_distinct: long
            .and_then(|l| l.nulls_not_distinct.as_ref())
            .is_some_and(|b| b.value),
        origin: Origin::Yaml(ix.span),
        comment: long
            .and_then(|l| l.comment.as_ref())
            .map(|c| c.value.clone()),
        options: long.map(|l| storage(&l.with)).unwrap_or_default(),
    })
}

fn lower_view(name: &Sp<String>, v: &ViewSyntax, diags: &mut Diagnostics) -> View {
    let ident = Ident::new(name.value.clone());
    let mut view = View {
        name: ident.clone(),
        schema: None,
        sql: String::new(),
        materialized: false,
        security_invoker: true,
        security_barrier: false,
        indexes: Vec::new(),
        comment: None,
        depends_on: Vec::new(),
        refresh_concurrently: false,
        owner: None,
        grants: Vec::new(),
        triggers: Vec::new(),
        was: None,
        origin: Origin::Yaml(name.span),
        check_option: None,
        column_comments: Default::default(),
        options: Default::default(),
    };
    match v {
        ViewSyntax::Sql(s) => view.sql = s.value.trim().to_string(),
        ViewSyntax::Long(l) => {
            view.sql = l
                .sql
                .as_ref()
                .map(|s| s.value.trim().to_string())
                .unwrap_or_default();
            view.materialized = l.materialized.as_ref().is_some_and(|m| m.value);
            // A materialized view has no invoker: it stores the owner's view of the rows.
            view.security_invoker =
                !view.materialized && l.security_invoker.as_ref().is_none_or(|s| s.value);
            view.security_barrier = l.security_barrier.as_ref().is_some_and(|s| s.value);
            view.comment = l.comment.as_ref().map(|c| c.value.clone());
            view.refresh_concurrently = l
                .refresh
                .as_ref()
                .is_some_and(|r| r.value == "concurrently");
            view.was = l.was.as_ref().map(|w| Ident::new(w.value.clone()));
            view.check_option = l.check_option.as_ref().map(|c| {
                if c.value == "cascaded" {
                    CheckOption::Cascaded
                } else {
                    CheckOption::Local
                }
            });
            view.options = storage(&l.with);
            // PostgreSQL keeps the security options among the others; those
            // written under `with` decide.
            let truthy =
                |v: &str| matches!(v.to_ascii_lowercase().as_str(), "true" | "on" | "1" | "yes");
            if let Some((_, v)) = view.options.iter().find(|(k, _)| k == "security_invoker") {
                view.security_invoker = truthy(v);
            }
            if let Some((_, v)) = view.options.iter().find(|(k, _)| k == "security_barrier") {
                view.security_barrier = truthy(v);
            }
            view.column_comments = l
                .column_comments
                .0
                .iter()
                .map(|(k, v)| (Ident::new(k.value.clone()), v.value.clone()))
                .collect();
            view.depends_on = l
                .depends_on
                .0
                .iter()
                .map(|d| Ident::new(d.value.clone()))
                .collect();
            if !l.indexes.is_empty() && !view.materialized {
                diags.push(
                    Diagnostic::new(
                        &invalid_value::META,
                        "only materialized views can have indexes",
                    )
                    .at(Some(l.indexes[0].span))
                    .help("set `materialized: true`, or index the underlying tables"),
                );
            } else {
                view.indexes = l
                    .indexes
                    .iter()
                    .filter_map(|ix| lower_index(ix, None, &ident, diags))
                    .collect();
            }
        }
    }
    if view.sql.ends_with(';') {
        view.sql.pop();
    }
    view.options = view.listed_options();
    view
}

/// Tables and views a view names, for ordering; explicit `depends_on` kept.
fn view_dependencies(schema: &mut Schema) {
    let names: HashSet<String> = schema
        .tables
        .iter()
        .map(|t| t.name.to_string())
        .chain(schema.views.iter().map(|v| v.name.to_string()))
        .collect();
    for v in &mut schema.views {
        let Ok(words) = sql::words(&v.sql) else {
            continue;
        };
        for w in words {
            if names.contains(&w.text)
                && w.text != v.name.as_str()
                && !v.depends_on.iter().any(|d| d == w.text.as_str())
            {
                v.depends_on.push(Ident::new(w.text.clone()));
            }
        }
    }
}

/// A reference target as written: `table`, `table.column`, `tier.table`,
/// `tier.table.column`. The first part is a tier when a tier has that name.
fn split_target(
    text: &str,
    project: &Project,
    own_tier: usize,
) -> (usize, String, Option<String>, bool) {
    let owned = name_parts(text);
    let parts: Vec<&str> = owned.iter().map(String::as_str).collect();
    let tier_of = |name: &str| project.tiers.iter().position(|t| t.name == name);
    // `schema.table[.column]` in one of the tier's own schemas comes first.
    let own_schema = |name: &str| {
        project.tiers[own_tier]
            .schema
            .namespaces()
            .iter()
            .any(|n| *n == name)
    };
    match parts.as_slice() {
        [t] => (own_tier, t.to_string(), None, true),
        [a, b] if own_schema(a) && project.tiers[own_tier].schema.table(a).is_none() => {
            (own_tier, b.to_string(), None, true)
        }
        [a, b, c] if own_schema(a) => (own_tier, b.to_string(), Some(c.to_string()), true),
        [a, b] => match tier_of(a) {
            Some(i) if project.tiers[own_tier].schema.table(a).is_none() || i != own_tier => {
                (i, b.to_string(), None, true)
            }
            _ => (own_tier, a.to_string(), Some(b.to_string()), true),
        },
        [a, b, c] => match tier_of(a) {
            Some(i) => (i, b.to_string(), Some(c.to_string()), true),
            None => (own_tier, text.to_string(), None, false),
        },
        _ => (own_tier, text.to_string(), None, false),
    }
}

/// `a.b.c` split at the dots outside double quotes; a quoted part keeps
/// its dots and loses its quotes (`"tbl.Customers".id`).
pub(super) fn name_parts(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                if let Some(p) = parts.last_mut() {
                    p.push('"');
                }
            }
            '"' => quoted = !quoted,
            '.' if !quoted => parts.push(String::new()),
            c => {
                if let Some(p) = parts.last_mut() {
                    p.push(c);
                }
            }
        }
    }
    parts
}

fn action(s: &Option<Sp<String>>) -> FkAction {
    match s.as_ref().map(|s| s.value.as_str()) {
        Some("restrict") => FkAction::Restrict,
        Some("cascade") => FkAction::Cascade,
        Some("set_null") => FkAction::SetNull,
        Some("set_default") => FkAction::SetDefault,
        _ => FkAction::NoAction,
    }
}

fn resolve_reference(
    project: &mut Project,
    positions: &HashMap<(usize, String), usize>,
    p: PendingRef,
    diags: &mut Diagnostics,
) {
    let Some(target) = &p.syntax.table else {
        return;
    };
    if external_reference(project, positions, &p, diags) {
        return;
    }
    let (tier_idx, table_name, column, ok) = split_target(&target.value, project, p.tier);
    if !ok {
        diags.push(
            Diagnostic::new(
                &unknown_table::META,
                format!("cannot read reference `{}`", target.value),
            )
            .at(Some(target.span))
            .help("write `table`, `table.column`, `tier.table` or `tier.table.column`"),
        );
        return;
    }
    let target_tier = &project.tiers[tier_idx];
    // A foreign key may reference one partition: its columns and keys are
    // its table's.
    let found = positions
        .get(&(tier_idx, table_name.clone()))
        .map(|&i| {
            let t = &target_tier.schema.tables[i];
            (t, t.name.clone())
        })
        .or_else(|| {
            target_tier
                .schema
                .partition(&table_name)
                .map(|(t, p)| (t, p.name.clone()))
        });
    let Some((ref_table, ref_table_name)) = found else {
        let mut d = Diagnostic::new(
            &unknown_table::META,
            format!("tier `{}` has no table `{table_name}`", target_tier.name),
        )
        .at(Some(target.span));
        d.help = did_you_mean(
            &table_name,
            target_tier.schema.tables.iter().map(|t| t.name.as_str()),
        )
        .map(|s| format!("did you mean `{s}`?"))
        .or_else(|| {
            project
                .tiers
                .iter()
                .find(|t| t.schema.table(&table_name).is_some())
                .map(|t| {
                    format!(
                        "a table of that name is in tier `{}`: write `{}.{table_name}`",
                        t.name, t.name
                    )
                })
        });
        diags.push(d);
        return;
    };
    let mut ref_columns: Vec<Ident> = Vec::new();
    let explicit: Vec<String> = match column {
        Some(c) => vec![c],
        None => p.syntax.column.0.iter().map(|c| c.value.clone()).collect(),
    };
    if explicit.is_empty() {
        match ref_table.primary_key() {
            Some(pk) => ref_columns = pk.kind.columns().to_vec(),
            None => {
                diags.push(
                    Diagnostic::new(
                        &unknown_column::META,
                        format!("`{table_name}` has no primary key to reference"),
                    )
                    .at(Some(target.span))
                    .help(format!("name the column: `{table_name}.<column>`")),
                );
                return;
            }
        }
    } else {
        for c in &explicit {
            if target_tier.schema.column_of(ref_table, c).is_some() {
                ref_columns.push(Ident::new(c.clone()));
            } else {
                // Point at the column itself: `column:`, or the last part of `table.column`.
                let written = p
                    .syntax
                    .column
                    .0
                    .iter()
                    .find(|w| w.value == *c)
                    .map(|w| w.span);
                let tail = (target.span.len == target.value.len()
                    && target.value.ends_with(c.as_str()))
                .then(|| Span {
                    col: target.span.col + (target.value.len() - c.len()) as u32,
                    offset: target.span.offset + target.value.len() - c.len(),
                    len: c.len(),
                    ..target.span
                });
                diags.push(unknown_column_diag(
                    c,
                    written.or(tail).unwrap_or(target.span),
                    &ref_table.name,
                    ref_table.columns.iter().map(|c| c.name.as_str()),
                ));
                return;
            }
        }
    }
    if ref_columns.len() != p.columns.len() {
        diags.push(
            Diagnostic::new(
                &invalid_value::META,
                format!(
                    "{} column(s) reference {} column(s) of `{table_name}`",
                    p.columns.len(),
                    ref_columns.len()
                ),
            )
            .at(Some(target.span))
            .help("list as many referenced columns as referencing ones"),
        );
        return;
    }
    let on_delete = action(&p.syntax.on_delete);
    let mut delete_columns: Vec<Ident> = Vec::new();
    for c in &p.syntax.on_delete_columns.0 {
        if !matches!(on_delete, FkAction::SetNull | FkAction::SetDefault) {
            diags.push(
                Diagnostic::new(
                    &invalid_value::META,
                    "`on_delete_columns` needs `on_delete: set_null` or `set_default`",
                )
                .at(Some(c.span))
                .help("add `on_delete: set_null`, or drop `on_delete_columns`"),
            );
            return;
        }
        if !p.columns.iter().any(|k| k.as_str() == c.value) {
            diags.push(
                Diagnostic::new(
                    &unknown_column::META,
                    format!(
                        "`{}` is not one of the foreign key's columns ({})",
                        c.value,
                        p.columns
                            .iter()
                            .map(Ident::as_str)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                )
                .at(Some(c.span))
                .help("list only columns of the foreign key itself"),
            );
            return;
        }
        delete_columns.push(Ident::new(c.value.clone()));
    }
    let ref_tier_name = target_tier.name.clone();
    let ref_scoped = ref_table.is_scoped();
    let ref_schema = target_tier.schema.namespace_of(&ref_table.schema).clone();
    let same_db = target_tier.database == project.tiers[p.tier].database;
    let enforce = p.syntax.enforce.as_ref().map(|e| e.value);
    let tenant_key = project.tenancy.as_ref().map(|t| t.key.clone());
    let own = &mut project.tiers[p.tier];
    let Some(table) = own.schema.tables.get_mut(
        positions
            .get(&(p.tier, p.table.to_string()))
            .copied()
            .unwrap_or(usize::MAX),
    ) else {
        return;
    };
    if !same_db || enforce == Some(false) {
        if !same_db && enforce == Some(true) {
            diags.push(
                Diagnostic::new(
                    &cross_database_foreign_key::META,
                    format!(
                        "`{}` is in database `{}`; a foreign key cannot cross databases",
                        target.value, target_tier_db(project, tier_idx)
                    ),
                )
                .at(Some(target.span))
                .help("drop `enforce: true`: schemac documents the reference and writes an orphan-check query"),
            );
            return;
        }
        let owner = &mut project.tiers[p.tier];
        let Some(table) = owner.schema.tables.get_mut(
            positions
                .get(&(p.tier, p.table.to_string()))
                .copied()
                .unwrap_or(usize::MAX),
        ) else {
            return;
        };
        let note = format!(
            "References {}.{}({}){}; not enforced by PostgreSQL.",
            ref_tier_name,
            ref_table_name,
            ref_columns
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", "),
            if same_db { "" } else { " in another database" },
        );
        // The tenant key gets its own note from the tenancy pass.
        let key = project.tenancy.as_ref().map(|t| t.key.clone());
        for c in &mut table.columns {
            if p.columns.contains(&c.name) && c.comment.is_none() && Some(&c.name) != key.as_ref() {
                c.comment = Some(note.clone());
            }
        }
        table.soft_references.push(SoftReference {
            columns: p.columns.clone(),
            tier: ref_tier_name.clone(),
            table: ref_table_name.clone(),
            ref_columns,
        });
        if !same_db {
            diags.push(
                Diagnostic::new(
                    &soft_reference::META,
                    format!(
                        "`{}` is in another database: documented as a soft reference, not a foreign key",
                        target.value
                    ),
                )
                .at(Some(target.span)),
            );
        }
        return;
    }
    let (mut columns, mut ref_columns) = (p.columns, ref_columns);
    if p.shorthand
        && ref_scoped
        && table.is_scoped()
        && let Some(key) = &tenant_key
    {
        tenancy::carry_key(
            key,
            &mut columns,
            &mut ref_columns,
            &mut delete_columns,
            on_delete,
        );
    }
    table.constraints.push(Constraint {
        name: p
            .syntax
            .name
            .as_ref()
            .map(|n| Ident::new(n.value.clone()))
            .unwrap_or_else(|| Ident::new("")),
        kind: ConstraintKind::ForeignKey {
            columns,
            references: QualifiedName::new(ref_schema, ref_table_name),
            ref_columns,
            on_delete,
            delete_columns,
            on_update: action(&p.syntax.on_update),
            deferrable: deferrable_of(&p.syntax.deferrable),
        },
        origin: Origin::Yaml(p.span),
        comment: p.syntax.comment.as_ref().map(|c| c.value.clone()),
        not_valid: p.syntax.not_valid.as_ref().is_some_and(|n| n.value),
        index_comment: None,
    });
}

/// A foreign key to a table declared `external:` (`auth.users`,
/// `auth.users.id`): an ordinary foreign key to a table schemac leaves alone.
fn external_reference(
    project: &mut Project,
    positions: &HashMap<(usize, String), usize>,
    p: &PendingRef,
    diags: &mut Diagnostics,
) -> bool {
    let Some(target) = &p.syntax.table else {
        return false;
    };
    let parts = name_parts(&target.value);
    let (ns, name, column) = match parts.as_slice() {
        [a, b] => (a, b, None),
        [a, b, c] => (a, b, Some(c.clone())),
        _ => return false,
    };
    let Some(ext) = project.tiers[p.tier]
        .schema
        .external
        .table(ns, name)
        .cloned()
    else {
        return false;
    };
    let written: Vec<String> = match column {
        Some(c) => vec![c],
        None => p.syntax.column.0.iter().map(|c| c.value.clone()).collect(),
    };
    let mut ref_columns = Vec::new();
    for c in &written {
        if ext.columns.iter().any(|x| x.name == c.as_str()) {
            ref_columns.push(Ident::new(c.clone()));
        } else {
            diags.push(unknown_column_diag(
                c,
                target.span,
                &ext.name,
                ext.columns.iter().map(|c| c.name.as_str()),
            ));
            return true;
        }
    }
    if ref_columns.is_empty() {
        match ext.columns.as_slice() {
            [only] => ref_columns.push(only.name.clone()),
            _ => {
                diags.push(
                    Diagnostic::new(
                        &unknown_column::META,
                        format!(
                            "name the column of external table `{}` the reference uses",
                            target.value
                        ),
                    )
                    .at(Some(target.span))
                    .help(format!("write `{}.<column>`", target.value)),
                );
                return true;
            }
        }
    }
    if ref_columns.len() != p.columns.len() {
        diags.push(
            Diagnostic::new(
                &invalid_value::META,
                format!(
                    "{} column(s) reference {} column(s) of `{}`",
                    p.columns.len(),
                    ref_columns.len(),
                    target.value
                ),
            )
            .at(Some(target.span))
            .help("list as many referenced columns as referencing ones"),
        );
        return true;
    }
    let own = &mut project.tiers[p.tier];
    let Some(table) = own.schema.tables.get_mut(
        positions
            .get(&(p.tier, p.table.to_string()))
            .copied()
            .unwrap_or(usize::MAX),
    ) else {
        return true;
    };
    table.constraints.push(Constraint {
        name: p
            .syntax
            .name
            .as_ref()
            .map(|n| Ident::new(n.value.clone()))
            .unwrap_or_else(|| Ident::new("")),
        kind: ConstraintKind::ForeignKey {
            columns: p.columns.clone(),
            references: QualifiedName::new(ext.schema.clone(), ext.name.clone()),
            ref_columns,
            on_delete: action(&p.syntax.on_delete),
            delete_columns: Vec::new(),
            on_update: action(&p.syntax.on_update),
            deferrable: deferrable_of(&p.syntax.deferrable),
        },
        origin: Origin::Yaml(p.span),
        comment: p.syntax.comment.as_ref().map(|c| c.value.clone()),
        not_valid: p.syntax.not_valid.as_ref().is_some_and(|n| n.value),
        index_comment: None,
    });
    true
}

/// Names one object gives of another in its tier: parents of inheriting
/// tables, the owner of a sequence, the index of a replica identity.
fn check_links(schema: &Schema, diags: &mut Diagnostics) {
    let unknown_table = |name: &Ident, origin: &Origin, what: &str, diags: &mut Diagnostics| {
        let mut d = Diagnostic::new(
            &unknown_table::META,
            format!("{what} `{name}` is not a table of this tier"),
        )
        .at_origin(origin);
        d.help = did_you_mean(name.as_str(), schema.tables.iter().map(|t| t.name.as_str()))
            .map(|s| format!("did you mean `{s}`?"));
        diags.push(d);
    };
    for t in &schema.tables {
        for parent in &t.inherits {
            match schema.table(parent.as_str()) {
                None => unknown_table(parent, &t.origin, "parent", diags),
                Some(p) if p.partitioning.is_some() || t.partitioning.is_some() => {
                    diags.push(
                        Diagnostic::new(
                            &invalid_value::META,
                            format!("`{}` cannot inherit from `{parent}`: partitioned tables take no part in inheritance", t.name),
                        )
                        .at_origin(&t.origin)
                        .help("use a partition (`partition:`) instead"),
                    );
                }
                Some(_) => {}
            }
        }
        if let ReplicaIdentity::Index(i) = &t.replica_identity {
            let unique_index = t
                .indexes
                .iter()
                .any(|x| x.name == *i && x.unique && x.predicate.is_none())
                || t.constraints.iter().any(|c| {
                    c.name == *i
                        && matches!(
                            c.kind,
                            ConstraintKind::PrimaryKey { .. } | ConstraintKind::Unique { .. }
                        )
                });
            if !unique_index {
                diags.push(
                    Diagnostic::new(
                        &unknown_column::META,
                        format!(
                            "replica identity `{i}` is not a unique index of `{}`",
                            t.name
                        ),
                    )
                    .at_origin(&t.origin)
                    .help("name a unique, non-partial index or key of the table, or write `full`"),
                );
            }
        }
    }
    for s in &schema.sequences {
        let Some((table, column)) = &s.owned_by else {
            continue;
        };
        match schema.table(table.as_str()) {
            None => unknown_table(table, &s.origin, "owner", diags),
            Some(t) if t.column(column.as_str()).is_none() => {
                let mut d = Diagnostic::new(
                    &unknown_column::META,
                    format!("table `{}` has no column `{column}`", t.name),
                )
                .at_origin(&s.origin);
                d.help = did_you_mean(column.as_str(), t.columns.iter().map(|c| c.name.as_str()))
                    .map(|s| format!("did you mean `{s}`?"));
                diags.push(d);
            }
            Some(_) => {}
        }
    }
}

fn target_tier_db(project: &Project, idx: usize) -> &str {
    &project.tiers[idx].database
}

/// The `touch_updated` convention: a trigger per table that has the updated
/// column, and one trigger function per tier.
fn add_touch_triggers(project: &mut Project) {
    let column = project.conventions.updated_column();
    let on = project.conventions.touch_updated;
    for tier in &mut project.tiers {
        let mut needed = false;
        let fname = Ident::new(format!("schemac_touch_{column}"));
        for table in &mut tier.schema.tables {
            let marker = table
                .triggers
                .iter()
                .find(|t| matches!(t.name.as_str(), "+touch" | "-touch"))
                .map(|t| (t.name.as_str() == "+touch", t.origin));
            table
                .triggers
                .retain(|t| !matches!(t.name.as_str(), "+touch" | "-touch"));
            let wanted = marker.map(|m| m.0).unwrap_or(on);
            if !wanted {
                continue;
            }
            let Some(col) = table.column(column) else {
                continue;
            };
            if !col.ty.is_timestamp() {
                continue;
            }
            needed = true;
            let mut touch = Trigger::new(
                fit_name(&format!("{}_touch_{column}", table.name)),
                "BEFORE",
                &["UPDATE"],
                fname.clone(),
            );
            touch.origin = col.origin.implied();
            table.triggers.push(touch);
        }
        if needed {
            tier.schema.functions.push(Function::new(
                fname,
                "trigger",
                "plpgsql",
                format!(
                    "\nBEGIN\n  NEW.{} := now();\n  RETURN NEW;\nEND\n",
                    quote_ident(column)
                ),
            ));
        }
    }
}
