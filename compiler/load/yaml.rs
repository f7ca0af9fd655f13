//! A YAML document as a tree of nodes, each with the span it was written at,
//! built straight from the events of serde-saphyr's parser (granit): YAML
//! 1.2 core-schema scalars, anchors and merge keys, duplicate keys refused.
//! Everything else (unknown keys, wrong shapes) is left to the syntax layer
//! so it can report all of them at once instead of stopping at the first.

use std::collections::{HashMap, HashSet};

use serde_saphyr::granit_parser::{Event, Marker, Parser, ScalarStyle};

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

/// A YAML error: message and where.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    pub duplicate_key: bool,
}

/// Byte offsets of line starts, to turn (line, column) into a byte offset
/// when the parser does not report one.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn span_of(file: FileId, text: &str, starts: &[usize], start: &Marker, end: &Marker) -> Span {
    let line = u32::try_from(start.line()).unwrap_or(u32::MAX).max(1);
    let col0 = start.col();
    let offset = start.byte_offset().unwrap_or_else(|| {
        let base = starts.get(line as usize - 1).copied().unwrap_or(text.len());
        base + text[base.min(text.len())..]
            .char_indices()
            .nth(col0)
            .map(|(b, _)| b)
            .unwrap_or(0)
    });
    let end_offset = end.byte_offset().unwrap_or(offset);
    Span {
        file,
        line,
        col: u32::try_from(col0 + 1).unwrap_or(u32::MAX),
        offset: offset.min(text.len()),
        len: end_offset.saturating_sub(offset),
    }
}

/// A plain scalar resolved by the YAML 1.2 core schema: `null`, booleans
/// (`true`/`false` only — `on`, `yes` stay strings), integers, floats.
fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(i) = text.parse::<i64>() {
            return Value::Int(i);
        }
    } else if let Some(hex) = text.strip_prefix("0x")
        && let Ok(i) = i64::from_str_radix(hex, 16)
    {
        return Value::Int(i);
    } else if let Some(oct) = text.strip_prefix("0o")
        && let Ok(i) = i64::from_str_radix(oct, 8)
    {
        return Value::Int(i);
    }
    let float_like = digits.bytes().any(|b| b.is_ascii_digit())
        && digits.bytes().all(|b| {
            b.is_ascii_digit() || b == b'.' || b == b'e' || b == b'E' || b == b'-' || b == b'+'
        })
        && digits.bytes().filter(|b| *b == b'.').count() <= 1;
    if float_like && let Ok(f) = text.parse::<f64>() {
        return Value::Float(f);
    }
    match text {
        ".inf" | ".Inf" | ".INF" | "+.inf" => Value::Float(f64::INFINITY),
        "-.inf" | "-.Inf" | "-.INF" => Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => Value::Float(f64::NAN),
        _ => Value::Str(text.to_string()),
    }
}

enum Frame {
    Seq(Vec<Node>, Span, usize),
    Map(Vec<(Key, Node)>, Span, usize, Option<Key>, HashSet<String>),
}

/// Parse one file. An empty document is `Value::Null`.
pub fn parse(file: FileId, text: &str) -> Result<Node, ParseError> {
    let starts = line_starts(text);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut root: Option<Node> = None;
    let fail = |span: Span, message: String, duplicate_key: bool| ParseError {
        message,
        span,
        duplicate_key,
    };
    while let Some(event) = parser.next_event() {
        let (event, raw) = match event {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                return Err(fail(span_of(file, text, &starts, m, m), e.info(), false));
            }
        };
        let span = span_of(file, text, &starts, &raw.start, &raw.end);
        let finished: Node = match event {
            Event::StreamStart
            | Event::StreamEnd
            | Event::DocumentStart(..)
            | Event::Anchor(..) => continue,
            Event::DocumentEnd => {
                if root.is_some() {
                    break;
                }
                continue;
            }
            Event::SequenceStart(_, anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), span, anchor));
                continue;
            }
            Event::MappingStart(_, anchor, _) => {
                stack.push(Frame::Map(Vec::new(), span, anchor, None, HashSet::new()));
                continue;
            }
            Event::SequenceEnd => match stack.pop() {
                Some(Frame::Seq(items, start, anchor)) => remember(
                    &mut anchors,
                    anchor,
                    Node {
                        value: Value::Seq(items),
                        span: start,
                    },
                ),
                _ => return Err(fail(span, "unbalanced sequence".into(), false)),
            },
            Event::MappingEnd => match stack.pop() {
                Some(Frame::Map(items, start, anchor, _, _)) => remember(
                    &mut anchors,
                    anchor,
                    Node {
                        value: Value::Map(items),
                        span: start,
                    },
                ),
                _ => return Err(fail(span, "unbalanced mapping".into(), false)),
            },
            Event::Alias(id) => match anchors.get(&id) {
                Some(n) => Node {
                    value: n.value.clone(),
                    span,
                },
                None => return Err(fail(span, "alias to an unknown anchor".into(), false)),
            },
            Event::UnresolvedAlias(name) => {
                return Err(fail(span, format!("alias `*{name}` has no anchor"), false));
            }
            Event::Scalar(value, style, anchor, tag) => {
                let string_tag = tag.as_ref().is_some_and(|t| t.suffix() == "str");
                let v = if style == ScalarStyle::Plain && !string_tag {
                    plain(&value)
                } else {
                    Value::Str(value.into_owned())
                };
                remember(&mut anchors, anchor, Node { value: v, span })
            }
            #[allow(unreachable_patterns)]
            _ => continue,
        };
        match stack.last_mut() {
            None => {
                root = Some(finished);
            }
            Some(Frame::Seq(items, ..)) => items.push(finished),
            Some(Frame::Map(items, _, _, pending, seen)) => match pending.take() {
                None => {
                    let Some(text) = finished.scalar_text() else {
                        return Err(fail(
                            finished.span,
                            "a mapping key must be a plain value, not a list or mapping".into(),
                            false,
                        ));
                    };
                    if text != "<<" && !seen.insert(text.clone()) {
                        return Err(fail(
                            finished.span,
                            format!("duplicate mapping key: {text}"),
                            true,
                        ));
                    }
                    *pending = Some(Key {
                        text,
                        span: finished.span,
                    });
                }
                Some(key) if key.text == "<<" => {
                    // A merge key: the merged mapping's entries, where not set here.
                    let merged: Vec<Node> = match finished.value {
                        Value::Map(_) => vec![finished],
                        Value::Seq(ms) => ms,
                        _ => {
                            return Err(fail(
                                finished.span,
                                "`<<` merges a mapping or a list of mappings".into(),
                                false,
                            ));
                        }
                    };
                    for m in merged {
                        if let Value::Map(entries) = m.value {
                            for (k, v) in entries {
                                if seen.insert(k.text.clone()) {
                                    items.push((k, v));
                                }
                            }
                        }
                    }
                }
                Some(key) => items.push((key, finished)),
            },
        }
    }
    Ok(root.unwrap_or(Node {
        value: Value::Null,
        span: Span {
            file,
            line: 1,
            col: 1,
            offset: 0,
            len: 0,
        },
    }))
}

fn remember(anchors: &mut HashMap<usize, Node>, anchor: usize, node: Node) -> Node {
    if anchor != 0 {
        anchors.insert(anchor, node.clone());
    }
    node
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
