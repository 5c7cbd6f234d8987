"""Login throttling: growing delays per (login name, client address), a ceiling per login
name across all addresses, a block per client address.

    per name and address:  attempts 1..N-1 ──► no wait;  attempt N, N+1, … ──► the next one
                     waits 1, 2, 4 … LOGIN_DELAY_MAX_SECONDS after the last; success clears
    per name, all addresses:  LOGIN_NAME_FAILURE_LIMIT failures within
                     LOGIN_ADDRESS_WINDOW_SECONDS (distributed guessing) ──► every attempt
                     for the name, from anywhere, waits LOGIN_DELAY_MAX_SECONDS after the last
    per address:     LOGIN_ADDRESS_FAILURE_LIMIT failures within the window ──► blocked for
                     LOGIN_ADDRESS_BLOCK_SECONDS (refused attempts count here too)

No account is ever locked for everyone: after its delay the right password works, and the
delay an attacker's address earns is that address's alone (the federation admin logs in
from their own address at once while someone hammers the name from another; only a
guessing campaign from many addresses, far above what one address may send, slows the
name for everyone, and then by at most the maximum delay).

An attempt is reserved before the password is checked (`reserve`): in one short
transaction the counter rows are locked and the attempt counted as if it failed, so
parallel requests at the ready time cannot all slip through during the slow hash; a
success then clears the reservation. The counters live in a table with an explicit
`expires_at`, never in the cache (it resets lifetimes and culls entries). Nothing here
sleeps in the request: a refused attempt says how long to wait.
"""

import datetime
import math
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import LoginThrottle

NAME = "name"
ADDRESS = "address"


@dataclass(frozen=True)
class Wait:
    seconds: int  # 0: the attempt may go ahead
    kind: str = ""  # NAME or ADDRESS
    attempt: int = 0  # reserved attempts in a row for this name from this address

    @property
    def starts_delays(self) -> bool:
        """A failure of this attempt makes the next one from the address wait."""
        return self.attempt == settings.LOGIN_THROTTLE_AFTER


def _pair_key(login_name: str, address: str | None) -> str:
    return f"name:{login_name}|{address or ''}"


def _name_key(login_name: str) -> str:
    return f"all:{login_name}"


def _address_key(address: str) -> str:
    return f"addr:{address}"


def delay_after(failures: int) -> int:
    """Seconds the next attempt waits after `failures` failures in a row (name, address)."""
    over = failures - settings.LOGIN_THROTTLE_AFTER
    if over < 0:
        return 0
    return int(min(2 ** min(over, 30), settings.LOGIN_DELAY_MAX_SECONDS))


def _seconds_until(moment: datetime.datetime, now: datetime.datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def _window() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.LOGIN_ADDRESS_WINDOW_SECONDS)


def _address_wait(row: LoginThrottle | None, now: datetime.datetime) -> int:
    if row is not None and row.blocked_until and row.blocked_until > now:
        return _seconds_until(row.blocked_until, now)
    return 0


def _name_wait(row: LoginThrottle | None, now: datetime.datetime) -> int:
    """The ceiling across all addresses: reached, every attempt waits the maximum delay."""
    if row is None or row.expires_at <= now:
        return 0
    if row.failures < settings.LOGIN_NAME_FAILURE_LIMIT:
        return 0
    ready_at = row.last_failure_at + datetime.timedelta(seconds=settings.LOGIN_DELAY_MAX_SECONDS)
    return _seconds_until(ready_at, now) if ready_at > now else 0


def _pair_wait(row: LoginThrottle | None, now: datetime.datetime) -> int:
    if row is None or row.expires_at <= now:
        return 0
    ready_at = row.last_failure_at + datetime.timedelta(seconds=delay_after(row.failures))
    return _seconds_until(ready_at, now) if ready_at > now else 0


def check(*, login_name: str, address: str | None) -> Wait:
    """Would an attempt for `login_name` from `address` be checked now? (A look only:
    the login view reserves with `reserve`.)"""
    now = timezone.now()
    keys = [_pair_key(login_name, address), _name_key(login_name)]
    keys += [_address_key(address)] if address else []
    rows = {r.key: r for r in LoginThrottle.objects.filter(key__in=keys, expires_at__gt=now)}
    if seconds := _address_wait(rows.get(_address_key(address)) if address else None, now):
        return Wait(seconds, ADDRESS)
    seconds = max(
        _name_wait(rows.get(_name_key(login_name)), now),
        _pair_wait(rows.get(_pair_key(login_name, address)), now),
    )
    return Wait(seconds, NAME) if seconds else Wait(0)


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


@transaction.atomic
def reserve(*, login_name: str, address: str | None) -> Wait:
    """May an attempt be checked now? If so it is counted (as a failure, until
    `register_success` says otherwise) before the password hash runs, under row locks, so
    only one attempt per delay gets through however many arrive at once. Locks are taken
    in one order (name, then name and address) and released when this returns."""
    now = timezone.now()
    if address:
        blocked = LoginThrottle.objects.filter(
            key=_address_key(address), expires_at__gt=now
        ).first()
        if seconds := _address_wait(blocked, now):
            return Wait(seconds, ADDRESS)
    name = _locked_row(_name_key(login_name), now)
    pair = _locked_row(_pair_key(login_name, address), now)
    if seconds := max(_name_wait(name, now), _pair_wait(pair, now)):
        return Wait(seconds, NAME)
    if name.window_start + _window() <= now:
        name.failures, name.window_start = 0, now
    name.failures += 1
    name.last_failure_at = now
    name.expires_at = max(
        name.window_start + _window(),
        now + datetime.timedelta(seconds=settings.LOGIN_DELAY_MAX_SECONDS),
    )
    name.save()
    pair.failures += 1
    pair.last_failure_at = now
    pair.expires_at = now + datetime.timedelta(seconds=settings.LOGIN_FAILURE_MEMORY_SECONDS)
    pair.save()
    return Wait(0, attempt=pair.failures)


def _count_at_address(address: str, now: datetime.datetime) -> None:
    row = _locked_row(_address_key(address), now)
    if row.blocked_until is not None and row.blocked_until > now:
        return  # already blocked: refused attempts do not extend the block
    if row.blocked_until is not None or row.window_start + _window() <= now:
        row.failures, row.window_start, row.blocked_until = 0, now, None
    row.failures += 1
    row.last_failure_at = now
    row.expires_at = row.window_start + _window()
    if row.failures >= settings.LOGIN_ADDRESS_FAILURE_LIMIT:
        row.blocked_until = now + datetime.timedelta(seconds=settings.LOGIN_ADDRESS_BLOCK_SECONDS)
        row.expires_at = row.blocked_until
    row.save()


@transaction.atomic
def register_failure(*, address: str | None) -> None:
    """A reserved attempt had a wrong password (its name counters already hold it): count
    it against the address too."""
    now = timezone.now()
    LoginThrottle.objects.filter(expires_at__lte=now).delete()  # explicit expiry, no cull
    if address:
        _count_at_address(address, now)


@transaction.atomic
def register_refused(*, address: str | None) -> None:
    """An attempt refused for its name's delay still counts against its address, so that
    hammering a name gets the hammering address blocked."""
    if address:
        _count_at_address(address, timezone.now())


@transaction.atomic
def register_success(*, login_name: str, address: str | None) -> None:
    """The reserved attempt was right: clear this address's delays for the name and take
    the attempt back from the name's count across addresses."""
    LoginThrottle.objects.filter(key=_pair_key(login_name, address)).delete()
    LoginThrottle.objects.filter(key=_name_key(login_name), failures__gt=0).update(
        failures=F("failures") - 1
    )
