"""Editing the catalogue: frozen published years, copy and publish, validation with the
field named, optimistic locking, results removed with an indicator (services/catalogues.py
and services/scorings.py)."""

from decimal import Decimal

import pytest
from django.utils import timezone

from tongxin.audit.models import AuditEvent
from tongxin.core.errors import DomainError, NotAllowed, StaleObject
from tongxin.testing.clock import moment

from ..catalogue_data import YES_NO
from ..models import (
    Catalogue,
    CatalogueState,
    Check,
    Evidence,
    Indicator,
    IndicatorKind,
    Level,
    Mark,
    Result,
    ScoringModel,
    VerdictRule,
)
from ..services.catalogues import (
    FROZEN,
    IndicatorValues,
    catalogue_copy,
    catalogue_publish,
    catalogue_update,
    indicator_create,
    indicator_delete,
    indicator_update,
)
from ..services.results import results_compute
from ..services.scorings import IN_USE, ScoringValues, scoring_create, scoring_update, stamp_of
from .world import catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]

GRADES = {"A": 100, "B": 60, "C": 40, "D": 0}


def yes_no(number: int = 12, **kw) -> IndicatorValues:
    base = {"number": number, "short": "服务项目", "text": "开展“我为同学做件事”。"}
    return IndicatorValues(**{**base, **kw})


def scoring_values(**kw) -> ScoringValues:
    base = {"name": "新评分模型", "pass_label": "是", "fail_label": "否", "grade_percents": GRADES}
    return ScoringValues(**{**base, **kw})


def snapshot(cat: Catalogue) -> tuple:
    cat.refresh_from_db()
    rows = list(Indicator.objects.filter(catalogue=cat).values_list("number", "short", "kind"))
    return (cat.title, cat.state, cat.version, cat.scoring_id, cat.note, rows)


def events(action: str) -> int:
    return AuditEvent.objects.filter(action=action).count()


# --- frozen published years ---------------------------------------------------------------


def test_every_edit_of_a_published_year_is_refused_and_changes_nothing(province):
    published = catalogue(Level.SCHOOL, 2026)
    assert published.state == CatalogueState.PUBLISHED
    admin, before = province.province_admin, snapshot(published)
    first = published.indicators.get(number=1)
    attempts = [
        lambda: catalogue_update(
            actor=admin,
            catalogue=published,
            expected_version=published.version,
            title="改个名",
            scoring=published.scoring,
            note="",
        ),
        lambda: indicator_create(
            actor=admin, catalogue=published, expected_version=published.version, values=yes_no()
        ),
        lambda: indicator_update(
            actor=admin,
            indicator=first,
            expected_version=published.version,
            values=yes_no(1, short="改过的"),
        ),
        lambda: indicator_delete(actor=admin, indicator=first, expected_version=published.version),
        lambda: catalogue_publish(
            actor=admin, catalogue=published, expected_version=published.version
        ),
    ]
    for attempt in attempts:
        with pytest.raises(DomainError) as refused:
            attempt()
        assert refused.value.message in {FROZEN, "该指标体系已经发布。"}
    assert snapshot(published) == before
    assert not AuditEvent.objects.filter(action__startswith="reform.").exists()


def test_a_scoring_model_of_a_published_year_cannot_be_edited(province):
    used = ScoringModel.objects.get(name=YES_NO)
    before = (used.pass_label, used.fail_label, stamp_of(used))
    with pytest.raises(DomainError) as refused:
        scoring_update(
            actor=province.province_admin,
            scoring=used,
            expected_stamp=stamp_of(used),
            values=scoring_values(name=YES_NO, pass_label="达标", fail_label="未达标"),
        )
    assert refused.value.message == IN_USE
    used.refresh_from_db()
    assert (used.pass_label, used.fail_label, stamp_of(used)) == before
    assert events("reform.scoring.updated") == 0


# --- copy and publish ---------------------------------------------------------------------


def test_copy_makes_a_draft_of_the_year_with_the_same_indicators(province):
    source = catalogue(Level.SCHOOL, 2026)
    copy = catalogue_copy(actor=province.province_admin, catalogue=source, year=2027)
    assert (copy.academic_year, copy.level, copy.state) == (2027, Level.SCHOOL, "draft")
    assert copy.based_on == source and copy.scoring == source.scoring
    assert "2027—2028" in copy.title and "2026—2027" not in copy.title
    fields = ["number", "short", "text", "mark", "kind", "computes", "evidence_for_past"]
    assert list(copy.indicators.order_by("number").values_list(*fields)) == list(
        source.indicators.order_by("number").values_list(*fields)
    )
    event = AuditEvent.objects.get(action="reform.catalogue.copied")
    assert event.data == {"source": source.pk, "year": 2027, "indicators": 11}
    # The copy is a draft: the admin edits it.
    added = indicator_create(
        actor=province.province_admin,
        catalogue=copy,
        expected_version=copy.version,
        values=yes_no(12),
    )
    assert added.catalogue == copy and source.indicators.count() == 11


def test_copy_to_a_year_that_has_the_table_is_refused(province):
    source = catalogue(Level.COLLEGE, 2025)
    count = Catalogue.objects.count()
    with pytest.raises(DomainError) as refused:
        catalogue_copy(actor=province.province_admin, catalogue=source, year=2026)
    assert refused.value.field == "year" and "2026—2027 学年" in refused.value.message
    for year in (None, 1999, 2040):
        with pytest.raises(DomainError) as refused:
            catalogue_copy(actor=province.province_admin, catalogue=source, year=year)
        assert refused.value.field == "year"
    assert Catalogue.objects.count() == count


def test_publishing_a_draft_freezes_it(province):
    draft = catalogue(Level.COLLEGE, 2026)
    published = catalogue_publish(
        actor=province.province_admin, catalogue=draft, expected_version=draft.version
    )
    assert published.state == CatalogueState.PUBLISHED
    assert published.published_by == province.province_admin
    assert published.published_at is not None
    assert timezone.localdate(published.published_at).isoformat() == "2026-10-15"
    assert published.version == draft.version + 1
    assert events("reform.catalogue.published") == 1
    with pytest.raises(DomainError, match="已发布"):
        indicator_create(
            actor=province.province_admin,
            catalogue=published,
            expected_version=published.version,
            values=yes_no(),
        )


def test_only_the_federation_admin_writes(province):
    draft = catalogue(Level.COLLEGE, 2026)
    for person in (province.province_staff, province.advisor_a, province.officer_a):
        with pytest.raises(NotAllowed):
            catalogue_publish(actor=person, catalogue=draft, expected_version=draft.version)
        with pytest.raises(NotAllowed):
            scoring_create(actor=person, values=scoring_values())
    assert Catalogue.objects.get(pk=draft.pk).state == CatalogueState.DRAFT


# --- validation ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "field", "words"),
    [
        (yes_no(3), "number", "序号 3 已被“工作人员”使用"),
        (yes_no(0), "number", "1 至 999"),
        (yes_no(short=""), "short", "请填写简称"),
        (yes_no(kind=IndicatorKind.COMPUTED), "computes", "须选择计算项"),
        (
            yes_no(kind=IndicatorKind.COMPUTED, computes=Check.STAFF_LIMIT),
            "computes",
            "已用于第 3 项",
        ),
        (yes_no(kind=IndicatorKind.NUMBER), "threshold", "数值类指标须填写阈值"),
        (yes_no(remark_template="实有 {total} 人"), "remark_template", "{count}"),
        (yes_no(remark_template="实有 {count!r} 人"), "remark_template", "{count}"),
        (yes_no(remark_template="实有 {count:>3} 人"), "remark_template", "{count}"),
        (yes_no(remark_template="实有 {count 人"), "remark_template", "{count}"),
        (yes_no(remark_template="{}"), "remark_template", "{count}"),
        (yes_no(points=Decimal("1.25")), "points", "最多一位小数"),
        (yes_no(mark="x"), "mark", "标记"),
    ],
)
def test_a_bad_indicator_is_refused_naming_its_field(province, values, field, words):
    draft = catalogue(Level.COLLEGE, 2026)
    before = snapshot(draft)
    with pytest.raises(DomainError) as refused:
        indicator_create(
            actor=province.province_admin,
            catalogue=draft,
            expected_version=draft.version,
            values=values,
        )
    assert refused.value.field == field and words in refused.value.message
    assert snapshot(draft) == before


def test_good_indicators_keep_only_what_their_kind_uses(province):
    draft = catalogue(Level.COLLEGE, 2026)
    admin = province.province_admin
    number = indicator_create(
        actor=admin,
        catalogue=draft,
        expected_version=draft.version,
        values=yes_no(
            12,
            kind=IndicatorKind.NUMBER,
            threshold=6,
            computes=Check.STAFF_LIMIT,  # ignored: only a computed item computes
            remark_template="召开 {count} 次，最近一次 {date}",
            points=Decimal("5.5"),
            mark=Mark.OBSERVATION,
            evidence_for_past=True,
        ),
    )
    assert (number.threshold, number.computes, number.evidence_for_past) == (6, "", False)
    assert number.remark_template == "召开 {count} 次，最近一次 {date}"
    draft.refresh_from_db()
    graded = indicator_create(
        actor=admin,
        catalogue=draft,
        expected_version=draft.version,
        values=yes_no(13, kind=IndicatorKind.GRADED, threshold=9),
    )
    assert graded.threshold is None
    assert events("reform.indicator.created") == 2


@pytest.mark.parametrize(
    ("kw", "field", "words"),
    [
        ({"grade_percents": {**GRADES, "B": 120}}, "grade_b", "B 档得分比例须为 0 至 100"),
        ({"grade_percents": {"A": 100, "B": 60, "C": 40}}, "grade_d", "D 档"),
        (
            {"materials_weight": 70, "presentation_weight": 20},
            "presentation_weight",
            "之和须为 100",
        ),
        ({"pass_mark": 101}, "pass_mark", "及格线须为 0 至 100"),
        ({"verdict_rule": VerdictRule.PASS_MARK}, "pass_mark", "须填写及格线"),
        ({"fail_label": "是"}, "fail_label", "不能相同"),
        ({"name": YES_NO}, "name", "已被其他评分模型使用"),
        ({"verdict_rule": "coin"}, "verdict_rule", "总体结论规则"),
    ],
)
def test_a_bad_scoring_model_is_refused_naming_its_field(province, kw, field, words):
    count = ScoringModel.objects.count()
    with pytest.raises(DomainError) as refused:
        scoring_create(actor=province.province_admin, values=scoring_values(**kw))
    assert refused.value.field == field and words in refused.value.message
    assert ScoringModel.objects.count() == count


def test_a_scoring_model_is_created_and_edited_while_no_published_year_uses_it(province):
    admin = province.province_admin
    made = scoring_create(
        actor=admin,
        values=scoring_values(
            materials_weight=70,
            presentation_weight=30,
            pass_mark=60,
            verdict_rule=VerdictRule.PASS_MARK,
        ),
    )
    assert (made.materials_weight, made.presentation_weight, made.pass_mark) == (70, 30, 60)
    assert made.grade_percents == GRADES
    stamp = stamp_of(made)
    edited = scoring_update(
        actor=admin,
        scoring=made,
        expected_stamp=stamp,
        values=scoring_values(pass_label="达标", fail_label="未达标", pass_mark=None),
    )
    assert (edited.pass_label, edited.fail_label, edited.verdict_rule) == (
        "达标",
        "未达标",
        VerdictRule.CORE_ITEMS,
    )
    event = AuditEvent.objects.get(action="reform.scoring.updated")
    assert "pass_label" in event.data["fields"]
    with pytest.raises(StaleObject):  # the form read before the edit
        scoring_update(actor=admin, scoring=made, expected_stamp=stamp, values=scoring_values())


# --- optimistic locking -------------------------------------------------------------------


def test_a_stale_version_is_refused_and_changes_nothing(province):
    draft = catalogue(Level.COLLEGE, 2026)
    admin, read = province.province_admin, draft.version
    catalogue_update(
        actor=admin,
        catalogue=draft,
        expected_version=read,
        title="表二",
        scoring=draft.scoring,
        note="",
    )
    before = snapshot(draft)
    with pytest.raises(StaleObject, match="已被他人修改"):
        catalogue_update(
            actor=admin,
            catalogue=draft,
            expected_version=read,
            title="另一个名称",
            scoring=draft.scoring,
            note="",
        )
    with pytest.raises(StaleObject):
        indicator_create(actor=admin, catalogue=draft, expected_version=read, values=yes_no())
    with pytest.raises(StaleObject):
        indicator_delete(
            actor=admin, indicator=draft.indicators.get(number=1), expected_version=read
        )
    assert snapshot(draft) == before and before[0] == "表二"


# --- results go with their indicator ------------------------------------------------------


def _computed_draft(province) -> Catalogue:
    draft = catalogue(Level.COLLEGE, 2026)
    results_compute(actor=province.province_admin, catalogue=draft, scope=province.province)
    draft.refresh_from_db()
    return draft


def test_deleting_an_indicator_of_a_draft_removes_its_results(province):
    draft = _computed_draft(province)
    staff = draft.indicators.get(computes=Check.STAFF_LIMIT)
    count = Result.objects.filter(indicator=staff).count()
    assert count >= 2  # every college union of the tiny province
    others = Result.objects.filter(catalogue=draft).exclude(indicator=staff).count()
    removed = indicator_delete(
        actor=province.province_admin, indicator=staff, expected_version=draft.version
    )
    assert removed == count
    assert not Indicator.objects.filter(pk=staff.pk).exists()
    assert Result.objects.filter(catalogue=draft).count() == others
    event = AuditEvent.objects.get(action="reform.indicator.deleted")
    assert event.data["results_removed"] == count and event.data["number"] == staff.number


def test_an_indicator_with_evidence_cannot_be_deleted_or_change_kind(province):
    draft = _computed_draft(province)
    item = draft.indicators.get(number=1)
    result = Result.objects.filter(indicator=item).first()
    Evidence.objects.create(  # set-up: part D's service writes these
        result=result,
        school=result.school,
        claim_passed=True,
        text="未承担宿舍管理等行政职能。",
        submitted_by=province.officer_a,
        submitted_at=timezone.now(),
    )
    results = Result.objects.filter(indicator=item).count()
    with pytest.raises(DomainError, match="依据材料"):
        indicator_delete(
            actor=province.province_admin, indicator=item, expected_version=draft.version
        )
    with pytest.raises(DomainError, match="依据材料"):
        indicator_update(
            actor=province.province_admin,
            indicator=item,
            expected_version=draft.version,
            values=yes_no(1, short=item.short, text=item.text, kind=IndicatorKind.GRADED),
        )
    assert Result.objects.filter(indicator=item).count() == results
    assert Indicator.objects.get(pk=item.pk).kind == IndicatorKind.YES_NO


def test_changing_what_an_indicator_computes_removes_its_stale_results(province):
    draft = _computed_draft(province)
    item = draft.indicators.get(computes=Check.POSITIONS)
    assert Result.objects.filter(indicator=item).exists()
    updated = indicator_update(
        actor=province.province_admin,
        indicator=item,
        expected_version=draft.version,
        values=yes_no(item.number, short=item.short, text=item.text, kind=IndicatorKind.YES_NO),
    )
    assert (updated.kind, updated.computes) == (IndicatorKind.YES_NO, "")
    assert not Result.objects.filter(indicator=item).exists()
    event = AuditEvent.objects.get(action="reform.indicator.updated")
    assert set(event.data["fields"]) == {"kind", "computes"}
    # A text change keeps the results.
    draft.refresh_from_db()
    other = draft.indicators.get(computes=Check.STAFF_LIMIT)
    kept = Result.objects.filter(indicator=other).count()
    indicator_update(
        actor=province.province_admin,
        indicator=other,
        expected_version=draft.version,
        values=IndicatorValues(
            number=other.number,
            short="人数",
            text=other.text,
            kind=other.kind,
            computes=other.computes,
            remark_template=other.remark_template,
        ),
    )
    assert Result.objects.filter(indicator=other).count() == kept
