"""paraclean: turns scraped article text into clean text — every paragraph once, no publisher or
portal boilerplate, nothing of the article lost — with an account of every removal.

    >>> import paraclean
    >>> paraclean.clean(raw_text)                     # the clean text, with a shared default Cleaner
    >>> cleaner = paraclean.Cleaner(disable=["web"])  # build once, share across threads
    >>> result = cleaner.clean(raw_text)              # .text, .removals, .metadata
    >>> results = cleaner.clean_many(texts)           # in parallel, GIL released, input order

The Rust library does the work; see ``help(paraclean.Cleaner)``.
"""

from __future__ import annotations

import threading
from typing import Optional

from ._errors import (
    ConfigError,
    FileError,
    InputError,
    ParacleanError,
    RuleError,
    TableError,
)
from ._paraclean import (
    CLASSES,
    Cleaned,
    Cleaner,
    LearnStats,
    Metadata,
    Removal,
    __version__,
    host_of,
    learn,
    merge_tables,
)

__all__ = [
    "CLASSES",
    "Cleaned",
    "Cleaner",
    "ConfigError",
    "FileError",
    "InputError",
    "LearnStats",
    "Metadata",
    "ParacleanError",
    "Removal",
    "RuleError",
    "TableError",
    "__version__",
    "clean",
    "default_cleaner",
    "host_of",
    "learn",
    "merge_tables",
]

_default: Optional[Cleaner] = None
_default_lock = threading.Lock()


def default_cleaner() -> Cleaner:
    """The shared ``Cleaner()`` with the shipped settings, built on first use."""
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Cleaner()
    return _default


def clean(text: str, source: Optional[str] = None) -> str:
    """The clean text of one document, with the default settings (``paraclean clean``)."""
    return default_cleaner().clean_text(text, source)
