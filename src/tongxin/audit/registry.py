"""Every audit action is a dotted code with a Chinese label, registered before it is used.

Each app lists its actions in `<app>/audit_actions.py` as `ACTIONS = {code: label}`; the
audit app collects them at start-up, and `record()` refuses a code that is not there.
"""

from django.utils.module_loading import autodiscover_modules

_ACTIONS: dict[str, str] = {}


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
