"""The disclosure (公示) services: the window in working days (National Day 2025 inside
it), the calendar's N, refusals (sheets not checked, twice, not the advisor), the worker's
closing at a moved clock, and the comments' permissions while open and once closed."""

import datetime

import pytest
import time_machine

from tongxin.accounts.services import system_actor
from tongxin.audit.models import AuditEvent
from tongxin.comments.models import Comment, Status
from tongxin.comments.services import comment_approve, comment_submit
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.reform.disclosure_selectors import disclosures_moderated_by
from tongxin.reform.disclosure_tasks import close_disclosures
from tongxin.reform.models import (
    Disclosure,
    DisclosureState,
    ReviewCalendar,
    ReviewStep,
    SheetState,
    UnionSheet,
)
from tongxin.reform.services.disclosure import disclosure_close, disclosure_open, window_of
from tongxin.testing.clock import moment

from .review_world import assessment_of, check_every_sheet, computed_year

# Friday 2025-09-26: the 5 working days are Sun 09-28 (make-up), 09-29, 09-30, then the
# National Day holiday 10-01…10-08, then 10-09 and 10-10.
OPENS = "2025-09-26"
pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment(OPENS))]


def ready(p, school="a"):
    computed_year(p)
    assessment = assessment_of(p, school)
    check_every_sheet(assessment)
    return assessment


def open_a(p, **kw):
    assessment = ready(p)
    return disclosure_open(
        actor=p.advisor_a, assessment=assessment, expected_version=assessment.version, **kw
    )


def test_window_counts_working_days_across_national_day():
    assert window_of(datetime.date(2025, 9, 26), 5) == datetime.date(2025, 10, 10)
    # Plain days would have ended on Friday 10-03, in the middle of the holiday.
    assert window_of(datetime.date(2025, 9, 26), 3) == datetime.date(2025, 9, 30)


def test_open_by_the_advisor_starts_today_for_five_working_days(province):
    d = open_a(province)
    assert (d.state, d.workdays, d.show_names) == (DisclosureState.OPEN, 5, False)
    assert d.opens_on == datetime.date(2025, 9, 26)
    assert d.closes_on == datetime.date(2025, 10, 10)
    assert d.school_id == province.school_a.pk
    step = ReviewStep.objects.get(assessment=d.assessment)
    assert (step.action, step.label, step.actor_id) == (
        "disclosure-open",
        "公示开始",
        province.advisor_a.pk,
    )
    event = AuditEvent.objects.get(action="reform.disclosure.opened")
    assert event.data["closes_on"] == "2025-10-10" and event.data["workdays"] == 5


def test_open_uses_the_years_calendar(province):
    ReviewCalendar.objects.create(
        academic_year=2025,
        fill_due=datetime.date(2025, 10, 1),
        school_due=datetime.date(2025, 11, 1),
        city_due=datetime.date(2025, 12, 1),
        province_due=datetime.date(2026, 1, 1),
        disclosure_workdays=3,
    )
    d = open_a(province)
    assert (d.workdays, d.closes_on) == (3, datetime.date(2025, 9, 30))


def test_open_refused_while_a_sheet_is_not_checked_names_the_union(province):
    assessment = ready(province)
    UnionSheet.objects.filter(union=province.college_union_a1).update(state=SheetState.FILLING)
    with pytest.raises(DomainError) as refused:
        disclosure_open(
            actor=province.advisor_a, assessment=assessment, expected_version=assessment.version
        )
    assert province.college_union_a1.name in refused.value.message
    assert "尚未经校团委审核" in refused.value.message
    assert not Disclosure.objects.exists() and not ReviewStep.objects.exists()


def test_open_twice_is_refused(province):
    d = open_a(province)
    with pytest.raises(DomainError, match="已经公示"):
        disclosure_open(actor=province.advisor_a, assessment=d.assessment, expected_version=None)
    assert Disclosure.objects.count() == 1


@pytest.mark.parametrize("persona", ["officer_a", "secretary_a1", "city_staff_1", "advisor_b"])
def test_only_the_schools_advisor_opens(province, persona):
    assessment = ready(province)
    with pytest.raises(NotAllowed):
        disclosure_open(
            actor=province.people[persona],
            assessment=assessment,
            expected_version=assessment.version,
        )
    assert not Disclosure.objects.exists()


def test_the_worker_closes_after_the_last_working_day(province):
    d = open_a(province)
    system = system_actor()
    assert disclosure_close(actor=system, disclosure=d, today=datetime.date(2025, 10, 10)) is False
    with time_machine.travel(moment("2025-10-10", 23)):
        assert close_disclosures.call() == 0
    with time_machine.travel(moment("2025-10-11")):
        assert close_disclosures.call() == 1
        assert close_disclosures.call() == 0  # once
    d.refresh_from_db()
    assert d.state == DisclosureState.CLOSED
    assert ReviewStep.objects.filter(action="disclosure-close", actor=system).count() == 1
    assert AuditEvent.objects.filter(action="reform.disclosure.closed").count() == 1


def test_only_the_worker_closes(province):
    d = open_a(province)
    with pytest.raises(NotAllowed):
        disclosure_close(actor=province.advisor_a, disclosure=d, today=datetime.date(2025, 11, 1))
    d.refresh_from_db()
    assert d.state == DisclosureState.OPEN


def test_school_people_comment_while_open_and_not_once_closed(province):
    d = open_a(province)
    for persona in ["student_a", "handler_a", "advisor_a"]:
        comment_submit(actor=province.people[persona], subject=d, text="数据与实际一致。")
    for persona in ["student_b", "city_staff_1"]:
        with pytest.raises(NotAllowed):
            comment_submit(actor=province.people[persona], subject=d, text="外校意见")
    assert Comment.objects.filter(status=Status.SUBMITTED).count() == 3
    Disclosure.objects.filter(pk=d.pk).update(state=DisclosureState.CLOSED)
    d.refresh_from_db()
    with pytest.raises(NotAllowed):
        comment_submit(actor=province.student_a, subject=d, text="迟到的意见")
    assert Comment.objects.count() == 3


def test_the_advisor_moderates_and_the_moderation_stays_with_the_assessment(province):
    d = open_a(province)
    comment = comment_submit(actor=province.student_a, subject=d, text="部门数量属实。")
    with pytest.raises(NotAllowed):
        comment_approve(actor=province.officer_a, comment=comment, expected_version=1)
    approved = comment_approve(actor=province.advisor_a, comment=comment, expected_version=1)
    assert approved.status == Status.APPROVED and approved.school_id == province.school_a.pk


def test_the_moderation_reach_matches_the_rule(province):
    d = open_a(province)
    for key, person in province.people.items():
        found = disclosures_moderated_by(actor=person)
        listed = set() if found is None else set(found.values_list("pk", flat=True))
        allowed = {d.pk} if person.has_perm("reform.moderate_disclosure", d) else set()
        assert listed == allowed, key


@time_machine.travel(moment("2027-09-28"), tick=False)
def test_a_window_counted_without_a_calendar_follows_the_holidays_once_entered(province):
    from tongxin.workdays.services import calendar_year_save, deadlines_recount

    # 2027 has no calendar yet: Monday to Friday, so 09-29, 09-30, 10-01, 10-04, 10-05.
    d = open_a(province)
    assert d.closes_on == datetime.date(2027, 10, 5)
    calendar_year_save(
        actor=province.province_admin,
        year=2027,
        holidays=[(datetime.date(2027, 10, day), "国庆节") for day in range(1, 8)],
        workdays=[],
    )
    assert deadlines_recount(actor=province.province_admin, year=2027) == 1  # the worker's
    d.refresh_from_db()
    assert d.closes_on == datetime.date(2027, 10, 12)  # 09-29, 09-30, 10-08, 10-11, 10-12
    step = ReviewStep.objects.get(action="disclosure-reschedule")
    assert step.actor_id == province.province_admin.pk
    event = AuditEvent.objects.get(action="reform.disclosure.rescheduled")
    assert (event.data["before"], event.data["after"]) == ("2027-10-05", "2027-10-12")
