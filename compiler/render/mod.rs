//! Rendering: the only place SQL text is produced. Each change kind has a
//! template in `templates/sql/` (compiled into the binary; a project may
//! override any of them from its own folder). Every value a template prints
//! must pass a filter — `ident`, `qualify`, `literal`, `sql`, … — which marks
//! it safe; printing anything else is a template error, so an unquoted name
//! cannot slip into a migration.

pub mod docs;
mod privileges;
pub mod project;
mod rebuild;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};

use minijinja::value::{Serde, Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, State, UndefinedBehavior};
use serde::Serialize;

use crate::diff::Change;
use crate::model::{quote_ident, quote_literal};
use crate::plan::Step;

/// Built-in templates: (file name, text), compiled into the binary.
macro_rules! builtin {
    ($($name:literal),* $(,)?) => {
        &[$((concat!($name, ".sql"), include_str!(concat!("../../templates/sql/", $name, ".sql")))),*]
    };
}

const BUILTIN: &[(&str, &str)] = builtin![
    "_macros",
    "add_column",
    "add_constraint",
    "add_constraint_using_index",
    "add_enum_value",
    "add_identity",
    "alter_column_type",
    "alter_composite",
    "alter_domain",
    "alter_identity",
    "alter_sequence",
    "attach_index",
    "attach_partition",
    "build_table",
    "copy_rows",
    "create_composite",
    "create_domain",
    "create_enum",
    "create_extension",
    "create_function",
    "create_index",
    "create_partition",
    "create_range",
    "create_policy",
    "create_schema",
    "create_owned_schema",
    "drop_owned_schema",
    "set_relation_schema",
    "set_function_schema",
    "set_type_schema",
    "create_sequence",
    "create_table",
    "create_trigger",
    "create_view",
    "detach_partition",
    "disable_citus",
    "disable_rls",
    "drop_column",
    "drop_composite",
    "drop_expression",
    "drop_constraint",
    "drop_default",
    "drop_domain",
    "drop_enum",
    "drop_extension",
    "drop_function",
    "drop_identity",
    "drop_index",
    "drop_not_null",
    "drop_partition",
    "drop_policy",
    "drop_range",
    "drop_schema",
    "drop_sequence",
    "drop_table",
    "drop_trigger",
    "drop_view",
    "distribute_table",
    "enable_citus",
    "enable_rls",
    "force_rls",
    "grant",
    "header",
    "inherit",
    "merge_partition",
    "no_force_rls",
    "no_inherit",
    "orphan_check",
    "rebuild_enum",
    "rename_column",
    "rename_constraint",
    "rename_domain",
    "rename_index",
    "rename_table",
    "rename_trigger",
    "revoke",
    "set_collation",
    "set_comment",
    "set_default",
    "set_logged",
    "set_not_null",
    "set_options",
    "set_owner",
    "set_replica_identity",
    "set_sequence_owner",
    "set_trigger_enabled",
    "split_partition",
    "swap_table",
    "undistribute_table",
    "validate_constraint",
];

/// The names of every built-in template (for `--help` and the book).
pub fn template_names() -> impl Iterator<Item = &'static str> {
    BUILTIN.iter().map(|(n, _)| *n)
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("template `{template}`: {source}")]
    Template {
        template: String,
        #[source]
        source: Error,
    },
}

/// Renders changes and migration files.
pub struct Renderer {
    env: Environment<'static>,
    placements: Placements,
    /// Names and text of the project's template overrides, when it has any.
    overrides: Vec<(String, String)>,
}

/// Per tier schema: the relations and indexes living in another schema of
/// the tier, and that schema ([`crate::model::Schema::placements`]).
type Placements = Arc<RwLock<HashMap<String, BTreeMap<String, String>>>>;

/// What a migration file's header says.
#[derive(Debug, Clone, Serialize)]
pub struct Header {
    pub title: String,
    pub transactional: bool,
    pub lock_timeout: String,
    pub statement_timeout: String,
    pub search_path: Vec<String>,
    /// The database is a Citus coordinator.
    pub citus: bool,
    /// Citus runs the file's DDL over one connection per worker (false when
    /// the file copies existing rows into shards).
    pub sequential: bool,
}

impl Renderer {
    /// The renderer of a project: its `templates:` folder first, then the
    /// built-in templates.
    pub fn for_project(project: &crate::model::Project) -> Renderer {
        Renderer::new(
            project
                .templates
                .as_ref()
                .map(|t| project.dir.join(t))
                .as_deref(),
        )
    }

    /// The built-in templates, overridden by any same-named file in `overrides`.
    pub fn new(overrides: Option<&Path>) -> Renderer {
        let placements: Placements = Arc::default();
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        // A custom escape mode makes macro output safe (it was filtered inside)
        // while every plain value still reaches the formatter below.
        env.set_auto_escape_callback(|_| AutoEscape::Custom("sql".into()));
        env.set_syntax(
            minijinja::syntax::SyntaxConfig::builder()
                .trim_blocks(true)
                .lstrip_blocks(true)
                .build()
                .unwrap_or_default(),
        );
        let dir: Option<PathBuf> = overrides.map(Path::to_path_buf);
        let mut override_texts: Vec<(String, String)> = dir
            .as_deref()
            .and_then(|d| std::fs::read_dir(d).ok())
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| {
                let text = std::fs::read_to_string(e.path()).ok()?;
                Some((e.file_name().to_string_lossy().to_string(), text))
            })
            .collect();
        override_texts.sort();
        env.set_loader(move |name| {
            if let Some(d) = &dir {
                let path = d.join(name);
                if path.is_file() {
                    return std::fs::read_to_string(&path).map(Some).map_err(|e| {
                        Error::new(
                            ErrorKind::InvalidOperation,
                            format!("cannot read {}: {e}", path.display()),
                        )
                    });
                }
            }
            Ok(BUILTIN
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, t)| t.to_string()))
        });
        env.set_formatter(|out, _state, value| {
            if value.is_safe() {
                out.write_str(value.as_str().unwrap_or_default())
                    .map_err(|_| Error::new(ErrorKind::WriteFailure, "write failed"))
            } else if value.is_undefined() || value.is_none() {
                Err(Error::new(ErrorKind::UndefinedError, "printed an undefined value"))
            } else {
                Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("unfiltered value `{value}`: pass it through |ident, |qualify, |literal or |sql"),
                ))
            }
        });
        env.add_filter("ident", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(quote_ident(&text(&v)?)))
        });
        env.add_filter("idents", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(
                each(&v)?
                    .iter()
                    .map(|s| quote_ident(s))
                    .collect::<Vec<_>>()
                    .join(", "),
            ))
        });
        // A relation or index of the tier: in its own schema when it lives
        // in another schema of the tier, else in the context's.
        let placed = placements.clone();
        env.add_filter(
            "qualify",
            move |state: &State, v: Value| -> Result<Value, Error> {
                let schema = state
                    .lookup("schema")
                    .and_then(|s| s.as_str().map(str::to_string))
                    .ok_or_else(|| Error::new(ErrorKind::UndefinedError, "no schema in context"))?;
                let name = text(&v)?;
                let schema = placed
                    .read()
                    .ok()
                    .and_then(|p| p.get(&schema).and_then(|m| m.get(&name)).cloned())
                    .unwrap_or(schema);
                Ok(Value::from_safe_string(format!(
                    "{}.{}",
                    quote_ident(&schema),
                    quote_ident(&name)
                )))
            },
        );
        // A function or procedure: in its own schema when it has one, else
        // in the context's (the tier's, or the scratch schema).
        env.add_filter(
            "qualify_function",
            |state: &State, v: Value| -> Result<Value, Error> {
                let own = v
                    .get_attr("schema")
                    .ok()
                    .filter(|s| !s.is_undefined() && !s.is_none());
                let schema = match own {
                    Some(s) => text(&s)?,
                    None => state
                        .lookup("schema")
                        .and_then(|s| s.as_str().map(str::to_string))
                        .ok_or_else(|| {
                            Error::new(ErrorKind::UndefinedError, "no schema in context")
                        })?,
                };
                let name = v.get_attr("name").map(|s| text(&s)).and_then(|r| r)?;
                Ok(Value::from_safe_string(format!(
                    "{}.{}",
                    quote_ident(&schema),
                    quote_ident(&name)
                )))
            },
        );
        // An object of the tier itself (a type, a function), also when a
        // table is being built in a scratch schema.
        env.add_filter(
            "qualify_home",
            |state: &State, v: Value| -> Result<Value, Error> {
                let schema = home(state)
                    .ok_or_else(|| Error::new(ErrorKind::UndefinedError, "no schema in context"))?;
                Ok(Value::from_safe_string(format!(
                    "{}.{}",
                    quote_ident(&schema),
                    quote_ident(&text(&v)?)
                )))
            },
        );
        // A name in a schema given in the template: `name | within(scratch)`.
        env.add_filter(
            "within",
            |v: Value, schema: Value| -> Result<Value, Error> {
                Ok(Value::from_safe_string(format!(
                    "{}.{}",
                    quote_ident(&text(&schema)?),
                    quote_ident(&text(&v)?)
                )))
            },
        );
        env.add_filter("qname", |v: Value| -> Result<Value, Error> {
            let schema = v.get_attr("schema").map(|s| text(&s)).and_then(|r| r)?;
            let name = v.get_attr("name").map(|s| text(&s)).and_then(|r| r)?;
            Ok(Value::from_safe_string(format!(
                "{}.{}",
                quote_ident(&schema),
                quote_ident(&name)
            )))
        });
        env.add_filter("literal", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(quote_literal(&text(&v)?)))
        });
        env.add_filter("literals", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(
                each(&v)?
                    .iter()
                    .map(|s| quote_literal(s))
                    .collect::<Vec<_>>()
                    .join(", "),
            ))
        });
        // A storage parameter's name: `fillfactor`, `toast.autovacuum_enabled`.
        env.add_filter("option_name", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(
                text(&v)?
                    .split('.')
                    .map(quote_ident)
                    .collect::<Vec<_>>()
                    .join("."),
            ))
        });
        // A list setting (`search_path`) as `proconfig` holds it: one literal per element.
        env.add_filter("setting_list", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(
                text(&v)?
                    .split(',')
                    .map(|s| s.trim().trim_matches('"'))
                    .filter(|s| !s.is_empty())
                    .map(quote_literal)
                    .collect::<Vec<_>>()
                    .join(", "),
            ))
        });
        // A trusted SQL expression written in the YAML (default, check, view body).
        env.add_filter("sql", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(text(&v)?))
        });
        env.add_filter("number", |v: Value| -> Result<Value, Error> {
            match v.kind() {
                ValueKind::Number => Ok(Value::from_safe_string(v.to_string())),
                _ => Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("`{v}` is not a number"),
                )),
            }
        });
        // A fixed word of the vocabulary (`set_null` → SET NULL); anything else is refused.
        // `ALTER TABLE … {ENABLE [ALWAYS | REPLICA] | DISABLE} TRIGGER`.
        env.add_filter("trigger_enabled", |v: Value| -> Result<Value, Error> {
            let s = text(&v)?;
            crate::model::TriggerEnabled::from_word(&s)
                .map(|e| Value::from_safe_string(e.sql().to_string()))
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("`{s}` is not a trigger state"),
                    )
                })
        });
        env.add_filter("keyword", |v: Value| -> Result<Value, Error> {
            let s = text(&v)?;
            if s.is_empty()
                || !s
                    .chars()
                    .all(|c| c.is_ascii_alphabetic() || c == '_' || c == ' ')
            {
                return Err(Error::new(
                    ErrorKind::InvalidOperation,
                    format!("`{s}` is not a keyword"),
                ));
            }
            Ok(Value::from_safe_string(
                s.replace('_', " ").to_ascii_uppercase(),
            ))
        });
        env.add_filter("roles", |v: Value| -> Result<Value, Error> {
            let roles = each(&v)?
                .iter()
                .map(|r| match r.to_ascii_uppercase().as_str() {
                    k @ ("PUBLIC" | "CURRENT_USER" | "CURRENT_ROLE" | "SESSION_USER") => {
                        k.to_string()
                    }
                    _ => quote_ident(r),
                })
                .collect::<Vec<_>>()
                .join(", ");
            Ok(Value::from_safe_string(roles))
        });
        // A column's type; the tier's own types in the schema that holds
        // them ([`crate::model::Schema::placed_types`]).
        let placed = placements.clone();
        env.add_filter(
            "coltype",
            move |state: &State, v: Value| -> Result<Value, Error> {
                let base = text(&v.get_attr("base")?)?;
                let dims = v
                    .get_attr("array_dims")
                    .ok()
                    .and_then(|d| i64::try_from(d).ok())
                    .unwrap_or(0);
                let kind = v
                    .get_attr("kind")
                    .ok()
                    .and_then(|k| k.as_str().map(str::to_string))
                    .unwrap_or_default();
                // An external type is written as `format_type` prints it:
                // a name, quoted where it must be, maybe schema-qualified.
                let external = kind == "external"
                    && base
                        .chars()
                        .all(|c| c.is_alphanumeric() || " (),_.\"$".contains(c));
                let mut out = if external {
                    base
                } else if matches!(kind.as_str(), "enum" | "domain" | "composite" | "range") {
                    let home = home(state).unwrap_or_default();
                    let schema = placed
                        .read()
                        .ok()
                        .and_then(|p| p.get(&home).and_then(|m| m.get(&base)).cloned())
                        .unwrap_or(home);
                    format!("{}.{}", quote_ident(&schema), quote_ident(&base))
                } else if base
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || " (),_".contains(c))
                {
                    base
                } else {
                    return Err(Error::new(
                        ErrorKind::InvalidOperation,
                        format!("`{base}` is not a type name"),
                    ));
                };
                for _ in 0..dims {
                    out.push_str("[]");
                }
                Ok(Value::from_safe_string(out))
            },
        );
        // Text for a `--` comment line.
        env.add_filter("comment", |v: Value| -> Result<Value, Error> {
            Ok(Value::from_safe_string(
                text(&v)?.replace(['\n', '\r'], " "),
            ))
        });
        Renderer {
            env,
            placements,
            overrides: override_texts,
        }
    }

    /// The project's template overrides (file name and text), which change
    /// what is rendered: part of what the canonical-form cache keys on.
    pub fn overrides(&self) -> &[(String, String)] {
        &self.overrides
    }

    /// Relations of tier schema `home` placed back in the schema they are
    /// moved from (`(name, schema)`), the others where [`Self::place`] put them.
    pub fn place_moved(&self, home: &str, moved: &[(String, String)]) {
        if let Ok(mut p) = self.placements.write() {
            let map = p.entry(home.to_string()).or_default();
            for (name, schema) in moved {
                map.insert(name.clone(), schema.clone());
            }
        }
    }

    /// Where the relations of a tier live, for changes between `old` and
    /// `new` (a relation in both takes its place in `new`).
    pub fn place(&self, old: &crate::model::Schema, new: &crate::model::Schema) {
        let mut map = old.placements();
        for name in old.placements().into_keys() {
            if new.table(&name).is_some()
                || new.view(&name).is_some()
                || new.functions.iter().any(|f| f.name == name.as_str())
                || new.type_schema(&name).is_some()
            {
                map.remove(&name);
            }
        }
        map.extend(new.placements());
        if let Ok(mut p) = self.placements.write() {
            if map.is_empty() {
                p.remove(new.name.as_str());
            } else {
                p.insert(new.name.to_string(), map);
            }
        }
    }

    fn render(&self, template: &str, ctx: Value) -> Result<String, RenderError> {
        let err = |source| RenderError::Template {
            template: template.to_string(),
            source,
        };
        let tmpl = self.env.get_template(template).map_err(err)?;
        let out = tmpl.render(ctx).map_err(err)?;
        Ok(out.trim_end().to_string())
    }

    /// One change as SQL (one or a few statements, each ending in `;`).
    pub fn change(&self, change: &Change, schema: &str) -> Result<String, RenderError> {
        self.change_in(change, schema, schema)
    }

    /// A change rendered with its tables in `schema` and the tier's types
    /// and functions in `home`; a rebuild's steps bring the changes they are
    /// made of (what is built in the scratch schema, the foreign keys added
    /// after the copy, row security after the swap).
    fn change_in(&self, change: &Change, schema: &str, home: &str) -> Result<String, RenderError> {
        let extra = rebuild::context(change);
        // Sequence options spelled out, PostgreSQL's choices included, for
        // statements that set every option at once.
        let (explicit, before) = match change {
            Change::AlterSequence { options, old, .. } => (
                Some(options.explicit("bigint")),
                Some(old.explicit("bigint")),
            ),
            Change::AlterIdentity {
                options, old, ty, ..
            } => (Some(options.explicit(ty)), Some(old.explicit(ty))),
            _ => (None, None),
        };
        // A range that shrinks past the sequence's current value: PostgreSQL
        // refuses the ALTER, so the value is first moved into the new range
        // (never back over values already handed out).
        let (floor, ceiling) = match (&explicit, &before) {
            (Some(new), Some(old)) => (
                (new.min > old.min).then_some(new.min),
                (new.max < old.max).then_some(new.max),
            ),
            _ => (None, None),
        };
        let base = minijinja::context! {
            schema => schema,
            floor => floor,
            ceiling => ceiling,
            home => home,
            explicit => explicit.map(Serde),
            ..extra
        };
        let ctx = minijinja::context! { ..base, ..Value::from(Serde(change)) };
        let mut out = self.render(&format!("{}.sql", change.template()), ctx)?;
        for (inner, in_scratch) in rebuild::parts(change, home) {
            let target = match &in_scratch {
                Some(s) => s.as_str(),
                None => home,
            };
            out.push('\n');
            out.push_str(&self.change_in(&inner, target, home)?);
        }
        Ok(out)
    }

    /// A whole migration file: header, then each step's SQL.
    pub fn migration(
        &self,
        header: &Header,
        steps: &[Step],
        schema: &str,
    ) -> Result<String, RenderError> {
        let mut out = self.render(
            "header.sql",
            minijinja::context! { schema => schema, ..Value::from(Serde(header)) },
        )?;
        out.push('\n');
        for s in steps {
            out.push('\n');
            for n in &s.notes {
                out.push_str(&format!("-- note: {}\n", n.replace('\n', " ")));
            }
            for h in &s.hazards {
                out.push_str(&format!(
                    "-- hazard {} ({}): {}\n",
                    h.code,
                    h.name,
                    h.message.replace('\n', " ")
                ));
            }
            out.push_str(&self.change(&s.change, schema)?);
            out.push('\n');
        }
        Ok(out)
    }
}

impl Renderer {
    /// The orphan-check queries of a tier's soft references.
    pub fn orphans<T: Serialize>(
        &self,
        tier: &str,
        database: &str,
        schema: &str,
        checks: &[T],
    ) -> Result<String, RenderError> {
        let mut out = self.render(
            "orphan_check.sql",
            minijinja::context! { tier => tier, database => database, schema => schema, checks => Value::from(Serde(checks)) },
        )?;
        out.push('\n');
        Ok(out)
    }
}

/// The tier's own schema: `home` when a change is rendered into a scratch
/// schema, else `schema`.
fn home(state: &State) -> Option<String> {
    state
        .lookup("home")
        .filter(|h| !h.is_undefined())
        .or_else(|| state.lookup("schema"))
        .and_then(|s| s.as_str().map(str::to_string))
}

fn text(v: &Value) -> Result<String, Error> {
    match v.kind() {
        ValueKind::String => Ok(v.as_str().unwrap_or_default().to_string()),
        ValueKind::Number | ValueKind::Bool => Ok(v.to_string()),
        _ => Err(Error::new(
            ErrorKind::InvalidOperation,
            format!("expected text, got {}", v.kind()),
        )),
    }
}

fn each(v: &Value) -> Result<Vec<String>, Error> {
    v.try_iter()?.map(|x| text(&x)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unfiltered_values_are_refused() {
        let mut r = Renderer::new(None);
        r.env
            .add_template("t", "SELECT {{ name }};")
            .expect("template");
        let err = r
            .render("t", minijinja::context! { name => "x" })
            .expect_err("must refuse");
        assert!(err.to_string().contains("unfiltered"), "{err}");
        r.env
            .add_template("u", "SELECT {{ name | ident }};")
            .expect("template");
        assert_eq!(
            r.render("u", minijinja::context! { name => "we\"ird" })
                .expect("renders"),
            "SELECT \"we\"\"ird\";"
        );
    }

    #[test]
    fn keywords_only_take_words() {
        let mut r = Renderer::new(None);
        r.env
            .add_template("k", "{{ w | keyword }}")
            .expect("template");
        assert!(
            r.render("k", minijinja::context! { w => "set_null" })
                .is_ok()
        );
        assert!(
            r.render("k", minijinja::context! { w => "x; DROP TABLE y" })
                .is_err()
        );
    }
}
