"""The rating (评定): the city proposes once the city has reviewed, the province confirms
once it has confirmed the assessment (and may change the grade with a note); versioned,
audited; the confirmation turns failed ★ results into rectification items."""

import datetime

import pytest
from django.utils import timezone

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification

from ..models import (
    AssessmentState,
    Rating,
    RatingState,
    RectificationItem,
)
from ..services.rating import rating_confirm, rating_propose
from .rating_world import PASS_FAIL, assessed, congress_result, scale

pytestmark = pytest.mark.django_db

S = AssessmentState


def _propose(p, a, grade="qualified", note="", version=0, actor=None):
    return rating_propose(
        actor=actor or p.city_staff_1,
        assessment=a,
        scale=scale(),
        grade=grade,
        note=note,
        expected_version=version,
    )


def test_propose_before_the_city_has_reviewed_is_refused_and_nothing_is_written(province):
    a = assessed(province, S.SUBMITTED)
    with pytest.raises(DomainError) as refused:
        _propose(province, a)
    assert "市学联审核通过" in refused.value.message
    assert not Rating.objects.exists()


@pytest.mark.parametrize("persona", ["city_staff_2", "province_staff", "advisor_a"])
def test_only_the_city_over_the_school_proposes(province, persona):
    a = assessed(province, S.CITY_REVIEWED)
    with pytest.raises(NotAllowed):
        _propose(province, a, actor=province.people[persona])
    assert not Rating.objects.exists()


def test_the_city_proposes_and_may_propose_again_naming_the_version(province):
    a = assessed(province, S.CITY_REVIEWED)
    rating = _propose(province, a, grade="excellent")
    assert (rating.state, rating.proposed_grade, rating.version) == ("proposed", "excellent", 1)
    event = AuditEvent.objects.get(action="reform.rating.proposed")
    assert event.data["grade"] == "优"
    told = Notification.objects.filter(verb="reform.rating.proposed")
    assert {n.recipient_id for n in told} == {
        province.province_staff.pk,
        province.province_admin.pk,
    }
    with pytest.raises(StaleObject):
        _propose(province, a, grade="qualified", version=0)
    again = _propose(province, a, grade="qualified", version=1)
    assert (again.proposed_grade, again.version) == ("qualified", 2)
    assert AuditEvent.objects.filter(action="reform.rating.proposed").count() == 2


def test_a_grade_outside_the_scale_or_failing_without_a_note_is_refused(province):
    a = assessed(province, S.CITY_REVIEWED)
    with pytest.raises(DomainError) as refused:
        _propose(province, a, grade="fail")  # 达标制's code, not 三级评定's
    assert refused.value.field == "grade"
    with pytest.raises(DomainError) as refused:
        _propose(province, a, grade="attention")
    assert refused.value.field == "note"
    assert "重点关注" in refused.value.message
    assert not Rating.objects.exists()


def _confirm(p, rating, grade="", note="", due_on=None, actor=None):
    return rating_confirm(
        actor=actor or p.province_admin,
        assessment=rating.assessment,
        grade=grade,
        note=note,
        due_on=due_on,
        expected_version=rating.version,
    )


def test_confirmation_waits_for_the_provinces_confirmation_of_the_assessment(province):
    a = assessed(province, S.CITY_REVIEWED)
    rating = _propose(province, a)
    with pytest.raises(DomainError) as refused:
        _confirm(province, rating)
    assert "省学联确认学校的自评后" in refused.value.message
    assert Rating.objects.get().state == RatingState.PROPOSED


def test_the_city_cannot_confirm(province):
    a = assessed(province, S.CITY_REVIEWED)
    rating = _propose(province, a)
    a.state = S.CONFIRMED
    a.save(update_fields=["state"])
    with pytest.raises(NotAllowed):
        _confirm(province, rating, actor=province.city_staff_1)


def test_changing_the_citys_grade_needs_a_note(province):
    a = assessed(province, S.CITY_REVIEWED)
    rating = _propose(province, a, grade="excellent")
    a.state = S.CONFIRMED
    a.save(update_fields=["state"])
    with pytest.raises(DomainError) as refused:
        _confirm(province, rating, grade="qualified")
    assert refused.value.field == "note"
    confirmed = _confirm(province, rating, grade="qualified", note="代表大会未按期召开。")
    assert (confirmed.state, confirmed.grade, confirmed.proposed_grade) == (
        "confirmed",
        "qualified",
        "excellent",
    )
    event = AuditEvent.objects.get(action="reform.rating.confirmed")
    assert (event.data["grade"], event.data["proposed"]) == ("合格", "优")
    with pytest.raises(DomainError):  # confirmed: the city proposes no more
        _propose(province, a, version=confirmed.version)


def test_confirmation_opens_an_item_per_failed_core_result_owned_by_the_advisor(province):
    a = assessed(province, S.CITY_REVIEWED)
    rating = _propose(province, a)
    a.state = S.CONFIRMED
    a.save(update_fields=["state"])
    _confirm(province, rating)
    [item] = RectificationItem.objects.all()  # union A's item 11; the others have no verdict
    assert item.result == congress_result(province)
    assert item.owner == province.advisor_a
    assert item.due_on == timezone.localdate() + datetime.timedelta(days=30)
    assert item.state == "open"
    assert AuditEvent.objects.get(action="reform.rating.confirmed").data["items"] == 1


def test_a_due_date_in_the_past_is_refused(province):
    a = assessed(province, S.CITY_REVIEWED)
    rating = _propose(province, a)
    a.state = S.CONFIRMED
    a.save(update_fields=["state"])
    with pytest.raises(DomainError) as refused:
        _confirm(province, rating, due_on=timezone.localdate())
    assert refused.value.field == "due_on"
    assert not RectificationItem.objects.exists()
    assert Rating.objects.get().state == RatingState.PROPOSED


def test_a_pass_fail_scale_works_the_same(province):
    a = assessed(province, S.CONFIRMED)
    rating = rating_propose(
        actor=province.city_staff_1,
        assessment=a,
        scale=scale(PASS_FAIL),
        grade="fail",
        note="★第11项未达标。",
        expected_version=0,
    )
    confirmed = _confirm(province, rating)
    assert confirmed.scale.label_of(confirmed.grade) == "不达标"
