"""A union's page, 我的改革自评, and the page's posts (views and API)."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from tongxin.reform.models import Evidence, EvidenceState, Level, Result, Source
from tongxin.reform.seed import seed_catalogue
from tongxin.reform.services.results import results_compute

from .world import catalogue, staff_union, this_year

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def computed(p, level=Level.SCHOOL, year=None):
    cat = catalogue(level, year)
    results_compute(actor=p.province_admin, catalogue=cat, scope=p.province)
    return cat


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def result_of(union, number, level=Level.SCHOOL) -> Result:
    return Result.objects.get(catalogue=catalogue(level), union=union, indicator__number=number)


def test_the_advisor_sees_names_behind_sensitive_items_and_others_only_counts(province):
    staffed = staff_union(province, staff=12, presidium=3, departments=3, not_members=2)
    computed(province)
    url = f"/reform/unions/{staffed.union.pk}/"
    advisor = client_of(province.advisor_a).get(url).content.decode()
    assert "工作人员 12 人，不符合 2 人：干部1、干部2" in advisor
    for reader in (staffed.memberships[5].user, province.city_staff_1):
        page = client_of(reader).get(url).content.decode()
        assert "工作人员 12 人，不符合 2 人" in page
        assert "干部1" not in page and "干部2" not in page
    assert "实有 12 人，上限 40 人" in advisor
    assert "学习部、实践部、权益服务部" in advisor


def test_the_page_shows_verdicts_in_the_scoring_models_words(province):
    staffed = staff_union(province, staff=45, presidium=3, departments=3)
    computed(province)
    page = client_of(province.advisor_a).get(f"/reform/unions/{staffed.union.pk}/")
    html = page.content.decode()
    item3 = html.split('data-testid="item-3"')[1].split("</section>")[0]
    assert 'data-testid="verdict">否<' in item3 and "系统计算" in item3 and "实有 45 人" in item3
    item1 = html.split('data-testid="item-1"')[1].split("</section>")[0]
    assert 'data-testid="verdict">待填报<' in item1
    item11 = html.split('data-testid="item-11"')[1].split("</section>")[0]
    assert 'data-testid="verdict">无法计算<' in item11  # no congress on record


def test_the_year_switch_reads_last_years_catalogue(province):
    computed(province)
    last = seed_catalogue(this_year() - 1, Level.SCHOOL)
    results_compute(actor=province.province_admin, catalogue=last, scope=province.province)
    client = client_of(province.officer_a)
    page = client.get(f"/reform/unions/{province.union_a.pk}/?year={this_year() - 1}")
    assert page.status_code == 200 and last.title in page.content.decode()
    assert client.get(f"/reform/unions/{province.union_a.pk}/?year=1999").status_code == 404
    assert client.get(f"/reform/unions/{province.union_a.pk}/?year=abc").status_code == 200


def test_an_officer_attaches_evidence_and_the_advisor_confirms_it_on_the_page(province):
    computed(province)
    result = result_of(province.union_a, 1)
    officer = client_of(province.officer_a)
    upload = SimpleUploadedFile("说明.pdf", PDF, "application/pdf")
    response = officer.post(
        f"/reform/results/{result.pk}/evidence/",
        {
            "version": result.version,
            "claim_passed": "yes",
            "text": "未承担行政职能。",
            "file": upload,
        },
    )
    assert response.status_code == 302 and response["Location"].endswith("#item-1")
    evidence = Evidence.objects.get(result=result)
    page = client_of(province.advisor_a).get(f"/reform/unions/{province.union_a.pk}/")
    assert "确认依据材料" in page.content.decode() and "说明.pdf" in page.content.decode()

    result.refresh_from_db()
    response = client_of(province.advisor_a).post(
        f"/reform/evidence/{evidence.pk}/confirm/", {"version": result.version}
    )
    assert response.status_code == 302
    result.refresh_from_db()
    assert (result.passed, result.source) == (True, Source.EVIDENCE)
    html = officer.get(f"/reform/unions/{province.union_a.pk}/").content.decode()
    item1 = html.split('data-testid="item-1"')[1].split("</section>")[0]
    assert 'data-testid="verdict">是<' in item1 and "依据材料" in item1 and "已确认" in item1


def test_a_refused_post_shows_the_reason_and_changes_nothing(province):
    computed(province)
    result = result_of(province.union_a, 3)
    response = client_of(province.officer_a).post(
        f"/reform/results/{result.pk}/evidence/",
        {"version": result.version, "claim_passed": "yes", "text": "人数已调整。"},
    )
    assert response.status_code == 200
    assert "系统计算的结论不能由学生会改写" in response.content.decode()
    assert not Evidence.objects.exists()
    response = client_of(province.officer_a).post(
        f"/reform/results/{result.pk}/explain/", {"version": "x", "text": "说明"}
    )
    assert response.status_code == 200 and "版本" in response.content.decode()
    result.refresh_from_db()
    assert result.explanation == ""


def test_my_unions_show_this_years_overall_verdict_and_waiting_evidence(province):
    computed(province)
    computed(province, Level.COLLEGE)
    result = result_of(province.union_a, 1)
    Result.objects.filter(catalogue=result.catalogue, union=province.union_a).update(
        passed=True, source=Source.COMPUTED
    )
    advisor = client_of(province.advisor_a).get("/reform/mine/").content.decode()
    assert province.union_a.name in advisor and province.college_union_a1.name in advisor
    assert "总体：是" in advisor and "达标 11 项" in advisor
    officer = client_of(province.college_officer_a1).get("/reform/mine/").content.decode()
    assert province.college_union_a1.name in officer and province.union_a.name not in officer


def test_the_api_lists_results_and_takes_evidence_and_decisions(province):
    computed(province)
    result = result_of(province.union_a, 1)
    officer = client_of(province.officer_a)
    listed = officer.get(f"/api/v1/reform/unions/{province.union_a.pk}/results").json()
    item1 = next(r for r in listed["results"] if r["number"] == 1)
    assert (item1["verdict"], item1["may_submit_evidence"], item1["may_decide"]) == (
        "待填报",
        True,
        False,
    )
    item3 = next(r for r in listed["results"] if r["number"] == 3)
    assert item3["source_label"] == "系统计算" and item3["may_submit_evidence"] is False
    refused = officer.post(
        f"/api/v1/reform/results/{item3['id']}/evidence",
        {"version": item3["version"], "claim_passed": True, "text": "x"},
        content_type="application/json",
    )
    assert refused.status_code == 400 and "不能由学生会改写" in refused.json()["detail"]
    made = officer.post(
        f"/api/v1/reform/results/{result.pk}/evidence",
        {"version": result.version, "claim_passed": True, "text": "附说明。"},
        content_type="application/json",
    )
    assert made.status_code == 201 and made.json()["state"] == EvidenceState.SUBMITTED
    advisor = client_of(province.advisor_a)
    stale = advisor.post(
        f"/api/v1/reform/evidence/{made.json()['id']}/confirm",
        {"version": result.version},
        content_type="application/json",
    )
    assert stale.status_code == 400
    result.refresh_from_db()
    done = advisor.post(
        f"/api/v1/reform/evidence/{made.json()['id']}/confirm",
        {"version": result.version},
        content_type="application/json",
    )
    assert done.status_code == 200
    assert (done.json()["verdict"], done.json()["source_label"]) == ("是", "依据材料")
    assert officer.get(f"/api/v1/reform/unions/{province.union_b.pk}/results").status_code == 404


def test_judged_on_a_date_the_page_says_so(province):
    cat = computed(province)
    day = Result.objects.filter(catalogue=cat).exclude(computed_on=None).first().computed_on
    page = client_of(province.officer_a).get(f"/reform/unions/{province.union_a.pk}/")
    assert f"数据日期：{day:%Y-%m-%d}" in page.content.decode()
    assert isinstance(day, datetime.date)


def test_my_unions_summaries_cost_the_same_queries_for_one_union_or_all(province):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tongxin.orgs.models import UNION_KINDS, Node
    from tongxin.reform.union_selectors import summaries_of

    computed(province)
    computed(province, Level.COLLEGE)
    unions = list(Node.objects.filter(kind__in=UNION_KINDS).select_related("school"))
    with CaptureQueriesContext(connection) as one:
        summaries_of(unions[:1], this_year())
    with CaptureQueriesContext(connection) as every:
        found = summaries_of(unions, this_year())
    assert len(unions) > 3 and len(one) == len(every)
    assert all(s.catalogue is not None and s.passed + s.failed + s.pending == 11 for s in found)
