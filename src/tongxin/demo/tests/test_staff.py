"""The demo province's union staff: rosters that mostly keep the limits, a few unions over
one, grades with warnings decided by the staff app's own rule, training, assessment rounds
and candidacies walked through selection."""

import datetime
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.db import transaction

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role
from tongxin.accounts.services import system_actor
from tongxin.assessment.models import (
    RatedOfficer,
    Rater,
    RaterGroup,
    Round,
    RoundClock,
    RoundStatus,
)
from tongxin.audit.services import verify_chains
from tongxin.demo.build import build_demo
from tongxin.notifications.models import Notification
from tongxin.orgs.models import Node, NodeKind
from tongxin.selection.models import Candidacy, State
from tongxin.staff.eligibility import eligibility_of
from tongxin.staff.generator import AcademicTerm, latest_finished_term
from tongxin.staff.limits import breaches
from tongxin.staff.models import (
    AcademicRecord,
    AcademicWarning,
    Appointment,
    Department,
    WarningStatus,
)
from tongxin.testing.clock import moment
from tongxin.training.selectors import coverage_of
from tongxin.workdays.calendar import end_of_day, local_zone
from tongxin.workflow.clocks.services import clock_escalate

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 11, 27)
SMALL: dict[str, Any] = {"cities": 2, "schools": 4, "students": 400, "issues": 0, "today": TODAY}


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[Node]:
    """Built once for the module inside a transaction rolled back at its end: the tests only
    read (each runs in a savepoint of its own). The clock stands at TODAY throughout: the
    services the stories call check their dates against it."""
    with (
        time_machine.travel(moment(TODAY.isoformat())),
        django_db_blocker.unblock(),
        transaction.atomic(),
    ):
        build_demo(**SMALL)
        yield Node.objects.filter(kind=NodeKind.SCHOOL).order_by("code").first()
        transaction.set_rollback(True)


def _unions() -> list[Node]:
    kinds = [NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION]
    return list(Node.objects.filter(kind__in=kinds).select_related("school"))


def test_every_officer_sits_in_the_presidium_or_a_department_of_their_union(demo):
    officers = Membership.objects.filter(role=Role.OFFICER)
    assert Appointment.objects.count() == officers.count()
    for appointment in Appointment.objects.select_related("membership", "department"):
        membership, department = appointment.membership, appointment.department
        if membership.position in PRESIDIUM_POSITIONS:
            assert department is None
        else:
            assert department is not None and department.union_id == membership.node_id


def test_the_first_schools_union_has_one_department_too_many_and_is_flagged(demo):
    union = Node.objects.get(school=demo, kind=NodeKind.SCHOOL_UNION)
    assert Department.objects.filter(union=union, is_active=True).count() == 7
    found = breaches(union, limits=None)
    assert [(b.rule, b.limit, b.count) for b in found] == [("departments", 6, 7)]


def test_other_unions_keep_their_limits(demo):
    flagged = [union for union in _unions() if breaches(union)]
    assert {union.school_id for union in flagged} == {demo.pk}


def test_grades_cover_every_student_past_their_first_year(demo):
    term = latest_finished_term(TODAY)
    assert term == AcademicTerm(2025, 2)
    students = Membership.objects.filter(role=Role.STUDENT, user__enrolment_year__lt=2026)
    graded = AcademicRecord.objects.filter(term=term.label).values("student_id").distinct()
    assert graded.count() == students.values("user_id").distinct().count()
    first_years = Membership.objects.filter(role=Role.STUDENT, user__enrolment_year=2026)
    assert not AcademicRecord.objects.filter(student__in=first_years.values("user_id")).exists()


def test_a_warning_is_raised_exactly_for_officers_who_fail_the_rule(demo):
    warned = set(
        AcademicWarning.objects.filter(term="2025-2026-2").values_list("membership_id", flat=True)
    )
    current = Membership.objects.filter(role=Role.OFFICER, end__isnull=True).select_related(
        "user__school"
    )
    for membership in current:
        meets = eligibility_of(membership.user, on=TODAY).meets
        assert meets == (membership.pk not in warned), membership.user.real_name
    assert warned, "the demo shows some warnings"


def test_a_warning_that_persisted_proposes_an_exit_in_the_first_school(demo):
    latest = AcademicWarning.objects.get(
        school=demo, term="2025-2026-2", status=WarningStatus.EXIT_PROPOSED
    )
    assert latest.previous is not None and latest.previous.term == "2025-2026-1"
    assert latest.previous.status == WarningStatus.EXIT_PROPOSED
    assert latest.membership.start <= datetime.date(2025, 9, 1)
    assert AcademicWarning.objects.filter(school=demo, status=WarningStatus.OPEN).exists()


def test_every_union_was_trained_and_most_meet_twice_a_year_last_year(demo):
    for union in _unions():
        last_year = coverage_of(union, 2025)
        assert last_year.sessions >= 2, union.name
        this_year = coverage_of(union, 2026)
        assert this_year.trained > 0 and this_year.rate is not None and this_year.rate > 0.5


def test_every_school_union_has_a_published_round_with_scores(demo):
    rounds = Round.objects.filter(term="2025-2026-2")
    assert rounds.count() == Node.objects.filter(kind=NodeKind.SCHOOL_UNION).count()
    assert set(rounds.values_list("status", flat=True)) == {RoundStatus.PUBLISHED}
    rated = RatedOfficer.objects.filter(round__in=rounds)
    assert rated.exists() and not rated.filter(score__isnull=True).exists()
    assert all(r.level for r in rated)
    for officer in rated.select_related("membership"):
        assert officer.membership.start <= datetime.date(2026, 6, 28)


def test_the_first_school_has_an_open_round_and_candidacies_at_each_stage(demo):
    assert Round.objects.get(school=demo, term="2026-2027-1").status == RoundStatus.OPEN
    states = set(Candidacy.objects.filter(school=demo).values_list("state", flat=True))
    assert {State.RECOMMENDED, State.NOTICE, State.PAUSED, State.APPOINTED} <= states
    # The walked 干事, and the presidium elected by the congress (congress.generator.elections).
    appointed = Candidacy.objects.filter(school=demo, state=State.APPOINTED)
    assert appointed.count() >= 2
    for candidacy in appointed.select_related("membership"):
        assert candidacy.membership is not None and candidacy.membership.end is None


def test_the_open_round_runs_its_scoring_clock_and_reminds_the_raters_behind(demo):
    round_ = Round.objects.get(school=demo, term="2026-2027-1")
    run = RoundClock.objects.get(round=round_)
    assert run.stopped_at is None and run.started_at == round_.opened_at
    assert run.due_at == end_of_day(round_.deadline)
    student = Rater.objects.get(round=round_, group=RaterGroup.DELEGATE).user
    on_the_day = datetime.datetime.combine(round_.deadline, datetime.time(9), tzinfo=local_zone())
    assert clock_escalate(actor=system_actor(), run=run, now=on_the_day) == 1
    reminded = Notification.objects.filter(recipient=student, verb="assessment.rating.escalated")
    assert reminded.exists()


def test_the_stories_leave_the_audit_chains_intact(demo):
    assert verify_chains()[1] == []
