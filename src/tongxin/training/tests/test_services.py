import datetime
from decimal import Decimal

import pytest

from tongxin.core.errors import DomainError, NotAllowed
from tongxin.training.models import Attendance
from tongxin.training.selectors import coverage_of, learning_record
from tongxin.training.services import attendance_record, session_create

pytestmark = pytest.mark.django_db
D = datetime.date


OCTOBER = D(2026, 10, 10)


def _session(province, actor="advisor_a", host="school_a", date=OCTOBER, kind="union"):
    return session_create(
        actor=province.people[actor],
        host=province.nodes[host],
        kind=kind,
        title="骨干培训",
        date=date,
        hours="3",
    )


def test_the_advisor_runs_school_training_and_records_attendance(province):
    session = _session(province)
    assert (
        attendance_record(
            actor=province.advisor_a,
            session=session,
            entries=[(province.officer_a, "3", 92), (province.student_a, "2", None)],
        )
        == 2
    )
    rows, total = learning_record(province.officer_a)
    assert total == Decimal("3") and rows[0].score == 92


def test_a_college_secretary_trains_their_college_only(province):
    _session(province, actor="secretary_a1", host="college_a1")
    with pytest.raises(NotAllowed):
        _session(province, actor="secretary_a1", host="college_a2")


def test_each_person_once_per_session_and_only_from_the_school(province):
    session = _session(province)
    attendance_record(
        actor=province.advisor_a, session=session, entries=[(province.officer_a, "3", None)]
    )
    with pytest.raises(DomainError):
        attendance_record(
            actor=province.advisor_a, session=session, entries=[(province.officer_a, "3", None)]
        )
    with pytest.raises(DomainError) as err:
        attendance_record(
            actor=province.advisor_a, session=session, entries=[(province.student_b, "3", None)]
        )
    assert "不是本校人员" in err.value.message
    assert Attendance.objects.count() == 1


@pytest.mark.parametrize("hours", ["0", "abc", "41"])
def test_bad_hours_are_refused(province, hours):
    with pytest.raises(DomainError) as err:
        session_create(
            actor=province.advisor_a,
            host=province.school_a,
            kind="union",
            title="x",
            date=D(2026, 10, 10),
            hours=hours,
        )
    assert err.value.field == "hours"


def test_coverage_counts_sessions_of_the_year_and_trained_officers(province):
    first = _session(province, date=D(2026, 10, 10))
    _session(province, date=D(2025, 10, 10))  # last academic year: not counted
    attendance_record(
        actor=province.advisor_a, session=first, entries=[(province.officer_a, "3", None)]
    )
    coverage = coverage_of(province.union_a, 2026)
    assert (coverage.sessions, coverage.officers, coverage.trained) == (1, 1, 1)
    assert not coverage.meets_twice_a_year and coverage.rate == 1.0
    _session(province, date=D(2027, 3, 1))
    assert coverage_of(province.union_a, 2026).meets_twice_a_year


def test_college_unions_are_covered_by_their_college(province):
    _session(province, actor="secretary_a1", host="college_a1")
    assert coverage_of(province.college_union_a1, 2026).sessions == 1
    assert coverage_of(province.college_union_a2, 2026).sessions == 0


def test_the_session_page_records_attendance_by_number(province, client_for):
    session = _session(province)
    response = client_for("advisor_a").post(
        f"/training/{session.pk}/", {"attendees": "2022001 3 88\n2024001"}
    )
    assert response.status_code == 302
    assert Attendance.objects.filter(session=session).count() == 2
    response = client_for("advisor_a").post(
        f"/training/{session.pk}/", {"attendees": "nobody"}, follow=True
    )
    assert "本校没有学号/工号 nobody" in response.content.decode()
