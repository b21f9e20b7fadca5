"""Async tests: the source of tests/unit/_sync (written by scripts/unasync.py)."""
