"""One exception tree. Every message says what happened, to which input, and what to do."""
from __future__ import annotations


class NewsgraphError(Exception):
    """Base class for errors newsgraph reports to its user."""


class InputRejected(NewsgraphError):
    """An input cannot become an article (binary, empty, undecodable, malformed, too large)."""


class StoreError(NewsgraphError):
    """The store cannot be opened or written."""


class UsageError(NewsgraphError):
    """A request that cannot be carried out as asked (unknown table, bad format)."""


class NotFound(UsageError):
    """Nothing matches the id, prefix or name asked for (a story, an article, a table)."""


class ReadOnly(UsageError):
    """A change asked of a store that is served read-only (`newsgraph serve` without --edits)."""
