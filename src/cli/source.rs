//! Which source (site) a document belongs to, for learned templates: the same answer in `learn`
//! and `clean`, so tables and cleaning agree.

use paraclean::input::{InputFile, JsonRecord};
use paraclean::learn::table::{Naming, TableReader};
use paraclean::learn::{host_of, source_from_path};
use std::path::Path;

#[derive(clap::Args, Debug, Clone, Default)]
pub struct SourceArgs {
    /// JSONL: the field naming the document's source (site, publisher) for learned templates.
    #[arg(long, value_name = "NAME")]
    pub source_field: Option<String>,
    /// JSONL: take the source from the host of this URL field (`https://www.x.com/a` → `x.com`).
    #[arg(long, value_name = "NAME", conflicts_with = "source_field")]
    pub url_field: Option<String>,
    /// The source of every document read (when no field gives one), instead of its directory.
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
}

impl SourceArgs {
    /// These options, or, when none was given, the naming the learned table was made with, so
    /// that `clean --learned` finds the sources `learn` counted without being told again.
    pub fn or_table(&self, table: &Path) -> anyhow::Result<SourceArgs> {
        if self.source_field.is_some() || self.url_field.is_some() || self.source.is_some() {
            return Ok(self.clone());
        }
        let naming = TableReader::open(table)
            .map_err(|e| super::usage(e.to_string()))?
            .header()
            .naming();
        Ok(SourceArgs {
            source_field: naming.source_field,
            url_field: naming.url_field,
            source: None,
        })
    }

    /// How sources are named, to record in a learned table.
    pub fn naming(&self) -> Naming {
        Naming {
            source_field: self.source_field.clone(),
            url_field: self.url_field.clone(),
        }
    }

    /// The record's source field or URL host; else `--source`; else the first directory below the
    /// named directory, else the file's parent directory.
    pub fn source(&self, file: &InputFile, record: Option<&JsonRecord>) -> String {
        if let Some(record) = record {
            if let Some(s) = self.source_field.as_ref().and_then(|f| record.field(f)) {
                return s;
            }
            if let Some(h) = self
                .url_field
                .as_ref()
                .and_then(|f| record.field(f))
                .and_then(|u| host_of(&u))
            {
                return h;
            }
        }
        match &self.source {
            Some(s) => s.clone(),
            None => source_from_path(file.path.as_deref(), &file.relative),
        }
    }
}
