"""The demo's congress: a line per union, sessions in every state, a few overdue unions, and
the first school's walked through the services (its school union's congress held)."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import transaction

from tongxin.audit.services import verify_chains
from tongxin.congress.models import CongressLine, Session, SessionEvent, SessionState
from tongxin.demo.build import build_demo
from tongxin.orgs.models import UNION_KINDS, Node, NodeKind
from tongxin.testing.clock import moment

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)
SMALL: dict[str, Any] = {"cities": 2, "schools": 6, "students": 600, "issues": 0, "today": TODAY}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Node]:
    with (
        time_machine.travel(moment(TODAY.isoformat())),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        build_demo(**SMALL)
        yield Node.objects.filter(kind=NodeKind.SCHOOL).order_by("code").first()
        transaction.set_rollback(True)


def test_every_union_has_a_line(demo):
    assert CongressLine.objects.count() == Node.objects.filter(kind__in=UNION_KINDS).count()


def test_sessions_in_every_state_and_a_few_overdue_unions(demo):
    states = set(Session.objects.values_list("state", flat=True))
    assert states == set(SessionState.values)
    overdue = CongressLine.objects.filter(due_on__lt=TODAY).count()
    assert 0 < overdue < CongressLine.objects.count() // 3


def test_bulk_sessions_carry_their_timeline_and_fields(demo):
    for s in Session.objects.exclude(school=demo)[:50]:
        kinds = list(SessionEvent.objects.filter(session=s).values_list("kind", flat=True))
        assert kinds[0] == "planned" and len(kinds) == s.version
        if s.state in (SessionState.HELD, SessionState.REPORTED, SessionState.CLOSED):
            assert s.held_start is not None and s.attendance
            assert s.line.last_held_on is not None


def test_the_first_schools_school_union_held_its_congress_through_the_services(demo):
    union = Node.objects.get(school=demo, kind=NodeKind.SCHOOL_UNION)
    held = Session.objects.get(union=union, state=SessionState.HELD)
    kinds = list(held.events.values_list("kind", flat=True))
    assert kinds == ["planned", "applied", "approved", "confirmed", "held"]
    assert held.line.last_held_on == held.held_end
    college_states = set(
        Session.objects.filter(school=demo, union__kind=NodeKind.COLLEGE_UNION).values_list(
            "state", flat=True
        )
    )
    assert len(college_states) >= 3


def test_the_first_schools_city_has_school_unions_in_several_states(demo):
    city = demo.city_pk
    states = set(Session.objects.filter(supervisor_id=city).values_list("state", flat=True))
    assert len(states) >= 3


def test_the_stories_leave_the_audit_chains_intact(demo):
    assert verify_chains()[1] == []
