"""The congress's audit actions: each part keeps its own in audit_actions_<part>.py (the
rating's in audit_actions_rating.py); this module merges them for the audit registry."""

import importlib
import pkgutil
from pathlib import Path
from typing import Any

ACTIONS: dict[str, str] = {}
TARGETS: dict[str, str] = {}
FIELDS: dict[str, Any] = {}

for _found in pkgutil.iter_modules([str(Path(__file__).parent)]):
    if _found.name.startswith("audit_actions_"):
        _part = importlib.import_module(f"{__package__}.{_found.name}")
        ACTIONS.update(getattr(_part, "ACTIONS", {}))
        TARGETS.update(getattr(_part, "TARGETS", {}))
        FIELDS.update(getattr(_part, "FIELDS", {}))
