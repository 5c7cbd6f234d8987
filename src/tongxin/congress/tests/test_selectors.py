"""The two facts the self-assessment reads answer for many unions in a bounded number of
queries; the supervisors' lists are scoped in the database."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tongxin.congress import selectors, services
from tongxin.congress.models import SessionState
from tongxin.congress.selectors import on_schedule, presidium_elected_by_congress
from tongxin.congress.tests.session_factories import walk
from tongxin.orgs.models import Node, NodeKind
from tongxin.testing.clock import moment
from tongxin.testing.province import make_node

pytestmark = pytest.mark.time_machine(moment("2025-03-03"))


def _unions(province, extra: int) -> list[Node]:
    for i in range(extra):
        college = make_node(NodeKind.COLLEGE, f"新学院{i}", province.school_a)
        services.line_for(make_node(NodeKind.COLLEGE_UNION, f"新学院{i}学生会", college))
    return list(Node.objects.filter(kind__in=["college_union", "school_union"]))


def _queries(call) -> int:
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def test_on_schedule_costs_the_same_for_few_and_many_unions(province):
    few = _unions(province, 1)
    many = _unions(province, 12)
    day = moment("2025-03-03").date()
    assert _queries(lambda: on_schedule(few, day)) == _queries(lambda: on_schedule(many, day)) == 1
    assert _queries(lambda: presidium_elected_by_congress(many, day)) <= 1


def test_the_advisor_watches_the_schools_unions_and_the_city_its_school_level_ones(province):
    for key in ["union_a", "grad_union_a", "college_union_a1", "college_union_a2", "union_b"]:
        services.line_for(province.nodes[key])
    advisor = {line.union_id for line in selectors.watched_lines_for(actor=province.advisor_a)}
    assert advisor == {
        province.nodes[k].pk
        for k in ["union_a", "grad_union_a", "college_union_a1", "college_union_a2"]
    }
    city = {line.union_id for line in selectors.watched_lines_for(actor=province.city_staff_1)}
    assert city == {province.union_a.pk, province.grad_union_a.pk}
    assert list(selectors.watched_lines_for(actor=province.county_specialist)) == []
    assert list(selectors.watched_lines_for(actor=province.college_officer_a1)) == []


def test_applications_reach_only_their_supervisor(province):
    college = walk(province, SessionState.APPLIED)
    school = walk(province, SessionState.APPLIED, union="union_a")
    assert list(selectors.applications_for(actor=province.advisor_a)) == [college]
    assert list(selectors.applications_for(actor=province.city_staff_1)) == [school]
    assert list(selectors.applications_for(actor=province.city_staff_2)) == []
    assert list(selectors.applications_for(actor=province.advisor_b)) == []


def test_the_supervisor_page_costs_the_same_for_few_and_many_unions(province, client_for):
    client = client_for("advisor_a")
    _unions(province, 1)
    client.get("/congress/supervise/")
    few = _queries(lambda: client.get("/congress/supervise/"))
    _unions(province, 15)
    many = _queries(lambda: client.get("/congress/supervise/"))
    assert few == many
