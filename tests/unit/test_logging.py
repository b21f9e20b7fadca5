"""Opt-in logging and redaction."""

from __future__ import annotations

import logging

import pytest
from ninoxkit._logging import RedactingFilter, logger, redact, redact_headers, setup_logging

from tests.unit.conftest import KEY


@pytest.fixture
def restore_logger() -> object:
    handlers, level = list(logger.handlers), logger.level
    yield None
    logger.handlers[:] = handlers
    logger.setLevel(level)


def test_no_handler_unless_asked(restore_logger: object) -> None:
    before = list(logger.handlers)
    setup_logging({})
    assert logger.handlers == before


@pytest.mark.parametrize(("value", "level"), [("debug", logging.DEBUG), ("INFO", logging.INFO)])
def test_env_switches_handler_on(value: str, level: int, restore_logger: object) -> None:
    setup_logging({"NINOXKIT_LOG": value})
    setup_logging({"NINOXKIT_LOG": value})
    ours = [h for h in logger.handlers if getattr(h, "_ninoxkit", False)]
    assert len(ours) == 1
    assert logger.level == level


def test_redaction() -> None:
    assert KEY not in redact(f"headers={{'authorization': 'Bearer {KEY}'}}")
    assert KEY not in redact(f"Authorization: Bearer {KEY}")
    assert KEY not in redact(f"sent Bearer {KEY} oops")
    assert redact_headers({"Authorization": "x", "nx-password": "y", "a": "b"}) == {
        "Authorization": "[redacted]",
        "nx-password": "[redacted]",
        "a": "b",
    }


def test_filter_scrubs_records_logged_by_mistake(caplog: pytest.LogCaptureFixture) -> None:
    assert any(isinstance(f, RedactingFilter) for f in logger.filters)
    caplog.set_level(logging.DEBUG, logger="ninoxkit")
    logger.debug("oops %s", f"Authorization: Bearer {KEY}")
    assert KEY not in caplog.text
    assert "[redacted]" in caplog.text
