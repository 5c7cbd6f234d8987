"""The verdict functions on facts alone (no database): the rules of DOMAIN.md §2 and §6."""

import datetime

from tongxin.congress.selectors import ScheduleFact
from tongxin.orgs.models import Node, NodeKind
from tongxin.reform.checks import (
    congress_on_schedule,
    department_limit,
    positions,
    presidium_limit,
    staff_limit,
    structure,
)
from tongxin.reform.facts import Officer, UnionFacts
from tongxin.reform.models import Result, Source
from tongxin.reform.services.results import apply_verdict
from tongxin.staff.limits import Limits

SCHOOL = Limits(staff=40, presidium=5, departments=6)


def facts(staff: int = 0, presidium: int = 0, departments: list[str] | None = None, **kw):
    officers = [
        Officer(i, f"干部{i}", "president" if i < presidium else "member", "") for i in range(staff)
    ]
    return UnionFacts(
        Node(kind=NodeKind.SCHOOL_UNION, name="学生会"),
        kw.pop("limits", SCHOOL),
        kw.pop("large", False),
        officers=officers,
        departments=departments or [],
        **kw,
    )


def test_the_limits_are_inclusive():
    assert staff_limit(facts(staff=40)).passed is True
    assert staff_limit(facts(staff=41)).passed is False
    assert presidium_limit(facts(staff=6, presidium=5)).passed is True
    assert presidium_limit(facts(staff=6, presidium=6)).passed is False
    assert department_limit(facts(departments=["部"] * 6)).passed is True
    assert department_limit(facts(departments=["部"] * 7)).passed is False


def test_the_larger_limit_is_the_one_given():
    verdict = staff_limit(facts(staff=51, limits=Limits(60, 5, 6), large=True))
    assert (verdict.passed, verdict.facts) == (True, {"count": 51, "limit": 60, "large": True})


def test_an_office_or_centre_anywhere_in_a_name_fails_the_structure():
    assert structure(facts(departments=["学习部", "文体部"])).passed is True
    assert structure(facts(departments=["新媒体中心"])).passed is False
    assert structure(facts(departments=["秘书处办公室"])).facts["not_departments"] == [
        "秘书处办公室"
    ]


def test_a_title_outside_the_allowed_ones_fails_positions():
    fine = facts(staff=3, presidium=1)
    assert positions(fine).passed is True
    fine.officers.append(Officer(9, "李四", "secretary_general", "秘书长"))
    verdict = positions(fine)
    assert verdict.passed is False
    assert verdict.facts["other_positions"] == [{"name": "李四", "position": "秘书长"}]


def test_the_congress_date_is_the_remark():
    day = datetime.date(2025, 11, 20)
    fact = ScheduleFact(1, day, datetime.date(2026, 11, 20), True)
    verdict = congress_on_schedule(facts(schedule=fact))
    assert (verdict.passed, verdict.remark) == (True, "召开时间：2025-11-20")
    never = ScheduleFact(1, None, datetime.date(2026, 3, 1), False)
    assert congress_on_schedule(facts(schedule=never)).remark == "尚未召开"


def test_a_confirmed_evidence_verdict_stands_until_the_system_can_show_a_pass():
    result = Result(passed=True, source=Source.EVIDENCE)
    apply_verdict(result, False, {"without_record": 3}, "3 人无选拔记录")
    assert (result.passed, result.source, result.computed_passed) == (True, Source.EVIDENCE, False)
    apply_verdict(result, True, {"without_record": 0}, "均有选拔记录")
    assert (result.passed, result.source) == (True, Source.COMPUTED)


def test_a_computed_verdict_is_replaced_by_the_next_computation():
    result = Result(passed=True, source=Source.COMPUTED)
    apply_verdict(result, False, {}, "")
    assert (result.passed, result.source) == (False, Source.COMPUTED)
