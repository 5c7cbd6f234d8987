"""rate_congress: who may rate which union, validation, the version check, the audit event
and the notice of 重点关注."""

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment
from tongxin.testing.province import TinyProvince

from ..models import Grade, Rating
from ..services.rating import rate_congress

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-06-15"))]


def rate(p: TinyProvince, who: str, union: str, grade: str = Grade.EXCELLENT, **kw):
    args = {"year": 2025, "notes": "", "version": 0} | kw
    return rate_congress(actor=p.people[who], union=p.nodes[union], grade=grade, **args)


def test_city_staff_rates_a_school_union_of_their_city(province: TinyProvince) -> None:
    rating = rate(province, "city_staff_1", "union_a", notes="按期召开，程序规范。")
    assert (rating.grade, rating.version, rating.year) == (Grade.EXCELLENT, 1, 2025)
    assert rating.rater_id == province.city_1.pk and rating.school_id == province.school_a.pk
    event = AuditEvent.objects.get(action="congress.rating.rated")
    assert event.data["grade"] == Grade.EXCELLENT and event.acting_node_id == province.city_1.pk


def test_city_staff_rates_a_school_under_a_county_of_their_city(province: TinyProvince) -> None:
    assert rate(province, "city_staff_1", "union_c").rater_id == province.city_1.pk


def test_advisor_rates_a_college_union_of_their_school(province: TinyProvince) -> None:
    rating = rate(province, "advisor_a", "college_union_a1", Grade.QUALIFIED)
    assert rating.rater_id == province.school_a.pk


@pytest.mark.parametrize(
    ("who", "union"),
    [
        ("city_staff_2", "union_a"),  # sibling city
        ("city_staff_1", "union_b"),
        ("county_specialist", "union_c"),  # the county guides, the city rates
        ("province_staff", "union_a"),  # reads every city's table, rates none
        ("province_admin", "union_a"),
        ("advisor_a", "union_a"),  # an advisor never rates school-level unions
        ("advisor_a", "grad_union_a"),
        ("city_staff_1", "college_union_a1"),  # the city never rates college unions
        ("advisor_b", "college_union_a1"),  # sibling school
        ("officer_a", "union_a"),
        ("secretary_a1", "college_union_a1"),
    ],
)
def test_rating_out_of_role_or_reach_is_refused(province: TinyProvince, who: str, union: str):
    with pytest.raises(NotAllowed):
        rate(province, who, union)
    assert not Rating.objects.exists()


def test_rerating_names_the_version_read(province: TinyProvince) -> None:
    first = rate(province, "city_staff_1", "union_a")
    second = rate(province, "city_staff_1", "union_a", Grade.QUALIFIED, version=first.version)
    assert (second.pk, second.version, second.grade) == (first.pk, 2, Grade.QUALIFIED)
    event = AuditEvent.objects.get(action="congress.rating.rerated")
    assert event.data["previous"] == Grade.EXCELLENT


@pytest.mark.parametrize("version", [0, 2])
def test_rerating_with_a_stale_version_is_refused(province: TinyProvince, version: int) -> None:
    rate(province, "city_staff_1", "union_a")
    with pytest.raises(StaleObject):
        rate(province, "city_staff_1", "union_a", Grade.QUALIFIED, version=version)
    assert Rating.objects.get().grade == Grade.EXCELLENT


def test_a_first_rating_with_a_version_is_stale(province: TinyProvince) -> None:
    with pytest.raises(StaleObject):
        rate(province, "city_staff_1", "union_a", version=1)


@pytest.mark.parametrize(
    ("grade", "kw", "field"),
    [
        ("", {}, "grade"),
        ("good", {}, "grade"),
        (Grade.ATTENTION, {"notes": "  "}, "notes"),
        (Grade.EXCELLENT, {"year": 2027}, "year"),
        (Grade.EXCELLENT, {"year": 1999}, "year"),
        (Grade.QUALIFIED, {"notes": "长" * 2001}, "notes"),
    ],
)
def test_bad_input_names_the_field_and_changes_nothing(
    province: TinyProvince, grade: str, kw: dict, field: str
) -> None:
    with pytest.raises(DomainError) as refused:
        rate(province, "city_staff_1", "union_a", grade, **kw)
    assert refused.value.field == field
    assert not Rating.objects.exists() and not AuditEvent.objects.exists()


def test_attention_tells_the_presidium_and_the_advisor(province: TinyProvince) -> None:
    rate(province, "city_staff_1", "union_a", Grade.ATTENTION, notes="未按期召开。")
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert told == {province.officer_a.pk, province.advisor_a.pk}
    assert Notification.objects.filter(body="未按期召开。").count() == 2


def test_excellent_tells_nobody(province: TinyProvince) -> None:
    rate(province, "city_staff_1", "union_a")
    assert not Notification.objects.exists()


def test_the_advisor_rating_attention_is_not_told_about_their_own_rating(
    province: TinyProvince,
) -> None:
    rate(province, "advisor_a", "college_union_a1", Grade.ATTENTION, notes="代表名额不足。")
    told = set(Notification.objects.values_list("recipient_id", flat=True))
    assert province.advisor_a.pk not in told
