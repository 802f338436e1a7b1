//! Learned per-source boilerplate: templates that no rule pack knows, found by how often a block
//! recurs across one source's documents.
//!
//! - [`fingerprint`]: what is counted per block (exact key, masked shape);
//! - [`counter`]: one pass over documents in bounded memory (`paraclean learn`);
//! - [`table`]: the versioned, mergeable table file (`paraclean learn --merge`);
//! - [`model`]: a table loaded for cleaning, with the thresholds (`paraclean clean --learned`).

pub mod counter;
pub mod fingerprint;
pub mod model;
pub mod table;

pub use counter::{document_prints, Learner};
pub use fingerprint::Kind;
pub use model::{Evidence, LearnedModel, Thresholds};

use std::path::Path;

/// The source of a document read from a file: the first directory below the directory the user
/// named (`out/<site>/a.txt` → `site` when `out` was named), else the file's parent directory.
pub fn source_from_path(path: Option<&Path>, relative: &Path) -> String {
    let mut parts = relative.components();
    if let (Some(first), Some(_)) = (parts.next(), parts.next()) {
        return first.as_os_str().to_string_lossy().into_owned();
    }
    path.and_then(|p| {
        let parent = p.parent()?;
        match parent.file_name() {
            Some(name) => Some(name.to_string_lossy().into_owned()),
            // `a.txt` or `../a.txt`: name the directory itself.
            None => {
                let dir = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
                let abs = dir.canonicalize().ok()?;
                Some(abs.file_name()?.to_string_lossy().into_owned())
            }
        }
    })
    .unwrap_or_else(|| "stdin".to_string())
}

/// The host of a URL, lower-cased and without `www.` (`https://www.Example.com/a` → `example.com`).
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_come_from_the_first_directory_or_the_parent() {
        let s = source_from_path(
            Some(Path::new("out/site-a/2024/a.txt")),
            Path::new("site-a/2024/a.txt"),
        );
        assert_eq!(s, "site-a");
        assert_eq!(
            source_from_path(Some(Path::new("out/site-b/a.txt")), Path::new("a.txt")),
            "site-b"
        );
        assert_eq!(source_from_path(None, Path::new("stdin")), "stdin");
    }

    #[test]
    fn hosts_are_normalized() {
        assert_eq!(
            host_of("https://www.Example.com:8080/a?b").as_deref(),
            Some("example.com")
        );
        assert_eq!(
            host_of("news.daum.net/v/1").as_deref(),
            Some("news.daum.net")
        );
        assert_eq!(host_of("").as_deref(), None);
    }
}
