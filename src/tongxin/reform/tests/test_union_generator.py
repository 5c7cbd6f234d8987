"""The demo's self-assessment: both years computed for every union with a spread of
failures, evidence confirmed in bulk, and YS001's story for its printed logins."""

import pytest
from django.test import Client

from tongxin.accounts.models import Membership, Role, User
from tongxin.core.todo import todo_for
from tongxin.demo.build import build_demo
from tongxin.orgs.models import UNION_KINDS, Node, NodeKind
from tongxin.reform.models import (
    Catalogue,
    Check,
    Evidence,
    EvidenceState,
    Level,
    Result,
    Source,
)
from tongxin.testing.clock import moment

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-11-20"))]


def test_the_demo_province_has_both_years_of_results_and_ys001s_story() -> None:
    result = build_demo(cities=2, schools=4, students=300, issues=0)
    logins = {login.role: login for login in result.logins}
    unions = Node.objects.filter(kind__in=UNION_KINDS)
    for year in (2025, 2026):
        for level in Level:
            catalogue = Catalogue.objects.get(academic_year=year, level=level)
            kinds = (
                [NodeKind.COLLEGE_UNION]
                if level == Level.COLLEGE
                else [
                    NodeKind.SCHOOL_UNION,
                    NodeKind.GRADUATE_UNION,
                ]
            )
            expected = unions.filter(kind__in=kinds).count() * catalogue.indicators.count()
            assert Result.objects.filter(catalogue=catalogue).count() == expected
        verdicts = set(
            Result.objects.filter(catalogue__academic_year=year).values_list("passed", flat=True)
        )
        assert {True, False} <= verdicts, year  # the heat map has colour in both years
        assert Result.objects.filter(
            catalogue__academic_year=year, indicator__number=1, source=Source.EVIDENCE
        ).exists()
    assert Result.objects.filter(
        indicator__computes=Check.STRUCTURE, passed=False, remark__contains="中心"
    ).exists()
    assert result.counts["reform_results"] == Result.objects.count()
    assert result.counts["reform_evidence"] == Evidence.objects.count()

    school = Node.objects.get(pk=logins[Role.ADVISOR].school_id)
    advisor = User.objects.get(pk=logins[Role.ADVISOR].user_id)
    waiting = [
        i for b in todo_for(advisor).batches for i in b.items if str(i.kind) == "依据材料待确认"
    ]
    assert len(waiting) >= 2
    school_union = Node.objects.get(school=school, kind=NodeKind.SCHOOL_UNION)
    item_1 = Result.objects.get(
        union=school_union, catalogue__academic_year=2026, indicator__number=1
    )
    assert (item_1.passed, item_1.source) == (True, Source.EVIDENCE)
    assert (
        Result.objects.filter(union=school_union, catalogue__academic_year=2026)
        .exclude(explanation="")
        .exists()
    )
    assert Evidence.objects.filter(school=school, state=EvidenceState.REJECTED).exists()
    secretary = Membership.objects.get(
        user_id=logins[Role.COLLEGE_SECRETARY].user_id, role=Role.COLLEGE_SECRETARY
    )
    assert Evidence.objects.filter(
        result__union__parent_id=secretary.node_id,
        submitted_by_id=secretary.user_id,
        state=EvidenceState.SUBMITTED,
    ).exists()

    for role in (Role.OFFICER, Role.COLLEGE_SECRETARY, Role.ADVISOR):
        client = Client()
        client.force_login(User.objects.get(pk=logins[role].user_id))
        page = client.get("/reform/mine/").content.decode()
        assert "总体：" in page, role
    client = Client()
    client.force_login(User.objects.get(pk=logins[Role.OFFICER].user_id))
    page = client.get(f"/reform/unions/{school_union.pk}/").content.decode()
    assert "依据材料" in page and "学生会说明" in page
