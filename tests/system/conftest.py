"""Two provinces for the jurisdiction battery (issue #9 item 3; `tests.provinces`)."""

from __future__ import annotations

import pytest

from tests.provinces import Province, build_province


@pytest.fixture
def two_provinces(db: None, loaded_calendar: None) -> tuple[Province, Province]:
    """Zhejiang (33) and Jiangsu (32), each complete and unaware of the other."""
    return build_province("33", "浙江"), build_province("32", "江苏")


def pytest_terminal_summary(terminalreporter: object) -> None:
    """Report the battery's figure for the closing note (issue #9 item 3)."""
    from pathlib import Path

    from tests.system.test_two_province_battery import TALLY

    if not TALLY["requests"]:
        return
    line = (
        f"jurisdiction battery: {TALLY['requests']} requests across two provinces, "
        f"{TALLY['leaks']} leaks"
    )
    terminalreporter.write_line(line)  # type: ignore[attr-defined]
    Path("var").mkdir(exist_ok=True)
    Path("var/jurisdiction-battery.txt").write_text(line + "\n", encoding="utf-8")
