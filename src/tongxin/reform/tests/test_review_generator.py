"""The demo's issue-17 rows: last year confirmed, rated, fed back, rectified and followed
up; this year in every stage; YS001 on public disclosure with comments — every state
reached by the steps the machines allow, and every printed login finds something."""

from collections import defaultdict

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client

from tongxin.accounts.models import Role, User
from tongxin.comments.models import Comment
from tongxin.demo.build import build_demo
from tongxin.orgs.models import Node, NodeKind
from tongxin.reform.meeting_selectors import failures_of
from tongxin.reform.models import (
    AssessmentState,
    Disclosure,
    DisclosureState,
    FeedbackLetter,
    Mark,
    Meeting,
    MeetingKind,
    Rating,
    RatingState,
    RectificationItem,
    RectificationState,
    Result,
    ReviewStep,
    SchoolAssessment,
    SheetState,
    UnionSheet,
)
from tongxin.reform.review_generator import grade_city
from tongxin.reform.review_machine import ASSESSMENT, SHEET
from tongxin.testing.clock import moment

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-11-20"))]


def _replay(steps: list[ReviewStep], machine, start: str) -> str:
    """Walk the machine through the timeline: every step allowed from the state before."""
    state = start
    for step in steps:
        action = machine.action(step.action)
        assert state in action.src, (step.action, state)
        assert step.label == action.label
        state = action.dst[0] if len(action.dst) == 1 else _after(step, action)
    return state


def _after(step: ReviewStep, action) -> str:
    # withdraw-school-check: back to college_checked for a college union
    college = step.sheet is not None and step.sheet.union.kind == NodeKind.COLLEGE_UNION
    return action.dst[0] if college else action.dst[-1]


def test_grade_city_gives_the_worst_failing_school_attention_and_two_thirds_excellent():
    from tongxin.reform.review_generator import Outcome

    outcome = Outcome()
    outcome.failed[3] = [{"core": True}]
    outcome.failed[2] = [{"core": False}, {"core": False}]
    outcome.failed[4] = [{"core": False}]
    grades = grade_city([1, 2, 3, 4], outcome)
    assert grades == {3: "attention", 1: "excellent", 4: "excellent", 2: "qualified"}
    assert grade_city([1, 5], outcome) == {1: "excellent", 5: "excellent"}  # none fails


def test_the_demo_walks_both_years_through_the_chain():
    result = build_demo(cities=2, schools=6, students=400, issues=0)
    logins = {login.role: login for login in result.logins}
    first = Node.objects.get(kind=NodeKind.SCHOOL, code="YS001")
    last = SchoolAssessment.objects.filter(academic_year=2025)
    this = SchoolAssessment.objects.filter(academic_year=2026)

    # Last year: every school confirmed, its timeline a path of the machines.
    assert set(last.values_list("state", flat=True)) == {AssessmentState.CONFIRMED}
    for a in last:
        steps = list(
            ReviewStep.objects.filter(assessment=a, sheet=None).order_by("created_at", "id")
        )
        assert _replay(steps, ASSESSMENT, AssessmentState.PREPARING) == AssessmentState.CONFIRMED
        assert a.submitted_at < a.city_reviewed_at < a.confirmed_at
    returned = ReviewStep.objects.get(action="city-return")
    assert returned.reason and returned.assessment.academic_year == 2025
    by_sheet = defaultdict(list)
    for step in ReviewStep.objects.exclude(sheet=None).select_related("sheet__union"):
        by_sheet[step.sheet_id].append(step)
    for sheet in UnionSheet.objects.select_related("union"):
        final = _replay(by_sheet.get(sheet.pk, []), SHEET, SheetState.FILLING)
        assert final == sheet.state, sheet

    # Ratings (三级评定), letters, rectification of last year.
    ratings = Rating.objects.filter(assessment__academic_year=2025)
    assert ratings.count() == last.count()
    assert set(ratings.values_list("state", flat=True)) == {RatingState.CONFIRMED}
    grades = set(ratings.values_list("grade", flat=True))
    assert {"excellent", "attention"} <= grades
    letter = FeedbackLetter.objects.get(assessment__school=first, assessment__academic_year=2025)
    assert letter.addressee == f"{first.name}党委" and "〔2026〕" in letter.number
    failed = Result.objects.filter(
        school=first, catalogue__academic_year=2025, passed=False
    ).first()
    if failed is not None:
        assert f"第 {failed.indicator.number} 项" in letter.body and failed.remark in letter.body
    core = Result.objects.filter(
        catalogue__academic_year=2025, indicator__mark=Mark.CORE, passed=False
    )
    items = RectificationItem.objects.filter(assessment__academic_year=2025)
    assert set(items.values_list("result_id", flat=True)) == set(core.values_list("pk", flat=True))
    if items:
        assert items.filter(state=RectificationState.CLOSED).exists()

    # Call-ins: marked schools fail, each has its interview; an exchange, YS001's visit.
    marked = list(last.filter(call_in=True))
    assert marked
    for a in marked:
        assert failures_of(a)
        assert Meeting.objects.filter(assessment=a, kind=MeetingKind.CALL_IN).exists()
    assert Meeting.objects.filter(kind=MeetingKind.EXCHANGE).exists()
    assert Meeting.objects.filter(school=first, kind=MeetingKind.VISIT).exists()

    # This year: every stage; YS001 ready to submit and on public disclosure.
    states = set(this.values_list("state", flat=True))
    assert states == set(AssessmentState.values)
    mine = this.get(school=first)
    assert mine.state == AssessmentState.PREPARING
    assert set(
        UnionSheet.objects.filter(school=first, catalogue__academic_year=2026).values_list(
            "state", flat=True
        )
    ) == {SheetState.SCHOOL_CHECKED}
    others = UnionSheet.objects.filter(catalogue__academic_year=2026, school__in=[
        a.school_id for a in this.filter(state=AssessmentState.PREPARING).exclude(school=first)
    ])  # fmt: skip
    assert {SheetState.FILLING, SheetState.SCHOOL_CHECKED} <= set(
        others.values_list("state", flat=True)
    )
    assert ReviewStep.objects.filter(action="return", assessment__academic_year=2026).exists()
    disclosure = Disclosure.objects.get(assessment=mine)
    assert disclosure.state == DisclosureState.OPEN
    assert disclosure.opens_on <= moment("2026-11-20").date() <= disclosure.closes_on
    comments = Comment.objects.filter(
        content_type=ContentType.objects.get_for_model(Disclosure), object_id=disclosure.pk
    )
    assert sorted(comments.values_list("status", flat=True)) == ["approved", "submitted"]
    assert comments.get(status="submitted").author_id == logins[Role.STUDENT].user_id
    confirmed = this.filter(state=AssessmentState.CONFIRMED)
    assert Rating.objects.filter(assessment__in=confirmed, state=RatingState.CONFIRMED).count() == (
        confirmed.count()
    )
    for key in ("reform_review_steps", "reform_ratings", "reform_meetings", "reform_disclosures"):
        assert result.counts[key] > 0, key

    _printed_logins_find_something(logins, first)


def _printed_logins_find_something(logins, first: Node) -> None:
    """The federation logins, the advisor and the county specialist on the new pages."""

    def page(role: str, url: str) -> str:
        client = Client()
        client.force_login(User.objects.get(pk=logins[role].user_id))
        response = client.get(url)
        assert response.status_code == 200, (role, url)
        return response.content.decode()

    for role in (Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN):
        listed = page(role, "/reform/call-ins/")
        assert 'data-testid="marked-school"' in listed or 'data-testid="candidate"' in listed
        assert 'data-testid="meeting"' in listed
    advisor = page(Role.ADVISOR, f"/reform/call-ins/schools/{first.pk}/")
    assert 'data-testid="meeting"' in advisor
    if Role.COUNTY_SPECIALIST in logins:
        county = page(Role.COUNTY_SPECIALIST, "/reform/call-ins/")
        assert 'data-testid="meeting"' in county
