"""Async I/O shells: the source from which ``scripts/unasync.py`` writes ``ninoxkit._sync``."""
