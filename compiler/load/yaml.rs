//! A YAML document as a tree of nodes, each with the span it was written at,
//! built straight from the events of serde-saphyr's parser (granit): YAML
//! 1.2 core-schema scalars, anchors and merge keys, duplicate keys refused.
//! Everything else (unknown keys, wrong shapes) is left to the syntax layer
//! so it can report all of them at once instead of stopping at the first.
//! Hostile input is bounded: alias expansion, nesting depth and the number
//! of documents have limits, each reported as an error rather than followed.

use std::collections::HashMap;

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

/// What kind of problem a [`ParseError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// The scanner or parser gave up: nothing after this point was read.
    Syntax,
    /// A mapping repeats a key; the first one is kept and reading goes on.
    DuplicateKey,
    /// Alias expansion or nesting past the limits: reading stopped.
    Limit,
    /// A second document in one file: it is not read.
    ExtraDocument,
}

/// A YAML error: message and where.
#[derive(Debug, Clone)]
pub struct ParseError {
    pub message: String,
    pub span: Span,
    pub kind: ErrorKind,
    /// For a duplicate key: where the key was first written.
    pub first: Option<Span>,
}

/// A parsed file: the tree (absent when reading stopped at a syntax error
/// or a limit) and every error found.
#[derive(Debug)]
pub struct Parsed {
    pub node: Option<Node>,
    pub errors: Vec<ParseError>,
}

/// Nodes that aliases may add to a file in all (a few times the size of any
/// schema people write; "billion laughs" files pass it within a few levels).
pub const MAX_ALIAS_NODES: usize = 100_000;
/// Deepest nesting of mappings and lists in one file.
pub const MAX_DEPTH: usize = 64;

/// Number of nodes in a tree, counting the root.
fn weight(node: &Node) -> usize {
    match &node.value {
        Value::Seq(items) => 1 + items.iter().map(weight).sum::<usize>(),
        Value::Map(entries) => 1 + entries.iter().map(|(_, v)| weight(v)).sum::<usize>(),
        _ => 1,
    }
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
    let offset = floor_char(text, offset.min(text.len()));
    Span {
        file,
        line,
        col: u32::try_from(col0 + 1).unwrap_or(u32::MAX),
        offset: offset.min(text.len()),
        len: end_offset.saturating_sub(offset),
    }
}

/// The char boundary at or before `i`.
fn floor_char(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
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

/// A mapping key waiting for its value; `skip` drops the value (the key
/// repeats one already read).
struct Pending {
    key: Key,
    skip: bool,
}

enum Frame {
    Seq(Vec<Node>, Span, usize),
    Map(
        Vec<(Key, Node)>,
        Span,
        usize,
        Option<Pending>,
        HashMap<String, Span>,
    ),
}

/// Parse one file. An empty document is `Value::Null`.
pub fn parse(file: FileId, text: &str) -> Parsed {
    let mut errors = Vec::new();
    let node = parse_into(file, text, &mut errors);
    Parsed { node, errors }
}

fn parse_into(file: FileId, text: &str, errors: &mut Vec<ParseError>) -> Option<Node> {
    let starts = line_starts(text);
    let mut parser = Parser::new_from_str(text);
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchors: HashMap<usize, (Node, usize)> = HashMap::new();
    let mut root: Option<Node> = None;
    let mut aliased = 0usize;
    let fail = |span: Span, message: String, kind: ErrorKind| ParseError {
        message,
        span,
        kind,
        first: None,
    };
    while let Some(event) = parser.next_event() {
        let (event, raw) = match event {
            Ok(e) => e,
            Err(e) => {
                let m = e.marker();
                errors.push(fail(
                    span_of(file, text, &starts, m, m),
                    e.info().to_string(),
                    ErrorKind::Syntax,
                ));
                return None;
            }
        };
        let span = span_of(file, text, &starts, &raw.start, &raw.end);
        let finished: Node = match event {
            Event::StreamStart | Event::StreamEnd | Event::DocumentEnd | Event::Anchor(..) => {
                continue;
            }
            Event::DocumentStart(..) => {
                if root.is_some() {
                    errors.push(fail(
                        span,
                        "a second YAML document: schemac reads one document per file".into(),
                        ErrorKind::ExtraDocument,
                    ));
                    break;
                }
                continue;
            }
            Event::SequenceStart(_, anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    errors.push(fail(
                        span,
                        format!("mappings and lists nest deeper than {MAX_DEPTH} levels"),
                        ErrorKind::Limit,
                    ));
                    return None;
                }
                stack.push(Frame::Seq(Vec::new(), span, anchor));
                continue;
            }
            Event::MappingStart(_, anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    errors.push(fail(
                        span,
                        format!("mappings and lists nest deeper than {MAX_DEPTH} levels"),
                        ErrorKind::Limit,
                    ));
                    return None;
                }
                stack.push(Frame::Map(Vec::new(), span, anchor, None, HashMap::new()));
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
                _ => {
                    errors.push(fail(span, "unbalanced sequence".into(), ErrorKind::Syntax));
                    return None;
                }
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
                _ => {
                    errors.push(fail(span, "unbalanced mapping".into(), ErrorKind::Syntax));
                    return None;
                }
            },
            Event::Alias(id) => match anchors.get(&id) {
                Some((n, w)) => {
                    aliased = aliased.saturating_add(*w);
                    if aliased > MAX_ALIAS_NODES {
                        errors.push(fail(
                            span,
                            format!("aliases expand to more than {MAX_ALIAS_NODES} values"),
                            ErrorKind::Limit,
                        ));
                        return None;
                    }
                    Node {
                        value: n.value.clone(),
                        span,
                    }
                }
                None => {
                    errors.push(fail(
                        span,
                        "alias to an unknown anchor".into(),
                        ErrorKind::Syntax,
                    ));
                    return None;
                }
            },
            Event::UnresolvedAlias(name) => {
                errors.push(fail(
                    span,
                    format!("alias `*{name}` has no anchor"),
                    ErrorKind::Syntax,
                ));
                return None;
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
                        errors.push(fail(
                            finished.span,
                            "a mapping key must be a plain value, not a list or mapping".into(),
                            ErrorKind::Syntax,
                        ));
                        return None;
                    };
                    let mut skip = false;
                    if text != "<<" {
                        if let Some(first) = seen.get(&text) {
                            errors.push(ParseError {
                                message: format!("duplicate mapping key: {text}"),
                                span: finished.span,
                                kind: ErrorKind::DuplicateKey,
                                first: Some(*first),
                            });
                            skip = true;
                        } else {
                            seen.insert(text.clone(), finished.span);
                        }
                    }
                    *pending = Some(Pending {
                        key: Key {
                            text,
                            span: finished.span,
                        },
                        skip,
                    });
                }
                Some(Pending { skip: true, .. }) => {}
                Some(Pending { key, .. }) if key.text == "<<" => {
                    // A merge key: the merged mapping's entries, where not set here.
                    let merged: Vec<Node> = match finished.value {
                        Value::Map(_) => vec![finished],
                        Value::Seq(ms) => ms,
                        _ => {
                            errors.push(fail(
                                finished.span,
                                "`<<` merges a mapping or a list of mappings".into(),
                                ErrorKind::Syntax,
                            ));
                            return None;
                        }
                    };
                    for m in merged {
                        if let Value::Map(entries) = m.value {
                            for (k, v) in entries {
                                if !seen.contains_key(&k.text) {
                                    seen.insert(k.text.clone(), k.span);
                                    items.push((k, v));
                                }
                            }
                        }
                    }
                }
                Some(Pending { key, .. }) => items.push((key, finished)),
            },
        }
    }
    Some(root.unwrap_or(Node {
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

fn remember(anchors: &mut HashMap<usize, (Node, usize)>, anchor: usize, node: Node) -> Node {
    if anchor != 0 {
        let w = weight(&node);
        anchors.insert(anchor, (node.clone(), w));
    }
    node
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(text: &str) -> Node {
        let p = parse(FileId(0), text);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        p.node.expect("a tree")
    }

    fn first_error(text: &str) -> ParseError {
        parse(FileId(0), text)
            .errors
            .into_iter()
            .next()
            .expect("an error")
    }

    #[test]
    fn keys_and_values_keep_positions() {
        let text = "a: 1\nb:\n  c: [x, 'y']\n";
        let node = tree(text);
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
    fn duplicate_keys_are_reported_where_they_repeat_and_reading_goes_on() {
        let p = parse(FileId(0), "a: 1\na: 2\nb: 3\n");
        assert_eq!(p.errors.len(), 1);
        let err = &p.errors[0];
        assert_eq!(err.kind, ErrorKind::DuplicateKey);
        assert_eq!(err.span.line, 2);
        assert_eq!(err.first.map(|s| s.line), Some(1));
        let Some(Node {
            value: Value::Map(items),
            ..
        }) = p.node
        else {
            panic!("map expected")
        };
        let keys: Vec<&str> = items.iter().map(|(k, _)| k.text.as_str()).collect();
        assert_eq!(keys, ["a", "b"]);
        assert!(matches!(items[0].1.value, Value::Int(1)));
    }

    #[test]
    fn yaml_1_1_booleans_are_strings() {
        let node = tree("a: off\nb: yes\nc: true\n");
        let Value::Map(items) = &node.value else {
            panic!("map expected")
        };
        assert!(matches!(&items[0].1.value, Value::Str(s) if s == "off"));
        assert!(matches!(&items[1].1.value, Value::Str(s) if s == "yes"));
        assert!(matches!(items[2].1.value, Value::Bool(true)));
    }

    #[test]
    fn syntax_errors_have_a_position() {
        let err = first_error("a: [1, 2\nb: 3\n");
        assert_eq!(err.kind, ErrorKind::Syntax);
        assert_eq!(err.span.line, 2);
    }

    #[test]
    fn alias_expansion_is_bounded() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let started = std::time::Instant::now();
        let p = parse(FileId(0), &text);
        assert!(started.elapsed() < std::time::Duration::from_secs(2));
        assert!(p.node.is_none());
        assert_eq!(p.errors[0].kind, ErrorKind::Limit);
    }

    #[test]
    fn nesting_is_bounded() {
        for depth in [MAX_DEPTH + 1, 100_000] {
            let text = format!("a: {}{}\n", "[".repeat(depth), "]".repeat(depth));
            let p = parse(FileId(0), &text);
            assert!(p.node.is_none());
            assert!(!p.errors.is_empty());
        }
        let text = format!(
            "a: {}{}\n",
            "[".repeat(MAX_DEPTH + 1),
            "]".repeat(MAX_DEPTH + 1)
        );
        assert_eq!(parse(FileId(0), &text).errors[0].kind, ErrorKind::Limit);
    }

    #[test]
    fn a_second_document_is_reported() {
        let p = parse(FileId(0), "a: 1\n---\nb: 2\n");
        assert!(p.node.is_some());
        assert_eq!(p.errors[0].kind, ErrorKind::ExtraDocument);
        assert_eq!(p.errors[0].span.line, 2);
    }

    #[test]
    fn spans_fall_on_character_boundaries() {
        let text = "a:\n  b: \"\u{feff}x\"\n  \u{e9}c: 2\n  d: \u{e9}\u{e9}\n";
        let node = tree(text);
        let Value::Map(items) = &node.value else {
            panic!("map expected")
        };
        fn walk(n: &Node, text: &str) {
            assert!(text.is_char_boundary(n.span.offset));
            if let Value::Map(items) = &n.value {
                for (k, v) in items {
                    assert!(text.is_char_boundary(k.span.offset));
                    walk(v, text);
                }
            }
        }
        walk(&items[0].1, text);
    }
}
