"""The Ninox 4 facade (``AsyncNinox4``) and its resources; the sync twin is ``_sync/v4``."""
