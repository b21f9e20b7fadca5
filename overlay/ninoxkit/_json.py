"""Decoding Ninox's JSON answers: orjson where it gives exactly what ``json.loads`` gives.

Decoding is most of the client's CPU in a listing (a 500-record page is ~150 KB), and orjson
decodes it in well under half the time of the standard library. The results must not differ,
so orjson is used only where it is proven to give the same Python values, and ``json.loads``
decides everything else:

* orjson refuses some text ``json.loads`` accepts: ``NaN``/``Infinity``, numbers beyond a
  double (``1e400`` → ``inf``), lone surrogates (``"\\ud800"``), a byte-order mark, UTF-16/32,
  nesting beyond 1024 levels. Any refusal goes to ``json.loads``, which gives its own value or
  its own error.
* orjson silently turns an integer beyond 64 bits into a float (``json.loads`` keeps the int).
  Every integer of at most 18 digits fits, so a body with a run of 19 or more digits anywhere
  (in a string too: that only costs the fast path) goes to ``json.loads``.

``tests/unit/test_json.py`` compares both on generated JSON. Without orjson (it is a
dependency on CPython only) everything goes to ``json.loads``.
"""

from __future__ import annotations

import json
from typing import Any

try:
    import orjson
except ImportError:  # pragma: no cover - installed with ninoxkit on CPython
    orjson = None  # type: ignore[assignment]

__all__ = ["loads"]

#: Maps every digit to ``0`` and every other byte to a space: a run of digits stays a run.
_DIGITS = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
#: The shortest run of digits that may be an integer orjson cannot hold exactly.
_LONG_RUN = b"0" * 19


def loads(data: bytes) -> Any:
    """Decode a JSON body exactly as ``json.loads(data)`` would (same values, same errors).

    Raises:
        ValueError: not JSON (``json.JSONDecodeError``, or ``UnicodeDecodeError``).
        RecursionError: nested too deeply for ``json.loads``.
    """
    if orjson is not None and _LONG_RUN not in data.translate(_DIGITS):
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            pass
    return json.loads(data)
