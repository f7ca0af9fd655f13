//! Just enough SQL lexing to find the identifiers an expression mentions
//! (for unknown-column checks and view dependencies) and to catch unbalanced
//! quotes and parentheses before PostgreSQL does. Not a parser.

/// An identifier found in an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub text: String,
    /// Written in double quotes: case is exact.
    pub quoted: bool,
    /// Followed by `(`: a function name.
    pub call: bool,
    /// Preceded by `.`: a qualified member (`t.col`, `schema.fn`).
    pub member: bool,
    /// Followed by `.`: a qualifier (`t` in `t.col`).
    pub qualifier: bool,
}

/// Lex `expr` into words, or say what is unbalanced.
pub fn words(expr: &str) -> Result<Vec<Word>, String> {
    let b = expr.as_bytes();
    let mut i = 0;
    let mut out: Vec<Word> = Vec::new();
    let mut depth: i32 = 0;
    let mut after_cast = false;
    let mut prev_dot = false;
    while i < b.len() {
        let c = b[i];
        match c {
            b'\'' => {
                i = skip_quoted(b, i, b'\'').ok_or("unterminated string literal")?;
                prev_dot = false;
                after_cast = false;
                continue;
            }
            b'$' if i + 1 < b.len() && (b[i + 1] == b'$' || b[i + 1].is_ascii_alphabetic()) => {
                if let Some(end) = expr[i + 1..].find('$') {
                    let tag = &expr[i..i + 1 + end + 1];
                    if tag[1..tag.len() - 1]
                        .bytes()
                        .all(|c| c.is_ascii_alphanumeric() || c == b'_')
                    {
                        let body_start = i + tag.len();
                        let close = expr[body_start..]
                            .find(tag)
                            .ok_or("unterminated dollar-quoted string")?;
                        i = body_start + close + tag.len();
                        continue;
                    }
                }
                i += 1;
            }
            b'"' => {
                let end = skip_quoted(b, i, b'"').ok_or("unterminated quoted identifier")?;
                let text = expr[i + 1..end - 1].replace("\"\"", "\"");
                push_word(&mut out, text, true, prev_dot, after_cast, expr, end);
                after_cast = false;
                prev_dot = false;
                i = end;
                continue;
            }
            b'-' if b.get(i + 1) == Some(&b'-') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
                continue;
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let close = expr[i + 2..].find("*/").ok_or("unterminated comment")?;
                i += close + 4;
                continue;
            }
            b'(' | b'[' => depth += 1,
            b')' | b']' => {
                depth -= 1;
                if depth < 0 {
                    return Err(format!("unbalanced `{}`", c as char));
                }
            }
            b':' if b.get(i + 1) == Some(&b':') => {
                after_cast = true;
                i += 2;
                continue;
            }
            b'.' => {
                prev_dot = true;
                i += 1;
                continue;
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c >= 0x80 => {
                let start = i;
                while i < b.len()
                    && (b[i].is_ascii_alphanumeric()
                        || b[i] == b'_'
                        || b[i] == b'$'
                        || b[i] >= 0x80)
                {
                    i += 1;
                }
                let word = &expr[start..i];
                if after_cast {
                    // Skip a type name, which may span several words.
                    after_cast = TYPE_CONTINUATIONS.contains(&word.to_ascii_lowercase().as_str())
                        || (i < b.len() && b[i] == b' ' && next_word_continues(&expr[i..]));
                    prev_dot = false;
                    continue;
                }
                // A typed literal: `interval '1 day'`, `date '2025-01-01'`.
                let rest = expr[i..].trim_start();
                if rest.starts_with('\'')
                    && TYPED_LITERALS.contains(&word.to_ascii_lowercase().as_str())
                {
                    prev_dot = false;
                    continue;
                }
                push_word(
                    &mut out,
                    word.to_ascii_lowercase(),
                    false,
                    prev_dot,
                    false,
                    expr,
                    i,
                );
                prev_dot = false;
                continue;
            }
            c if c.is_ascii_digit() => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                    i += 1;
                }
                prev_dot = false;
                after_cast = false;
                continue;
            }
            _ => {}
        }
        if !c.is_ascii_whitespace() {
            prev_dot = false;
            after_cast = false;
        }
        i += 1;
    }
    if depth != 0 {
        return Err("unbalanced parentheses".into());
    }
    Ok(out)
}

fn next_word_continues(rest: &str) -> bool {
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    TYPE_CONTINUATIONS.contains(&next.to_ascii_lowercase().as_str())
}

fn push_word(
    out: &mut Vec<Word>,
    text: String,
    quoted: bool,
    member: bool,
    cast: bool,
    expr: &str,
    end: usize,
) {
    if cast {
        return;
    }
    let rest = expr[end..].trim_start();
    if let Some(last) = out.last_mut()
        && member
    {
        last.qualifier = true;
    }
    out.push(Word {
        text,
        quoted,
        call: rest.starts_with('('),
        member,
        qualifier: rest.starts_with('.') && !rest.starts_with(".."),
    });
}

fn skip_quoted(b: &[u8], start: usize, q: u8) -> Option<usize> {
    let mut i = start + 1;
    while i < b.len() {
        if b[i] == q {
            if b.get(i + 1) == Some(&q) {
                i += 2;
                continue;
            }
            return Some(i + 1);
        }
        i += 1;
    }
    None
}

const TYPE_CONTINUATIONS: &[&str] = &[
    "double",
    "precision",
    "with",
    "without",
    "time",
    "zone",
    "varying",
    "character",
];

const TYPED_LITERALS: &[&str] = &[
    "interval",
    "date",
    "timestamp",
    "timestamptz",
    "time",
    "uuid",
    "jsonb",
    "json",
    "numeric",
    "text",
    "inet",
];

/// Words that are SQL keywords or built-in value functions rather than column
/// references when they stand alone in an expression.
pub const KEYWORDS: &[&str] = &[
    "all",
    "and",
    "any",
    "array",
    "as",
    "asc",
    "at",
    "between",
    "both",
    "by",
    "case",
    "cast",
    "collate",
    "current_catalog",
    "current_date",
    "current_role",
    "current_schema",
    "current_time",
    "current_timestamp",
    "current_user",
    "default",
    "desc",
    "distinct",
    "else",
    "end",
    "escape",
    "exists",
    "false",
    "filter",
    "first",
    "from",
    "group",
    "ilike",
    "in",
    "interval",
    "is",
    "isnull",
    "last",
    "leading",
    "like",
    "localtime",
    "localtimestamp",
    "not",
    "notnull",
    "null",
    "nulls",
    "or",
    "order",
    "over",
    "partition",
    "row",
    "select",
    "session_user",
    "similar",
    "some",
    "symmetric",
    "then",
    "to",
    "trailing",
    "true",
    "unknown",
    "user",
    "using",
    "when",
    "where",
    "within",
    "zone",
    "infinity",
    "minvalue",
    "maxvalue",
    "values",
    "on",
    "join",
    "left",
    "right",
    "inner",
    "outer",
    "cross",
    "full",
    "lateral",
    "limit",
    "offset",
    "union",
    "intersect",
    "except",
    "having",
    "window",
    "rows",
    "range",
    "preceding",
    "following",
    "unbounded",
    "current",
    "only",
    "for",
    "with",
    "recursive",
    "natural",
    "fetch",
    "next",
    "asymmetric",
    "overlaps",
    "time",
    "timestamp",
    "date",
    "double",
    "precision",
    "varying",
    "character",
    "without",
    "year",
    "month",
    "day",
    "hour",
    "minute",
    "second",
    "extract",
    "position",
    "substring",
    "trim",
    "overlay",
    "coalesce",
    "nullif",
    "greatest",
    "least",
    "exists",
];

/// Column-like words of an expression: not keywords, not function names, not
/// qualifiers or members of a qualified name.
pub fn column_words(expr: &str) -> Result<Vec<Word>, String> {
    Ok(words(expr)?
        .into_iter()
        .filter(|w| !w.call && !w.member && !w.qualifier)
        .filter(|w| w.quoted || !KEYWORDS.contains(&w.text.as_str()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cols(e: &str) -> Vec<String> {
        column_words(e)
            .expect("balanced")
            .into_iter()
            .map(|w| w.text)
            .collect()
    }

    #[test]
    fn finds_column_references_only() {
        assert_eq!(cols("status in ('queued','sent')"), ["status"]);
        assert_eq!(cols("lower(email)"), ["email"]);
        assert_eq!(cols("score >= -1 AND score <= 1"), ["score", "score"]);
        assert_eq!(cols("created > now() - interval '1 day'"), ["created"]);
        assert_eq!(cols("(metadata->>'kind')::text = 'x'"), ["metadata"]);
        assert_eq!(cols("\"Weird\" is not null"), ["Weird"]);
        assert_eq!(cols("t.a = 1"), Vec::<String>::new());
        assert_eq!(cols("x::timestamp with time zone > y"), ["x", "y"]);
        assert_eq!(cols("$$a b$$ = c"), ["c"]);
    }

    #[test]
    fn unbalanced_input_is_an_error() {
        assert!(words("lower(email").is_err());
        assert!(words("a = 'x").is_err());
        assert!(words("a)").is_err());
    }
}

/// Sequences an expression reads with `nextval('name'::regclass)` (a serial
/// column's default): the relation names, unquoted, as `regclass` reads them
/// (unquoted parts fold to lower case, a schema prefix is dropped).
pub fn sequences_read(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let lower = expr.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("nextval(") {
        let start = from + at + "nextval(".len();
        from = start;
        let rest = expr[start..].trim_start();
        let Some(body) = rest.strip_prefix('\'') else {
            continue;
        };
        // The literal ends at a quote that is not doubled.
        let mut literal = String::new();
        let mut chars = body.chars().peekable();
        while let Some(c) = chars.next() {
            if c == '\'' {
                if chars.peek() == Some(&'\'') {
                    chars.next();
                    literal.push('\'');
                    continue;
                }
                break;
            }
            literal.push(c);
        }
        if let Some(name) = last_name_part(&literal) {
            out.push(name);
        }
    }
    out
}

/// The last part of a possibly qualified, possibly quoted name.
fn last_name_part(text: &str) -> Option<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut was_quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                cur.push('"');
            }
            '"' => {
                quoted = !quoted;
                was_quoted = true;
            }
            '.' if !quoted => {
                parts.push((std::mem::take(&mut cur), was_quoted));
                was_quoted = false;
            }
            c => cur.push(c),
        }
    }
    parts.push((cur, was_quoted));
    let (name, q) = parts.pop()?;
    let name = if q {
        name
    } else {
        name.trim().to_ascii_lowercase()
    };
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod sequence_tests {
    #[test]
    fn nextval_names_are_read_as_regclass_reads_them() {
        assert_eq!(
            super::sequences_read("nextval('orders_id_seq'::regclass)"),
            ["orders_id_seq"]
        );
        assert_eq!(
            super::sequences_read("nextval('public.\"Odd \"\"Seq\"'::regclass)"),
            ["Odd \"Seq"]
        );
        assert_eq!(super::sequences_read("NEXTVAL('Tickets')"), ["tickets"]);
        assert!(super::sequences_read("now()").is_empty());
    }
}

/// `x IN ('a', 'b')` on a varchar column is stored as `((x)::text = ANY
/// ((ARRAY['a'::character varying, 'b'::character varying])::text[]))`, and
/// that text parses back into another expression (the cast moves into the
/// array), so a schema rebuilt from it differs from its source. Written back
/// as `IN` (or `NOT IN` for `<> ALL`), it parses into the stored one again.
pub fn varchar_in_lists(expr: &str) -> String {
    let mut out = String::with_capacity(expr.len());
    let mut rest = expr;
    while let Some(at) = find_in_list(rest) {
        let (before, from) = rest.split_at(at.start);
        out.push_str(before);
        out.push('(');
        out.push_str(at.operand);
        out.push_str(if at.negated { " NOT IN (" } else { " IN (" });
        out.push_str(&at.items.join(", "));
        out.push_str("))");
        rest = &from[at.len..];
    }
    out.push_str(rest);
    out
}

/// What closes a stored varchar IN list.
const IN_LIST_END: &str = "])::text[]))";

struct InList<'a> {
    start: usize,
    len: usize,
    operand: &'a str,
    negated: bool,
    items: Vec<&'a str>,
}

/// The first `((operand)::text = ANY ((ARRAY[…])::text[]))` in `s`.
fn find_in_list(s: &str) -> Option<InList<'_>> {
    let mut from = 0;
    while let Some(rel) = s[from..].find("((") {
        let start = from + rel;
        from = start + 1;
        let body = &s[start + 1..];
        // `(operand)::text` with a balanced operand.
        let Some(operand_end) = balanced(body) else {
            continue;
        };
        let operand = &body[1..operand_end];
        let after = &body[operand_end + 1..];
        let (negated, after) = if let Some(a) = after.strip_prefix("::text = ANY ((ARRAY[") {
            (false, a)
        } else if let Some(a) = after.strip_prefix("::text <> ALL ((ARRAY[") {
            (true, a)
        } else {
            continue;
        };
        let mut items = Vec::new();
        let mut pos = 0;
        let bytes = after.as_bytes();
        let ok = loop {
            if bytes.get(pos) != Some(&b'\'') {
                break false;
            }
            // A literal, with '' inside.
            let mut end = pos + 1;
            while end < bytes.len() {
                if bytes[end] == b'\'' {
                    if bytes.get(end + 1) == Some(&b'\'') {
                        end += 2;
                        continue;
                    }
                    break;
                }
                end += 1;
            }
            let literal = &after[pos..=end.min(after.len() - 1)];
            let Some(next) = after[end + 1..].strip_prefix("::character varying") else {
                break false;
            };
            items.push(literal);
            pos = after.len() - next.len();
            if let Some(n) = after[pos..].strip_prefix(", ") {
                pos = after.len() - n.len();
                continue;
            }
            break after[pos..].starts_with(IN_LIST_END);
        };
        if ok && !items.is_empty() && !operand.is_empty() {
            let end = s.len() - after.len() + pos + IN_LIST_END.len();
            let len = end - start;
            return Some(InList {
                start,
                len,
                operand,
                negated,
                items,
            });
        }
    }
    None
}

/// The end of the parenthesised group `s` opens with (`(`), quotes skipped.
fn balanced(s: &str) -> Option<usize> {
    let mut depth = 0i32;
    let mut quoted = false;
    for (i, c) in s.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth -= 1;
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod in_list_tests {
    use super::varchar_in_lists;

    #[test]
    fn varchar_in_lists_are_written_back_as_in() {
        assert_eq!(
            varchar_in_lists(
                "((role)::text = ANY ((ARRAY['student'::character varying, 'it''s'::character varying])::text[]))"
            ),
            "(role IN ('student', 'it''s'))"
        );
        assert_eq!(
            varchar_in_lists(
                "(((kind)::text <> ALL ((ARRAY['a'::character varying])::text[])) AND (n > 0))"
            ),
            "((kind NOT IN ('a')) AND (n > 0))"
        );
        let untouched = "(status = ANY (ARRAY['a'::text, 'b'::text]))";
        assert_eq!(varchar_in_lists(untouched), untouched);
    }
}
