//! Gold sets in one JSONL file (`.gz` and `.zst` read too), as in `../shared/realgold`: one
//! `{"id", "raw", "gold", "dataset"?, "lang"?, "injected"?}` per line.

use crate::error::{Error, Result};
use crate::input::{self, InputFile};
use indexmap::IndexMap;
use serde_json::value::RawValue;
use serde_json::Value;
use std::collections::HashMap;
use std::io::BufRead;
use std::path::Path;

/// One document of a gold set.
#[derive(Debug, Clone)]
pub struct GoldRecord {
    /// The `id` value as written in the file, so predictions carry it back unchanged.
    pub id: Box<RawValue>,
    /// The id as text (a JSON string unquoted), for messages.
    pub name: String,
    pub dataset: Option<String>,
    pub lang: Option<String>,
    /// The source `--learned` looks the document up under: the field the caller named, else `dataset`.
    pub source: Option<String>,
    /// The record lists injected repeats (`score.py` tests the field for truth: `[]` is false).
    pub injected: bool,
    pub raw: String,
    pub gold: String,
}

/// Reads a gold set. `source_field` names the field that gives each document's source.
pub fn load_gold_set(path: &Path, source_field: Option<&str>) -> Result<Vec<GoldRecord>> {
    let file = InputFile {
        path: Some(path.to_path_buf()),
        relative: path.to_path_buf(),
    };
    let reader = input::open(&file)?;
    let mut out = Vec::new();
    for (i, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::Input {
            path: path.display().to_string(),
            line: i as u64 + 1,
            message,
        };
        out.push(parse_record(&line, source_field).map_err(bad)?);
    }
    Ok(out)
}

fn parse_record(line: &str, source_field: Option<&str>) -> std::result::Result<GoldRecord, String> {
    let mut fields: IndexMap<String, Box<RawValue>> =
        serde_json::from_str(line).map_err(|e| format!("malformed JSON ({e})"))?;
    let text =
        |fields: &IndexMap<String, Box<RawValue>>, name: &str| -> Result<Option<String>, String> {
            match fields.get(name) {
                None => Ok(None),
                Some(v) => match serde_json::from_str::<Value>(v.get()) {
                    Ok(Value::String(s)) => Ok(Some(s)),
                    Ok(Value::Null) => Ok(None),
                    Ok(other) => Ok(Some(other.to_string())),
                    Err(e) => Err(format!("field `{name}`: {e}")),
                },
            }
        };
    let string = |fields: &IndexMap<String, Box<RawValue>>, name: &str| -> Result<String, String> {
        match fields
            .get(name)
            .map(|v| serde_json::from_str::<String>(v.get()))
        {
            Some(Ok(s)) => Ok(s),
            Some(Err(_)) => Err(format!("field `{name}` is not a string")),
            None => Err(format!(
                "no `{name}` field (a gold set needs id, raw and gold)"
            )),
        }
    };
    let raw = string(&fields, "raw")?;
    let gold = string(&fields, "gold")?;
    let dataset = text(&fields, "dataset")?;
    let source = match source_field {
        Some(f) => text(&fields, f)?,
        None => dataset.clone(),
    };
    let injected = match fields.get("injected") {
        Some(v) => truthy(&serde_json::from_str(v.get()).map_err(|e| e.to_string())?),
        None => false,
    };
    let lang = text(&fields, "lang")?;
    let id = fields
        .swap_remove("id")
        .ok_or("no `id` field (a gold set needs id, raw and gold)")?;
    let name = serde_json::from_str::<String>(id.get()).unwrap_or_else(|_| id.get().to_string());
    Ok(GoldRecord {
        id,
        name,
        dataset,
        lang,
        source,
        injected,
        raw,
        gold,
    })
}

/// A predictions file as `score.py --pred` reads it: one `{"id", "text"}` per line, text by id (the
/// id as text, like [`GoldRecord::name`]); a `null` text is an empty output.
pub fn load_predictions(path: &Path) -> Result<HashMap<String, String>> {
    let file = InputFile {
        path: Some(path.to_path_buf()),
        relative: path.to_path_buf(),
    };
    let mut out = HashMap::new();
    for (i, line) in input::open(&file)?.lines().enumerate() {
        let line = line.map_err(|e| Error::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let bad = |message: String| Error::Input {
            path: path.display().to_string(),
            line: i as u64 + 1,
            message,
        };
        let row: Value =
            serde_json::from_str(&line).map_err(|e| bad(format!("malformed JSON ({e})")))?;
        let id = match row.get("id") {
            Some(Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => return Err(bad("no `id` field".into())),
        };
        let text = match row.get("text") {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Null) | None => String::new(),
            Some(_) => return Err(bad("`text` is not a string".into())),
        };
        out.insert(id, text);
    }
    Ok(out)
}

/// Python's truth value of a JSON value.
fn truthy(v: &Value) -> bool {
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64() != Some(0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_fields_and_truth_of_injected() {
        let r = parse_record(
            r#"{"id":"a/1","dataset":"a","raw":"x y","gold":"x","injected":[]}"#,
            None,
        )
        .unwrap();
        assert_eq!((r.name.as_str(), r.id.get()), ("a/1", "\"a/1\""));
        assert_eq!(r.source.as_deref(), Some("a"));
        assert!(!r.injected);
        let r = parse_record(
            r#"{"id":7,"raw":"x","gold":"x","injected":[{"kind":"exact"}],"site":"s.kr"}"#,
            Some("site"),
        )
        .unwrap();
        assert_eq!((r.name.as_str(), r.source.as_deref()), ("7", Some("s.kr")));
        assert!(r.injected && r.dataset.is_none());
        assert!(parse_record(r#"{"id":1,"raw":"x"}"#, None)
            .unwrap_err()
            .contains("`gold`"));
    }
}
