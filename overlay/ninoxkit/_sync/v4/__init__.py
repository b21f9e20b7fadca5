# Written by scripts/unasync.py from overlay/ninoxkit/_async/v4/__init__.py.
# Do not edit: edit the source and re-run the script.
"""The Ninox 4 facade (``Ninox4``) and its resources; the sync twin is ``_sync/v4``."""
