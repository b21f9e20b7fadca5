"""A client library for accessing Ninox REST API (classic, v1)"""

from .client import AuthenticatedClient, Client

__all__ = (
    "AuthenticatedClient",
    "Client",
)
