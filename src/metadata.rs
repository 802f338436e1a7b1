//! What the removed bylines, datelines, signatures and copyright lines said.

use crate::rules::Cut;
use crate::rules::Field;
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// Article metadata recovered from the boilerplate that was removed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Reporter names, in the order they were found, without repeats.
    pub authors: Vec<String>,
    pub emails: Vec<String>,
    pub publisher: Option<String>,
    /// `YYYY-MM-DD HH:MM` (or `YYYY-MM-DD`) when the stamp could be read, else the stamp as written.
    pub published: Option<String>,
}

impl Metadata {
    pub fn is_empty(&self) -> bool {
        self.authors.is_empty()
            && self.emails.is_empty()
            && self.publisher.is_none()
            && self.published.is_none()
    }

    /// Takes in the fields one rule cut captured. The first publisher and date found win.
    pub fn absorb(&mut self, cut: &Cut) {
        for (field, value) in &cut.fields {
            match field {
                Field::Author => {
                    for name in split_names(value) {
                        push_unique(&mut self.authors, name);
                    }
                }
                Field::Email => {
                    push_unique(&mut self.emails, value.trim_end_matches('.').to_string())
                }
                Field::Publisher => {
                    if self.publisher.is_none() {
                        self.publisher = Some(value.trim().to_string());
                    }
                }
                Field::Date => {
                    if self.published.is_none() {
                        self.published = Some(normalize_date(value));
                    }
                }
            }
        }
    }
}

fn push_unique(list: &mut Vec<String>, value: String) {
    if !value.is_empty() && !list.contains(&value) {
        list.push(value);
    }
}

/// `김동진·박세준` and `Jane Doe and John Roe` name two people.
fn split_names(value: &str) -> Vec<String> {
    value
        .split(['·', ',', '/', '､'])
        .flat_map(|part| part.split(" and "))
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Reads `2024. 7. 14. 14:32`, `2024-07-14 14:32`, `2023/05/04 11:33`, `2025.06.23. 오후 5:00`,
/// `2026년05월14일 23시24분` as `YYYY-MM-DD HH:MM`; anything else is returned trimmed.
pub fn normalize_date(raw: &str) -> String {
    static DATE: OnceLock<Regex> = OnceLock::new();
    let re = DATE.get_or_init(|| {
        Regex::new(
            r"(\d{4})\s*[./\-년]\s*(\d{1,2})\s*[./\-월]\s*(\d{1,2})\s*[.일]?\s*(?:(오전|오후|AM|PM|am|pm)\s*)?(?:(\d{1,2})\s*[:시]\s*(\d{2}))?\s*(?:분)?\s*(AM|PM|am|pm)?",
        )
        .expect("date regex")
    });
    let Some(c) = re.captures(raw) else {
        return raw.trim().to_string();
    };
    let num = |i: usize| c.get(i).and_then(|m| m.as_str().parse::<u32>().ok());
    let (Some(y), Some(m), Some(d)) = (num(1), num(2), num(3)) else {
        return raw.trim().to_string();
    };
    let date = format!("{y:04}-{m:02}-{d:02}");
    match (num(5), num(6)) {
        (Some(mut h), Some(min)) => {
            let half = c
                .get(4)
                .or(c.get(7))
                .map(|m| m.as_str().to_ascii_lowercase());
            match half.as_deref() {
                Some("오후" | "pm") if h < 12 => h += 12,
                Some("오전" | "am") if h == 12 => h = 0,
                _ => {}
            }
            format!("{date} {h:02}:{min:02}")
        }
        _ => date,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_portal_and_wire_formats() {
        assert_eq!(normalize_date("2024. 7. 14. 14:32"), "2024-07-14 14:32");
        assert_eq!(normalize_date("2023/05/04 11:33"), "2023-05-04 11:33");
        assert_eq!(normalize_date("2025.06.23. 오후 5:00"), "2025-06-23 17:00");
        assert_eq!(
            normalize_date("2026년05월14일 23시24분"),
            "2026-05-14 23:24"
        );
        assert_eq!(normalize_date("Nov. 19, 2019"), "Nov. 19, 2019");
    }

    #[test]
    fn names_split_on_korean_and_english_joiners() {
        assert_eq!(split_names("김동진·박세준"), ["김동진", "박세준"]);
        assert_eq!(
            split_names("Jane Doe and John Roe"),
            ["Jane Doe", "John Roe"]
        );
    }
}
