from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

CRM_FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "crm"


@pytest.fixture
def crm_fixture() -> Callable[[str], Path]:
    """The path of one of the synthetic CRM exports in tests/fixtures/crm."""

    def path(name: str) -> Path:
        found = CRM_FIXTURES / name
        assert found.is_file(), f"no fixture {name}"
        return found

    return path


@pytest.fixture
def write_export(tmp_path: Path) -> Callable[..., Path]:
    """Write a throwaway export (text as UTF-8, or bytes as they are) and return its path."""

    def write(content: str | bytes, name: str = "export.csv") -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8", newline="")
        return path

    return write
