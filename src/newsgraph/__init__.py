"""newsgraph: offline news intelligence over many outlets' coverage of a story."""
from .articles import make_article
from .config import Settings, load_settings
from .errors import InputRejected, NewsgraphError, NotFound, StoreError, UsageError
from .ingest import iter_inputs
from .pipeline import RunReport, analyze
from .records import Article, InputError, RawDoc, RemovedLine, Repair, Segment
from .store import Store

__version__ = "0.1.0"

__all__ = [
    "Article", "InputError", "InputRejected", "NewsgraphError", "NotFound", "RawDoc", "RemovedLine", "Repair",
    "RunReport", "Segment", "Settings", "Store", "StoreError", "UsageError", "analyze",
    "iter_inputs", "load_settings", "make_article",
]
