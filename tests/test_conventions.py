"""Cheap guards for what linters cannot see (STYLE.md, docs/architecture.md)."""

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import rules
from django.apps import apps

from tongxin.audit import registry

SRC = Path(__file__).resolve().parents[1] / "src" / "tongxin"

# Modules that turn requests into calls: they read through selectors and write through
# services, never through a model's manager.
THIN_MODULES = {
    "views.py",
    "api.py",
    "actions.py",
    "presenters.py",
    "bulk.py",
    "home.py",
    "todo.py",
}
DIRECT_QUERY = re.compile(r"\.objects\.|\._default_manager\b|get_object_or_404\(")


def _sources(pattern: str = "*.py") -> list[Path]:
    return [p for p in SRC.rglob(pattern) if "migrations" not in p.parts and "tests" not in p.parts]


def _is_thin(path: Path) -> bool:
    return path.name in THIN_MODULES or path.name.endswith("_views.py")


def _app_of(path: Path) -> str:
    return path.relative_to(SRC).parts[0]


def _imported_modules(path: Path) -> Iterator[tuple[str, list[str]]]:
    """(module, names imported from it) for every import of a tongxin module, including
    imports inside functions; relative imports are resolved against the file's package."""
    package = ["tongxin", *path.relative_to(SRC).parent.parts]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, []
        elif isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join([*base, node.module] if node.module else base)
            yield module, [alias.name for alias in node.names]


def _internal_modules() -> dict[str, set[str]]:
    """Each app's own list of modules no other app may import (AppConfig.internal_modules)."""
    return {
        config.name.removeprefix("tongxin."): set(getattr(config, "internal_modules", ()))
        for config in apps.get_app_configs()
        if config.name.startswith("tongxin.")
    }


def test_views_actions_and_presenters_never_query_models_directly():
    offenders = [
        str(p.relative_to(SRC))
        for p in _sources()
        if _is_thin(p) and DIRECT_QUERY.search(p.read_text())
    ]
    assert offenders == [], "pages, API, actions and presenters go through selectors and services"


def test_the_thin_module_check_sees_every_kind_of_page_module():
    thin = {p.name for p in _sources() if _is_thin(p)}
    assert {"views.py", "api.py", "actions.py", "presenters.py", "config_views.py"} <= thin


def test_no_app_imports_another_apps_private_or_internal_module():
    internal = _internal_modules()
    offenders = []
    for path in _sources():
        mine = _app_of(path)
        for module, names in _imported_modules(path):
            parts = module.split(".")
            if parts[0] != "tongxin" or len(parts) < 3 or parts[1] == mine:
                continue
            inner = ".".join(parts[2:])
            private = any(p.startswith("_") for p in parts[2:]) or any(
                n.startswith("_") for n in names
            )
            if private or inner in internal.get(parts[1], set()):
                offenders.append(f"{path.relative_to(SRC)} imports {module} {names}")
    assert offenders == []


def test_imports_are_resolved_relative_to_the_importing_package():
    found = dict(_imported_modules(SRC / "rights" / "services" / "handling.py"))
    assert "tongxin.rights.services.common" in found
    assert "tongxin.rights.models" in found


def test_apps_declare_their_internal_modules():
    internal = _internal_modules()
    assert "services.common" in internal["rights"]
    assert "services.common" in internal["selection"]


def test_every_workflow_module_carries_its_state_diagram():
    """A module that takes workflow steps (or is an app's services module) opens with its
    state machine drawn in ASCII (STYLE.md)."""
    missing = []
    for path in _sources():
        text = path.read_text()
        takes_steps = "from tongxin.workflow.steps import" in text
        if path.name == "services.py" or takes_steps:
            docstring = ast.get_docstring(ast.parse(text)) or ""
            if "──►" not in docstring:
                missing.append(str(path.relative_to(SRC)))
    assert missing == []


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


def _modules_imported_by(source: str, package: str) -> set[str]:
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
    # Every package of tongxin (an app or not, the workflow kit too) is above core.
    apps = {p.name for p in SRC.iterdir() if (p / "__init__.py").exists()} - {"core"}
    offenders = {
        f"{path.relative_to(SRC)}: {module}"
        for path in _sources()
        if path.relative_to(SRC).parts[0] == "core"
        for module in _modules_imported_by(
            path.read_text(), ".".join(("tongxin", *path.relative_to(SRC).parent.parts))
        )
        if module.split(".")[:2] in [["tongxin", app] for app in apps]
    }
    assert apps >= {"accounts", "orgs", "rights"}, "the pattern should find the apps"
    assert sorted(offenders) == []


def test_the_import_reader_sees_imports_inside_functions():
    source = "def f():\n    from tongxin.orgs.models import Node\n    from .. import rights\n"
    assert {"tongxin.orgs.models", "tongxin.rights"} <= _modules_imported_by(source, "tongxin.core")


def test_no_app_imports_the_demo_or_the_benchmark():
    """The demo and bench sit beside the domain layer and build data from what the apps
    offer (each app's generator); an app's generator takes the province it is given as
    records (tongxin.workflow.generation), never the demo's modules."""
    beside = {"demo", "bench"}
    offenders = [
        f"{path.relative_to(SRC)} imports {module} {names}"
        for path in _sources()
        if _app_of(path) not in beside
        for module, names in _imported_modules(path)
        if module.split(".")[:2] in [["tongxin", name] for name in beside]
        or (module == "tongxin" and beside & set(names))
    ]
    assert offenders == []
