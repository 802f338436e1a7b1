//! Which source (site) a document belongs to, for learned templates: the same answer in `learn`
//! and `clean`, so tables and cleaning agree.

use paraclean::input::{InputFile, JsonRecord};
use paraclean::learn::{host_of, source_from_path};

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
