"""ninoxkit: the Python SDK for the Ninox REST API."""
