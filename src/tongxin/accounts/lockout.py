"""Login lockout: repeated failures for one login name lock it for a while.

The counters live in the cache, which every process shares (database table or Redis),
so a second server process cannot be used to keep guessing.
"""

from django.conf import settings
from django.core.cache import cache


def _key(login_name: str) -> str:
    return f"tongxin:login-failures:{login_name.lower()}"


def is_locked(login_name: str) -> bool:
    return int(cache.get(_key(login_name), 0)) >= settings.LOGIN_FAILURE_LIMIT


def register_failure(login_name: str) -> bool:
    """Count one failure; True when this failure locked the name."""
    key = _key(login_name)
    cache.add(key, 0, timeout=settings.LOGIN_LOCKOUT_SECONDS)
    try:
        failures = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=settings.LOGIN_LOCKOUT_SECONDS)
        failures = 1
    return failures == settings.LOGIN_FAILURE_LIMIT


def clear(login_name: str) -> None:
    cache.delete(_key(login_name))
