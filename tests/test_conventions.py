"""Cheap guards for what linters cannot see (STYLE.md)."""

import ast
import re
from pathlib import Path

import rules

from tongxin.audit import registry

SRC = Path(__file__).resolve().parents[1] / "src" / "tongxin"


def _sources(pattern: str = "*.py") -> list[Path]:
    return [p for p in SRC.rglob(pattern) if "migrations" not in p.parts and "tests" not in p.parts]


def test_views_and_api_never_query_models_directly():
    offenders = [
        str(p.relative_to(SRC))
        for p in _sources()
        if p.name in {"views.py", "api.py"} and ".objects." in p.read_text()
    ]
    assert offenders == [], "views and API go through selectors and services"


def test_every_audit_action_written_is_registered():
    used = set()
    for path in _sources():
        used |= set(re.findall(r'action="([a-z_]+\.[a-z_]+\.[a-z_]+)"', path.read_text()))
    assert used, "the pattern should find the audit actions"
    assert sorted(a for a in used if not registry.is_registered(a)) == []


def test_every_permission_asked_for_has_a_rule():
    asked = set()
    for path in _sources("*.py"):
        asked |= set(re.findall(r'(?:authorize|can)\([^)]*?"([a-z_]+\.[a-z_]+)"', path.read_text()))
    for path in _sources("*.html"):
        asked |= set(re.findall(r"perm\s*=\s*\"([a-z_]+\.[a-z_]+)\"", path.read_text()))
    assert asked, "the pattern should find permission checks"
    assert sorted(p for p in asked if not rules.perm_exists(p)) == []


def test_services_open_with_their_state_machine():
    missing = [
        str(p.relative_to(SRC))
        for p in _sources()
        if p.name == "services.py" and "──►" not in p.read_text().split('"""')[1]
    ]
    assert missing == []


def _imported_modules(source: str, package: str) -> set[str]:
    """Every module a file imports, at the top or inside a function, relative ones resolved."""
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = package.rsplit(".", node.level - 1)[0] if node.level else ""
            module = ".".join(part for part in (base, node.module or "") if part)
            found |= {module} | {f"{module}.{alias.name}" for alias in node.names}
    return found


def test_core_imports_no_other_app():
    """core is the lowest layer: it reads what the apps register (core/registration.py)."""
    apps = {p.name for p in SRC.iterdir() if (p / "apps.py").exists()} - {"core"}
    offenders = {
        f"{path.relative_to(SRC)}: {module}"
        for path in _sources()
        if path.relative_to(SRC).parts[0] == "core"
        for module in _imported_modules(
            path.read_text(), ".".join(("tongxin", *path.relative_to(SRC).parent.parts))
        )
        if module.split(".")[:2] in [["tongxin", app] for app in apps]
    }
    assert apps >= {"accounts", "orgs", "rights"}, "the pattern should find the apps"
    assert sorted(offenders) == []


def test_the_import_reader_sees_imports_inside_functions():
    source = "def f():\n    from tongxin.orgs.models import Node\n    from .. import rights\n"
    assert {"tongxin.orgs.models", "tongxin.rights"} <= _imported_modules(source, "tongxin.core")
