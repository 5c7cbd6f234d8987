"""The review chain's services (services/review.py): the whole chain with a return at each
level, the withdrawal rules, submission naming the unions not yet checked, reasons, stale
versions, the lock once confirmed, and who is told."""

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.notifications.models import Notification
from tongxin.testing.clock import moment

from ..models import AssessmentState, Evidence, Result, ReviewStep, SheetState, UnionSheet
from ..services import review
from ..services.evidence import evidence_confirm, evidence_submit, result_explain
from .review_world import assessment_of, computed_year, move, sheets_of

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]
A, S = AssessmentState, SheetState


@pytest.fixture
def world(province):
    computed_year(province)
    return province


def sheet(p, union: str) -> UnionSheet:
    return UnionSheet.objects.select_related("union", "catalogue", "school").get(
        union=p.nodes[union], catalogue__academic_year=assessment_of(p).academic_year
    )


def step(actor, s: UnionSheet, name: str, reason: str = "") -> UnionSheet:
    return review.take_sheet_step(
        actor=actor, sheet=s, name=name, expected_version=s.version, reason=reason
    )


def astep(actor, a, name: str, reason: str = ""):
    return review.take_assessment_step(
        actor=actor, assessment=a, name=name, expected_version=a.version, reason=reason
    )


def check_all(p) -> None:
    for key in ("college_union_a1", "college_union_a2"):
        secretary = p.people[f"secretary_a{key[-1]}"]
        step(p.advisor_a, step(secretary, sheet(p, key), "college-check"), "school-check")
    for key in ("union_a", "grad_union_a"):
        step(p.advisor_a, sheet(p, key), "school-check")


def test_the_chain_from_filling_to_confirmed_with_a_return_at_each_level(world):
    p = world
    # The secretary returns, then checks; the advisor returns a college sheet too.
    s = step(p.secretary_a1, sheet(p, "college_union_a1"), "college-check")
    s = step(p.secretary_a1, s, "return", "请补充第 3 项的说明。")
    assert s.state == S.FILLING
    s = step(p.advisor_a, step(p.secretary_a1, s, "college-check"), "return", "材料不全。")
    assert s.state == S.FILLING
    check_all(p)
    a = astep(p.advisor_a, assessment_of(p), "submit")
    assert a.state == A.SUBMITTED and a.submitted_at is not None
    a = astep(p.city_staff_1, a, "city-return", "请核对学生会人数。")
    assert a.state == A.PREPARING and a.submitted_at is None
    a = astep(p.city_staff_1, astep(p.advisor_a, a, "submit"), "city-approve")
    assert a.state == A.CITY_REVIEWED and a.city_reviewed_at is not None
    a = astep(p.province_staff, a, "province-return", "请市学联复核。")
    assert a.state == A.SUBMITTED and a.city_reviewed_at is None
    a = astep(p.province_staff, astep(p.city_staff_1, a, "city-approve"), "province-confirm")
    assert a.state == A.CONFIRMED and a.is_locked and a.confirmed_at is not None
    steps = list(ReviewStep.objects.filter(assessment=a).values_list("action", "reason"))
    assert ("return", "请补充第 3 项的说明。") in steps
    assert ("city-return", "请核对学生会人数。") in steps
    assert steps[-1] == ("province-confirm", "")
    codes = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"reform.sheet.returned", "reform.assessment.confirmed"} <= codes
    assert {"reform.assessment.city_returned", "reform.assessment.province_returned"} <= codes


def test_submit_names_the_unions_not_yet_checked_and_changes_nothing(world):
    p = world
    step(p.advisor_a, sheet(p, "union_a"), "school-check")
    a = assessment_of(p)
    with pytest.raises(DomainError) as refused:
        astep(p.advisor_a, a, "submit")
    assert "研究生会" in refused.value.message and "学生会" in refused.value.message
    assert p.union_a.name not in refused.value.message.split("：")[1].split("、")
    assert assessment_of(p).state == A.PREPARING and assessment_of(p).version == a.version


def test_a_college_sheet_reaches_the_advisor_only_through_its_secretary(world):
    p = world
    with pytest.raises(DomainError):
        step(p.advisor_a, sheet(p, "college_union_a1"), "school-check")
    with pytest.raises(NotAllowed):  # a school-level union has no college check
        step(p.advisor_a, sheet(p, "union_a"), "college-check")
    with pytest.raises(NotAllowed):  # a sibling college's secretary
        step(p.secretary_a2, sheet(p, "college_union_a1"), "college-check")


def test_withdraw_school_check_goes_back_to_the_secretary_for_a_college_union(world):
    p = world
    s = step(p.advisor_a, step(p.secretary_a1, sheet(p, "college_union_a1"), "college-check"),
             "school-check")  # fmt: skip
    assert step(p.advisor_a, s, "withdraw-school-check").state == S.COLLEGE_CHECKED
    school = step(p.advisor_a, sheet(p, "union_a"), "school-check")
    assert step(p.advisor_a, school, "withdraw-school-check").state == S.FILLING


def test_withdrawals_only_by_the_level_that_approved_while_the_state_is_theirs(world):
    p = world
    s = step(p.secretary_a1, sheet(p, "college_union_a1"), "college-check")
    with pytest.raises(NotAllowed):  # the advisor did not take the college check
        step(p.advisor_a, s, "withdraw-college-check")
    s = step(p.advisor_a, s, "school-check")
    with pytest.raises(DomainError):  # the advisor acted: no longer the secretary's
        step(p.secretary_a1, s, "withdraw-college-check")
    check_all_rest(p)
    a = astep(p.advisor_a, assessment_of(p), "submit")
    with pytest.raises(DomainError):  # submitted: the sheets are no longer the advisor's
        step(p.advisor_a, sheet(p, "union_a"), "withdraw-school-check")
    with pytest.raises(NotAllowed):  # the city did not submit
        astep(p.city_staff_1, a, "withdraw-submit")
    a = astep(p.city_staff_1, a, "city-approve")
    with pytest.raises(DomainError):  # the city acted: the submission is no longer theirs
        astep(p.advisor_a, a, "withdraw-submit")
    with pytest.raises(NotAllowed):  # another city
        astep(p.city_staff_2, a, "withdraw-city")
    a = astep(p.city_staff_1, a, "withdraw-city")
    assert a.state == A.SUBMITTED
    a = astep(p.advisor_a, a, "withdraw-submit")
    assert a.state == A.PREPARING


def test_the_secretary_returns_only_what_the_advisor_has_not_checked(world):
    p = world
    s = step(p.advisor_a, step(p.secretary_a1, sheet(p, "college_union_a1"), "college-check"),
             "school-check")  # fmt: skip
    with pytest.raises(NotAllowed):
        step(p.secretary_a1, s, "return", "再看看")
    assert sheet(p, "college_union_a1").state == S.SCHOOL_CHECKED
    assert step(p.advisor_a, s, "return", "再看看").state == S.FILLING


def check_all_rest(p) -> None:
    step(p.advisor_a, step(p.secretary_a2, sheet(p, "college_union_a2"), "college-check"),
         "school-check")  # fmt: skip
    for key in ("union_a", "grad_union_a"):
        step(p.advisor_a, sheet(p, key), "school-check")


def test_returns_need_a_reason(world):
    p = world
    s = step(p.advisor_a, sheet(p, "union_a"), "school-check")
    with pytest.raises(DomainError) as refused:
        step(p.advisor_a, s, "return", "   ")
    assert refused.value.field == "reason" and "退回理由" in refused.value.message
    assert sheet(p, "union_a").state == S.SCHOOL_CHECKED
    a = move(assessment_of(p), A.SUBMITTED)
    with pytest.raises(DomainError) as refused:
        astep(p.city_staff_1, a, "city-return")
    assert refused.value.field == "reason"
    assert assessment_of(p).state == A.SUBMITTED


def test_a_stale_version_is_refused(world):
    p = world
    s = sheet(p, "union_a")
    step(p.advisor_a, s, "school-check")
    with pytest.raises(StaleObject):
        review.sheet_return(actor=p.advisor_a, sheet=s, expected_version=s.version, reason="x")


def test_the_next_level_is_told(world):
    p = world
    step(p.secretary_a1, sheet(p, "college_union_a1"), "college-check")
    assert Notification.objects.filter(recipient=p.advisor_a).count() == 1
    a = assessment_of(p)
    check_all_rest(p)
    s = sheet(p, "college_union_a1")
    step(p.advisor_a, s, "school-check")
    astep(p.advisor_a, a, "submit")
    assert Notification.objects.filter(recipient=p.city_staff_1).count() == 1
    assert not Notification.objects.filter(recipient=p.city_staff_2).exists()
    assert not Notification.objects.filter(recipient=p.province_staff).exists()
    astep(p.city_staff_1, assessment_of(p), "city-approve")
    assert Notification.objects.filter(recipient=p.province_staff).count() == 1


def test_a_returned_sheet_tells_the_union(world):
    p = world
    s = step(p.advisor_a, sheet(p, "union_a"), "school-check")
    step(p.advisor_a, s, "return", "请补充材料。")
    told = Notification.objects.get(recipient=p.officer_a)
    assert told.body == "请补充材料。" and f"/reform/assessments/{assessment_of(p).pk}/" == told.url


def _manual(p) -> Result:
    return Result.objects.select_related("indicator", "union", "catalogue").get(
        union=p.union_a,
        indicator__number=1,
        catalogue__academic_year=assessment_of(p).academic_year,
    )


def test_a_union_files_nothing_while_its_sheet_is_checked_and_again_once_returned(world):
    p = world
    result = _manual(p)
    s = step(p.advisor_a, sheet(p, "union_a"), "school-check")
    with pytest.raises(DomainError) as refused:
        result_explain(actor=p.officer_a, result=result, expected_version=result.version, text="x")
    assert refused.value.message == "自评表已提交审核，退回后才能修改。"
    with pytest.raises(DomainError):
        evidence_submit(actor=p.officer_a, result=result, expected_version=result.version,
                        claim_passed=True, claim_value="", text="材料")  # fmt: skip
    assert _manual(p).version == result.version and not Evidence.objects.exists()
    step(p.advisor_a, s, "return", "请补充。")
    result_explain(actor=p.officer_a, result=result, expected_version=result.version, text="说明")
    assert _manual(p).explanation == "说明"


def test_once_confirmed_every_write_is_refused_and_nothing_changes(world):
    p = world
    result = _manual(p)
    evidence = evidence_submit(actor=p.officer_a, result=result, expected_version=result.version,
                               claim_passed=True, claim_value="", text="材料")  # fmt: skip
    result = _manual(p)
    a = move(assessment_of(p), A.CONFIRMED)
    before = AuditEvent.objects.count()
    with pytest.raises(NotAllowed):
        evidence_confirm(actor=p.advisor_a, evidence=evidence, expected_version=result.version)
    with pytest.raises(NotAllowed):
        result_explain(actor=p.officer_a, result=result, expected_version=result.version, text="x")
    with pytest.raises(NotAllowed):
        step(p.advisor_a, sheet(p, "union_a"), "return", "改一下")
    for actor, name in (("province_admin", "province-return"), ("city_staff_1", "withdraw-city")):
        with pytest.raises(DomainError):  # confirmed has no way out
            astep(p.people[actor], a, name, "x")
    assert AuditEvent.objects.count() == before
    assert _manual(p).version == result.version and sheet(p, "union_a").state == S.SCHOOL_CHECKED
    assert Evidence.objects.get().state == "submitted"


def test_sheets_do_not_move_while_the_school_has_submitted(world):
    p = world
    move(assessment_of(p), A.SUBMITTED)
    with pytest.raises(DomainError) as refused:
        step(p.advisor_a, sheet(p, "union_a"), "return", "改一下")
    assert "撤回报送" in refused.value.message
    assert sheet(p, "union_a").state == S.SCHOOL_CHECKED


def test_sheets_of_the_school(world):
    assert len(sheets_of(assessment_of(world))) == 4
