"""Issue 14: the README's one-time-password hint works as printed, without an activated
virtualenv: `make otp user=approver` runs the virtualenv's python."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_make_otp_runs_the_virtualenvs_python_on_the_named_user() -> None:
    result = subprocess.run(
        ["make", "-n", "otp", "user=approver"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert ".venv/bin/python manage.py otp_code approver" in result.stdout


def test_make_otp_without_a_user_says_how_to_call_it() -> None:
    result = subprocess.run(
        ["make", "-s", "otp"], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    assert result.returncode != 0
    assert "usage: make otp user=approver" in result.stdout


def test_the_readme_gives_the_make_target_and_no_bare_manage_py_hint() -> None:
    readme = (ROOT / "README.md").read_text()
    assert "`make otp user=approver`" in readme
    # The old hint failed unless the virtualenv was active.
    assert not re.search(r"`python manage\.py otp_code", readme)
