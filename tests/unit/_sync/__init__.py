# Written by scripts/unasync.py from tests/unit/_async/__init__.py.
# Do not edit: edit the source and re-run the script.
"""Async tests: the source of tests/unit/_sync (written by scripts/unasync.py)."""
