"""Code generators driven by a database's schema: typed Python models and an OpenAPI document.

- :func:`ninoxkit._codegen.python.generate` writes one module of frozen dataclasses, one per
  table; :func:`ninoxkit._codegen.python.check` compares such a module with the live schema.
- :func:`ninoxkit._codegen.openapi.generate` writes an OpenAPI 3.1 document for one database.

Both start from the JSON of ``listTables`` (reference §4.7), read with ``client.tables.list()``.
"""
