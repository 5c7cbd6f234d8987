"""Login throttling: growing delays per login name, a block per client address.

    per login name:  failures 1..N-1 ──► no wait;  failure N, N+1, … ──► next attempt waits
                     1, 2, 4 … LOGIN_DELAY_MAX_SECONDS after the last failure; success clears
    per address:     LOGIN_ADDRESS_FAILURE_LIMIT failures within the window ──► blocked for
                     LOGIN_ADDRESS_BLOCK_SECONDS (refused attempts count here too)

No account is ever locked for everyone: after its delay the right password works, and an
attacker's address block is the attacker's alone (the federation admin logs in from their
own address while someone hammers the name from another). The counters live in a table
with an explicit `expires_at`, never in the cache (it resets lifetimes and culls entries).
Nothing here sleeps in the request: a refused attempt says how long to wait.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from .models import LoginThrottle

NAME = "name"
ADDRESS = "address"


@dataclass(frozen=True)
class Wait:
    seconds: int  # 0: the attempt may go ahead
    kind: str = ""  # NAME or ADDRESS


def _name_key(login_name: str) -> str:
    return f"name:{login_name}"


def _address_key(address: str) -> str:
    return f"addr:{address}"


def delay_after(failures: int) -> int:
    """Seconds the next attempt waits after `failures` failures in a row for one name."""
    over = failures - settings.LOGIN_THROTTLE_AFTER
    if over < 0:
        return 0
    return int(min(2 ** min(over, 30), settings.LOGIN_DELAY_MAX_SECONDS))


def _seconds_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def check(*, login_name: str, address: str | None) -> Wait:
    """May an attempt for `login_name` from `address` be checked now?"""
    now = timezone.now()
    keys = [_name_key(login_name)] + ([_address_key(address)] if address else [])
    rows = {r.key: r for r in LoginThrottle.objects.filter(key__in=keys, expires_at__gt=now)}
    blocked = rows.get(_address_key(address)) if address else None
    if blocked is not None and blocked.blocked_until and blocked.blocked_until > now:
        return Wait(_seconds_until(blocked.blocked_until, now), ADDRESS)
    name = rows.get(_name_key(login_name))
    if name is not None:
        ready_at = name.last_failure_at + datetime.timedelta(seconds=delay_after(name.failures))
        if ready_at > now:
            return Wait(_seconds_until(ready_at, now), NAME)
    return Wait(0)


def _locked_row(key: str, now: datetime.datetime) -> LoginThrottle:
    row = LoginThrottle.objects.select_for_update().filter(key=key).first()
    if row is None:
        try:
            with transaction.atomic():
                LoginThrottle.objects.create(
                    key=key, window_start=now, last_failure_at=now, expires_at=now
                )
        except IntegrityError:  # a concurrent attempt created it first
            pass
        row = LoginThrottle.objects.select_for_update().get(key=key)
    if row.expires_at <= now:  # expired: start over
        row.failures, row.window_start, row.blocked_until = 0, now, None
    return row


def _count_at_address(address: str, now: datetime.datetime) -> None:
    row = _locked_row(_address_key(address), now)
    if row.blocked_until is not None and row.blocked_until > now:
        return  # already blocked: refused attempts do not extend the block
    window = datetime.timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS)
    if row.blocked_until is not None or row.window_start + window <= now:
        row.failures, row.window_start, row.blocked_until = 0, now, None
    row.failures += 1
    row.last_failure_at = now
    row.expires_at = row.window_start + window
    if row.failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        row.blocked_until = now + datetime.timedelta(seconds=settings.LOGIN_ADDRESS_BLOCK_SECONDS)
        row.expires_at = row.blocked_until
    row.save()


@transaction.atomic
def register_failure(*, login_name: str, address: str | None) -> bool:
    """A wrong password was checked. True when this failure starts the name's delays."""
    now = timezone.now()
    LoginThrottle.objects.filter(expires_at__lte=now).delete()  # explicit expiry, no cull
    row = _locked_row(_name_key(login_name), now)
    row.failures += 1
    row.last_failure_at = now
    row.expires_at = now + datetime.timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
    row.save()
    if address:
        _count_at_address(address, now)
    return row.failures == settings.LOGIN_THROTTLE_AFTER


@transaction.atomic
def register_refused(*, address: str | None) -> None:
    """An attempt refused for its name's delay still counts against its address, so that
    hammering a name gets the hammering address blocked."""
    if address:
        _count_at_address(address, timezone.now())


def register_success(*, login_name: str) -> None:
    LoginThrottle.objects.filter(key=_name_key(login_name)).delete()
