//! Column types in PostgreSQL's canonical spelling — exactly what
//! `format_type(atttypid, atttypmod)` prints — so a type written in YAML
//! (`int`, `varchar(255)`, `timestamptz`, `decimal(3,2)`) and one read from the
//! catalog compare equal as plain text.

use std::fmt;

use serde::{Deserialize, Serialize};

/// What kind of type a column has; decides how it is rendered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TypeKind {
    /// Built into PostgreSQL; rendered as its canonical keyword text.
    #[default]
    Builtin,
    /// Provided by an extension (`citext`, `vector(3)`); rendered bare.
    Extension,
    /// An enum declared in the same tier; rendered as a quoted, schema-qualified name.
    Enum,
    /// A domain declared in the same tier; rendered as a quoted,
    /// schema-qualified name.
    Domain,
    /// A composite type declared in the same tier; rendered as a quoted,
    /// schema-qualified name.
    Composite,
    /// A range type declared in the same tier, or its multirange type;
    /// rendered as a quoted, schema-qualified name.
    Range,
    /// A type the project does not manage (a domain, composite or range type
    /// declared `external`); rendered as written, which is how
    /// `format_type` prints it.
    External,
}

/// A column type: canonical base text (with modifiers), array dimensions, kind.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ColumnType {
    pub base: String,
    #[serde(default, skip_serializing_if = "is_zero")]
    pub array_dims: u8,
    #[serde(default, skip_serializing_if = "is_builtin")]
    pub kind: TypeKind,
}

fn is_zero(n: &u8) -> bool {
    *n == 0
}
fn is_builtin(k: &TypeKind) -> bool {
    *k == TypeKind::Builtin
}

impl ColumnType {
    pub fn builtin(base: &str) -> Self {
        ColumnType {
            base: base.to_string(),
            array_dims: 0,
            kind: TypeKind::Builtin,
        }
    }

    /// The element type of an array, or the type itself.
    pub fn element(&self) -> ColumnType {
        ColumnType {
            array_dims: 0,
            ..self.clone()
        }
    }

    /// Whether values of this type can be compared for a foreign key to `other`
    /// without PostgreSQL rejecting the constraint or casting every row.
    pub fn same_as(&self, other: &ColumnType) -> bool {
        self == other || (self.family() == other.family() && self.family().is_some())
    }

    /// Types that PostgreSQL treats as one for equality without a cast.
    fn family(&self) -> Option<&'static str> {
        if self.array_dims > 0 {
            return None;
        }
        let b = self.base.as_str();
        if b.starts_with("character varying") || b == "text" {
            Some("text")
        } else if b.starts_with("numeric") {
            Some("numeric")
        } else {
            None
        }
    }

    /// Is this one of the date/time types a time-window partition can use?
    pub fn is_temporal(&self) -> bool {
        self.array_dims == 0
            && (self.base == "date"
                || self.base.starts_with("timestamp")
                || self.base.starts_with("time "))
    }

    pub fn is_timestamp(&self) -> bool {
        self.array_dims == 0 && (self.base.starts_with("timestamp") || self.base == "date")
    }

    pub fn with_time_zone(&self) -> bool {
        self.base.ends_with("with time zone")
    }
}

impl fmt::Display for ColumnType {
    /// As written in YAML: a type of the tier whose name is not a plain
    /// lower-case word is quoted (`"Money (EUR)"`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let own = matches!(
            self.kind,
            TypeKind::Enum | TypeKind::Domain | TypeKind::Composite | TypeKind::Range
        );
        let plain = self
            .base
            .chars()
            .next()
            .is_some_and(|c| !c.is_ascii_digit())
            && self
                .base
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if own && !plain {
            f.write_str(&super::quote_ident(&self.base))?;
        } else {
            f.write_str(&self.base)?;
        }
        for _ in 0..self.array_dims {
            f.write_str("[]")?;
        }
        Ok(())
    }
}

/// Parse a type as a user writes it. `Ok(None)` means "not a built-in type":
/// the caller then looks for an enum or extension type of that name.
pub fn parse_builtin(text: &str) -> Result<Option<ColumnType>, String> {
    let mut s = text.trim().to_ascii_lowercase();
    let mut array_dims = 0u8;
    loop {
        let t = s.trim_end();
        if let Some(rest) = t.strip_suffix(']') {
            let Some(open) = rest.rfind('[') else {
                return Err(format!("unbalanced `]` in type `{text}`"));
            };
            let inner = rest[open + 1..].trim();
            if !inner.is_empty() && !inner.chars().all(|c| c.is_ascii_digit()) {
                return Err(format!("array bound `{inner}` in `{text}` is not a number"));
            }
            s = rest[..open].to_string();
            array_dims = array_dims.saturating_add(1);
        } else if let Some(rest) = t.strip_suffix(" array") {
            s = rest.to_string();
            array_dims = array_dims.saturating_add(1);
        } else {
            s = t.to_string();
            break;
        }
    }
    let words = collapse(&s);
    let (name, mods) = split_modifiers(&words)?;
    let base = match canonical_base(&name, mods.as_deref())? {
        Some(b) => b,
        None => return Ok(None),
    };
    Ok(Some(ColumnType {
        base,
        array_dims,
        kind: TypeKind::Builtin,
    }))
}

/// Lower-case words separated by single spaces, with `(` `)` `,` tight.
fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty()
            && !out.ends_with('(')
            && !word.starts_with(['(', ')', ','])
            && !out.ends_with(',')
        {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `timestamp(3) with time zone` → (`timestamp with time zone`, Some("3"));
/// `numeric(10, 2)` → (`numeric`, Some("10,2")).
fn split_modifiers(s: &str) -> Result<(String, Option<String>), String> {
    let Some(open) = s.find('(') else {
        return Ok((s.to_string(), None));
    };
    let Some(close) = s[open..].find(')').map(|i| i + open) else {
        return Err(format!("unbalanced `(` in type `{s}`"));
    };
    let mods: String = s[open + 1..close]
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut name = s[..open].trim_end().to_string();
    let tail = s[close + 1..].trim();
    if !tail.is_empty() {
        name.push(' ');
        name.push_str(tail);
    }
    Ok((name, Some(mods)))
}

fn numbers(mods: &str, what: &str, max: usize) -> Result<Vec<u32>, String> {
    let parts: Vec<&str> = mods.split(',').collect();
    if parts.is_empty() || parts.len() > max {
        return Err(format!(
            "`{what}` takes at most {max} number(s), got `({mods})`"
        ));
    }
    parts
        .iter()
        .map(|p| {
            p.parse::<u32>()
                .map_err(|_| format!("`{what}({mods})`: `{p}` is not a non-negative number"))
        })
        .collect()
}

fn canonical_base(name: &str, mods: Option<&str>) -> Result<Option<String>, String> {
    let no_mods = |canon: &str| -> Result<Option<String>, String> {
        match mods {
            None => Ok(Some(canon.to_string())),
            Some(m) => Err(format!("type `{canon}` takes no modifier, got `({m})`")),
        }
    };
    let with_len = |canon: &str, default: Option<u32>| -> Result<Option<String>, String> {
        match (mods, default) {
            (Some(m), _) => {
                let n = numbers(m, canon, 1)?;
                if n[0] == 0 {
                    return Err(format!("length of `{canon}` must be at least 1"));
                }
                Ok(Some(format!("{canon}({})", n[0])))
            }
            (None, Some(d)) => Ok(Some(format!("{canon}({d})"))),
            (None, None) => Ok(Some(canon.to_string())),
        }
    };
    let time = |canon_tail: &str, prefix: &str| -> Result<Option<String>, String> {
        match mods {
            Some(m) => {
                let n = numbers(m, prefix, 1)?;
                if n[0] > 6 {
                    return Err(format!(
                        "precision of `{prefix}` is at most 6, got {}",
                        n[0]
                    ));
                }
                Ok(Some(format!("{prefix}({}) {canon_tail}", n[0])))
            }
            None => Ok(Some(format!("{prefix} {canon_tail}"))),
        }
    };
    let out = match name {
        "int" | "integer" | "int4" => no_mods("integer")?,
        "bigint" | "int8" => no_mods("bigint")?,
        "smallint" | "int2" => no_mods("smallint")?,
        "real" | "float4" => no_mods("real")?,
        "double precision" | "float8" => no_mods("double precision")?,
        "float" => match mods {
            None => Some("double precision".into()),
            Some(m) => {
                let p = numbers(m, "float", 1)?[0];
                match p {
                    1..=24 => Some("real".into()),
                    25..=53 => Some("double precision".into()),
                    _ => return Err(format!("precision of `float` must be 1..53, got {p}")),
                }
            }
        },
        "numeric" | "decimal" => match mods {
            None => Some("numeric".into()),
            Some(m) => {
                let n = numbers(m, "numeric", 2)?;
                let (p, s) = (n[0], n.get(1).copied().unwrap_or(0));
                if p == 0 || p > 1000 {
                    return Err(format!("precision of `numeric` must be 1..1000, got {p}"));
                }
                Some(format!("numeric({p},{s})"))
            }
        },
        "bool" | "boolean" => no_mods("boolean")?,
        "text" => no_mods("text")?,
        "varchar" | "character varying" | "char varying" => with_len("character varying", None)?,
        "char" | "character" | "bpchar" => with_len("character", Some(1))?,
        "uuid" => no_mods("uuid")?,
        "json" => no_mods("json")?,
        "jsonb" => no_mods("jsonb")?,
        "bytea" => no_mods("bytea")?,
        "date" => no_mods("date")?,
        "timestamptz" | "timestamp with time zone" => time("with time zone", "timestamp")?,
        "timestamp" | "timestamp without time zone" => time("without time zone", "timestamp")?,
        "timetz" | "time with time zone" => time("with time zone", "time")?,
        "time" | "time without time zone" => time("without time zone", "time")?,
        "interval" => match mods {
            None => Some("interval".into()),
            Some(m) => {
                let p = numbers(m, "interval", 1)?[0];
                Some(format!("interval({p})"))
            }
        },
        "inet" | "cidr" | "macaddr" | "macaddr8" | "money" | "xml" | "tsvector" | "tsquery"
        | "point" | "line" | "lseg" | "box" | "path" | "polygon" | "circle" | "int4range"
        | "int8range" | "numrange" | "tsrange" | "tstzrange" | "daterange" | "int4multirange"
        | "int8multirange" | "nummultirange" | "tsmultirange" | "tstzmultirange"
        | "datemultirange" | "oid" | "regclass" | "regtype" | "name" | "pg_lsn"
        | "txid_snapshot" | "pg_snapshot" | "jsonpath" => no_mods(name)?,
        "bit" => with_len("bit", Some(1))?,
        "varbit" | "bit varying" => with_len("bit varying", None)?,
        "serial" | "serial4" | "bigserial" | "serial8" | "smallserial" | "serial2" => {
            return Err(format!(
                "`{name}` is not a type but a sequence default; write the integer type with `identity: by_default`"
            ));
        }
        _ => None,
    };
    Ok(out)
}

/// Types that extensions bring, by extension name. Used to accept a type only
/// when its extension is declared in the tier.
pub const EXTENSION_TYPES: &[(&str, &[&str])] = &[
    ("citext", &["citext"]),
    ("hstore", &["hstore"]),
    ("ltree", &["ltree", "lquery", "ltxtquery"]),
    ("vector", &["vector", "halfvec", "sparsevec"]),
    ("postgis", &["geometry", "geography", "box2d", "box3d"]),
    ("cube", &["cube"]),
    ("isn", &["isbn", "isbn13", "ean13", "issn", "upc"]),
];

/// The extension providing `type_name` (without modifiers), if any.
pub fn extension_for(type_name: &str) -> Option<&'static str> {
    EXTENSION_TYPES
        .iter()
        .find(|(_, types)| types.contains(&type_name))
        .map(|(ext, _)| *ext)
}

/// Every built-in spelling we accept, for "did you mean" hints.
pub const BUILTIN_SPELLINGS: &[&str] = &[
    "integer",
    "int",
    "int4",
    "bigint",
    "int8",
    "smallint",
    "int2",
    "real",
    "float4",
    "double precision",
    "float8",
    "numeric",
    "decimal",
    "boolean",
    "bool",
    "text",
    "varchar",
    "character varying",
    "char",
    "character",
    "uuid",
    "json",
    "jsonb",
    "bytea",
    "date",
    "timestamptz",
    "timestamp",
    "timetz",
    "time",
    "interval",
    "inet",
    "cidr",
    "macaddr",
    "money",
    "xml",
    "tsvector",
    "tsquery",
    "int4range",
    "int8range",
    "numrange",
    "tsrange",
    "tstzrange",
    "daterange",
    "oid",
    "bit",
    "varbit",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn canon(s: &str) -> String {
        match parse_builtin(s) {
            Ok(Some(t)) => t.to_string(),
            Ok(None) => format!("<user {s}>"),
            Err(e) => format!("<error {e}>"),
        }
    }

    #[test]
    fn spellings_become_format_type_text() {
        let cases = [
            ("int", "integer"),
            ("INT8", "bigint"),
            ("varchar(255)", "character varying(255)"),
            ("varchar", "character varying"),
            ("timestamptz", "timestamp with time zone"),
            ("timestamp(3) with time zone", "timestamp(3) with time zone"),
            ("timestamp", "timestamp without time zone"),
            ("decimal(3, 2)", "numeric(3,2)"),
            ("numeric(10)", "numeric(10,0)"),
            ("text[]", "text[]"),
            ("int[][]", "integer[][]"),
            ("integer array", "integer[]"),
            ("float", "double precision"),
            ("float(10)", "real"),
            ("char", "character(1)"),
            ("bool", "boolean"),
            ("job_status", "<user job_status>"),
        ];
        for (input, want) in cases {
            assert_eq!(canon(input), want, "{input}");
        }
    }

    #[test]
    fn bad_modifiers_are_errors() {
        assert!(canon("uuid(3)").starts_with("<error"));
        assert!(canon("numeric(0)").starts_with("<error"));
        assert!(canon("varchar(x)").starts_with("<error"));
        assert!(canon("serial").contains("identity"));
        assert!(canon("timestamp(9)").starts_with("<error"));
    }

    #[test]
    fn text_and_varchar_are_one_family() {
        let a = ColumnType::builtin("text");
        let b = ColumnType::builtin("character varying(20)");
        assert!(a.same_as(&b));
        assert!(!a.same_as(&ColumnType::builtin("uuid")));
    }
}
