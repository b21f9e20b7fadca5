"""Issue #16: ``record.fields`` is a mapping to type checkers too, not only at run time.

ninoxkit gives the generated ``RecordFields`` the mapping methods when it is imported; without
the stub ``scripts/regenerate.py`` writes beside it, a user script doing ``rec.fields.get(...)``,
``.items()``, ``dict(rec.fields)`` or iterating failed ``mypy --strict``.
"""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

USER_SCRIPT = """\
from collections.abc import Mapping
from typing import Any

from ninoxkit import Ninox


def summary(ninox: Ninox) -> list[str]:
    out: list[str] = []
    for rec in ninox.records.list(table="Contacts"):
        fields: Mapping[str, Any] = rec.fields
        name = rec.fields["First Name"]
        birthday = rec.fields.get("Birthday", "unknown")
        if "Email" in rec.fields:
            out.append(str(rec.fields["Email"]))
        for key, value in rec.fields.items():
            out.append(f"{key}={value}")
        out += list(rec.fields) + list(rec.fields.keys())
        out.append(f"{name} {birthday} {len(rec.fields)} {len(dict(fields))}")
        rec.fields["Score"] = 1
        rec.fields.update({"VIP": True})
        del rec.fields["VIP"]
    return out
"""

BAD_SCRIPT = """\
from ninoxkit import Ninox

def bad(ninox: Ninox) -> int:
    rec = ninox.records.get(1, table="Contacts")
    return rec.fields.get_value("x")
"""


def _mypy(directory: Path, name: str) -> tuple[str, int]:
    from mypy import api

    config = directory / "mypy.ini"
    config.write_text(
        textwrap.dedent(f"""\
        [mypy]
        strict = True
        mypy_path = {ROOT / "generated"}:{ROOT / "overlay"}
        [mypy-ninoxkit.*,ninox_api.*]
        follow_imports = silent
        """)
    )
    cache = ROOT / ".mypy_cache" / "record_fields"
    out, err, status = api.run(
        ["--config-file", str(config), "--cache-dir", str(cache), str(directory / name)]
    )
    return out + err, status


def test_a_user_script_using_fields_as_a_mapping_passes_mypy_strict(tmp_path: Path) -> None:
    (tmp_path / "user_script.py").write_text(USER_SCRIPT)
    out, status = _mypy(tmp_path, "user_script.py")
    assert status == 0, out


def test_mypy_still_catches_a_method_that_does_not_exist(tmp_path: Path) -> None:
    (tmp_path / "bad.py").write_text(BAD_SCRIPT)
    out, status = _mypy(tmp_path, "bad.py")
    assert status == 1
    assert '"RecordFields" has no attribute "get_value"' in out
