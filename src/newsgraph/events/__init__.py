"""Events: CAMEO/PLOVER coding of who did what to whom, when and where."""
from .coder import code_events

__all__ = ["code_events"]
