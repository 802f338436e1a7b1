//! Which rules cost the most: times every rule's regex over the lines of a JSONL file where the
//! literal prefilter, the line-length bound and the zone (anywhere-rules only, or every rule with
//! `--all-zones`) let it run. `cargo run --release --example rule_cost -- FILE [--all-zones]`.

use paraclean::normalize::MatchView;
use paraclean::rules::fits;
use paraclean::{Cleaner, Config};
use std::time::{Duration, Instant};

fn main() {
    let path = std::env::args().nth(1).expect("JSONL file");
    // `--all-zones`: also time head and tail rules as if every line stood in their zone.
    let all_zones = std::env::args().any(|a| a == "--all-zones");
    let cleaner = Cleaner::new(Config::default()).expect("rules");
    let rules = &cleaner.rules().rules;
    let prefilter = &cleaner.rules().prefilter;
    let mut cost = vec![(Duration::ZERO, 0usize, 0usize); rules.len()];
    let text = std::fs::read_to_string(path).expect("read");
    let mut possible = paraclean::rules::prefilter::Hits::default();
    let mut lines = 0;
    for record in text.lines() {
        let v: serde_json::Value = serde_json::from_str(record).expect("json");
        for line in v["text"].as_str().unwrap_or("").lines() {
            lines += 1;
            let view = MatchView::new(line);
            prefilter.candidates(&view.text, &mut possible);
            for (i, rule) in rules.iter().enumerate() {
                let text: &str = &view.text;
                if !possible.rules.contains(&i)
                    || (rule.spec.zone != paraclean::rules::Zone::Anywhere && !all_zones)
                    || !fits(rule, text.trim().len())
                    || !rule.edges.allow(text)
                {
                    continue;
                }
                let t = Instant::now();
                let hit = rule.is_match(text);
                cost[i].0 += t.elapsed();
                cost[i].1 += 1;
                cost[i].2 += hit as usize;
            }
        }
    }
    let mut order: Vec<usize> = (0..rules.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(cost[i].0));
    let total: Duration = cost.iter().map(|c| c.0).sum();
    let runs: usize = cost.iter().map(|c| c.1).sum();
    println!(
        "{lines} lines; {runs} regex runs in {total:.1?}; prefilter lets through / matches / time:"
    );
    for &i in order.iter().take(25) {
        println!(
            "{:<18} {:>8} {:>6} {:>10.1?}",
            rules[i].spec.id, cost[i].1, cost[i].2, cost[i].0
        );
    }
}
