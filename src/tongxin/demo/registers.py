"""The demo's entries in the shared registries (see core/registration.py): the logins that
`tongxin serve` prints again once it listens (core/management/commands/_serve_hooks.py)."""

from .logins import demo_logins, demo_province, login_lines


def _ready_lines() -> list[str]:
    from .build import PASSWORD  # the generator is heavy: load it only for serve's message

    province = demo_province()
    return login_lines(demo_logins(province), PASSWORD) if province is not None else []


READY_LINES = [_ready_lines]
