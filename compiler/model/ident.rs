//! Names of database objects. Identifiers are always emitted quoted, so they are
//! compared on their exact text: `Users` and `users` are different names.

use std::borrow::Borrow;
use std::fmt;

use serde::{Deserialize, Serialize};

/// PostgreSQL truncates identifiers to `NAMEDATALEN - 1` bytes.
pub const MAX_IDENT_BYTES: usize = 63;

/// One SQL identifier, unquoted, case preserved.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Ident(String);

impl Ident {
    pub fn new(s: impl Into<String>) -> Self {
        Ident(s.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn too_long(&self) -> bool {
        self.0.len() > MAX_IDENT_BYTES
    }

    /// The identifier quoted for SQL: `"a""b"` for `a"b`.
    pub fn quoted(&self) -> String {
        quote_ident(&self.0)
    }
}

impl fmt::Display for Ident {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Borrow<str> for Ident {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Ident {
    fn from(s: &str) -> Self {
        Ident(s.to_string())
    }
}

impl PartialEq<str> for Ident {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Ident {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

/// `schema.name`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct QualifiedName {
    pub schema: Ident,
    pub name: Ident,
}

impl QualifiedName {
    pub fn new(schema: impl Into<Ident>, name: impl Into<Ident>) -> Self {
        QualifiedName {
            schema: schema.into(),
            name: name.into(),
        }
    }

    pub fn quoted(&self) -> String {
        format!("{}.{}", self.schema.quoted(), self.name.quoted())
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

impl From<String> for Ident {
    fn from(s: String) -> Self {
        Ident(s)
    }
}

/// Quote an identifier the way `quote_ident` does, but always.
pub fn quote_ident(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// Quote a string literal. Standard-conforming strings are on by default since
/// PostgreSQL 9.1, so only `'` needs doubling; an `E''` literal handles
/// backslashes if a server turned the setting off.
pub fn quote_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    let escape = s.contains('\\');
    if escape {
        out.push('E');
    }
    out.push('\'');
    for c in s.chars() {
        match c {
            '\'' => out.push_str("''"),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// A name fitted to 63 bytes: kept as is when it fits, else cut at a character
/// boundary and suffixed with 8 hex digits of its SHA-256, so two long names
/// that share a prefix still differ and the result never changes between runs.
pub fn fit_name(full: &str) -> Ident {
    if full.len() <= MAX_IDENT_BYTES {
        return Ident::new(full);
    }
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(full.as_bytes());
    let hex: String = digest.iter().take(4).map(|b| format!("{b:02x}")).collect();
    let mut cut = MAX_IDENT_BYTES - hex.len() - 1;
    while !full.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = full[..cut].trim_end_matches('_');
    Ident::new(format!("{head}_{hex}"))
}

/// The name PostgreSQL gives an object it names itself (a serial column's
/// sequence, an identity's sequence, an index of a partition): `name1_name2_label`,
/// the longer of the two names cut first until it fits in 63 bytes, at a
/// character boundary (`makeObjectName`). PostgreSQL adds a number when that
/// name is taken; the caller checks for that.
pub fn pg_name(name1: &str, name2: Option<&str>, label: Option<&str>) -> Ident {
    let overhead = label.map_or(0, |l| l.len() + 1) + usize::from(name2.is_some());
    let avail = MAX_IDENT_BYTES.saturating_sub(overhead);
    let (mut n1, mut n2) = (name1.len(), name2.map_or(0, str::len));
    while n1 + n2 > avail {
        if n1 > n2 {
            n1 -= 1;
        } else {
            n2 -= 1;
        }
    }
    let clip = |s: &str, mut n: usize| {
        while !s.is_char_boundary(n) {
            n -= 1;
        }
        s[..n].to_string()
    };
    let mut out = clip(name1, n1);
    if let Some(n) = name2 {
        out.push('_');
        out.push_str(&clip(n, n2));
    }
    if let Some(l) = label {
        out.push('_');
        out.push_str(l);
    }
    Ident::new(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_names_cut_the_longer_part_first() {
        assert_eq!(
            pg_name("orders", Some("id"), Some("seq")).as_str(),
            "orders_id_seq"
        );
        let long = "a".repeat(60);
        let n = pg_name(&long, Some("id"), Some("seq"));
        assert_eq!(n.as_str().len(), 63);
        assert!(n.as_str().ends_with("aa_id_seq"));
        let both = pg_name(&"t".repeat(40), Some(&"c".repeat(40)), Some("idx"));
        assert_eq!(
            both.as_str(),
            format!("{}_{}_idx", "t".repeat(29), "c".repeat(29))
        );
    }

    #[test]
    fn quoting_doubles_quotes() {
        assert_eq!(quote_ident("a\"b"), "\"a\"\"b\"");
        assert_eq!(quote_literal("it's"), "'it''s'");
        assert_eq!(quote_literal("a\\b"), "E'a\\\\b'");
    }

    #[test]
    fn long_names_are_fitted_deterministically() {
        let long = "a".repeat(80);
        let a = fit_name(&long);
        assert!(a.as_str().len() <= MAX_IDENT_BYTES);
        assert_eq!(a, fit_name(&long));
        let other = format!("{}b", "a".repeat(79));
        assert_ne!(a, fit_name(&other));
        assert_eq!(fit_name("short").as_str(), "short");
        let multibyte = "é".repeat(40);
        assert!(fit_name(&multibyte).as_str().len() <= MAX_IDENT_BYTES);
    }
}
