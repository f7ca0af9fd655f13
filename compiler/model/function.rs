//! Functions and procedures: their signature (arguments with modes and
//! defaults), what they return, how PostgreSQL runs them (language,
//! volatility, strictness, security, `SET` options, parallel safety, cost)
//! and their body, kept as written (`prosrc` stores it verbatim).

use serde::{Deserialize, Serialize};

use super::{Grant, Ident, Origin, PrivilegedKind};

/// A function or a procedure of a tier.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Function {
    pub name: Ident,
    /// The schema holding it (`None`: the tier's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schema: Option<Ident>,
    #[serde(default, skip_serializing_if = "FunctionKind::is_function")]
    pub kind: FunctionKind,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub args: Vec<FunctionArg>,
    /// As `pg_get_function_result` prints it (`integer`, `SETOF app.leads`,
    /// `TABLE(id uuid, score integer)`); empty for a procedure.
    #[serde(default)]
    pub returns: String,
    pub language: String,
    #[serde(default, skip_serializing_if = "Volatility::is_volatile")]
    pub volatility: Volatility,
    /// `RETURNS NULL ON NULL INPUT`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub strict: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub security_definer: bool,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub leakproof: bool,
    #[serde(default, skip_serializing_if = "Parallel::is_unsafe")]
    pub parallel: Parallel,
    /// `SET name = value` options, as `proconfig` lists them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub config: Vec<(String, String)>,
    /// Estimated execution cost, when not the language's default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost: Option<String>,
    /// Estimated rows of a set-returning function, when not the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rows: Option<String>,
    pub body: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// The owner, when declared (`owner:`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// The access list but the owner's; `None` is PostgreSQL's default
    /// (`EXECUTE` for PUBLIC).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grants: Option<Vec<Grant>>,
    #[serde(skip)]
    pub origin: Origin,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FunctionArg {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Ident>,
    /// As `format_type` prints it.
    #[serde(rename = "type")]
    pub ty: String,
    #[serde(default, skip_serializing_if = "ArgMode::is_in")]
    pub mode: ArgMode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FunctionKind {
    #[default]
    Function,
    Procedure,
}

impl FunctionKind {
    pub fn is_function(&self) -> bool {
        *self == FunctionKind::Function
    }
    pub fn sql(&self) -> &'static str {
        match self {
            FunctionKind::Function => "FUNCTION",
            FunctionKind::Procedure => "PROCEDURE",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgMode {
    #[default]
    In,
    Out,
    Inout,
    Variadic,
}

impl ArgMode {
    pub fn is_in(&self) -> bool {
        *self == ArgMode::In
    }
    /// Part of the signature that tells overloads apart.
    pub fn is_input(&self) -> bool {
        !matches!(self, ArgMode::Out)
    }
    pub fn sql(&self) -> &'static str {
        match self {
            ArgMode::In => "IN",
            ArgMode::Out => "OUT",
            ArgMode::Inout => "INOUT",
            ArgMode::Variadic => "VARIADIC",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Volatility {
    Immutable,
    Stable,
    #[default]
    Volatile,
}

impl Volatility {
    pub fn is_volatile(&self) -> bool {
        *self == Volatility::Volatile
    }
    pub fn sql(&self) -> &'static str {
        match self {
            Volatility::Immutable => "IMMUTABLE",
            Volatility::Stable => "STABLE",
            Volatility::Volatile => "VOLATILE",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Parallel {
    #[default]
    Unsafe,
    Restricted,
    Safe,
}

impl Parallel {
    pub fn is_unsafe(&self) -> bool {
        *self == Parallel::Unsafe
    }
    pub fn sql(&self) -> &'static str {
        match self {
            Parallel::Unsafe => "UNSAFE",
            Parallel::Restricted => "RESTRICTED",
            Parallel::Safe => "SAFE",
        }
    }
}

impl Function {
    /// A function with the given body and every option at its default.
    pub fn new(name: Ident, returns: &str, language: &str, body: String) -> Self {
        Function {
            name,
            schema: None,
            kind: FunctionKind::Function,
            args: Vec::new(),
            returns: returns.into(),
            language: language.into(),
            volatility: Volatility::Volatile,
            strict: false,
            security_definer: false,
            leakproof: false,
            parallel: Parallel::Unsafe,
            config: Vec::new(),
            cost: None,
            rows: None,
            body,
            comment: None,
            owner: None,
            grants: None,
            origin: Origin::Unknown,
        }
    }

    /// The input argument types, which with the name identify the function
    /// (`score(uuid, integer)`).
    pub fn input_types(&self) -> Vec<&str> {
        self.args
            .iter()
            .filter(|a| a.mode.is_input())
            .map(|a| a.ty.as_str())
            .collect()
    }

    /// `name(argtypes)`, or `schema.name(argtypes)` outside the tier's
    /// schema: what tells overloads apart.
    pub fn signature(&self) -> String {
        match &self.schema {
            Some(s) => format!("{s}.{}({})", self.name, self.input_types().join(", ")),
            None => format!("{}({})", self.name, self.input_types().join(", ")),
        }
    }

    /// Same function as far as PostgreSQL runs it: equal but for white
    /// space around the body (which pg_dump shows but nothing executes),
    /// and for its owner and privileges (changed in place).
    pub fn same(&self, other: &Function) -> bool {
        let bare = |f: &Function| Function {
            body: String::new(),
            owner: None,
            grants: None,
            ..f.clone()
        };
        self.body.trim() == other.body.trim() && bare(self) == bare(other)
    }

    /// The kind of object its privileges are those of.
    pub fn privileged_kind(&self) -> PrivilegedKind {
        match self.kind {
            FunctionKind::Function => PrivilegedKind::Function,
            FunctionKind::Procedure => PrivilegedKind::Procedure,
        }
    }

    /// Whether `CREATE OR REPLACE` can turn `old` into `self`: same kind,
    /// return type, argument names and modes, and no default taken away.
    pub fn replaces(&self, old: &Function) -> bool {
        self.kind == old.kind
            && self.returns == old.returns
            && self.args.len() == old.args.len()
            && self.args.iter().zip(&old.args).all(|(a, b)| {
                a.mode == b.mode
                    && a.ty == b.ty
                    && (a.name == b.name || b.name.is_none())
                    && (a.default.is_some() || b.default.is_none())
            })
    }
}

/// A cost or row estimate as the model writes it (`100`, `0.5`): as the
/// catalog's `float4` holds it.
pub fn function_estimate(v: f64) -> String {
    format!("{}", v as f32)
}

/// The cost PostgreSQL gives a function in `language` when none is written.
pub fn function_default_cost(language: &str) -> f64 {
    if matches!(language, "c" | "internal") {
        1.0
    } else {
        100.0
    }
}
