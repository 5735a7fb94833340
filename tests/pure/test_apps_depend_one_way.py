"""Apps depend one way (docs/architecture.md "Layers and dependency direction"):
`kernel` imports no domain app; `cases` imports neither `approvals` nor `supervision`;
`approvals` never imports `supervision`; nothing imports `procuracy` (the procurator's lane
reads every app); only `demo` may import every app. A later act that
needs another app's rule reads it from the act registry (`cases.acts.registry.ACTS`) by name.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

FORBIDDEN = {
    "kernel": {"cases", "approvals", "supervision", "procuracy", "demo"},
    "cases": {"approvals", "supervision", "procuracy", "demo"},
    "approvals": {"supervision", "procuracy", "demo"},
    "supervision": {"procuracy", "demo"},
    "procuracy": {"demo"},
}


def _imports(path: Path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            out.append((node.lineno, node.module))
    return out


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_only_the_apps_below_it(app: str) -> None:
    crossings = [
        f"{path.relative_to(ROOT)}:{line}: {module}"
        for path in (ROOT / app).rglob("*.py")
        for line, module in _imports(path)
        if module.split(".")[0] in FORBIDDEN[app]
    ]
    assert not crossings, "\n".join(crossings)
