"""The part of a database's schema the generators use, with a stable fingerprint (no I/O)."""

from __future__ import annotations

import hashlib
import json
import keyword
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

__all__ = ["FieldSpec", "TableSpec", "fingerprint", "from_tables", "identifier", "spec_json"]

#: Field types whose values the record routes do not carry: formulas and reverse links are read
#: through /query only (reference §13), so models leave them out.
COMPUTED = frozenset({"fn", "rev"})


@attrs.frozen
class FieldSpec:
    """One field: id, caption, Ninox type, choice captions in option order, link target."""

    id: str
    name: str
    type: str
    choices: tuple[str, ...] = ()
    ref: str | None = None
    #: Option ids, parallel to ``choices`` (``choiceStyle=ids`` answers use them).
    choice_ids: tuple[str, ...] = ()


@attrs.frozen
class TableSpec:
    """One table and its fields in Ninox's order."""

    id: str
    name: str
    fields: tuple[FieldSpec, ...]


def from_tables(tables: Iterable[Any]) -> list[TableSpec]:
    """Specs from ``listTables`` JSON (dicts) or the generated ``Table`` models (``to_dict``)."""
    out: list[TableSpec] = []
    for table in tables:
        data: Mapping[str, Any] = table if isinstance(table, Mapping) else table.to_dict()
        fields = []
        for f in data.get("fields") or []:
            options = f.get("choices") or []
            choices = tuple(str(c.get("caption", c.get("id"))) for c in options)
            choice_ids = tuple(str(c.get("id", c.get("caption"))) for c in options)
            ref = f.get("ref")
            fields.append(
                FieldSpec(
                    id=str(f["id"]),
                    name=str(f.get("name", f["id"])),
                    type=str(f.get("type", "")),
                    choices=choices,
                    ref=str(ref) if ref is not None else None,
                    choice_ids=choice_ids,
                )
            )
        out.append(TableSpec(str(data["id"]), str(data.get("name", data["id"])), tuple(fields)))
    return out


def spec_json(tables: Iterable[TableSpec]) -> list[dict[str, Any]]:
    """Plain JSON of the specs (what a generated module embeds and ``check`` compares)."""
    return [
        {
            "id": t.id,
            "name": t.name,
            "fields": [
                {"id": f.id, "name": f.name, "type": f.type, "choices": list(f.choices)}
                | ({"ref": f.ref} if f.ref is not None else {})
                for f in t.fields
            ],
        }
        for t in tables
    ]


def fingerprint(tables: Iterable[TableSpec]) -> str:
    """SHA-256 of the canonical JSON of the specs: equal schemas, equal fingerprints."""
    canonical = json.dumps(spec_json(tables), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


_SPELLED = str.maketrans({"ß": "ss", "æ": "ae", "Æ": "AE", "ø": "o", "Ø": "O", "œ": "oe"})


def _words(caption: str) -> list[str]:
    # NFKD splits accents off (é → e); ß and a few ligatures have no decomposition.
    spelled = caption.translate(_SPELLED)
    ascii_text = unicodedata.normalize("NFKD", spelled).encode("ascii", "ignore").decode()
    return re.findall(r"[A-Za-z0-9]+", ascii_text)


def identifier(caption: str, *, style: str, taken: set[str]) -> str:
    """A Python identifier for a caption, ``snake`` or ``pascal``, unique within ``taken``."""
    words = _words(caption) or ["field"]
    if style == "pascal":
        base = "".join(w[:1].upper() + w[1:] for w in words)
    else:
        base = "_".join(w.lower() for w in words)
    if base[0].isdigit():
        base = ("T" if style == "pascal" else "f_") + base
    if keyword.iskeyword(base) or keyword.issoftkeyword(base) or base in {"id", "self", "cls"}:
        base += "_"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}_{n}", n + 1
    taken.add(name)
    return name
