//! The groups the rule engine reads off a match span (`CompiledRule::read_match`: its own
//! backtracker, or no capture search when the cut is the whole match) must be exactly those of
//! `regex`'s captures. Checked for every built-in rule with groups, on every match of every corpus
//! line and rule example (and the same lines with spaces and punctuation around them), searched
//! from the line's start and from later offsets (as the rules with a lead search).

mod common;

use paraclean::normalize::MatchView;
use paraclean::rules::RuleMatch;
use paraclean::{Cleaner, Config};

#[test]
fn groups_read_off_the_span_are_the_captures_of_regex() {
    let cleaner = Cleaner::new(Config::default()).unwrap();
    let rules = &cleaner.rules().rules;
    let lines = common::rule_probe_lines(rules);
    let span = |m: regex::Match| (m.start(), m.end());
    let mut compared = 0;
    let mut with_fields = 0;
    for rule in rules {
        if !rule.cut_group && rule.fields.is_empty() {
            continue;
        }
        let regex = rule.regex();
        for line in &lines {
            for text in [
                line.clone(),
                format!("  {line} "),
                format!("{line}."),
                format!("▶ {line}"),
            ] {
                let view = MatchView::new(&text);
                let text: &str = &view.text;
                // Every match from the start, then one search from each of a few later offsets.
                let mut searches: Vec<(regex::Match, regex::Captures)> = regex
                    .find_iter(text)
                    .zip(regex.captures_iter(text))
                    .collect();
                for from in [1, 3, 7, 20]
                    .iter()
                    .filter_map(|&n| text.char_indices().nth(n).map(|(i, _)| i))
                {
                    if let (Some(m), Some(c)) =
                        (regex.find_at(text, from), regex.captures_at(text, from))
                    {
                        searches.push((m, c));
                    }
                }
                for (m, caps) in searches {
                    let paraclean::rules::MatchSpans { whole, cut, fields } =
                        rule.read_match(text, m);
                    let want = RuleMatch::Groups(caps);
                    assert_eq!(whole, span(want.whole()), "{} on {text:?}", rule.spec.id);
                    assert_eq!(cut, span(want.cut()), "{} cut on {text:?}", rule.spec.id);
                    let want_fields: Vec<_> = rule
                        .fields
                        .iter()
                        .map(|&(g, _)| want.group(g).map(span))
                        .collect();
                    if rule.needs_groups() {
                        assert_eq!(fields, want_fields, "{} on {text:?}", rule.spec.id);
                        with_fields += usize::from(fields.iter().any(Option::is_some));
                    } else {
                        assert!(want_fields.is_empty() && fields.is_empty());
                    }
                    compared += 1;
                }
            }
        }
    }
    assert!(compared > 10_000, "{compared} matches compared");
    assert!(with_fields > 1_000, "{with_fields} matches with fields");
}
