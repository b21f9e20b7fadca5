# Written by scripts/unasync.py from overlay/ninoxkit/_async/__init__.py.
# Do not edit: edit the source and re-run the script.
"""Sync I/O shells, written by ``scripts/unasync.py`` from ``ninoxkit._async``."""
