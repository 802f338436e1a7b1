//! Reading documents: files, directories, stdin; plain, `.gz` or `.zst`; text or JSONL; any encoding.
//!
//! Nothing here fails a whole run for one bad document: decoding problems come back as warnings next
//! to the (lossily decoded) text, and a JSONL line that cannot be parsed comes back as an error value
//! for that line only, so the caller can pass it through and go on.

use crate::error::{Error, Result};
use indexmap::IndexMap;
use serde_json::value::RawValue;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// How documents are laid out in an input.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Each file is one document.
    Text,
    /// Each line is a JSON object holding one document in a text field.
    Jsonl,
}

impl Format {
    /// `.jsonl` / `.ndjson` (optionally compressed) read as JSONL; everything else as text.
    pub fn guess(path: &Path) -> Format {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let name = name.trim_end_matches(".gz").trim_end_matches(".zst");
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            Format::Jsonl
        } else {
            Format::Text
        }
    }
}

/// How bytes become text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8; invalid bytes become U+FFFD and a warning names the first bad offset.
    Utf8Lossy,
    /// Detect the encoding (UTF-8 first, then chardetng's guess, e.g. EUC-KR).
    Auto,
    /// A WHATWG label such as `euc-kr`, `shift_jis`, `windows-1252`.
    Forced(&'static encoding_rs::Encoding),
}

impl Encoding {
    pub fn parse(label: &str) -> Result<Encoding, String> {
        match label.to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8Lossy),
            "auto" => Ok(Encoding::Auto),
            other => encoding_rs::Encoding::for_label(other.as_bytes())
                .map(Encoding::Forced)
                .ok_or_else(|| format!("unknown encoding `{label}` (try utf-8, auto, euc-kr, cp949, shift_jis, gbk)")),
        }
    }
}

/// Decodes bytes; the second value is a warning when something was not clean UTF-8.
pub fn decode(bytes: Vec<u8>, encoding: &Encoding) -> (String, Option<String>) {
    match encoding {
        Encoding::Utf8Lossy => utf8_lossy(bytes),
        Encoding::Forced(enc) => {
            let (text, _, had_errors) = enc.decode(&bytes);
            let warning =
                had_errors.then(|| format!("bytes not valid in {} were replaced", enc.name()));
            (text.into_owned(), warning)
        }
        Encoding::Auto => {
            if simdutf8::basic::from_utf8(&bytes).is_ok() {
                return utf8_lossy(bytes);
            }
            let mut detector = chardetng::EncodingDetector::new();
            detector.feed(&bytes, true);
            let enc = detector.guess(None, true);
            let (text, _, had_errors) = enc.decode(&bytes);
            let mut note = format!("decoded as {} (detected)", enc.name());
            if had_errors {
                note.push_str("; some bytes were not valid and were replaced");
            }
            (text.into_owned(), Some(note))
        }
    }
}

fn utf8_lossy(bytes: Vec<u8>) -> (String, Option<String>) {
    match simdutf8::basic::from_utf8(&bytes) {
        Ok(_) => (String::from_utf8(bytes).expect("validated"), None),
        Err(_) => {
            let offset = std::str::from_utf8(&bytes)
                .err()
                .map_or(0, |e| e.valid_up_to());
            let text = String::from_utf8_lossy(&bytes).into_owned();
            (
                text,
                Some(format!(
                    "invalid UTF-8 at byte {offset}; bad bytes were replaced with U+FFFD (use --encoding auto for legacy encodings such as EUC-KR)"
                )),
            )
        }
    }
}

/// One input file found under the paths the user gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// `None` for standard input.
    pub path: Option<PathBuf>,
    /// Path relative to the directory the user named (for mirroring with `-o DIR`).
    pub relative: PathBuf,
}

impl InputFile {
    pub fn display(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => "<stdin>".to_string(),
        }
    }
}

/// Expands files, directories (recursively, in name order, hidden entries skipped) and `-`.
/// `include`: only files found in directories whose name matches this glob (`*.txt`, `raw.txt`);
/// files named directly are always taken. Stops at the first path that cannot be read; see
/// [`expand_path`] to go on past it.
pub fn expand_paths(
    paths: &[PathBuf],
    include: Option<&globset::GlobMatcher>,
) -> Result<Vec<InputFile>> {
    let mut out = Vec::new();
    for path in paths {
        let keep = |relative: &Path| {
            include.is_none_or(|g| relative.file_name().is_some_and(|n| g.is_match(n)))
        };
        out.extend(expand_path(path, &keep)?);
    }
    Ok(out)
}

/// The input files behind one path: itself, or the files of a directory tree (in name order,
/// hidden entries skipped) for which `keep` holds. `keep` sees the path relative to the directory,
/// so a filter can match `en/*.txt` as well as a file name.
pub fn expand_path(path: &Path, keep: &dyn Fn(&Path) -> bool) -> Result<Vec<InputFile>> {
    if path.as_os_str() == "-" {
        return Ok(vec![InputFile {
            path: None,
            relative: PathBuf::from("stdin"),
        }]);
    }
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    if meta.is_dir() {
        walk(path, path, keep, &mut out)?;
    } else {
        out.push(InputFile {
            path: Some(path.to_path_buf()),
            relative: PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
        });
    }
    Ok(out)
}

fn walk(
    root: &Path,
    dir: &Path,
    keep: &dyn Fn(&Path) -> bool,
    out: &mut Vec<InputFile>,
) -> Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'))
        })
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(root, &path, keep, out)?;
        } else if path.is_file() {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if keep(&relative) {
                out.push(InputFile {
                    relative,
                    path: Some(path),
                });
            }
        }
    }
    Ok(())
}

/// How a stream is compressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// By the file name's extension: `.gz`, `.zst`, else none.
    pub fn of_path(path: &Path) -> Compression {
        match path.extension().and_then(|e| e.to_str()) {
            Some("gz") => Compression::Gzip,
            Some("zst") => Compression::Zstd,
            _ => Compression::None,
        }
    }

    /// By the magic bytes a stream starts with (for stdin, which has no name).
    pub fn sniff(head: &[u8]) -> Compression {
        if head.starts_with(&[0x1f, 0x8b]) {
            Compression::Gzip
        } else if head.starts_with(&[0x28, 0xb5, 0x2f, 0xfd]) {
            Compression::Zstd
        } else {
            Compression::None
        }
    }

    /// A reader of the decompressed stream.
    pub fn decoder<'r, R: BufRead + Send + 'r>(
        self,
        raw: R,
    ) -> io::Result<Box<dyn Read + Send + 'r>> {
        Ok(match self {
            Compression::None => Box::new(raw),
            Compression::Gzip => Box::new(flate2::bufread::MultiGzDecoder::new(raw)),
            Compression::Zstd => Box::new(zstd::stream::read::Decoder::with_buffer(raw)?),
        })
    }
}

/// Bytes looked at to tell binary from text (as ripgrep does: a NUL byte among them).
pub const SNIFF_BYTES: usize = 64 << 10;

/// A NUL byte: no text encoding this tool reads (UTF-8, EUC-KR, Shift_JIS, …) has one in text.
pub fn looks_binary(head: &[u8]) -> bool {
    memchr::memchr(0, head).is_some()
}

/// JSONL when the first thing after whitespace (and a BOM) is `{`; `None` when it says nothing.
pub fn sniff_format(head: &[u8]) -> Option<Format> {
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    head.iter().find(|b| !b.is_ascii_whitespace()).map(|&b| {
        if b == b'{' {
            Format::Jsonl
        } else {
            Format::Text
        }
    })
}

/// Reads up to `n` bytes from the front of `reader` and returns them with a reader that still
/// yields the whole stream, those bytes included.
pub fn peek<'r>(
    mut reader: Box<dyn BufRead + Send + 'r>,
    n: usize,
) -> io::Result<(Vec<u8>, Box<dyn BufRead + Send + 'r>)> {
    let mut head = Vec::with_capacity(n.min(1 << 16));
    (&mut reader).take(n as u64).read_to_end(&mut head)?;
    let replay = io::Cursor::new(head.clone()).chain(reader);
    Ok((head, Box::new(BufReader::with_capacity(1 << 20, replay))))
}

/// Opens an input for reading, decompressing `.gz` and `.zst` files by extension and standard
/// input by its magic bytes.
pub fn open(file: &InputFile) -> Result<Box<dyn BufRead + Send>> {
    let (path, raw): (&Path, Box<dyn BufRead + Send>) = match &file.path {
        Some(path) => (
            path,
            Box::new(BufReader::with_capacity(
                1 << 20,
                File::open(path).map_err(|e| Error::io(path, e))?,
            )),
        ),
        None => (
            Path::new("<stdin>"),
            Box::new(BufReader::with_capacity(1 << 20, io::stdin())),
        ),
    };
    let (compression, raw) = match &file.path {
        Some(path) => (Compression::of_path(path), raw),
        None => {
            let (head, raw) = peek(raw, 4).map_err(|e| Error::io(path, e))?;
            (Compression::sniff(&head), raw)
        }
    };
    if compression == Compression::None {
        return Ok(raw);
    }
    let reader = compression.decoder(raw).map_err(|e| Error::io(path, e))?;
    Ok(Box::new(BufReader::with_capacity(1 << 20, reader)))
}

/// Reads a whole input as bytes (text mode: one file is one document).
pub fn read_all(file: &InputFile) -> Result<Vec<u8>> {
    let mut reader = open(file)?;
    let mut bytes = Vec::new();
    reader
        .read_to_end(&mut bytes)
        .map_err(|e| match &file.path {
            Some(p) => Error::io(p, e),
            None => Error::io(Path::new("<stdin>"), e),
        })?;
    Ok(bytes)
}

/// A parsed JSONL record. Fields other than the text field are kept as raw JSON, byte for byte.
#[derive(Debug, Clone)]
pub struct JsonRecord {
    fields: IndexMap<String, Box<RawValue>>,
    pub text: String,
    text_field: String,
}

impl JsonRecord {
    /// Parses one JSONL line. The error names what is wrong, for a message with the line number.
    pub fn parse(line: &str, text_field: &str) -> Result<JsonRecord, String> {
        let fields: IndexMap<String, Box<RawValue>> = serde_json::from_str(line).map_err(|e| {
            if e.to_string().contains("recursion limit") {
                "JSON nested too deeply".to_string()
            } else {
                format!("malformed JSON ({e})")
            }
        })?;
        let raw = fields
            .get(text_field)
            .ok_or_else(|| format!("no `{text_field}` field (choose one with --text-field)"))?;
        let text: String = serde_json::from_str(raw.get())
            .map_err(|_| format!("field `{text_field}` is not a string"))?;
        let mut fields = fields;
        // `render` writes the new text in its place: the escaped original need not be kept.
        if let Some(slot) = fields.get_mut(text_field) {
            *slot = RawValue::from_string("null".to_string()).expect("valid JSON");
        }
        Ok(JsonRecord {
            fields,
            text,
            text_field: text_field.to_string(),
        })
    }

    /// A field's value as a plain string (strings unquoted, other JSON as written).
    pub fn field(&self, name: &str) -> Option<String> {
        let raw = self.fields.get(name)?;
        Some(serde_json::from_str::<String>(raw.get()).unwrap_or_else(|_| raw.get().to_string()))
    }

    /// A field's value as written in the line (a number stays a number).
    pub fn raw_field(&self, name: &str) -> Option<&RawValue> {
        self.fields.get(name).map(|v| &**v)
    }

    /// The record with its text replaced; every other field as it came in.
    pub fn render(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len() + 64);
        out.push('{');
        for (i, (key, value)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            out.push_str(&serde_json::to_string(key).expect("string"));
            out.push(':');
            if *key == self.text_field {
                out.push_str(&serde_json::to_string(text).expect("string"));
            } else {
                out.push_str(value.get());
            }
        }
        out.push('}');
        out
    }
}

/// Reads JSONL lines as raw bytes, one at a time, with 1-based line numbers.
pub struct JsonlLines {
    reader: Box<dyn BufRead + Send>,
    line: u64,
}

impl JsonlLines {
    pub fn new(reader: Box<dyn BufRead + Send>) -> Self {
        JsonlLines { reader, line: 0 }
    }
}

impl Iterator for JsonlLines {
    type Item = io::Result<(u64, Vec<u8>)>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        match self.reader.read_until(b'\n', &mut buf) {
            Ok(0) => None,
            Ok(_) => {
                self.line += 1;
                if buf.last() == Some(&b'\n') {
                    buf.pop();
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                }
                Some(Ok((self.line, buf)))
            }
            Err(e) => Some(Err(e)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn record_round_trips_other_fields_byte_for_byte() {
        let line = r#"{"id":7,"text":"본문","meta":{"a":[1,2.50,1e3]},"url":"http://x"}"#;
        let rec = JsonRecord::parse(line, "text").unwrap();
        assert_eq!(rec.text, "본문");
        assert_eq!(rec.render("새 본문"), line.replace("본문", "새 본문"));
        assert_eq!(rec.field("id").as_deref(), Some("7"));
    }

    #[test]
    fn record_errors_say_what_is_wrong() {
        assert!(JsonRecord::parse("{\"text\": 3}", "text")
            .unwrap_err()
            .contains("not a string"));
        assert!(JsonRecord::parse("{\"body\": \"x\"}", "text")
            .unwrap_err()
            .contains("no `text` field"));
        assert!(JsonRecord::parse("{\"text\": ", "text")
            .unwrap_err()
            .contains("malformed JSON"));
        // Deep nesting in another field is kept as raw JSON, without recursion.
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        let rec = JsonRecord::parse(&format!("{{\"text\":\"x\",\"d\":{deep}}}"), "text").unwrap();
        assert!(rec.render("y").ends_with(&format!("{deep}}}")));
        assert!(JsonRecord::parse(&deep, "text")
            .unwrap_err()
            .contains("malformed JSON"));
    }

    #[test]
    fn invalid_utf8_is_decoded_with_a_warning() {
        let (text, warning) = decode(b"ok \xff bad".to_vec(), &Encoding::Utf8Lossy);
        assert_eq!(text, "ok \u{fffd} bad");
        assert!(warning.unwrap().contains("byte 3"));
    }

    #[test]
    fn euc_kr_is_detected() {
        let (bytes, _, _) = encoding_rs::EUC_KR
            .encode("정부가 내년 예산안을 발표했다. 경제 성장률 전망도 함께 내놓았다.");
        let (text, warning) = decode(bytes.into_owned(), &Encoding::Auto);
        assert!(text.starts_with("정부가"));
        assert!(warning.unwrap().contains("EUC-KR"));
    }
}
