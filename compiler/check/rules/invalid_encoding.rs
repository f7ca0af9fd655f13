//! Y008: the file is not UTF-8 text.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y008",
    name: "invalid-encoding",
    severity: Severity::Error,
    summary: "A file holds bytes that are not UTF-8.",
    why: "YAML files are UTF-8 text, and PostgreSQL identifiers and comments are written in the database's encoding from them; a byte that is not UTF-8 (a file saved as Latin-1, a stray binary) cannot be read back as the same name. schemac points at the first such byte and reads the rest of the file with it replaced, so every other problem is still reported.",
    bad: "# saved as Latin-1: the byte 0xE9 of `café`\ntables:\n  caf\\xe9s:\n    columns:\n      id: uuid\n",
    good: "# saved as UTF-8\ntables:\n  cafes:\n    columns:\n      id: uuid\n",
};

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn the_first_bad_byte_is_located() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(
            tmp.path().join("schemac.yaml"),
            "project: t\ntiers:\n  app: {}\n",
        )
        .expect("write");
        std::fs::create_dir(tmp.path().join("app")).expect("mkdir");
        std::fs::write(
            tmp.path().join("app/t.yaml"),
            b"tables:\n  t:\n    columns:\n      caf\xe9: text\n",
        )
        .expect("write");
        let loaded = crate::load::project(Path::new(tmp.path())).expect("load");
        let d: Vec<_> = loaded.diags.iter().filter(|d| d.code == "Y008").collect();
        assert_eq!(d.len(), 1, "{:?}", loaded.diags);
        let s = d[0].span.expect("span");
        assert_eq!((s.line, s.col), (4, 10));
    }
}
