"""Issue #13 (emulator): date and time text is read with ASCII digits only.

``re``'s ``\\d``, ``str.isdigit()`` and ``int()`` also take other scripts' digits, so the emulator
stored ``"٢٠٢٤-٠١-٠١"`` (Arabic-Indic) as a date and answered it back as ``2024-01-01``. No Ninox
date format has such digits: a write with one must be refused (4xx), like any other bad date.
"""

from __future__ import annotations

import pytest
from ninoxkit import APIStatusError, Ninox
from ninoxkit.testing import NinoxEmulator
from ninoxkit.testing._when import WhenError, normalise_when

from .conftest import PREFIX, TALLY

#: (field type, value with non-ASCII digits) — each is a valid value in ASCII digits.
_NON_ASCII = [
    ("date", "٢٠٢٤-٠١-٠١"),  # Arabic-Indic
    ("date", "２０２４-01-01"),  # fullwidth
    ("timestamp", "2024-01-01T1٢:00:00"),
    ("timestamp", "2024-01-01T12:00:00+0٢:00"),  # in the offset
    ("time", "٩:30"),
    ("timeinterval", "1:٣0:00"),
    ("appointment", "2024-01-01T09:00 - 2024-01-01T1٠:00"),
]


@pytest.mark.parametrize(("base", "value"), _NON_ASCII)
def test_non_ascii_digits_are_no_date_or_time(base: str, value: str) -> None:
    TALLY["bad_inputs_tried"] += 1
    ascii_form = "".join(str(int(c)) if c.isdigit() else c for c in value)
    normalise_when(base, ascii_form)  # the same value in ASCII digits is fine
    with pytest.raises(WhenError):
        normalise_when(base, value)


def test_a_date_in_arabic_indic_digits_is_refused_not_stored(
    emu: NinoxEmulator, client: Ninox
) -> None:
    path = f"{PREFIX}/tables/B/records".removeprefix("/v1")
    with pytest.raises(APIStatusError) as info:
        client.request("POST", path, json=[{"fields": {"Birthday": "٢٠٢٤-٠١-٠١"}}])
    assert info.value.status_code in (400, 422)  # refused as bad input, not a server fault
    assert not any(r.fields.get("Birthday") == "2024-01-01" for r in client.records.list(table="B"))
