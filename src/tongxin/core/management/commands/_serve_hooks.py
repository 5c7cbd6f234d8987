"""gunicorn's configuration hooks for `tongxin serve` (loaded with --config python:…).

`when_ready` runs in gunicorn's master once the socket listens: it prints the address and,
when the demo province exists, the demo logins again — `make demo` prints them first,
then the worker and the server start, and a newcomer should not have to scroll for them.
"""

import os
from typing import Any


def ready_lines() -> list[str]:
    """The address, then the demo's logins when a demo province exists (Django is set up)."""
    from tongxin.core.registration import collect

    lines = [f"同心已就绪：{os.environ.get('TONGXIN_SERVE_URL', '')}"]
    for more in collect("READY_LINES"):  # the demo's (demo/registers.py)
        lines += more()
    return lines


def when_ready(server: Any) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tongxin.settings")
    import django
    from django.db import connections

    django.setup()
    try:
        lines = ready_lines()
    except Exception:  # a missing table (not migrated) must not stop the server
        server.log.exception("could not read the demo logins")
        lines = [f"同心已就绪：{os.environ.get('TONGXIN_SERVE_URL', '')}"]
    finally:
        connections.close_all()  # the workers are forked from this process next
    print("\n".join(lines), flush=True)
