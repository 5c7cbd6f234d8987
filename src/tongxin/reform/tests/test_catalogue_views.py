"""The catalogue's pages: the list of years × tables, a table with its indicators, the
admin's edit, copy, publish and indicator pages, refusals shown on the page with nothing
changed, and the scoring models' pages."""

import pytest

from tongxin.audit.models import AuditEvent
from tongxin.testing.clock import moment

from ..catalogue_data import YES_NO
from ..models import Catalogue, CatalogueState, Indicator, Level, Result, ScoringModel
from ..services.results import results_compute
from .world import catalogue

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]


def test_the_list_shows_each_year_with_both_tables_state_and_counts(province, client_for):
    page = client_for("advisor_a").get("/reform/catalogues/").content.decode()
    assert "2026—2027 学年" in page and "2025—2026 学年" in page
    cell = page.split('data-testid="cell-2026-school"')[1].split("</div></div>")[0]
    assert "已发布" in cell and "11 项指标（★2 项，系统计算 10 项）" in cell
    draft = page.split('data-testid="cell-2026-college"')[1].split("</div></div>")[0]
    assert "草稿" in draft
    assert "/reform/scoring/new/" not in page  # readers do not edit


def test_a_table_shows_its_indicators_with_marks_kinds_and_no_edit_for_readers(
    province, client_for
):
    cat = catalogue(Level.SCHOOL, 2026)
    page = client_for("officer_a").get(f"/reform/catalogues/{cat.pk}/").content.decode()
    row = page.split('data-testid="indicator-11"')[1].split("</tr>")[0]
    assert "★" in row and "代表大会" in row and "按期召开代表大会" in row
    assert "召开时间：{date}" in row and "平台上线前的情况可依据材料认定" in row
    assert "结论写作“是”或“否”" in page
    assert 'data-testid="indicator-cards"' in page  # the phone layout
    assert 'data-testid="admin-actions"' not in page and "/reform/indicators/" not in page


def test_the_admin_sees_edit_buttons_on_a_draft_only(province, client_for):
    admin = client_for("province_admin")
    draft = catalogue(Level.COLLEGE, 2026)
    published = catalogue(Level.SCHOOL, 2026)
    on_draft = admin.get(f"/reform/catalogues/{draft.pk}/").content.decode()
    assert (
        f"/reform/catalogues/{draft.pk}/edit/" in on_draft and "发布（发布后不能修改）" in on_draft
    )
    on_published = admin.get(f"/reform/catalogues/{published.pk}/").content.decode()
    assert f"/reform/catalogues/{published.pk}/edit/" not in on_published
    assert (
        "/reform/indicators/" not in on_published and "发布（发布后不能修改）" not in on_published
    )
    assert 'data-testid="copy-form"' in on_published  # a published year is copied
    assert "发布前请先修改名称" in on_draft  # 表二 ships titled a draft


def test_the_admin_edits_a_draft_on_its_page(province, client_for):
    draft = catalogue(Level.COLLEGE, 2026)
    other = ScoringModel.objects.exclude(name=YES_NO).first()
    response = client_for("province_admin").post(
        f"/reform/catalogues/{draft.pk}/edit/",
        {
            "title": "表二（修订）",
            "scoring": other.pk,
            "note": "按院级限额。",
            "version": draft.version,
        },
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert (draft.title, draft.scoring, draft.note) == ("表二（修订）", other, "按院级限额。")


def test_a_frozen_year_shows_the_notice_and_refuses_the_post(province, client_for):
    published = catalogue(Level.SCHOOL, 2026)
    admin = client_for("province_admin")
    url = f"/reform/catalogues/{published.pk}/edit/"
    assert "该指标体系已发布，不能修改" in admin.get(url).content.decode()
    data = {"title": "改名", "scoring": published.scoring_id, "version": published.version}
    response = admin.post(url, data)
    assert response.status_code == 200
    assert "请复制为新学年后修改" in response.content.decode()
    assert Catalogue.objects.get(pk=published.pk).title == published.title


def test_a_bad_indicator_shows_the_field_error_and_changes_nothing(province, client_for):
    draft = catalogue(Level.COLLEGE, 2026)
    data = {
        "version": draft.version,
        "number": 12,
        "short": "人数",
        "text": "工作人员人数",
        "kind": "number",
        "remark_template": "实有 {total} 人",
    }
    response = client_for("province_admin").post(
        f"/reform/catalogues/{draft.pk}/indicators/new/", data
    )
    body = response.content.decode()
    assert response.status_code == 200 and "数值类指标须填写阈值" in body
    assert 'aria-invalid="true"' in body
    assert draft.indicators.count() == 11
    response = client_for("province_admin").post(
        f"/reform/catalogues/{draft.pk}/indicators/new/", {**data, "threshold": 40}
    )
    assert "只能使用 {count}（数量）和 {date}（日期）" in response.content.decode()
    data["remark_template"] = "实有 {count} 人"
    response = client_for("province_admin").post(
        f"/reform/catalogues/{draft.pk}/indicators/new/", {**data, "threshold": 40}
    )
    assert response.status_code == 302
    assert draft.indicators.get(number=12).threshold == 40


def test_a_stale_form_says_so_on_the_page(province, client_for):
    draft = catalogue(Level.COLLEGE, 2026)
    item = draft.indicators.get(number=4)
    admin = client_for("province_admin")
    data = {"version": draft.version, "number": 4, "short": "主席团成员", "text": item.text}
    data |= {"kind": item.kind, "computes": item.computes}
    assert admin.post(f"/reform/indicators/{item.pk}/edit/", data).status_code == 302
    again = admin.post(f"/reform/indicators/{item.pk}/edit/", {**data, "short": "主席团"})
    assert "已被他人修改，请刷新后重试" in again.content.decode()
    assert Indicator.objects.get(pk=item.pk).short == "主席团成员"


def test_deleting_an_indicator_says_how_many_results_go_with_it(province, client_for):
    draft = catalogue(Level.COLLEGE, 2026)
    results_compute(actor=province.province_admin, catalogue=draft, scope=province.province)
    draft.refresh_from_db()
    item = draft.indicators.get(number=6)
    count = Result.objects.filter(indicator=item).count()
    admin = client_for("province_admin")
    url = f"/reform/indicators/{item.pk}/delete/"
    assert f"该指标已有 {count} 条自评结果，将一并删除" in admin.get(url).content.decode()
    response = admin.post(url, {"version": draft.version})
    assert response.status_code == 302
    assert not Result.objects.filter(indicator_id=item.pk).exists()
    page = admin.get(response["Location"]).content.decode()
    assert f"已删除第 6 项指标，同时删除了 {count} 条自评结果" in page


def test_copy_and_publish_on_the_page(province, client_for):
    admin = client_for("province_admin")
    source = catalogue(Level.SCHOOL, 2026)
    taken = admin.post(f"/reform/catalogues/{source.pk}/copy/", {"year": "2025"})
    assert taken.status_code == 200 and "2025—2026 学年的表一" in taken.content.decode()
    response = admin.post(f"/reform/catalogues/{source.pk}/copy/", {"year": "2027"})
    copy = Catalogue.objects.get(academic_year=2027, level=Level.SCHOOL)
    assert response["Location"] == f"/reform/catalogues/{copy.pk}/"
    assert copy.state == CatalogueState.DRAFT and copy.indicators.count() == 11
    stale = admin.post(f"/reform/catalogues/{copy.pk}/publish/", {"version": copy.version + 1})
    assert "已被他人修改" in stale.content.decode()
    done = admin.post(f"/reform/catalogues/{copy.pk}/publish/", {"version": copy.version})
    assert done.status_code == 302
    assert Catalogue.objects.get(pk=copy.pk).state == CatalogueState.PUBLISHED
    assert AuditEvent.objects.filter(action__startswith="reform.catalogue.").count() == 2


def test_scoring_models_list_and_the_frozen_one(province, client_for):
    used = ScoringModel.objects.get(name=YES_NO)
    reader = client_for("advisor_a").get("/reform/scoring/").content.decode()
    assert YES_NO in reader and "已用于已发布的学年" in reader and "修改</a>" not in reader
    admin = client_for("province_admin")
    page = admin.get(f"/reform/scoring/{used.pk}/edit/").content.decode()
    assert "不能修改" in page and f"/reform/scoring/new/?from={used.pk}" in page
    new = admin.get(f"/reform/scoring/new/?from={used.pk}").content.decode()
    assert f"{YES_NO}（副本）" in new


def test_a_scoring_model_is_created_on_its_page_with_field_errors_first(province, client_for):
    admin = client_for("province_admin")
    data = {
        "name": "百分制（2027）",
        "pass_label": "合格",
        "fail_label": "不合格",
        "grade_a": 100,
        "grade_b": 60,
        "grade_c": 40,
        "grade_d": 0,
        "materials_weight": 70,
        "presentation_weight": 20,
        "pass_mark": 60,
        "verdict_rule": "pass_mark",
    }
    refused = admin.post("/reform/scoring/new/", data)
    assert "材料权重与展示权重之和须为 100（现为 90）" in refused.content.decode()
    assert not ScoringModel.objects.filter(name="百分制（2027）").exists()
    assert (
        admin.post("/reform/scoring/new/", {**data, "presentation_weight": 30}).status_code == 302
    )
    made = ScoringModel.objects.get(name="百分制（2027）")
    assert (made.pass_label, made.presentation_weight, made.pass_mark) == ("合格", 30, 60)


@pytest.mark.parametrize("bad", [0, 2**63, 10**20])
def test_hostile_ids_answer_404_never_500(province, client_for, bad):
    admin = client_for("province_admin")
    for url in [
        f"/reform/catalogues/{bad}/",
        f"/reform/catalogues/{bad}/edit/",
        f"/reform/catalogues/{bad}/indicators/new/",
        f"/reform/indicators/{bad}/edit/",
        f"/reform/indicators/{bad}/delete/",
        f"/reform/scoring/{bad}/edit/",
    ]:
        assert admin.get(url).status_code == 404, url
    assert admin.post(f"/reform/catalogues/{bad}/copy/", {"year": 2030}).status_code == 404
    assert admin.get(f"/reform/scoring/new/?from={bad}").status_code == 200
    big = admin.post(f"/reform/catalogues/{catalogue().pk}/copy/", {"year": str(bad)})
    assert big.status_code == 200 and "学年" in big.content.decode()


def test_the_audit_trail_reads_the_catalogue_events(province, client_for):
    admin = client_for("province_admin")
    source = catalogue(Level.SCHOOL, 2026)
    admin.post(f"/reform/catalogues/{source.pk}/copy/", {"year": "2027"})
    page = admin.get("/audit/").content.decode()
    assert "复制指标体系到新学年" in page and "复制自" in page and source.title in page
