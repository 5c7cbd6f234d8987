"""Evidence and explanations (services/evidence.py): the path for years before Tongxin, the
manual kinds, what the union may never do, and the advisor's to-do."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tongxin.attachments.selectors import attachments_of
from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.core.todo import todo_for
from tongxin.reform.models import (
    Catalogue,
    Check,
    Evidence,
    EvidenceState,
    IndicatorKind,
    Level,
    Result,
    Source,
)
from tongxin.reform.services.evidence import (
    COMPUTED_REFUSED,
    evidence_confirm,
    evidence_reject,
    evidence_submit,
    result_explain,
)
from tongxin.reform.services.results import results_compute

from .world import catalogue, staff_union

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def computed(p, level=Level.SCHOOL):
    cat = catalogue(level)
    results_compute(actor=p.province_admin, catalogue=cat, scope=p.province)
    return cat


def item(p, number: int, union=None, level=Level.SCHOOL) -> Result:
    cat = computed(p, level) if not Result.objects.exists() else catalogue(level)
    return Result.objects.select_related("indicator", "union", "catalogue").get(
        catalogue=cat, union=union or p.union_a, indicator__number=number
    )


def fresh(result: Result) -> Result:
    return Result.objects.select_related("indicator", "union", "catalogue").get(pk=result.pk)


def submit(actor, result, *, passed=True, value="", text="附校团委说明。", upload=None):
    return evidence_submit(
        actor=actor,
        result=result,
        expected_version=result.version,
        claim_passed=passed,
        claim_value=value,
        text=text,
        upload=upload,
    )


def test_a_yes_no_item_confirmed_by_the_advisor_shows_evidence_as_its_source(province):
    result = item(province, 1)
    assert (result.passed, result.source) == (None, Source.PENDING)
    upload = SimpleUploadedFile("服务定位说明.pdf", PDF, "application/pdf")
    evidence = submit(province.officer_a, result, upload=upload)
    assert [a.name for a in attachments_of(evidence)] == ["服务定位说明.pdf"]
    result = fresh(result)
    assert (result.passed, result.source, result.version) == (None, Source.PENDING, 2)
    stamp = Catalogue.objects.get(pk=result.catalogue_id).results_stamp  # filing changes none

    evidence_confirm(actor=province.advisor_a, evidence=evidence, expected_version=result.version)
    result, evidence = fresh(result), Evidence.objects.get(pk=evidence.pk)
    assert (result.passed, result.source) == (True, Source.EVIDENCE)
    # The verdict changed: pages remembering the year's figures (the heat map) draw again.
    assert Catalogue.objects.get(pk=result.catalogue_id).results_stamp == stamp + 1
    assert (evidence.state, evidence.decided_by) == (EvidenceState.CONFIRMED, province.advisor_a)
    actions = list(
        AuditEvent.objects.filter(action__startswith="reform.evidence")
        .values_list("action", flat=True)
        .order_by("pk")
    )
    assert actions == ["reform.evidence.submitted", "reform.evidence.confirmed"]


def test_a_computed_verdict_cannot_be_rewritten_by_the_union(province):
    result = item(province, 3)  # staff limit: computed, no evidence of the past
    assert result.source == Source.COMPUTED
    with pytest.raises(DomainError) as refused:
        submit(province.officer_a, result)
    assert refused.value.message == COMPUTED_REFUSED
    assert not Evidence.objects.exists()
    assert fresh(result).version == result.version


def test_a_failing_selection_item_takes_evidence_of_the_past_and_keeps_it_on_recompute(province):
    staffed = staff_union(province, staff=10, presidium=3, departments=3, without_selection=4)
    cat = computed(province)
    result = Result.objects.select_related("indicator", "union", "catalogue").get(
        catalogue=cat, union=staffed.union, indicator__computes=Check.SELECTION_PATH
    )
    assert (result.passed, result.remark) == (False, "4 人无选拔记录")
    officer = staffed.memberships[0].user
    with pytest.raises(DomainError) as refused:
        submit(officer, result, passed=False)
    assert refused.value.field == "claim_passed"
    evidence = submit(officer, result, text="4 人于平台上线前经学院推荐、联合审查产生，附名单。")
    evidence_confirm(
        actor=province.advisor_a, evidence=evidence, expected_version=fresh(result).version
    )
    assert (fresh(result).passed, fresh(result).source) == (True, Source.EVIDENCE)

    computed(province)  # the nightly pass still cannot show a pass: the evidence stands
    result = fresh(result)
    assert (result.passed, result.source, result.computed_passed) == (True, Source.EVIDENCE, False)


def test_a_passing_computed_item_of_the_past_takes_no_evidence(province):
    staffed = staff_union(province, staff=10, presidium=3, departments=3)
    cat = computed(province)
    result = Result.objects.select_related("indicator", "union", "catalogue").get(
        catalogue=cat, union=staffed.union, indicator__computes=Check.SELECTION_PATH
    )
    assert result.passed is True
    with pytest.raises(DomainError, match="系统计算的结论不能由学生会改写"):
        submit(staffed.memberships[0].user, result)


def test_a_number_item_is_judged_against_its_threshold(province):
    cat = catalogue()
    cat.indicators.filter(number=1).update(kind=IndicatorKind.NUMBER, threshold=5)
    result = item(province, 1)
    for bad in ("", "七", "-1"):
        with pytest.raises(DomainError) as refused:
            submit(province.officer_a, result, passed=None, value=bad)
        assert refused.value.field == "claim_value"
    evidence = submit(province.officer_a, result, passed=None, value="7")
    assert (evidence.claim_passed, evidence.claim_value) == (False, "7")
    evidence_confirm(
        actor=province.advisor_a, evidence=evidence, expected_version=fresh(result).version
    )
    assert (fresh(result).passed, fresh(result).source) == (False, Source.EVIDENCE)


def test_a_graded_item_takes_a_to_d(province):
    cat = catalogue()
    cat.indicators.filter(number=1).update(kind=IndicatorKind.GRADED)
    result = item(province, 1)
    with pytest.raises(DomainError, match="A、B、C 或 D"):
        submit(province.officer_a, result, passed=None, value="E")
    evidence = submit(province.officer_a, result, passed=None, value="b")
    assert (evidence.claim_passed, evidence.claim_value) == (True, "B")


def test_one_open_evidence_per_item_and_a_stale_form_is_refused(province):
    result = item(province, 1)
    submit(province.officer_a, result)
    with pytest.raises(StaleObject):
        submit(province.officer_a, result)  # the version it was read at
    with pytest.raises(DomainError, match="已有待确认的依据材料"):
        submit(province.officer_a, fresh(result))
    assert Evidence.objects.count() == 1


def test_rejecting_needs_a_reason_and_keeps_the_verdict(province):
    result = item(province, 1)
    evidence = submit(province.officer_a, result)
    with pytest.raises(DomainError) as refused:
        evidence_reject(
            actor=province.advisor_a,
            evidence=evidence,
            expected_version=fresh(result).version,
            note=" ",
        )
    assert refused.value.field == "note"
    assert Evidence.objects.get(pk=evidence.pk).state == EvidenceState.SUBMITTED
    evidence_reject(
        actor=province.advisor_a,
        evidence=evidence,
        expected_version=fresh(result).version,
        note="材料未盖章。",
    )
    result = fresh(result)
    assert (result.passed, result.source) == (None, Source.PENDING)
    assert Evidence.objects.get(pk=evidence.pk).decision_note == "材料未盖章。"
    with pytest.raises(DomainError, match="已处理"):
        evidence_confirm(
            actor=province.advisor_a, evidence=evidence, expected_version=result.version
        )
    submit(province.officer_a, result)  # a new one may follow


def test_only_the_unions_people_submit_and_only_its_advisor_decides(province):
    result = item(province, 1)
    for outsider in (province.college_officer_a1, province.officer_b, province.advisor_a):
        with pytest.raises(NotAllowed):
            submit(outsider, result)
    computed(province, Level.COLLEGE)
    college = item(province, 1, union=province.college_union_a1, level=Level.COLLEGE)
    evidence = submit(province.secretary_a1, college)
    for outsider in (province.officer_a, province.advisor_b, province.city_staff_1):
        with pytest.raises(NotAllowed):
            evidence_confirm(
                actor=outsider, evidence=evidence, expected_version=fresh(college).version
            )
    assert Evidence.objects.get(pk=evidence.pk).state == EvidenceState.SUBMITTED


def test_an_explanation_never_changes_the_verdict(province):
    result = item(province, 3)
    before = (result.passed, result.source)
    result_explain(
        actor=province.officer_a,
        result=result,
        expected_version=result.version,
        text="新学期已精简。",
    )
    result = fresh(result)
    assert (result.explanation, (result.passed, result.source)) == ("新学期已精简。", before)
    with pytest.raises(NotAllowed):
        result_explain(
            actor=province.advisor_a, result=result, expected_version=result.version, text="x"
        )
    with pytest.raises(DomainError) as refused:
        result_explain(
            actor=province.officer_a,
            result=result,
            expected_version=result.version,
            text="长" * 2001,
        )
    assert refused.value.field == "text"
    assert fresh(result).explanation == "新学期已精简。"


def test_the_advisor_finds_waiting_evidence_in_the_to_do(province):
    result = item(province, 1)
    evidence = submit(province.officer_a, result)

    def waiting(user):
        return [
            i for b in todo_for(user).batches for i in b.items if str(i.kind) == "依据材料待确认"
        ]

    found = waiting(province.advisor_a)
    assert [i.title for i in found] == [f"{province.union_a.name} · 第 1 项 服务定位"]
    assert (
        found[0].url.endswith("#item-1")
        and f"/reform/unions/{province.union_a.pk}/" in found[0].url
    )
    assert waiting(province.advisor_b) == [] and waiting(province.officer_a) == []
    evidence_confirm(
        actor=province.advisor_a, evidence=evidence, expected_version=fresh(result).version
    )
    assert waiting(province.advisor_a) == []
