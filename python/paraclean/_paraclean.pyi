"""Type stubs of the Rust extension ``paraclean._paraclean`` (re-exported by ``paraclean``)."""

import os
from typing import Any, Iterable, Mapping, Optional, Tuple, TypedDict, Union, final

__all__ = [
    "Cleaner",
    "learn",
    "merge_tables",
    "LearnStats",
    "Cleaned",
    "Metadata",
    "Removal",
    "host_of",
    "__version__",
    "_debug_build",
    "CLASSES",
    "_restore",
]

__version__: str
#: True for a debug build (`maturin develop`): correct, but several times slower.
_debug_build: bool

#: Every class of removal, in the library's order.
CLASSES: Tuple[str, ...]

_StrPath = Union[str, "os.PathLike[str]"]
#: Rule or pack ids: one str (comma-separated ids allowed, as on the command line) or several.
_Ids = Union[str, Iterable[str]]

class _MetadataDict(TypedDict):
    authors: list[str]
    emails: list[str]
    publisher: Optional[str]
    published: Optional[str]

# `class` is a key of the dict; on Removal the attribute is `class_`.
_RemovalDict = TypedDict(
    "_RemovalDict",
    {
        "line": int,
        "start": int,
        "end": int,
        "byte_start": int,
        "byte_end": int,
        "text": str,
        "class": str,
        "reason": dict[str, Any],
    },
)

class _CleanedDict(TypedDict):
    text: str
    removals: list[_RemovalDict]
    metadata: _MetadataDict

@final
class Metadata:
    """What the removed bylines, signatures and copyright lines said."""

    @property
    def authors(self) -> list[str]:
        """Reporter names, in the order found, without repeats."""
    @property
    def emails(self) -> list[str]: ...
    @property
    def publisher(self) -> Optional[str]: ...
    @property
    def published(self) -> Optional[str]:
        """``YYYY-MM-DD HH:MM`` (or ``YYYY-MM-DD``) when the stamp could be read, else the stamp as written."""
    def to_dict(self) -> _MetadataDict: ...
    def __bool__(self) -> bool:
        """False when nothing was found."""
    def __eq__(self, other: object, /) -> bool: ...

@final
class Removal:
    """One removed piece of a document.

    ``doc[r.start:r.end] == r.text`` for the document that was cleaned: offsets count code points,
    as Python indexes strings. ``byte_start``/``byte_end`` are the same span in UTF-8 bytes.
    """

    @property
    def line(self) -> int:
        """1-based line of the document the piece was on."""
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def byte_start(self) -> int: ...
    @property
    def byte_end(self) -> int: ...
    @property
    def text(self) -> str:
        """The removed text."""
    @property
    def class_(self) -> str:
        """The class of the removal, one of ``CLASSES`` (``class`` is a Python keyword)."""
    @property
    def reason(self) -> dict[str, Any]:
        """The report's reason: ``{"by": "rule", "rule": ..., "pack": ..., "description": ...,
        "matched": ...}``, ``{"by": "duplicate", "kind": ..., "of_line": ..., "score": ...}``,
        ``{"by": "after-tail", "rule": ..., "from_line": ...}``, ``{"by": "list-item", "rule": ...,
        "title_line": ...}`` or ``{"by": "learned", "source": ..., "kind": ..., "docs": ...,
        "source_docs": ...}``."""
    def explain(self) -> str:
        """The reason in one line, as ``paraclean clean --explain`` shows it."""
    def to_dict(self) -> _RemovalDict:
        """``line``, ``start``, ``end``, ``byte_start``, ``byte_end``, ``text``, ``class``, ``reason``."""

@final
class Cleaned:
    """The result of cleaning one document."""

    @property
    def text(self) -> str:
        """The clean text."""
    @property
    def removals(self) -> list[Removal]:
        """Every removed piece, in document order."""
    @property
    def metadata(self) -> Metadata: ...
    def to_dict(self) -> _CleanedDict: ...

@final
class Cleaner:
    """Removes boilerplate and repeated copies from article text, with a report of every removal.

    Build once and share (also across threads: it is immutable, and cleaning releases the GIL).
    The arguments are the CLI's ``--config``, ``--rules``, ``--enable``, ``--disable``, ``--keep``
    and ``--learned``. Raises ``ConfigError``, ``RuleError``, ``TableError`` or ``FileError``
    (all ``ParacleanError``) with the CLI's message.
    """

    def __new__(
        cls,
        config: Union[_StrPath, Mapping[str, Any], None] = None,
        rules: Union[_StrPath, Iterable[_StrPath], None] = (),
        enable: Optional[_Ids] = (),
        disable: Optional[_Ids] = (),
        keep: Optional[_Ids] = (),
        learned: Optional[_StrPath] = None,
    ) -> Cleaner: ...
    def clean(self, text: str, source: Optional[str] = None) -> Cleaned:
        """Cleans one document; ``source`` names its site for the learned table."""
    def clean_text(self, text: str, source: Optional[str] = None) -> str:
        """Cleans one document and returns only the clean text."""
    def clean_many(
        self,
        texts: Iterable[str],
        sources: Union[str, Iterable[Optional[str]], None] = None,
        threads: Optional[int] = None,
    ) -> list[Cleaned]:
        """Cleans many documents in parallel with the GIL released; results in input order.

        ``sources``: one for all, or one (or None) per text. ``threads``: None uses the shared
        pool (one thread per core), an int a pool of that size (kept for later calls)."""
    @property
    def config(self) -> dict[str, Any]:
        """The settings in effect, as a dict (the TOML config's keys)."""
    @property
    def learned_sources(self) -> Optional[list[Tuple[str, int]]]:
        """The learned table's sources and their document counts; None without a table."""

@final
class LearnStats:
    @property
    def sources(self) -> int: ...
    @property
    def documents(self) -> int: ...
    @property
    def entries(self) -> int: ...

def learn(
    docs: Iterable[Tuple[str, str]],
    output: _StrPath,
    *,
    prune_below: Optional[int] = None,
    memory_entries: int = 1_000_000,
    spill_dir: Optional[_StrPath] = None,
    threads: Optional[int] = None,
) -> LearnStats:
    """Learns each source's templates from ``(source, text)`` pairs into a table at ``output``
    (the CLI's ``paraclean learn``; the tables are interchangeable)."""

def merge_tables(
    tables: Iterable[_StrPath], output: _StrPath, *, prune_below: Optional[int] = None
) -> LearnStats:
    """Merges tables exactly (``paraclean learn --merge``)."""

def host_of(url: str) -> Optional[str]:
    """The host of a URL, lower-cased, without ``www.``: the source name ``--url-field`` uses."""

def _restore(kind: str, json: str) -> Any:
    """Rebuilds a pickled Cleaned, Removal or Metadata (pickle's helper)."""
