//! The tier's schemas: `schemas:` lowered, `schema.name` keys placed in
//! them, and the objects declared `external:`.

use std::collections::HashMap;

use super::syntax::{ExternalSyntax, Named, OwnedSchemaSyntax, Sp};
use crate::check::rules::{ambiguous_name, schema_named_like_tier, unknown_schema};
use crate::diag::{Diagnostic, Diagnostics, did_you_mean};
use crate::model::*;

/// The tier's further schemas, refusing one named like a tier or like the
/// tier's own schema.
pub fn owned(
    written: &Named<OwnedSchemaSyntax>,
    tier_schema: &str,
    tiers: &[String],
    diags: &mut Diagnostics,
) -> Vec<OwnedSchema> {
    let mut out: Vec<OwnedSchema> = Vec::new();
    for (name, s) in &written.0 {
        if tiers.contains(&name.value) {
            diags.push(
                Diagnostic::new(
                    &schema_named_like_tier::META,
                    format!("schema `{}` has the name of a tier", name.value),
                )
                .at(Some(name.span))
                .help("`x.table` would mean a schema and a tier; rename the schema"),
            );
            continue;
        }
        if name.value == tier_schema || out.iter().any(|o| o.name == name.value.as_str()) {
            diags.push(
                Diagnostic::new(
                    &crate::check::rules::duplicate_name::META,
                    format!("schema `{}` is declared twice in the tier", name.value),
                )
                .at(Some(name.span))
                .help("the tier's `schema` is its own already; list only further schemas"),
            );
            continue;
        }
        out.push(OwnedSchema {
            name: Ident::new(name.value.clone()),
            comment: s.comment.as_ref().map(|c| c.value.clone()),
            owner: None,
            grants: None,
            origin: Origin::Yaml(name.span),
        });
    }
    out
}

/// A key as written (`secrets` or `app_private.secrets`): its name, and its
/// schema when it is not the tier's. `None` (with a diagnostic) when the
/// schema is not one the tier owns.
pub fn place(
    key: &Sp<String>,
    schema: &Schema,
    diags: &mut Diagnostics,
) -> Option<(Sp<String>, Option<Ident>)> {
    let parts = super::lower::name_parts(&key.value);
    let [ns, name] = parts.as_slice() else {
        // `"audit.log"`: one name with a dot in it.
        let name = match parts.as_slice() {
            [one] if key.value.starts_with('"') => one.clone(),
            _ => key.value.clone(),
        };
        return Some((
            Sp {
                value: name,
                span: key.span,
            },
            None,
        ));
    };
    let named = Sp {
        value: name.clone(),
        span: key.span,
    };
    if *ns == schema.name.as_str() {
        return Some((named, None));
    }
    if schema.schemas.iter().any(|s| s.name == ns.as_str()) {
        return Some((named, Some(Ident::new(ns.clone()))));
    }
    let names = schema.namespaces();
    let mut d = Diagnostic::new(
        &unknown_schema::META,
        format!("`{ns}` is not a schema of this tier"),
    )
    .at(Some(key.span));
    d.help = did_you_mean(ns, names.iter().map(|n| n.as_str()))
        .map(|s| format!("did you mean `{s}`?"))
        .or_else(|| {
            Some(format!(
                "the tier owns {}; add `{ns}` to the tier's `schemas:` in schemac.yaml",
                names
                    .iter()
                    .map(|n| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        });
    diags.push(d);
    None
}

/// A relation name used in two schemas of the tier (the same name twice in
/// one schema is a plain duplicate, reported by the caller).
pub fn ambiguous(
    name: &Sp<String>,
    ns: &Option<Ident>,
    placed: &mut HashMap<String, (Span, Option<Ident>)>,
    diags: &mut Diagnostics,
) -> bool {
    match placed.get(&name.value) {
        Some((first, other)) if other != ns => {
            diags.push(
                Diagnostic::new(
                    &ambiguous_name::META,
                    format!(
                        "`{}` names a relation in two schemas of the tier",
                        name.value
                    ),
                )
                .at(Some(name.span))
                .label(Some(*first), "first declared here")
                .help("relation names are unique across a tier's schemas; rename one"),
            );
            true
        }
        Some(_) => false,
        None => {
            placed.insert(name.value.clone(), (name.span, ns.clone()));
            false
        }
    }
}

/// The objects of `external:` sections.
pub fn external(written: &[ExternalSyntax], diags: &mut Diagnostics) -> External {
    let mut out = External::default();
    for e in written {
        for s in &e.schemas.0 {
            if !out.schemas.iter().any(|o| o == s.value.as_str()) {
                out.schemas.push(Ident::new(s.value.clone()));
            }
        }
        for (key, t) in &e.tables.0 {
            let parts = super::lower::name_parts(&key.value);
            let [ns, name] = parts.as_slice() else {
                diags.push(
                    Diagnostic::new(
                        &unknown_schema::META,
                        format!("external table `{}` names no schema", key.value),
                    )
                    .at(Some(key.span))
                    .help("write it `schema.table`, e.g. `auth.users`"),
                );
                continue;
            };
            let mut columns = Vec::new();
            for (c, ty) in &t.columns.0 {
                let ty = types::parse_builtin(&ty.value)
                    .ok()
                    .flatten()
                    .unwrap_or_else(|| ColumnType {
                        kind: TypeKind::External,
                        ..ColumnType::builtin(&ty.value)
                    });
                let mut col = Column::new(Ident::new(c.value.clone()), ty);
                col.origin = Origin::Yaml(c.span);
                columns.push(col);
            }
            if !out.schemas.iter().any(|o| o == ns.as_str()) {
                out.schemas.push(Ident::new(ns.clone()));
            }
            out.tables.push(ExternalTable {
                schema: Ident::new(ns.clone()),
                name: Ident::new(name.clone()),
                columns,
                origin: Origin::Yaml(key.span),
            });
        }
        for f in &e.functions.0 {
            if !out.functions.contains(&f.value) {
                out.functions.push(f.value.clone());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::check::testing::*;
    use crate::model::{ConstraintKind, QualifiedName};

    const PROJECT: &str = "project: p\ntiers:\n  app:\n    schema: app_public\n    schemas: { app_private: { comment: hidden } }\n";

    #[test]
    fn external_tables_and_functions_check_and_are_referenced_qualified() {
        let tier = "external:\n  tables:\n    auth.users: { columns: { id: uuid } }\n  functions: [\"auth.uid()\"]\ntables:\n  profiles:\n    columns:\n      id: { type: uuid, primary_key: true }\n      user_id: { type: uuid, references: auth.users.id }\n    policies:\n      own: { using: \"user_id = auth.uid()\" }\n  app_private.notes:\n    columns:\n      id: { type: uuid, primary_key: true }\n      profile_id: { type: uuid, references: app_public.profiles }\n";
        let files = [("schemac.yaml", PROJECT), ("app/t.yaml", tier)];
        let l = loaded(&files);
        let errors: Vec<_> = l.diags.into_vec().into_iter().map(|d| d.code).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let s = &l.project.tiers[0].schema;
        assert_eq!(s.schemas[0].comment.as_deref(), Some("hidden"));
        let refs = |t: &str| -> Vec<QualifiedName> {
            s.table(t)
                .unwrap()
                .constraints
                .iter()
                .filter_map(|c| match &c.kind {
                    ConstraintKind::ForeignKey { references, .. } => Some(references.clone()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(refs("profiles"), vec![QualifiedName::new("auth", "users")]);
        assert_eq!(
            refs("notes"),
            vec![QualifiedName::new("app_public", "profiles")]
        );
        assert_eq!(
            s.table("notes").unwrap().schema.as_ref().unwrap(),
            "app_private"
        );
    }

    #[test]
    fn a_quoted_key_is_one_name_with_a_dot() {
        let tier = "tables:\n  '\"audit.log\"':\n    columns:\n      id: { type: uuid, primary_key: true }\n";
        let files = [("schemac.yaml", PROJECT), ("app/t.yaml", tier)];
        let l = loaded(&files);
        let errors: Vec<_> = l.diags.into_vec().into_iter().map(|d| d.code).collect();
        assert!(!errors.contains(&"N120"), "{errors:?}");
        let t = l.project.tiers[0]
            .schema
            .table("audit.log")
            .expect("table audit.log");
        assert_eq!(t.schema, None);
    }

    #[test]
    fn types_are_placed_in_further_schemas_and_named_bare_or_with_their_own_schema() {
        let tier = "enums:\n  app_private.mood: [ok, sad]\ndomains:\n  app_private.posint: { type: integer, checks: { positive: VALUE > 0 } }\n  score: { type: app_private.posint }\ntypes:\n  app_private.pair: { attributes: { a: mood, b: app_private.mood } }\n  app_private.span: { range: { subtype: integer } }\ntables:\n  people:\n    columns:\n      id: { type: uuid, primary_key: true }\n      mood: app_private.mood\n      n: score\n      p: pair\n      s: app_private.span\n";
        let files = [("schemac.yaml", PROJECT), ("app/t.yaml", tier)];
        let l = loaded(&files);
        let errors: Vec<_> = l.diags.into_vec().into_iter().map(|d| d.code).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let s = &l.project.tiers[0].schema;
        let private = Some(crate::model::Ident::new("app_private"));
        assert_eq!(s.enums[0].schema, private);
        assert_eq!(s.domain("posint").unwrap().schema, private);
        assert_eq!(s.domain("score").unwrap().schema, None);
        assert_eq!(s.composite("pair").unwrap().schema, private);
        assert_eq!(s.range("span").unwrap().schema, private);
        let t = s.table("people").unwrap();
        assert_eq!(t.column("mood").unwrap().ty.base, "mood");
        assert_eq!(
            s.placements().get("mood").map(String::as_str),
            Some("app_private")
        );
    }

    #[test]
    fn a_type_named_in_the_wrong_schema_of_the_tier_is_refused() {
        let tier = "enums:\n  app_private.mood: [ok, sad]\n  app_privte.other: [a]\ntables:\n  people:\n    columns:\n      id: { type: uuid, primary_key: true }\n      mood: app_public.mood\n";
        let files = [("schemac.yaml", PROJECT), ("app/t.yaml", tier)];
        let d = diagnostics(&files);
        let wrong = d.iter().find(|d| d.code == "R103").expect("R103");
        assert!(
            wrong.message.contains("not in schema `app_public`"),
            "{}",
            wrong.message
        );
        assert_eq!(
            wrong.help.as_deref(),
            Some("it is declared in `app_private`: write `app_private.mood`")
        );
        assert!(d.iter().any(|d| d.code == "N120"), "{d:?}");
    }

    #[test]
    fn a_further_schema_is_owned_as_declared_or_by_the_tier_owner() {
        let project = "project: p\nroles: { boss: {}, clerk: {} }\ntiers:\n  app:\n    schema: app_public\n    owner: boss\n    schemas:\n      app_private: { owner: clerk, grants: { boss: [usage] } }\n      app_hidden: {}\n";
        let tier = "tables:\n  t:\n    columns:\n      id: { type: uuid, primary_key: true }\n";
        let files = [("schemac.yaml", project), ("app/t.yaml", tier)];
        let l = loaded(&files);
        let errors: Vec<_> = l.diags.into_vec().into_iter().map(|d| d.code).collect();
        assert!(errors.is_empty(), "{errors:?}");
        let s = &l.project.tiers[0].schema;
        let owners: Vec<Option<&str>> = s.schemas.iter().map(|o| o.owner.as_deref()).collect();
        assert_eq!(owners, vec![Some("clerk"), Some("boss")]);
        let empty = crate::model::Schema::empty(s.name.clone());
        let renderer = crate::render::Renderer::new(None);
        let sql: Vec<String> = crate::diff::between(&empty, s)
            .iter()
            .filter(|c| {
                matches!(
                    c,
                    crate::diff::Change::SetOwner { .. } | crate::diff::Change::Grant { .. }
                )
            })
            .map(|c| renderer.change(c, s.name.as_str()).expect("render"))
            .collect();
        for expected in [
            "ALTER SCHEMA \"app_private\" OWNER TO \"clerk\";",
            "ALTER SCHEMA \"app_hidden\" OWNER TO \"boss\";",
            "GRANT USAGE ON SCHEMA \"app_private\" TO \"boss\";",
        ] {
            assert!(
                sql.iter().any(|q| q.contains(expected)),
                "{expected} in {sql:?}"
            );
        }
    }
}
