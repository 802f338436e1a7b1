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
                        if !is_job_title(&name) {
                            push_unique(&mut self.authors, name);
                        }
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
        // A site stamp (`Updated 5:42 PM EDT, April 16, 2024`) has no date group of its own: the
        // time is read from the stamp when it is a full date.
        if self.published.is_none() && !cut.fields.iter().any(|(f, _)| *f == Field::Date) {
            if let Some(date) = stamp_date(&cut.matched) {
                self.published = Some(date);
            }
        }
    }
}

/// The job title after a name (`Jane Doe, AP Sports Writer`, `John Smith, AP Photographer`): a
/// byline's desk, not a person.
fn is_job_title(name: &str) -> bool {
    const TITLES: &[&str] = &[
        "writer",
        "photographer",
        "correspondent",
        "reporter",
        "editor",
        "columnist",
        "contributor",
        "producer",
        "staff",
        "photo",
        "photos",
        "journalist",
        "videographer",
        "analyst",
        "critic",
    ];
    name.split_whitespace()
        .last()
        .is_some_and(|w| TITLES.iter().any(|t| w.eq_ignore_ascii_case(t)))
}

/// The date and time of an English site stamp (`Updated …`, `Published …`, `Posted …`), as
/// `YYYY-MM-DD HH:MM`; `None` unless it names a year, a month and a day.
fn stamp_date(matched: &str) -> Option<String> {
    let lower = matched.trim_start().to_ascii_lowercase();
    let stamp = [
        "updated",
        "published",
        "posted",
        "last updated",
        "first published",
    ]
    .iter()
    .any(|w| lower.starts_with(w));
    if !stamp {
        return None;
    }
    let date = normalize_date(matched);
    date.as_bytes()
        .get(..10)
        .is_some_and(|d| {
            d[4] == b'-' && d[7] == b'-' && d.iter().all(|b| b.is_ascii_digit() || *b == b'-')
        })
        .then_some(date)
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
        return english_date(raw).unwrap_or_else(|| raw.trim().to_string());
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

/// `April 16, 2024` / `Nov. 19, 2019` / `16 April 2024`, with a time (`5:42 PM`, `7:07 a.m.`)
/// anywhere in the text, as `YYYY-MM-DD[ HH:MM]`.
fn english_date(raw: &str) -> Option<String> {
    static DATE: OnceLock<(Regex, Regex, Regex)> = OnceLock::new();
    let (month_day, day_month, time) = DATE.get_or_init(|| {
        let month = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";
        (
            Regex::new(&format!(r"(?i)\b{month}\s+(\d{{1,2}}),?\s+(\d{{4}})\b")).expect("date"),
            Regex::new(&format!(r"(?i)\b(\d{{1,2}})\s+{month},?\s+(\d{{4}})\b")).expect("date"),
            Regex::new(r"(?i)\b(\d{1,2}):(\d{2})\s*([ap])\.?\s?m\b\.?").expect("time"),
        )
    });
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let month_no = |m: &str| {
        MONTHS
            .iter()
            .position(|x| m.eq_ignore_ascii_case(x))
            .map(|i| i + 1)
    };
    let (m, d, y) = if let Some(c) = month_day.captures(raw) {
        (
            month_no(&c[1])?,
            c[2].parse::<u32>().ok()?,
            c[3].parse::<u32>().ok()?,
        )
    } else {
        let c = day_month.captures(raw)?;
        (
            month_no(&c[2])?,
            c[1].parse::<u32>().ok()?,
            c[3].parse::<u32>().ok()?,
        )
    };
    if !(1..=31).contains(&d) {
        return None;
    }
    let date = format!("{y:04}-{m:02}-{d:02}");
    Some(match time.captures(raw) {
        Some(t) => {
            let (mut h, min): (u32, u32) = (t[1].parse().ok()?, t[2].parse().ok()?);
            let pm = t[3].eq_ignore_ascii_case("p");
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            format!("{date} {h:02}:{min:02}")
        }
        None => date,
    })
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
        assert_eq!(normalize_date("Nov. 19, 2019"), "2019-11-19");
        assert_eq!(
            normalize_date("Updated 5:42 PM EDT, April 16, 2024"),
            "2024-04-16 17:42"
        );
        assert_eq!(
            normalize_date("7:07 a.m. ET July 14, 2024"),
            "2024-07-14 07:07"
        );
        assert_eq!(normalize_date("sometime soon"), "sometime soon");
    }

    #[test]
    fn job_titles_are_not_authors() {
        assert!(is_job_title("AP Sports Writer"));
        assert!(is_job_title("AP Photographer"));
        assert!(!is_job_title("Jane Doe"));
        assert_eq!(
            stamp_date("Updated 5:42 PM EDT, April 16, 2024").as_deref(),
            Some("2024-04-16 17:42")
        );
        assert_eq!(stamp_date("Updated at 1:23 p.m."), None);
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
