//! Named pattern fragments: `{agency}`, `{reporter}`, `{email}` … written once, used by every pack.
//!
//! A rule's pattern may name a fragment in braces; the loader replaces it with the fragment's
//! pattern in a non-capturing group before anything else sees the rule. Fragments may use other
//! fragments. The built-in ones live in `packs/fragments.toml` with examples that are tests; a user
//! pack may add its own in a `[fragments]` table (it cannot redefine a built-in one).
//!
//! `{name}` is a fragment only when `name` starts with a lower-case letter: regex repetitions
//! (`{2,4}`) start with a digit, and Unicode classes (`\p{Hangul}`) are skipped.

use crate::error::{Error, Result};
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;

/// One named fragment as written in a pack file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fragment {
    pub description: String,
    pub pattern: String,
    /// Texts the fragment must match whole.
    #[serde(default)]
    pub examples: Vec<String>,
    /// Texts it must not match whole.
    #[serde(default)]
    pub counter_examples: Vec<String>,
}

#[derive(Deserialize)]
struct FragmentFile {
    fragment: IndexMap<String, Fragment>,
}

/// The fragments compiled into the binary.
pub fn builtin() -> &'static IndexMap<String, Fragment> {
    static BUILTIN: LazyLock<IndexMap<String, Fragment>> = LazyLock::new(|| {
        let file: FragmentFile = toml::from_str(include_str!("packs/fragments.toml"))
            .unwrap_or_else(|e| panic!("built-in fragments are invalid: {e}"));
        file.fragment
    });
    &BUILTIN
}

/// Expansion stops this deep, so that a fragment naming itself is an error, not a hang.
const MAX_DEPTH: usize = 8;

/// Replaces every `{name}` in `pattern` by its fragment: the pack's own first, then the built-in
/// ones. `origin` and `rule` name the place in errors.
pub fn expand(
    pattern: &str,
    own: &IndexMap<String, Fragment>,
    origin: &str,
    rule: &str,
) -> Result<String> {
    expand_at(pattern, own, 0).map_err(|message| Error::RulePack {
        origin: origin.to_string(),
        message: format!("rule {rule}: {message}"),
    })
}

fn expand_at(
    pattern: &str,
    own: &IndexMap<String, Fragment>,
    depth: usize,
) -> std::result::Result<String, String> {
    let mut out = String::with_capacity(pattern.len());
    let bytes = pattern.as_bytes();
    let mut i = 0;
    while i < pattern.len() {
        let c = bytes[i];
        if c == b'\\' {
            // An escape and the char it escapes; `\p{…}`/`\P{…}` keep their braces.
            let next = pattern[i + 1..].chars().next().map_or(0, char::len_utf8);
            let mut end = i + 1 + next;
            if matches!(bytes.get(i + 1), Some(b'p' | b'P')) && bytes.get(end) == Some(&b'{') {
                end = pattern[end..]
                    .find('}')
                    .map_or(pattern.len(), |j| end + j + 1);
            }
            out.push_str(&pattern[i..end]);
            i = end;
            continue;
        }
        if c == b'{' {
            if let Some(name) = fragment_name(&pattern[i + 1..]) {
                if depth >= MAX_DEPTH {
                    return Err(format!("fragment `{{{name}}}` nests too deep (a cycle?)"));
                }
                let fragment = own
                    .get(name)
                    .or_else(|| builtin().get(name))
                    .ok_or_else(|| {
                        format!(
                            "no fragment is named `{{{name}}}` (see `paraclean rules --fragments`)"
                        )
                    })?;
                out.push_str("(?:");
                out.push_str(&expand_at(&fragment.pattern, own, depth + 1)?);
                out.push(')');
                i += name.len() + 2;
                continue;
            }
        }
        let len = pattern[i..].chars().next().map_or(1, char::len_utf8);
        out.push_str(&pattern[i..i + len]);
        i += len;
    }
    Ok(out)
}

/// `name` when `rest` starts with `name}` and name is `[a-z][a-z0-9_]*`.
fn fragment_name(rest: &str) -> Option<&str> {
    let end = rest.find('}')?;
    let name = &rest[..end];
    let mut chars = name.chars();
    let first = chars.next()?;
    (first.is_ascii_lowercase()
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'))
    .then_some(name)
}

/// A fragment example that did not hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FragmentFailure {
    pub fragment: String,
    pub text: String,
    pub expected_match: bool,
}

/// Runs the examples of `fragments`: each must match whole (case-insensitively, like the rules),
/// each counter-example must not.
pub fn check(fragments: &IndexMap<String, Fragment>) -> Result<Vec<FragmentFailure>> {
    let mut failures = Vec::new();
    for (name, fragment) in fragments {
        let body = expand(&fragment.pattern, fragments, "fragments", name)?;
        let regex = regex::Regex::new(&format!("(?i)^(?:{body})$")).map_err(|e| Error::Rule {
            id: format!("{{{name}}}"),
            message: e.to_string(),
        })?;
        let cases = fragment
            .examples
            .iter()
            .map(|t| (t, true))
            .chain(fragment.counter_examples.iter().map(|t| (t, false)));
        for (text, expected_match) in cases {
            if regex.is_match(text) != expected_match {
                failures.push(FragmentFailure {
                    fragment: name.clone(),
                    text: text.clone(),
                    expected_match,
                });
            }
        }
    }
    Ok(failures)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn own(pairs: &[(&str, &str)]) -> IndexMap<String, Fragment> {
        pairs
            .iter()
            .map(|(n, p)| {
                (
                    n.to_string(),
                    Fragment {
                        description: String::new(),
                        pattern: p.to_string(),
                        examples: vec![],
                        counter_examples: vec![],
                    },
                )
            })
            .collect()
    }

    #[test]
    fn names_expand_and_repetitions_and_classes_stay() {
        let own = own(&[("x", "a|b"), ("y", "{x}c")]);
        assert_eq!(
            expand(r"{y}\d{2,4}\p{Hangul}{x}", &own, "t", "R").unwrap(),
            r"(?:(?:a|b)c)\d{2,4}\p{Hangul}(?:a|b)"
        );
        assert_eq!(expand(r"\{x\}", &own, "t", "R").unwrap(), r"\{x\}");
    }

    #[test]
    fn unknown_and_cyclic_fragments_are_errors_naming_the_rule() {
        let err = expand("{nope}", &own(&[]), "mine.toml", "MINE-1").unwrap_err();
        assert!(err.to_string().contains("mine.toml"), "{err}");
        assert!(err.to_string().contains("MINE-1"), "{err}");
        assert!(err.to_string().contains("{nope}"), "{err}");
        let err = expand("{a}", &own(&[("a", "{b}"), ("b", "{a}")]), "t", "R").unwrap_err();
        assert!(err.to_string().contains("too deep"), "{err}");
    }

    #[test]
    fn every_builtin_fragment_example_holds() {
        let failures = check(builtin()).unwrap();
        assert!(failures.is_empty(), "{failures:#?}");
        for (name, f) in builtin() {
            assert!(!f.examples.is_empty(), "fragment {name} has no example");
        }
    }
}
