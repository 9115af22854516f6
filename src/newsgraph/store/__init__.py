"""The DuckDB store: one file, schema by numbered migrations, one class owning the connection."""
from .store import EXPORTS, Store

__all__ = ["EXPORTS", "Store"]
