# Written by scripts/unasync.py from overlay/ninoxkit/_async/resources/__init__.py.
# Do not edit: edit the source and re-run the script.
"""Resource namespaces of :class:`~ninoxkit.Ninox`, one module per spec tag."""
