"""Each list selector returns exactly what its rule allows, for every persona."""

import pytest
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.orgs.models import Node
from tongxin.stats import selectors
from tongxin.stats.models import WeeklyReport
from tongxin.stats.tasks import build_due_reports
from tongxin.testing.province import PERSONAS, TinyProvince

pytestmark = pytest.mark.django_db
EVERYONE = [*PERSONAS, "advisor_b", "officer_b", "city_staff_2", "student_b"]


@pytest.mark.parametrize("persona", EVERYONE)
def test_selectors_match_rules(persona: str, province: TinyProvince) -> None:
    build_due_reports(now=timezone.now())
    user = User.objects.get(pk=province.people[persona].pk)
    nodes = list(Node.objects.all())
    allowed = {n.pk for n in nodes if user.has_perm("stats.view_school_stats", n)}
    assert {n.pk for n in selectors.school_list_for(actor=user)} == allowed
    reports = list(WeeklyReport.objects.select_related("school"))
    allowed = {r.pk for r in reports if user.has_perm("stats.view_weekly_report", r)}
    assert {r.pk for r in selectors.report_list_for(actor=user)} == allowed


def test_who_reads_which_school(province: TinyProvince) -> None:
    def schools(persona: str) -> set[str]:
        return set(
            selectors.school_list_for(actor=province.people[persona]).values_list("code", flat=True)
        )

    assert schools("advisor_a") == {"TA01"}
    assert schools("city_staff_1") == {"TA01", "TC01"}  # TC01 lies in the city's county
    assert schools("county_specialist") == {"TC01"}
    assert schools("province_staff") == {"TA01", "TB01", "TC01"}
    assert schools("officer_a") == set() and schools("student_a") == set()


def test_only_the_school_side_reads_the_full_report(province: TinyProvince) -> None:
    build_due_reports(now=timezone.now())
    report = WeeklyReport.objects.get(school=province.school_a)
    full = {
        p for p in EVERYONE if province.people[p].has_perm("stats.view_full_weekly_report", report)
    }
    assert full == {"officer_a", "advisor_a"}
    readers = {
        p for p in EVERYONE if province.people[p].has_perm("stats.view_weekly_report", report)
    }
    assert readers == {"officer_a", "advisor_a", "city_staff_1", "province_staff", "province_admin"}


def test_only_the_worker_builds_reports(province: TinyProvince) -> None:
    import datetime

    from tongxin.core.errors import NotAllowed
    from tongxin.stats.services import weekly_report_build

    with pytest.raises(NotAllowed):
        weekly_report_build(
            actor=province.advisor_a, school=province.school_a, week_start=datetime.date(2025, 3, 3)
        )
