"""Cleaning: page-furniture removal and Unicode normalisation, with offset maps to the raw text."""
from .boilerplate import LineLabel, classify_lines
from .normalize import OffsetMap, build_clean_text, repair_mixed_script

__all__ = ["LineLabel", "OffsetMap", "build_clean_text", "classify_lines", "repair_mixed_script"]
