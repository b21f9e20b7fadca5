# Written by scripts/unasync.py from overlay/ninoxkit/_async/__init__.py.
# Do not edit: edit the source and re-run the script.
"""Async I/O shells: the source from which ``scripts/unasync.py`` writes ``ninoxkit._sync``."""
