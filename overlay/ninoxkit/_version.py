"""The ninoxkit version, written only here (pyproject.toml reads it: ``dynamic``)."""

__version__ = "0.1.0"
