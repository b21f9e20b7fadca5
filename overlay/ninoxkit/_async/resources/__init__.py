"""Resource namespaces of :class:`~ninoxkit.AsyncNinox`, one module per spec tag."""
