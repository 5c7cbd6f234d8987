"""Shared fixtures: the tiny seeded province and logged-in clients per persona."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from tongxin.testing.clock import TODAY_VARIABLE, session_moment
from tongxin.testing.province import TinyProvince, build_tiny_province

_session_traveller = pytest.StashKey[Any]()


def pytest_configure(config: pytest.Config) -> None:
    """TONGXIN_TEST_TODAY moves the whole session (see tongxin.testing.clock)."""
    destination = session_moment()
    if destination is not None:
        import time_machine

        config.stash[_session_traveller] = time_machine.travel(destination, tick=True)
        config.stash[_session_traveller].start()


def pytest_unconfigure(config: pytest.Config) -> None:
    traveller = config.stash.get(_session_traveller, None)
    if traveller is not None:
        traveller.stop()


def pytest_report_header(config: pytest.Config) -> str | None:
    destination = session_moment()
    if destination is None:
        return None
    return f"{TODAY_VARIABLE}: the clock starts at {destination:%Y-%m-%d %H:%M %Z}"


@pytest.fixture(autouse=True)
def _fresh_calendar_memo():
    """The working-day calendar memoizes per process; tests change the table under it."""
    from tongxin.workdays.calendar import clear_memo

    clear_memo()
    yield
    clear_memo()


@pytest.fixture(autouse=True)
def _fresh_process_memos():
    """What a process remembers (core/memo.py: the menu, the demo flag, the queue's
    choices, the rollups' sums): each test starts afresh."""
    from tongxin.core.memo import forget

    forget()
    yield


@pytest.fixture(autouse=True)
def _reference_data(request):
    """Transactional tests flush every table afterwards, data migrations' rows included;
    put the reference data (holiday calendar, issue categories) back before each one."""
    marker = request.node.get_closest_marker("django_db")
    transactional = (marker is not None and marker.kwargs.get("transaction")) or bool(
        {"transactional_db", "live_server"} & set(request.fixturenames)
    )
    if transactional:
        request.getfixturevalue("transactional_db")
        from tongxin.rights.models import IssueCategory
        from tongxin.rights.seed import seed_categories
        from tongxin.staff.models import StaffLimit
        from tongxin.staff.seed import seed_limits
        from tongxin.workdays.models import CalendarDay, CalendarYear
        from tongxin.workdays.seed import seed_calendar

        seed_calendar(CalendarYear, CalendarDay)
        seed_categories(IssueCategory)
        seed_limits(StaffLimit)
        from tongxin.reform.seed import seed_rating_scales, seed_scorings

        seed_scorings()
        seed_rating_scales()


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its language in the test thread; keep it from leaking onwards."""
    yield
    from django.utils import translation

    translation.deactivate()


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    """Uploaded files of a test land in its own temporary folder, never in var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def province(db: None) -> TinyProvince:
    return build_tiny_province()


@pytest.fixture
def client_for(province: TinyProvince) -> Callable[[str], Client]:
    """client_for("advisor_a") → a test client logged in as that persona."""

    def make(persona: str) -> Client:
        client = Client()
        client.force_login(province.people[persona])
        return client

    return make
