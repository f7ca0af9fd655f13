//! Turns diagnostics into what a person or a tool reads: rustc-style text with
//! a caret snippet, JSON, or SARIF 2.1.0 for code-scanning UIs.

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use serde_json::{Value, json};

use super::{Diagnostic, RuleMeta, Severity};
use crate::model::SourceMap;

/// Where each rule's page lives in the book.
pub const RULE_DOCS_URL: &str = "https://schemac.dev/book/rules/";

/// Rustc-style text for every diagnostic, then a one-line summary.
pub fn text(diags: &[Diagnostic], sources: &SourceMap, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for d in diags {
        out.push_str(&renderer.render(&report(d, sources)));
        out.push_str("\n\n");
    }
    out.push_str(&summary(diags));
    out.push('\n');
    out
}

fn level(sev: Severity) -> Level<'static> {
    match sev {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn report<'a>(d: &'a Diagnostic, sources: &'a SourceMap) -> Vec<Group<'a>> {
    let title = level(d.severity)
        .primary_title(format!("{} [{}]", d.message, d.name))
        .id(d.code);
    let mut group = Group::with_title(title);
    type Marks<'m> = Vec<(std::ops::Range<usize>, Option<&'m str>, bool)>;
    let mut by_file: Vec<(crate::model::FileId, Marks)> = Vec::new();
    let mut add = |file, range, label, primary| match by_file.iter_mut().find(|(f, _)| *f == file) {
        Some((_, v)) => v.push((range, label, primary)),
        None => by_file.push((file, vec![(range, label, primary)])),
    };
    if let Some(span) = d.span {
        add(
            span.file,
            span.offset..span.offset + span.len.max(1),
            None,
            true,
        );
    }
    for l in &d.labels {
        add(
            l.span.file,
            l.span.offset..l.span.offset + l.span.len.max(1),
            Some(l.message.as_str()),
            false,
        );
    }
    for (file, annotations) in by_file {
        let Some(src) = sources.get(file) else {
            continue;
        };
        let mut snippet = Snippet::source(src.text.as_str())
            .path(src.path.to_str().unwrap_or("<non-utf8 path>"))
            .fold(true);
        for (range, label, primary) in annotations {
            let (start, end) = char_range(&src.text, range);
            let kind = if primary {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            let mut a = kind.span(start..end);
            if let Some(label) = label {
                a = a.label(label);
            }
            snippet = snippet.annotation(a);
        }
        group = group.element(snippet);
    }
    let mut groups = vec![group];
    if let Some(help) = &d.help {
        groups.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    groups
}

/// `range` widened to whole characters and cut to the text: a span may
/// start or end inside a multibyte character (a BOM, an accented key).
fn char_range(text: &str, range: std::ops::Range<usize>) -> (usize, usize) {
    let mut start = range.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = range.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    (start, end)
}

/// `2 errors, 1 warning` (or `no problems`).
pub fn summary(diags: &[Diagnostic]) -> String {
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    let (e, w, i) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    if e + w + i == 0 {
        return "no problems found".into();
    }
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let mut parts = Vec::new();
    if e > 0 {
        parts.push(plural(e, "error"));
    }
    if w > 0 {
        parts.push(plural(w, "warning"));
    }
    if i > 0 {
        parts.push(plural(i, "note"));
    }
    parts.join(", ")
}

fn location(d: &Diagnostic, sources: &SourceMap) -> Value {
    match d.span {
        Some(s) => json!({
            "file": sources.path(s.file).display().to_string(),
            "line": s.line,
            "column": s.col,
        }),
        None => Value::Null,
    }
}

/// One JSON document: every diagnostic plus counts.
pub fn json(diags: &[Diagnostic], sources: &SourceMap) -> Value {
    let items: Vec<Value> = diags
        .iter()
        .map(|d| {
            json!({
                "code": d.code,
                "name": d.name,
                "severity": d.severity.word(),
                "message": d.message,
                "location": location(d, sources),
                "help": d.help,
                "labels": d.labels.iter().map(|l| json!({
                    "file": sources.path(l.span.file).display().to_string(),
                    "line": l.span.line,
                    "column": l.span.col,
                    "message": l.message,
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let count = |s| diags.iter().filter(|d| d.severity == s).count();
    json!({
        "diagnostics": items,
        "summary": {
            "errors": count(Severity::Error),
            "warnings": count(Severity::Warning),
            "notes": count(Severity::Info),
        }
    })
}

fn sarif_level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A SARIF 2.1.0 log with one run, every rule described in the driver.
pub fn sarif(diags: &[Diagnostic], sources: &SourceMap, rules: &[&RuleMeta]) -> Value {
    let rule_list: Vec<Value> = rules
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.why },
                "helpUri": format!("{RULE_DOCS_URL}{}.html", r.code),
                "defaultConfiguration": { "level": sarif_level(r.severity) },
            })
        })
        .collect();
    let results: Vec<Value> = diags
        .iter()
        .map(|d| {
            let mut message = d.message.clone();
            if let Some(h) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(h);
            }
            let mut r = json!({
                "ruleId": d.code,
                "level": sarif_level(d.severity),
                "message": { "text": message },
            });
            if let Some(i) = rules.iter().position(|m| m.code == d.code) {
                r["ruleIndex"] = json!(i);
            }
            if let Some(s) = d.span {
                r["locations"] = json!([{
                    "physicalLocation": {
                        "artifactLocation": {
                            "uri": sources.path(s.file).display().to_string().replace('\\', "/"),
                        },
                        "region": {
                            "startLine": s.line,
                            "startColumn": s.col,
                        }
                    }
                }]);
            }
            r
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "schemac",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://schemac.dev",
                    "rules": rule_list,
                }
            },
            "results": results,
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::rules::yaml_syntax;
    use crate::model::Span;

    #[test]
    fn spans_inside_multibyte_characters_render() {
        let mut sources = SourceMap::default();
        let text = "a:\n      \u{feff}body: text\n  \u{e9}type: x\n".to_string();
        let file = sources.add("t.yaml".into(), text.clone());
        for offset in 0..text.len() + 2 {
            for len in [0, 1, 2, 5] {
                let d = Diagnostic::new(&yaml_syntax::META, "m").at(Some(Span {
                    file,
                    line: 2,
                    col: 7,
                    offset,
                    len,
                }));
                let out = super::text(&[d], &sources, false);
                assert!(out.contains("error"));
            }
        }
    }
}
