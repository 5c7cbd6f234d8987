"""Call-ins (请上来) and meeting records: who may mark, only a failing school, clearing
with a reason, meetings hosted by the actor's federation node, the lists in reach."""

import datetime

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.reform.meeting_selectors import (
    call_in_candidates_for,
    call_in_list_for,
    failures_of,
    meeting_list_for,
)
from tongxin.reform.models import (
    Meeting,
    MeetingKind,
    Rating,
    RatingScale,
    RatingState,
    Result,
    SchoolAssessment,
)
from tongxin.reform.services.meetings import (
    NOT_FAILING,
    call_in_clear,
    call_in_mark,
    meeting_record,
)
from tongxin.testing.clock import moment

from .review_world import assessment_of, computed_year
from .world import this_year

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-11-20"))]


def fail_item_1(p) -> Result:
    """Set-up: union A's ★ item 1 (服务定位) decided as failing."""
    result = Result.objects.get(
        union=p.union_a, catalogue__academic_year=this_year(), indicator__number=1
    )
    Result.objects.filter(pk=result.pk).update(passed=False, remark="承担宿舍管理")
    return result


def rate(p, assessment: SchoolAssessment, code: str, confirmed_code: str = "") -> Rating:
    scale = RatingScale.objects.get(name="达标制")
    return Rating.objects.create(
        assessment=assessment,
        school=assessment.school,
        scale=scale,
        state=RatingState.CONFIRMED if confirmed_code else RatingState.PROPOSED,
        proposed_grade=code,
        proposed_by=p.city_staff_1,
        proposed_at=moment("2026-11-10"),
        grade=confirmed_code,
        confirmed_by=p.province_admin if confirmed_code else None,
    )


def test_a_school_with_no_failure_is_refused_and_nothing_changes(province):
    computed_year(province)
    a = assessment_of(province, "a")
    assert failures_of(a) == []
    with pytest.raises(DomainError) as refused:
        call_in_mark(actor=province.city_staff_1, assessment=a, expected_version=a.version)
    assert refused.value.message == NOT_FAILING and refused.value.field == "call_in"
    fresh = SchoolAssessment.objects.get(pk=a.pk)
    assert (fresh.call_in, fresh.version) == (False, a.version)
    assert not AuditEvent.objects.filter(action="reform.assessment.called_in").exists()


def test_a_failing_core_item_lets_the_city_mark_and_the_advisor_is_told(province):
    computed_year(province)
    fail_item_1(province)
    a = assessment_of(province, "a")
    [failure] = failures_of(a)
    assert failure.kind == "core" and "★第 1 项" in failure.text and "承担宿舍管理" in failure.text
    marked = call_in_mark(
        actor=province.city_staff_1, assessment=a, expected_version=a.version, note="下周二约谈"
    )
    assert marked.call_in and marked.version == a.version + 1
    event = AuditEvent.objects.get(action="reform.assessment.called_in")
    assert event.target_id == str(a.pk) and event.data["failures"] == 1
    assert event.school_id == province.school_a.pk
    told = Notification.objects.get(verb="reform.assessment.called_in")
    assert told.recipient == province.advisor_a and told.body == "下周二约谈"
    with pytest.raises(DomainError, match="已列为约谈对象"):
        call_in_mark(actor=province.province_admin, assessment=marked, expected_version=2)


def test_the_rating_in_force_decides_whether_a_school_fails(province):
    computed_year(province)
    a = assessment_of(province, "a")
    rating = rate(province, a, "fail")
    assert [f.text for f in failures_of(a)] == ["评定等级：不达标"]
    # The province confirmed a pass: the city's proposal no longer counts.
    Rating.objects.filter(pk=rating.pk).update(state=RatingState.CONFIRMED, grade="pass")
    assert failures_of(a) == []
    Rating.objects.filter(pk=rating.pk).update(grade="fail")
    marked = call_in_mark(actor=province.province_staff, assessment=a, expected_version=a.version)
    assert marked.call_in


@pytest.mark.parametrize("persona", ["advisor_a", "city_staff_2", "county_specialist"])
def test_only_the_city_over_the_school_or_the_province_marks(province, persona):
    computed_year(province)
    fail_item_1(province)
    a = assessment_of(province, "a")
    with pytest.raises(NotAllowed):
        call_in_mark(actor=province.people[persona], assessment=a, expected_version=a.version)
    assert not SchoolAssessment.objects.get(pk=a.pk).call_in


def test_a_stale_page_is_refused(province):
    computed_year(province)
    fail_item_1(province)
    a = assessment_of(province, "a")
    with pytest.raises(StaleObject):
        call_in_mark(actor=province.city_staff_1, assessment=a, expected_version=a.version + 1)
    assert not SchoolAssessment.objects.get(pk=a.pk).call_in


def test_clearing_needs_a_reason_and_is_audited(province):
    computed_year(province)
    fail_item_1(province)
    a = assessment_of(province, "a")
    a = call_in_mark(actor=province.city_staff_1, assessment=a, expected_version=a.version)
    with pytest.raises(DomainError) as refused:
        call_in_clear(
            actor=province.city_staff_1, assessment=a, expected_version=a.version, reason=" "
        )
    assert refused.value.field == "reason" and "撤销理由" in refused.value.message
    assert SchoolAssessment.objects.get(pk=a.pk).call_in
    cleared = call_in_clear(
        actor=province.city_staff_1,
        assessment=a,
        expected_version=a.version,
        reason="复核后确认已达标",
    )
    assert not cleared.call_in
    event = AuditEvent.objects.get(action="reform.assessment.call_in_cleared")
    assert event.data["reason"] == "复核后确认已达标"
    with pytest.raises(DomainError, match="未列为约谈对象"):
        call_in_clear(
            actor=province.city_staff_1,
            assessment=cleared,
            expected_version=cleared.version,
            reason="x",
        )


def record(p, actor, school=None, **changes):
    fields = {
        "kind": MeetingKind.VISIT,
        "held_on": datetime.date(2026, 11, 18),
        "attendees": "市学联、校团委老师、学生会主席团",
        "issues": "学生会工作人员规模",
        "follow_ups": "",
    } | changes
    return meeting_record(actor=actor, school=school or p.school_a, **fields)


def test_a_meeting_is_hosted_by_the_actors_nearest_federation_node(province):
    computed_year(province)
    by_city = record(province, province.city_staff_1)
    assert by_city.host == province.city_1 and by_city.assessment is None
    by_province = record(province, province.province_admin, kind=MeetingKind.EXCHANGE)
    assert by_province.host == province.province
    event = AuditEvent.objects.filter(action="reform.meeting.recorded").latest("id")
    assert event.data == {"kind": "exchange", "held_on": "2026-11-18", "host": province.province.pk}
    school_c = province.nodes["school_c"]
    assert record(province, province.city_staff_1, school_c).host == province.city_1


def test_a_call_in_meeting_needs_a_marked_school_and_is_filed_with_its_assessment(province):
    computed_year(province)
    with pytest.raises(DomainError) as refused:
        record(province, province.city_staff_1, kind=MeetingKind.CALL_IN)
    assert refused.value.field == "kind"
    assert not Meeting.objects.exists()
    fail_item_1(province)
    a = assessment_of(province, "a")
    call_in_mark(actor=province.city_staff_1, assessment=a, expected_version=a.version)
    meeting = record(province, province.city_staff_1, kind=MeetingKind.CALL_IN)
    assert meeting.assessment == a


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"held_on": datetime.date(2026, 11, 21)}, "held_on"),
        ({"held_on": None}, "held_on"),
        ({"attendees": "  "}, "attendees"),
        ({"issues": ""}, "issues"),
        ({"issues": "问" * 2001}, "issues"),
        ({"follow_ups": "跟" * 2001}, "follow_ups"),
        ({"kind": "party"}, "kind"),
    ],
)
def test_bad_meeting_input_names_the_field_and_writes_nothing(province, changes, field):
    with pytest.raises(DomainError) as refused:
        record(province, province.city_staff_1, **changes)
    assert refused.value.field == field
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("persona", ["advisor_a", "county_specialist", "city_staff_2"])
def test_readers_and_other_federations_may_not_record(province, persona):
    school = province.nodes["school_c"] if persona == "county_specialist" else province.school_a
    with pytest.raises(NotAllowed):
        record(province, province.people[persona], school)
    assert not Meeting.objects.exists()


def test_lists_follow_the_reach(province):
    computed_year(province)
    fail_item_1(province)
    a = assessment_of(province, "a")
    year = this_year()
    assert call_in_candidates_for(actor=province.city_staff_1, year=year) == [a]
    assert call_in_candidates_for(actor=province.city_staff_2, year=year) == []
    call_in_mark(actor=province.city_staff_1, assessment=a, expected_version=a.version)
    assert list(call_in_list_for(actor=province.province_staff, year=year)) == [a]
    assert list(call_in_list_for(actor=province.city_staff_2, year=year)) == []
    assert call_in_candidates_for(actor=province.city_staff_1, year=year) == []
    visit = record(province, province.city_staff_1)
    assert list(meeting_list_for(actor=province.advisor_a)) == [visit]
    assert list(meeting_list_for(actor=province.advisor_b)) == []
    assert list(meeting_list_for(actor=province.county_specialist)) == []
