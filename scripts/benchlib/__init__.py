"""The figures of ``scripts/bench.py``, one module per group (``common``: shared helpers)."""
