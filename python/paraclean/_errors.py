"""The exceptions paraclean raises. ``str(error)`` is the message the ``paraclean`` CLI prints
(after ``paraclean: ``) for the same mistake."""

from __future__ import annotations

from typing import Optional

__all__ = [
    "ParacleanError",
    "ConfigError",
    "RuleError",
    "TableError",
    "InputError",
    "FileError",
]


class ParacleanError(Exception):
    """Base class of every error paraclean raises."""


class ConfigError(ParacleanError, ValueError):
    """A config file or dict that cannot be used (unknown key, wrong type, unknown class in
    ``keep``, learned thresholds out of range)."""


class RuleError(ParacleanError, ValueError):
    """A rule pack that cannot be loaded or compiled, or a rule or pack id that no pack has."""


class TableError(ParacleanError, ValueError):
    """A learned table that is not a paraclean table, is damaged, or cannot be merged."""


class InputError(ParacleanError, ValueError):
    """Input the library cannot read (raised by the input readers)."""


class FileError(ParacleanError, OSError):
    """A file (config, rule pack, learned table, output) that cannot be read or written.

    Also an ``OSError``: ``errno`` is set when the system gave one, ``path`` names the file.
    """

    def __init__(self, message: str, errno: Optional[int] = None, path: Optional[str] = None):
        super().__init__(message)
        self.errno = errno
        self.path = path

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""

    def __reduce__(self):
        return (type(self), (str(self), self.errno, self.path))
