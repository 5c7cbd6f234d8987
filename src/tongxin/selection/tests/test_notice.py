"""The public notice in working days: across the 2025 National Day holiday, paused by an
objection and resumed with the working days still owed."""

import datetime
import re

import pytest

from tongxin.core.errors import DomainError
from tongxin.selection import services
from tongxin.selection.machine import CANDIDACY, OBJECTIONS
from tongxin.selection.models import Objection, SelectionSettings, State, Step
from tongxin.workflow.notice.days import notice_end

from .factories import FRIDAY, at, fresh, walk

pytestmark = pytest.mark.django_db


def test_publishing_sets_the_notice_from_the_school_setting(province):
    candidacy = walk(province, State.NOTICE)
    assert candidacy.notice_workdays == 5
    assert candidacy.notice_started_at == FRIDAY
    assert candidacy.notice_ends_at == notice_end(FRIDAY, 5)
    assert candidacy.notice_ends_at.astimezone(FRIDAY.tzinfo).date() == datetime.date(2025, 10, 10)


def test_a_school_setting_changes_the_length(province):
    SelectionSettings.objects.create(school=province.school_a, notice_workdays=3)
    candidacy = walk(province, State.NOTICE)
    # 09-28, 09-29, 09-30
    assert candidacy.notice_ends_at.astimezone(FRIDAY.tzinfo).date() == datetime.date(2025, 9, 30)


def test_an_objection_pauses_and_a_dismissal_resumes_with_the_days_owed(province):
    candidacy = walk(province, State.NOTICE)
    objection = services.objection_lodge(
        actor=province.student_a2,
        candidacy=candidacy,
        text="该同学上学期有旷课记录。",
        now=at(2025, 9, 30, 9),
    )
    paused = fresh(candidacy)
    assert paused.state == State.PAUSED
    assert paused.notice_days_left == 3 and paused.notice_ends_at is None
    services.objection_resolve(
        actor=province.advisor_a,
        objection=objection,
        expected_version=paused.version,
        upheld=False,
        answer="经核实，旷课记录系误录，已更正。",
        now=at(2025, 10, 9, 15),
    )
    resumed = fresh(candidacy)
    assert resumed.state == State.NOTICE
    # Owed 3, counted after the resumption day 10-09: 10-10, 10-11 (make-up Saturday), 10-13.
    assert resumed.notice_ends_at.astimezone(FRIDAY.tzinfo).date() == datetime.date(2025, 10, 13)
    assert Objection.objects.get().status == "dismissed"
    kinds = list(resumed.events.values_list("kind", flat=True))
    assert kinds[-4:] == [Step.OBJECTED, Step.PAUSED, Step.DISMISSED, Step.RESUMED]


def test_the_notice_resumes_only_when_every_objection_is_answered(province):
    candidacy = walk(province, State.NOTICE)
    first = services.objection_lodge(
        actor=province.student_a2, candidacy=candidacy, text="异议一", now=at(2025, 9, 29)
    )
    services.objection_lodge(
        actor=province.officer_a, candidacy=candidacy, text="异议二", now=at(2025, 9, 29, 11)
    )
    version = fresh(candidacy).version
    services.objection_resolve(
        actor=province.advisor_a,
        objection=first,
        expected_version=version,
        upheld=False,
        answer="不成立。",
        now=at(2025, 9, 30),
    )
    assert fresh(candidacy).state == State.PAUSED


def test_an_upheld_objection_rejects_the_candidacy_and_closes_the_others(province):
    candidacy = walk(province, State.NOTICE)
    first = services.objection_lodge(
        actor=province.student_a2, candidacy=candidacy, text="异议一", now=at(2025, 9, 29)
    )
    services.objection_lodge(
        actor=province.officer_a, candidacy=candidacy, text="异议二", now=at(2025, 9, 29, 11)
    )
    services.objection_resolve(
        actor=province.advisor_a,
        objection=first,
        expected_version=fresh(candidacy).version,
        upheld=True,
        answer="经核实，情况属实。",
        now=at(2025, 9, 30),
    )
    rejected = fresh(candidacy)
    assert rejected.state == State.REJECTED and "情况属实" in rejected.closing_reason
    assert sorted(Objection.objects.values_list("status", flat=True)) == ["moot", "upheld"]


def test_no_objection_after_the_notice_ended(province):
    candidacy = walk(province, State.NOTICE)
    with pytest.raises(DomainError) as err:
        services.objection_lodge(
            actor=province.student_a2, candidacy=candidacy, text="晚了", now=at(2025, 10, 11)
        )
    assert "公示期已结束" in err.value.message


def test_one_open_objection_per_student(province):
    candidacy = walk(province, State.NOTICE)
    services.objection_lodge(
        actor=province.student_a2, candidacy=candidacy, text="一", now=at(2025, 9, 29)
    )
    with pytest.raises(DomainError) as err:
        services.objection_lodge(
            actor=province.student_a2, candidacy=candidacy, text="二", now=at(2025, 9, 29, 12)
        )
    assert err.value.field == "text"


def test_an_empty_objection_is_refused_naming_the_field(province):
    candidacy = walk(province, State.NOTICE)
    with pytest.raises(DomainError) as err:
        services.objection_lodge(
            actor=province.student_a2, candidacy=candidacy, text="  ", now=at(2025, 9, 29)
        )
    assert err.value.field == "text" and "异议内容" in err.value.message
    assert fresh(candidacy).state == State.NOTICE


def test_the_paused_page_offers_one_answer_form_per_open_objection_with_the_tables_outcomes(
    province, client_for
):
    candidacy = walk(province, State.NOTICE)
    first = services.objection_lodge(
        actor=province.student_a2, candidacy=candidacy, text="异议一", now=at(2025, 9, 29)
    )
    services.objection_lodge(
        actor=province.officer_a, candidacy=candidacy, text="异议二", now=at(2025, 9, 29, 11)
    )
    services.objection_resolve(
        actor=province.advisor_a,
        objection=first,
        expected_version=fresh(candidacy).version,
        upheld=False,
        answer="不成立。",
        now=at(2025, 9, 30),
    )
    page = client_for("advisor_a").get(f"/selection/candidacies/{candidacy.pk}/").content.decode()
    assert page.count('data-testid="step-resolve"') == 1  # the answered one has no form
    outcomes = re.findall(r'name="outcome" value="([a-z]+)"', page)
    assert outcomes == [a.dst[0] for a in OBJECTIONS.outcomes()] == ["dismissed", "upheld"]


def test_the_objection_table_names_the_candidacy_tables_permissions(province):
    table = OBJECTIONS.machine
    assert table.action("lodge").perm == CANDIDACY.action("object").perm
    assert {table.action(s).perm for s in ("dismiss", "uphold")} == {
        CANDIDACY.action("resolve").perm
    }
    candidacy = walk(province, State.NOTICE)
    objection = services.objection_lodge(
        actor=province.student_a2, candidacy=candidacy, text="异议", now=at(2025, 9, 29)
    )
    assert table.allowed(province.advisor_a, objection) == ["dismiss", "uphold"]
    for persona in ("student_a2", "secretary_a1", "advisor_b"):
        assert table.allowed(province.people[persona], objection) == [], persona
