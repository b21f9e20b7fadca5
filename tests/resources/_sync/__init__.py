# Written by scripts/unasync.py from tests/resources/_async/__init__.py.
# Do not edit: edit the source and re-run the script.
