//! Functions and procedures as written (`functions:` / `procedures:` in a
//! tier file): arguments in short (`p_lead uuid`) or long form, the result,
//! options, and the body inline or in a file beside the YAML.

use std::path::Path;

use schemars::JsonSchema;

use super::{Cx, Fields, Named, Node, Sp, Text, Value, boolean, choice, named, text};

/// A function or procedure.
#[derive(Debug, Default, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct FunctionSyntax {
    /// Arguments in order: `name type` (`p_lead uuid`, `out total bigint`,
    /// `p_limit integer default 10`) or a mapping.
    #[schemars(with = "Vec<ArgShape>")]
    pub args: Vec<ArgSyntax>,
    /// Result type: `integer`, `setof app.leads`, `void`, `trigger`, or
    /// `{ table: { column: type } }` (functions only).
    #[schemars(with = "Option<ReturnsShape>")]
    pub returns: Option<Sp<String>>,
    /// `sql`, `plpgsql`, or another installed language (default `sql`).
    pub language: Option<Sp<String>>,
    #[schemars(with = "Option<VolatilityWord>")]
    pub volatility: Option<Sp<String>>,
    /// `RETURNS NULL ON NULL INPUT`.
    pub strict: Option<Sp<bool>>,
    /// `invoker` (default) or `definer`.
    #[schemars(with = "Option<SecurityWord>")]
    pub security: Option<Sp<String>>,
    /// `SET` options while the function runs: `{ search_path: "pg_catalog, app" }`.
    #[schemars(with = "std::collections::BTreeMap<String, Text>")]
    pub set: Named<Sp<Text>>,
    #[schemars(with = "Option<ParallelWord>")]
    pub parallel: Option<Sp<String>>,
    pub leakproof: Option<Sp<bool>>,
    /// Estimated cost (in units of `cpu_operator_cost`).
    #[schemars(with = "Option<f64>")]
    pub cost: Option<Sp<String>>,
    /// Estimated rows of a set-returning function.
    #[schemars(with = "Option<f64>")]
    pub rows: Option<Sp<String>>,
    /// The body, as it goes between the dollar quotes.
    pub body: Option<Sp<String>>,
    /// A file holding the body, relative to the YAML file.
    pub body_file: Option<Sp<String>>,
    pub comment: Option<Sp<String>>,
    /// The role owning it.
    pub owner: Option<Sp<String>>,
    /// `EXECUTE` granted per role; PUBLIC keeps PostgreSQL's default
    /// `EXECUTE` unless `public: none`.
    #[schemars(with = "std::collections::BTreeMap<String, super::grant::GrantShape>")]
    pub grants: Named<super::grant::GrantSyntax>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

/// An argument.
#[derive(Debug, Default, Clone, JsonSchema)]
#[schemars(deny_unknown_fields)]
pub struct ArgSyntax {
    pub name: Option<Sp<String>>,
    #[schemars(rename = "type", required)]
    pub ty: Option<Sp<String>>,
    /// Default value: an SQL expression.
    #[schemars(with = "Option<Text>")]
    pub default: Option<Sp<String>>,
    #[schemars(with = "Option<ModeWord>")]
    pub mode: Option<Sp<String>>,
    #[schemars(skip)]
    pub span: Option<crate::model::Span>,
}

#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum ArgShape {
    Short(String),
    Long(Box<ArgSyntax>),
}

#[derive(JsonSchema)]
#[schemars(untagged)]
#[allow(dead_code)]
pub enum ReturnsShape {
    Type(String),
    Table(TableReturn),
}

#[derive(JsonSchema)]
#[schemars(deny_unknown_fields)]
#[allow(dead_code)]
pub struct TableReturn {
    /// Result columns by name: their types.
    pub table: std::collections::BTreeMap<String, String>,
}

word_enum!(
    /// How a function's result depends on its input and the database.
    VolatilityWord { Immutable => "immutable", Stable => "stable", Volatile => "volatile" }
);
word_enum!(
    /// Whose rights the function runs with.
    SecurityWord { Invoker => "invoker", Definer => "definer" }
);
word_enum!(
    /// Whether the function may run in parallel workers.
    ParallelWord { Unsafe => "unsafe", Restricted => "restricted", Safe => "safe" }
);
word_enum!(
    /// Argument mode.
    ModeWord { In => "in", Out => "out", Inout => "inout", Variadic => "variadic" }
);

impl ArgSyntax {
    pub const KEYS: &[&str] = &["name", "type", "default", "mode"];

    fn read(node: &Node, cx: &mut Cx) -> Option<Self> {
        if !matches!(node.value, Value::Map(_)) {
            let t = text(node, cx)?;
            return Self::short(&t, cx);
        }
        let f = Fields::of(node, Self::KEYS, "an argument", cx)?;
        Some(ArgSyntax {
            name: f.text("name", cx),
            ty: f.required_text("type", "an argument", cx),
            default: f.text("default", cx),
            mode: f.get("mode").and_then(|n| choice(n, ModeWord::WORDS, cx)),
            span: Some(node.span),
        })
    }

    /// `[mode] name type [default expr]`.
    fn short(t: &Sp<String>, cx: &mut Cx) -> Option<Self> {
        let s = t.value.trim();
        let (head, default) = match find_word(s, "default") {
            Some(i) => (s[..i].trim(), Some(s[i + "default".len()..].trim())),
            None => (s, None),
        };
        let mut words: Vec<&str> = head.splitn(2, char::is_whitespace).collect();
        let mut mode = None;
        if words.len() == 2 && ModeWord::WORDS.contains(&words[0].to_ascii_lowercase().as_str()) {
            let rest = words[1].trim();
            if rest.split_whitespace().count() >= 2 {
                mode = Some(Sp::new(words[0].to_ascii_lowercase(), t.span));
                words = rest.splitn(2, char::is_whitespace).collect();
            }
        }
        if words.len() < 2 || default.is_some_and(str::is_empty) {
            cx.invalid(
                t.span,
                format!("`{}` is not an argument", t.value),
                Some(
                    "write `name type` (`p_lead uuid`, `p_limit integer default 10`), or `{ type: uuid }` for an unnamed one"
                        .into(),
                ),
            );
            return None;
        }
        Some(ArgSyntax {
            name: Some(Sp::new(words[0].to_string(), t.span)),
            ty: Some(Sp::new(words[1].trim().to_string(), t.span)),
            default: default.map(|d| Sp::new(d.to_string(), t.span)),
            mode,
            span: Some(t.span),
        })
    }
}

/// Byte offset of `word` standing alone (case-insensitive) in `s`.
fn find_word(s: &str, word: &str) -> Option<usize> {
    let lower = s.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(word) {
        let at = from + i;
        let before = lower[..at].chars().next_back();
        let after = lower[at + word.len()..].chars().next();
        if before.is_some_and(char::is_whitespace) && after.is_none_or(char::is_whitespace) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

impl FunctionSyntax {
    pub const KEYS: &[&str] = &[
        "args",
        "returns",
        "language",
        "volatility",
        "strict",
        "security",
        "set",
        "parallel",
        "leakproof",
        "cost",
        "rows",
        "body",
        "body_file",
        "comment",
        "owner",
        "grants",
    ];
    pub const PROCEDURE_KEYS: &[&str] = &[
        "args",
        "language",
        "security",
        "set",
        "body",
        "body_file",
        "comment",
        "owner",
        "grants",
    ];

    pub fn read(node: &Node, procedure: bool, cx: &mut Cx) -> Option<Self> {
        let (keys, what) = if procedure {
            (Self::PROCEDURE_KEYS, "a procedure")
        } else {
            (Self::KEYS, "a function")
        };
        let f = Fields::of(node, keys, what, cx)?;
        let number = |key: &str, cx: &mut Cx| -> Option<Sp<String>> {
            let n = f.get(key)?;
            match n.value {
                Value::Int(_) | Value::Float(_) => text(n, cx),
                _ => {
                    cx.expected(n, "a number");
                    None
                }
            }
        };
        let cost = number("cost", cx);
        let rows = number("rows", cx);
        Some(FunctionSyntax {
            args: f.list("args", cx, ArgSyntax::read),
            returns: f.get("returns").and_then(|n| returns(n, cx)),
            language: f.text("language", cx),
            volatility: f
                .get("volatility")
                .and_then(|n| choice(n, VolatilityWord::WORDS, cx)),
            strict: f.get("strict").and_then(|n| boolean(n, cx)),
            security: f
                .get("security")
                .and_then(|n| choice(n, SecurityWord::WORDS, cx)),
            set: f
                .get("set")
                .map(|n| {
                    named(n, "set", cx, |_, n, cx| {
                        text(n, cx).map(|t| Sp::new(Text(t.value), t.span))
                    })
                })
                .unwrap_or_default(),
            parallel: f
                .get("parallel")
                .and_then(|n| choice(n, ParallelWord::WORDS, cx)),
            leakproof: f.get("leakproof").and_then(|n| boolean(n, cx)),
            cost,
            rows,
            body: f.text("body", cx),
            body_file: f.text("body_file", cx),
            comment: f.text("comment", cx),
            owner: super::grant::owner(&f, cx),
            grants: super::grant::grants(&f, cx),
            span: Some(node.span),
        })
    }

    /// Read `body_file` (relative to `dir`, the YAML file's folder) into `body`.
    pub fn load_body(&mut self, dir: &Path, cx: &mut Cx) {
        let Some(file) = &self.body_file else {
            return;
        };
        if self.body.is_some() {
            cx.invalid(
                file.span,
                "a function has either `body` or `body_file`, not both".to_string(),
                Some("keep one of them".into()),
            );
            return;
        }
        match std::fs::read_to_string(dir.join(&file.value)) {
            Ok(text) => self.body = Some(Sp::new(text, file.span)),
            Err(e) => cx.invalid(
                file.span,
                format!("cannot read `{}`: {e}", file.value),
                Some("the path is relative to the YAML file that names it".into()),
            ),
        }
    }
}

/// `returns: type` or `returns: { table: { col: type } }`, as SQL.
fn returns(node: &Node, cx: &mut Cx) -> Option<Sp<String>> {
    if !matches!(node.value, Value::Map(_)) {
        return text(node, cx);
    }
    let f = Fields::of(node, &["table"], "`returns`", cx)?;
    let Some(t) = f.get("table") else {
        cx.expected(node, "a type or `{ table: { column: type } }`");
        return None;
    };
    let cols = named(t, "table", cx, |_, n, cx| text(n, cx));
    let body: Vec<String> = cols
        .0
        .iter()
        .map(|(n, ty)| format!("{} {}", crate::model::quote_ident(&n.value), ty.value))
        .collect();
    Some(Sp::new(format!("TABLE({})", body.join(", ")), node.span))
}
