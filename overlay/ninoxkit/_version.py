"""The ninoxkit version, kept in one place (pyproject's ``version`` is the source of truth)."""

__version__ = "0.1.0"
