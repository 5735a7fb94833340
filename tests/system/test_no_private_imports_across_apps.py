"""A name starting with "_" is private to its app: no other app imports it (issue #10, item 6).

An app is `cases`, `approvals`, `supervision`, or one package of the shared kernel
(`kernel.accounts`, `kernel.audit`, ...). When an app needs another's helper, the owner gives it a
public, documented name (e.g. `cases.services.workflow.case_lock_for_update`).
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNED = ("cases", "approvals", "supervision", "kernel")


def _app_of(module: str) -> str:
    """`kernel.audit.services` -> `kernel.audit`; `cases.services.workflow` -> `cases`."""
    parts = module.split(".")
    if parts[0] == "kernel" and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _absolute(node: ast.ImportFrom, importer: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = importer.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_imports_across_apps(source: str, importer: str, *, is_package: bool) -> list[str]:
    """Every `<module>.<name>` imported by `importer` that is private to another app."""
    own_app = _app_of(importer)
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom):
            module = _absolute(node, importer, is_package)
            if _app_of(module) not in _APPS or _app_of(module) == own_app:
                continue
            private_module = any(_is_private(part) for part in module.split("."))
            for alias in node.names:
                if private_module or _is_private(alias.name):
                    found.append(f"{module}.{alias.name}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                module = alias.name
                app = _app_of(module)
                if app in _APPS and app != own_app and any(map(_is_private, module.split("."))):
                    found.append(module)
    return found


_APPS = frozenset(
    {"cases", "approvals", "supervision"}
    | {
        f"kernel.{p.name}"
        for p in (ROOT / "kernel").iterdir()
        if p.is_dir() and (p / "__init__.py").exists()
    }
)


def test_detector_flags_a_private_helper_imported_from_another_app() -> None:
    source = (
        "from cases.services.workflow import _locked, case_advance\n"
        "from ..services.registration import _supervising_procuratorates\n"
        "from cases.eligibility._common import result\n"
        "from kernel.audit.services import _chain\n"
        "from ._common import _authority_of\n"
    )
    found = private_imports_across_apps(source, "approvals.services.decision", is_package=False)
    assert found == [
        "cases.services.workflow._locked",
        "cases.eligibility._common.result",
        "kernel.audit.services._chain",
    ]
    relative = private_imports_across_apps(
        "from ..accounts.models import _x\n", "kernel.audit.services", is_package=False
    )
    assert relative == ["kernel.accounts.models._x"]


def test_no_app_imports_a_private_name_of_another_app() -> None:
    offences = []
    for top in SCANNED:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            importer = _module_name(path)
            for name in private_imports_across_apps(
                path.read_text(encoding="utf-8"),
                importer,
                is_package=path.name == "__init__.py",
            ):
                offences.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offences == [], "Private helpers imported across apps:\n" + "\n".join(offences)
