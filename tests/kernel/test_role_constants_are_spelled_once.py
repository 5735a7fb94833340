"""The role sets that carry a legal meaning are spelled once, in `kernel.accounts.roles`
(issue #10, item 6): the approving authority's roles, the court's staff, the court's deciders
and the custodial institution's staff. No app writes them out again, and no name means two
different sets."""

from __future__ import annotations

import ast
from pathlib import Path

from kernel.accounts.roles import APPROVING_ROLES, COURT_DECIDING_ROLES, COURT_ROLES, Role

ROOT = Path(__file__).resolve().parents[2]
HOME = ROOT / "kernel" / "accounts" / "roles.py"
NAMED = {
    frozenset({"APPROVER", "APPROVING_HEAD"}): "APPROVING_ROLES",
    frozenset({"JUDGE", "COURT_CLERK"}): "COURT_ROLES",
    frozenset(
        {"APPROVER", "APPROVING_HEAD", "JUDGE", "COURT_CLERK"}
    ): "APPROVING_ROLES | COURT_ROLES",
    frozenset({"PRISON_CLERK", "PRISON_LEADER"}): "CUSTODY_ROLES",
}


def _role_sets(source: str) -> list[tuple[int, frozenset[str]]]:
    """Every set literal made only of `Role.<MEMBER>` items, with its line."""
    found = []
    for node in ast.walk(ast.parse(source)):
        items = node.elts if isinstance(node, (ast.Set, ast.List, ast.Tuple)) else None
        if not items or len(items) < 2:
            continue
        members = [
            e.attr
            for e in items
            if isinstance(e, ast.Attribute)
            and isinstance(e.value, ast.Name)
            and e.value.id == "Role"
        ]
        if len(members) == len(items):
            found.append((node.lineno, frozenset(members)))
    return found


def test_the_named_role_sets_mean_what_the_law_says() -> None:
    assert frozenset({Role.APPROVER, Role.APPROVING_HEAD}) == APPROVING_ROLES
    assert frozenset({Role.JUDGE, Role.COURT_CLERK}) == COURT_ROLES
    assert frozenset({Role.JUDGE}) == COURT_DECIDING_ROLES


def test_no_app_writes_out_a_named_role_set_again() -> None:
    offences = []
    for top in ("cases", "approvals", "supervision", "kernel"):
        for path in sorted((ROOT / top).rglob("*.py")):
            if path == HOME or "migrations" in path.parts:
                continue
            for line, members in _role_sets(path.read_text(encoding="utf-8")):
                if members in NAMED:
                    offences.append(f"{path.relative_to(ROOT)}:{line} spells {NAMED[members]}")
    assert offences == [], "Use the constants of kernel.accounts.roles:\n" + "\n".join(offences)


def test_deciding_roles_no_longer_names_two_different_sets() -> None:
    for top in ("cases", "approvals", "supervision", "kernel"):
        for path in (ROOT / top).rglob("*.py"):
            assert "DECIDING_ROLES =" not in path.read_text(encoding="utf-8").replace(
                "COURT_DECIDING_ROLES =", ""
            ), path
