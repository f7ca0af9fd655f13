//! Y009: a file is past one of the reading limits.

use crate::diag::{RuleMeta, Severity};

pub const META: RuleMeta = RuleMeta {
    code: "Y009",
    name: "input-limit",
    severity: Severity::Error,
    summary: "A file is too large, nests too deeply, or its aliases expand past the limit.",
    why: "A few lines of YAML aliases can stand for billions of values (\"billion laughs\"), and deep nesting or huge files make any reader run out of memory. A schema written by people stays far below these limits (32 MiB per file, 64 levels of nesting, 100,000 values added by aliases), so schemac stops reading there and says so instead of exhausting the machine.",
    bad: "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n# … and so on for nine levels\n",
    good: "# write the values out, or use an alias for a small shared piece\nowner_policy: &owner \"owner_id = current_setting('app.user_id', true)::uuid\"\n",
};

#[cfg(test)]
mod tests {
    use crate::check::testing::*;

    #[test]
    fn billion_laughs_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let refs = vec![format!("*a{}", i - 1); 9].join(", ");
            text.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
        }
        let files = app(&text);
        assert_eq!(found(&refs(&files), "Y009").len(), 1);
    }
}
