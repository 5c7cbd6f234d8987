"""The audit page in words: Chinese labels for each event's action, target and data.

Labels come from the registry (each app's audit_actions.py), else from the target model's
field (verbose name, choices). Values that are primary keys are shown by name, looked up
in one query per model for the whole page, never one per row. The data was scrubbed of
sensitive keys when it was written; nothing here adds to it.
"""

import datetime
import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model

from . import registry
from .models import AuditEvent
from .selectors import objects_by_id

CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass(frozen=True)
class Row:
    event: AuditEvent
    action: str
    target: str
    fields: list[tuple[str, str]]


def _model(label: str) -> type[Model] | None:
    try:
        return apps.get_model(label)
    except (LookupError, ValueError):
        return None


def target_label(model_label: str) -> str:
    """诉求, 接口令牌 … for rights.issue, accounts.apitoken …; the code itself as a last resort."""
    named = registry.target_label_of(model_label)
    if named:
        return named
    model = _model(model_label)
    verbose = str(model._meta.verbose_name) if model is not None else ""
    return verbose if CJK.search(verbose) else model_label


def _spec(event: AuditEvent, key: str) -> tuple[str, Any]:
    found = registry.field_of(event.action, key)
    if found:
        return found
    model = _model(event.target_type) if event.target_type else None
    if model is not None:
        try:
            field = model._meta.get_field(key)
        except FieldDoesNotExist:
            pass
        else:
            label = str(getattr(field, "verbose_name", key))
            choices = getattr(field, "flatchoices", None)
            return label, ({str(v): str(lb) for v, lb in choices} if choices else None)
    return key, None


def _ids(value: Any) -> list[int]:
    values = value if isinstance(value, list) else [value]
    return [v for v in values if isinstance(v, int) and not isinstance(v, bool)]


def _names(wanted: dict[str, set[int]]) -> dict[str, dict[int, str]]:
    """One query per referenced model for the whole page."""
    names: dict[str, dict[int, str]] = {}
    for label, ids in wanted.items():
        model = _model(label)
        if model is None or not ids:
            continue
        names[label] = {
            obj.pk: str(getattr(obj, "real_name", "") or getattr(obj, "name", "") or obj)
            for obj in objects_by_id(model, ids)
        }
    return names


def _plain(value: Any) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list):
        return "、".join(_plain(v) for v in value) or "—"
    if isinstance(value, dict):
        return "；".join(f"{k}：{_plain(v)}" for k, v in value.items())
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value).strftime("%Y-%m-%d")
        except ValueError:
            return value
    return str(value)


def _show(value: Any, how: Any, names: dict[str, dict[int, str]]) -> str:
    if isinstance(how, dict) and isinstance(value, dict):  # {"teacher": 3} → 团学老师：3
        return "；".join(f"{how.get(k, k)}：{_plain(v)}" for k, v in value.items()) or "—"
    if isinstance(how, dict):
        values = value if isinstance(value, list) else [value]
        return "、".join(str(how.get(str(v), _plain(v))) for v in values) or "—"
    if isinstance(how, str):  # a model label: primary keys shown by name
        ids = value if isinstance(value, list) else [value]
        if not ids or ids == [None]:
            return "—"
        return "、".join(names.get(how, {}).get(i, f"#{i}") for i in ids)
    return _plain(value)


def rows_for(events: list[AuditEvent]) -> list[Row]:
    specs = [{key: _spec(e, key) for key in (e.data or {})} for e in events]
    wanted: dict[str, set[int]] = defaultdict(set)
    for event, spec in zip(events, specs, strict=True):
        for key, (_label, how) in spec.items():
            if isinstance(how, str):
                wanted[how].update(_ids(event.data[key]))
    names = _names(wanted)
    targets: dict[str, str] = {}
    rows = []
    for event, spec in zip(events, specs, strict=True):
        target = ""
        if event.target_type:
            if event.target_type not in targets:
                targets[event.target_type] = target_label(event.target_type)
            target = f"{targets[event.target_type]} #{event.target_id}"
        fields = [(label, _show(event.data[key], how, names)) for key, (label, how) in spec.items()]
        rows.append(Row(event, registry.label_of(event.action), target, fields))
    return rows
