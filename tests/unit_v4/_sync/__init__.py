# Written by scripts/unasync.py from tests/unit_v4/_async/__init__.py.
# Do not edit: edit the source and re-run the script.
