//! A YAML document as a tree of nodes, each with the span it was written at.
//! serde-saphyr parses and rejects duplicate keys; we keep everything else
//! (unknown keys, wrong shapes) for the syntax layer so it can report all of
//! them at once instead of stopping at the first.

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{Location, Spanned};

use crate::model::{FileId, Span};

#[derive(Debug, Clone)]
pub enum Value {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone)]
pub struct Node {
    pub value: Value,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct Key {
    pub text: String,
    pub span: Span,
}

impl Node {
    /// A word for error messages: "a string", "a list".
    pub fn kind(&self) -> &'static str {
        match self.value {
            Value::Null => "nothing",
            Value::Bool(_) => "a boolean",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Str(_) => "a string",
            Value::Seq(_) => "a list",
            Value::Map(_) => "a mapping",
        }
    }

    /// The scalar as text (`0`, `true`, `2025-01`), if it is a scalar.
    pub fn scalar_text(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(i.to_string()),
            Value::Float(f) => Some(f.to_string()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }
}

/// Raw tree as serde-saphyr hands it over, before spans are resolved to a file.
enum Raw {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Seq(Vec<Spanned<Raw>>),
    Map(Vec<(Spanned<String>, Spanned<Raw>)>),
}

struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }
    fn visit_bool<E>(self, v: bool) -> Result<Raw, E> {
        Ok(Raw::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Raw, E> {
        Ok(Raw::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Raw, E> {
        Ok(i64::try_from(v)
            .map(Raw::Int)
            .unwrap_or(Raw::Str(v.to_string())))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Raw, E> {
        Ok(Raw::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Raw, E> {
        Ok(Raw::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Raw, E> {
        Ok(Raw::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(x) = a.next_element()? {
            items.push(x);
        }
        Ok(Raw::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut a: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(entry) = a.next_entry()? {
            items.push(entry);
        }
        Ok(Raw::Map(items))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(RawVisitor)
    }
}

/// A YAML error: message and where.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    pub duplicate_key: bool,
}

/// Parse one file. An empty document is `Value::Null`.
pub fn parse(file: FileId, text: &str) -> Result<Node, ParseError> {
    // YAML 1.2 booleans only: `on`, `off`, `yes`, `no` stay strings (an enum
    // value `off`, a rule level `off`).
    let mut options = serde_saphyr::Options::default();
    options.strict_booleans = true;
    let raw: Result<Spanned<Raw>, _> = serde_saphyr::from_str_with_options(text, options);
    match raw {
        Ok(raw) => Ok(convert(file, text, raw)),
        Err(e) => {
            let loc = e.location();
            let rendered = e.to_string();
            // serde-saphyr appends its own snippet after the first line.
            let first = rendered.lines().next().unwrap_or("invalid YAML").trim();
            let message = first
                .trim_start_matches("error: ")
                .split_once(": ")
                .filter(|(head, _)| head.starts_with("line "))
                .map(|(_, msg)| msg.to_string())
                .unwrap_or_else(|| first.to_string());
            let message = message
                .split(", set DuplicateKeyPolicy")
                .next()
                .unwrap_or_default()
                .to_string();
            let span = match loc {
                Some(l) => span_of(file, text, &l),
                None => Span {
                    file,
                    line: 1,
                    col: 1,
                    offset: 0,
                    len: 0,
                },
            };
            Err(ParseError {
                duplicate_key: message.contains("duplicate mapping key"),
                message,
                span,
            })
        }
    }
}

fn span_of(file: FileId, text: &str, l: &Location) -> Span {
    let line = u32::try_from(l.line()).unwrap_or(u32::MAX).max(1);
    let col = u32::try_from(l.column()).unwrap_or(u32::MAX).max(1);
    let offset = l
        .span()
        .byte_offset()
        .map(|o| o as usize)
        .unwrap_or_else(|| offset_of(text, line, col));
    let len = l.span().byte_len().unwrap_or(0) as usize;
    Span {
        file,
        line,
        col,
        offset: offset.min(text.len()),
        len,
    }
}

/// Byte offset of a 1-based line and character column.
fn offset_of(text: &str, line: u32, col: u32) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line as usize {
            return off
                + l.char_indices()
                    .nth(col as usize - 1)
                    .map(|(b, _)| b)
                    .unwrap_or(l.len());
        }
        off += l.len();
    }
    text.len()
}

fn convert(file: FileId, text: &str, raw: Spanned<Raw>) -> Node {
    let span = span_of(file, text, &raw.referenced);
    let value = match raw.value {
        Raw::Null => Value::Null,
        Raw::Bool(b) => Value::Bool(b),
        Raw::Int(i) => Value::Int(i),
        Raw::Float(f) => Value::Float(f),
        Raw::Str(s) => Value::Str(s),
        Raw::Seq(items) => Value::Seq(items.into_iter().map(|x| convert(file, text, x)).collect()),
        Raw::Map(items) => Value::Map(
            items
                .into_iter()
                .map(|(k, v)| {
                    let kspan = span_of(file, text, &k.referenced);
                    (
                        Key {
                            text: k.value,
                            span: kspan,
                        },
                        convert(file, text, v),
                    )
                })
                .collect(),
        ),
    };
    Node { value, span }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_values_keep_positions() {
        let text = "a: 1\nb:\n  c: [x, 'y']\n";
        let node = parse(FileId(0), text).expect("valid yaml");
        let Value::Map(items) = &node.value else {
            panic!("map expected")
        };
        assert_eq!(items[1].0.text, "b");
        assert_eq!((items[1].0.span.line, items[1].0.span.col), (2, 1));
        let Value::Map(inner) = &items[1].1.value else {
            panic!("map expected")
        };
        let Value::Seq(seq) = &inner[0].1.value else {
            panic!("seq expected")
        };
        assert_eq!((seq[1].span.line, seq[1].span.col), (3, 10));
        assert_eq!(&text[seq[1].span.offset..seq[1].span.offset + 3], "'y'");
    }

    #[test]
    fn duplicate_keys_are_reported_where_they_repeat() {
        let err = parse(FileId(0), "a: 1\na: 2\n").expect_err("duplicate");
        assert!(err.duplicate_key);
        assert_eq!(err.span.line, 2);
    }

    #[test]
    fn yaml_1_1_booleans_are_strings() {
        let node = parse(FileId(0), "a: off\nb: yes\nc: true\n").expect("valid yaml");
        let Value::Map(items) = &node.value else {
            panic!("map expected")
        };
        assert!(matches!(&items[0].1.value, Value::Str(s) if s == "off"));
        assert!(matches!(&items[1].1.value, Value::Str(s) if s == "yes"));
        assert!(matches!(items[2].1.value, Value::Bool(true)));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = parse(FileId(0), "a: [1, 2\nb: 3\n").expect_err("bad yaml");
        assert!(!err.duplicate_key);
        assert_eq!(err.span.line, 2);
    }
}
