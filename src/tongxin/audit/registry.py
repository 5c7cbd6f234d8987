"""Every audit action is a dotted code with a Chinese label, registered before it is used.

Each app lists its actions in `<app>/audit_actions.py` as `ACTIONS = {code: label}`; the
audit app collects them at start-up, and `record()` refuses a code that is not there.
The same module may name, for the audit page, what its events point at and carry:
`TARGETS = {model label: Chinese name}` (else the model's verbose name) and
`FIELDS = {data key: label | (label, model label) | (label, {value: label})}` — a model
label means the value is a primary key (or a list of them) shown by the row's name.
"""

from typing import Any

from django.utils.module_loading import autodiscover_modules

_ACTIONS: dict[str, str] = {}
_TARGETS: dict[str, str] = {}
# (app label, data key) → (label, None | model label | {value: label})
_FIELDS: dict[tuple[str, str], tuple[str, Any]] = {}


def register(actions: dict[str, str]) -> None:
    for code, label in actions.items():
        if code.count(".") < 2:
            raise ValueError(f"audit action {code!r} must read <app>.<entity>.<verb>")
        _ACTIONS[code] = label


def is_registered(code: str) -> bool:
    return code in _ACTIONS


def label_of(code: str) -> str:
    return _ACTIONS.get(code, code)


def all_actions() -> dict[str, str]:
    return dict(_ACTIONS)


def register_targets(targets: dict[str, str]) -> None:
    _TARGETS.update(targets)


def register_fields(app_label: str, fields: dict[str, Any]) -> None:
    for key, spec in fields.items():
        _FIELDS[(app_label, key)] = (spec, None) if isinstance(spec, str) else tuple(spec)


def target_label_of(model_label: str) -> str | None:
    return _TARGETS.get(model_label)


def field_of(action: str, key: str) -> tuple[str, Any] | None:
    """The label (and how to show the value) of a data key of one action (`<code>:<key>`
    in its app's FIELDS), of its app, or of any app (the audit app's common keys)."""
    app_label = action.split(".", 1)[0]
    return (
        _FIELDS.get((app_label, f"{action}:{key}"))
        or _FIELDS.get((app_label, key))
        or _FIELDS.get(("audit", key))
    )


def discover() -> None:
    import importlib

    from django.apps import apps

    autodiscover_modules("audit_actions")
    for config in apps.get_app_configs():
        try:
            module = importlib.import_module(f"{config.name}.audit_actions")
        except ModuleNotFoundError:
            continue
        register(getattr(module, "ACTIONS", {}))
        register_targets(getattr(module, "TARGETS", {}))
        register_fields(config.label, getattr(module, "FIELDS", {}))
