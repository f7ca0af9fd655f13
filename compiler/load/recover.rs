//! Reading on after a YAML error. A scanner error stops the parser for the
//! whole file, so the entry holding it (a table, a view, an enum: a key one
//! level under `tables:` and its block) is blanked out, line numbers kept,
//! and the file read again. The entries dropped that way are remembered, so
//! errors elsewhere that only follow from them can say so. Also: a hint for
//! each kind of scanner error, and the position of a tab used to indent.

use crate::diag::Diagnostics;
use crate::model::Span;

/// An entry left out of a file because it did not parse.
#[derive(Debug, Clone)]
pub struct Dropped {
    /// The entry's key, e.g. a table name.
    pub name: String,
    /// Where the error that dropped it is.
    pub error: Span,
}

/// Indentation of a line (spaces and tabs), or `None` for a blank or
/// comment-only line.
fn indent(line: &str) -> Option<usize> {
    let trimmed = line.trim_start_matches([' ', '\t']);
    if trimmed.is_empty() || trimmed.starts_with('#') {
        return None;
    }
    Some(line.len() - trimmed.len())
}

/// `text` with the second-level entry holding line `line` (1-based) turned
/// into blank lines, and that entry's key; `None` when the error is not
/// inside such an entry.
pub fn blank_entry(text: &str, line: u32) -> Option<(String, String)> {
    let lines: Vec<&str> = text.split('\n').collect();
    let at = (line as usize)
        .checked_sub(1)?
        .min(lines.len().checked_sub(1)?);
    // The top-level key the error is under.
    let top = (0..=at).rev().find(|&i| indent(lines[i]) == Some(0))?;
    let child_indent = lines[top + 1..]
        .iter()
        .find_map(|l| indent(l))
        .filter(|&n| n > 0)?;
    // The entry: the last line at the child indentation at or before the error.
    let mut start = (top + 1..=at)
        .rev()
        .find(|&i| indent(lines[i]) == Some(child_indent))?;
    // An error on an entry's first line is most often the previous entry
    // left open (an unclosed `[`, a quote): drop that one instead.
    if start == at
        && let Some(prev) = (top + 1..start)
            .rev()
            .find(|&i| indent(lines[i]) == Some(child_indent))
    {
        start = prev;
    }
    let end = (start + 1..lines.len())
        .find(|&i| indent(lines[i]).is_some_and(|n| n <= child_indent))
        .unwrap_or(lines.len());
    let key = lines[start].trim().split(':').next()?.trim();
    let name = key.trim_matches(['"', '\'']).to_string();
    if name.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if (start..end).contains(&i) {
            // Spaces of the same byte length keep every later offset valid.
            out.extend(std::iter::repeat_n(' ', l.len()));
        } else {
            out.push_str(l);
        }
    }
    Some((out, name))
}

/// The first tab in the indentation of a line at or after `from_line - 1`
/// (the scanner often reports a tab on the line before it): its line and
/// byte offset.
pub fn indenting_tab(text: &str, from_line: u32) -> Option<(u32, usize, usize)> {
    let mut offset = 0;
    for (i, l) in text.split('\n').enumerate() {
        let n = i as u32 + 1;
        if n + 1 >= from_line && n <= from_line + 1 {
            let lead = l.len() - l.trim_start_matches([' ', '\t']).len();
            if let Some(col) = l[..lead].find('\t') {
                return Some((n, offset + col, col));
            }
        }
        offset += l.len() + 1;
    }
    None
}

/// Point errors that name a dropped entry (`tier app has no table leads`)
/// at the YAML error that dropped it.
pub fn mark_follow_ons(diags: &mut Diagnostics, dropped: &[Dropped]) {
    if dropped.is_empty() {
        return;
    }
    for d in diags.iter_mut() {
        if d.code.starts_with('Y') {
            continue;
        }
        if let Some(gone) = dropped
            .iter()
            .find(|g| d.message.contains(&format!("`{}`", g.name)))
        {
            d.message
                .push_str(&format!(" (because `{}` could not be read)", gone.name));
            d.labels.push(crate::diag::Label {
                span: gone.error,
                message: format!("`{}` is not read because of this YAML error", gone.name),
            });
        }
    }
}

/// A hint for a scanner or parser message.
pub fn hint(message: &str) -> &'static str {
    let m = message.to_ascii_lowercase();
    if m.contains("bom") {
        "remove the invisible byte-order mark (U+FEFF) here: it may only start a file"
    } else if m.contains("tab") {
        "YAML indents with spaces only: replace the tab with spaces"
    } else if m.contains("mapping values are not allowed") {
        "a `: ` inside a value starts a mapping: quote the value, or fix the indentation of the key above"
    } else if m.contains("did not find expected key")
        || m.contains("block mapping")
        || m.contains("indentation")
    {
        "keys of one mapping line up in the same column: check this line's indentation against its neighbours"
    } else if m.contains("block sequence") || m.contains("expected '-'") {
        "items of one list line up in the same column, each starting with `- `"
    } else if m.contains("quoted scalar")
        || m.contains("unterminated")
        || m.contains("end of stream")
    {
        "a quote or bracket opened before this point is not closed"
    } else if m.contains("flow sequence")
        || m.contains("flow mapping")
        || m.contains("',' or ']'")
        || m.contains("',' or '}'")
    {
        "close the `[` or `{` and separate items with commas; quote values that hold a comma, e.g. `\"numeric(12,2)\"`"
    } else if m.contains("cannot start any token") {
        "this character cannot begin a plain value (`@`, `` ` ``, `%`…): quote the value"
    } else if m.contains("anchor") || m.contains("alias") {
        "an alias `*name` needs an anchor `&name` written before it in the same file"
    } else {
        "fix the YAML syntax at this position"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_broken_table_is_blanked_and_named() {
        let text = "tables:\n  a:\n    columns: { id: uuid }\n  b:\n    columns:\n\t  id: uuid\n  c:\n    columns: { id: uuid }\n";
        let (out, name) = blank_entry(text, 6).expect("entry");
        assert_eq!(name, "b");
        assert_eq!(out.len(), text.len());
        assert!(out.contains("  a:") && out.contains("  c:") && !out.contains("  b:"));
    }

    #[test]
    fn an_error_on_an_entry_line_drops_the_entry_before() {
        let text = "tables:\n  a:\n    x: [1\n  b:\n    y: 2\n";
        assert_eq!(blank_entry(text, 4).map(|(_, n)| n).as_deref(), Some("a"));
    }

    #[test]
    fn a_top_level_error_drops_nothing_in_particular() {
        assert!(blank_entry("tables: [\n", 1).is_none());
    }

    #[test]
    fn tabs_are_found_on_the_line_after() {
        let text = "a:\n  b: 1\n\tc: 2\n";
        assert_eq!(indenting_tab(text, 2), Some((3, 10, 0)));
    }
}
