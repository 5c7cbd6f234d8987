"""The disclosure's pages and API: the public page without login (nothing personal; the
presidium's names only when chosen), its printed notice, moderation (unapproved not shown,
approved shown without the author), a closed window refusing comments, the advisor's
opening page, the list and the API."""

import datetime

import pytest
from django.test import Client

from tongxin.comments.models import Comment, Status
from tongxin.comments.services import comment_approve
from tongxin.core.subjects import content_type_of
from tongxin.core.tests.printables.reading import pdf_text
from tongxin.reform.models import Disclosure, DisclosureState
from tongxin.reform.services.disclosure import disclosure_open
from tongxin.testing.clock import moment

from .review_world import assessment_of, check_every_sheet, computed_year

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-10-15"))]
NAMES = ["张同学", "赵主席", "钱部长", "冯老师", "吴书记"]  # students, officers, teachers


def opened(p, show_names=False) -> Disclosure:
    computed_year(p)
    assessment = assessment_of(p, "a")
    check_every_sheet(assessment)
    return disclosure_open(
        actor=p.advisor_a,
        assessment=assessment,
        expected_version=assessment.version,
        show_names=show_names,
    )


def public(p, d) -> str:
    return f"/reform/public/{p.school_a.code}/{d.assessment.academic_year}/"


def test_the_public_page_opens_without_login_and_shows_nothing_personal(province):
    d = opened(province)
    page = Client().get(public(province, d))
    assert page.status_code == 200
    html = page.content.decode()
    assert province.union_a.name in html and province.college_union_a1.name in html
    assert "2026年10月15日" in html and "2026年10月22日" in html  # 5 working days
    assert "实有" in html  # the remarks' figures
    assert 'data-testid="disclosure-row"' in html and 'data-testid="verdict"' in html
    assert [n for n in NAMES if n in html] == []
    assert 'data-testid="disclosure-login"' in html  # anonymous: log in to comment
    assert 'data-testid="disclosure-comment-form"' not in html


def test_the_presidiums_names_only_when_shown(province):
    d = opened(province, show_names=True)
    html = Client().get(public(province, d)).content.decode()
    assert "主席团成员：赵主席" in html
    assert [n for n in NAMES if n != "赵主席" and n in html] == []


def test_an_unknown_school_or_year_is_404(province):
    d = opened(province)
    assert Client().get(f"/reform/public/NOPE/{d.assessment.academic_year}/").status_code == 404
    assert Client().get(f"/reform/public/{province.school_b.code}/2026/").status_code == 404
    assert Client().get(f"/reform/public/{province.school_a.code}/2019/").status_code == 404


def test_the_printed_notice_carries_the_chinese_text(province):
    d = opened(province)
    response = Client().get(public(province, d) + "notice.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content).replace("\n", "")
    assert "甲大学2026—2027学年学生会组织改革自评情况公示" in text
    assert "2026年10月22日" in text and "5个工作日" in text
    assert province.union_a.name in text and "共青团甲大学委员会" in text
    assert "赵主席" not in text


def test_a_comment_waits_for_the_advisor_then_shows_without_its_author(province, client_for):
    d = opened(province)
    student = client_for("student_a")
    form = student.get(public(province, d)).content.decode()
    assert 'data-testid="disclosure-comment-form"' in form
    response = student.post(f"/reform/disclosures/{d.pk}/comment/", {"text": "部门设置属实。"})
    assert response.status_code == 302 and response["Location"] == public(province, d)
    comment = Comment.objects.get()
    assert comment.status == Status.SUBMITTED and comment.author_id == province.student_a.pk
    assert "部门设置属实" not in Client().get(public(province, d)).content.decode()
    mine = student.get(public(province, d)).content.decode()
    assert 'data-testid="my-comments"' in mine and "待审核" in mine
    # The advisor's page lists it with the buttons; approving it publishes it.
    detail = client_for("advisor_a").get(f"/reform/disclosures/{d.pk}/").content.decode()
    assert "部门设置属实" in detail and 'data-testid="comment-approve"' in detail
    comment_approve(actor=province.advisor_a, comment=comment, expected_version=comment.version)
    html = Client().get(public(province, d)).content.decode()
    assert 'data-testid="public-comment"' in html and "部门设置属实" in html
    assert "张同学" not in html


def test_an_empty_comment_shows_the_page_again_with_the_reason(province, client_for):
    d = opened(province)
    response = client_for("student_a").post(f"/reform/disclosures/{d.pk}/comment/", {"text": " "})
    assert response.status_code == 200
    assert "评论内容" in response.content.decode()
    assert not Comment.objects.exists()


def test_a_closed_window_refuses_comments(province, client_for):
    d = opened(province)
    Disclosure.objects.filter(pk=d.pk).update(state=DisclosureState.CLOSED)
    student = client_for("student_a")
    html = student.get(public(province, d)).content.decode()
    assert 'data-testid="disclosure-closed"' in html
    assert 'data-testid="disclosure-comment-form"' not in html
    response = student.post(f"/reform/disclosures/{d.pk}/comment/", {"text": "迟到的意见"})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_the_advisor_opens_from_the_page(province, client_for):
    computed_year(province)
    assessment = assessment_of(province, "a")
    advisor = client_for("advisor_a")
    url = f"/reform/assessments/{assessment.pk}/disclose/"
    preview = advisor.get(url).content.decode()
    assert 'data-testid="waiting"' in preview and "2026-10-22" in preview
    refused = advisor.post(url, {"version": assessment.version})
    assert refused.status_code == 200 and 'data-testid="open-error"' in refused.content.decode()
    assert not Disclosure.objects.exists()
    check_every_sheet(assessment)
    done = advisor.post(url, {"version": assessment.version, "show_names": "on"})
    d = Disclosure.objects.get()
    assert done.status_code == 302 and done["Location"] == public(province, d)
    assert d.show_names and d.closes_on == datetime.date(2026, 10, 22)
    assert 'data-testid="already-open"' in advisor.get(url).content.decode()


def test_the_list_offers_the_advisor_what_is_left_to_open(province, client_for):
    computed_year(province)
    html = client_for("advisor_a").get("/reform/disclosures/").content.decode()
    assert 'data-testid="to-open"' in html and "甲大学" in html
    check_every_sheet(assessment_of(province, "a"))
    a = assessment_of(province, "a")
    disclosure_open(actor=province.advisor_a, assessment=a, expected_version=a.version)
    student = client_for("student_a").get("/reform/disclosures/").content.decode()
    assert f"/reform/public/{province.school_a.code}/" in student
    assert "乙学院" not in client_for("student_a").get("/reform/disclosures/").content.decode()


def test_the_api_reads_a_disclosure_without_authors(province, client_for):
    d = opened(province)
    comment = Comment.objects.create(
        school=province.school_a,
        content_type=content_type_of(d),
        object_id=d.pk,
        author=province.student_a,
        text="公示数据清楚。",
        status=Status.APPROVED,
    )
    body = client_for("student_a").get(f"/api/v1/reform/disclosures/{d.pk}").json()
    assert body["closes_on"] == "2026-10-22" and body["state"] == "open"
    assert body["comments"] == [{"text": comment.text, "on": "2026-10-15"}]
    assert body["may_comment"] is True and body["may_moderate"] is False
    assert body["levels"][0]["unions"][0]["lines"][0]["number"] == 1
    assert "张同学" not in str(body)
    assert client_for("student_b").get(f"/api/v1/reform/disclosures/{d.pk}").status_code == 404


@pytest.mark.parametrize(
    ("persona", "status"),
    [("advisor_a", 201), ("officer_a", 404), ("city_staff_1", 404), ("advisor_b", 404)],
)
def test_the_api_opens_for_the_advisor_only(province, client_for, persona, status):
    computed_year(province)
    a = assessment_of(province, "a")
    check_every_sheet(a)
    response = client_for(persona).post(
        f"/api/v1/reform/assessments/{a.pk}/disclosure",
        {"version": a.version},
        content_type="application/json",
    )
    assert response.status_code == status
    assert Disclosure.objects.count() == (1 if status == 201 else 0)
    if status == 201:
        assert response.json()["closes_on"] == "2026-10-22"


def test_the_api_refusal_names_the_unchecked_union(province, client_for):
    computed_year(province)
    a = assessment_of(province, "a")
    response = client_for("advisor_a").post(
        f"/api/v1/reform/assessments/{a.pk}/disclosure",
        {"version": a.version},
        content_type="application/json",
    )
    assert response.status_code == 400 and province.union_a.name in response.json()["detail"]
    assert not Disclosure.objects.exists()


@pytest.mark.parametrize("bogus", [0, 2**63, 10**20])
def test_hostile_ids_answer_404_never_5xx(province, client_for, bogus):
    opened(province)
    advisor = client_for("advisor_a")
    for url in [
        f"/reform/public/{province.school_a.code}/{bogus}/",
        f"/reform/public/{province.school_a.code}/{bogus}/notice.pdf",
        f"/reform/disclosures/{bogus}/",
        f"/reform/assessments/{bogus}/disclose/",
    ]:
        assert advisor.get(url).status_code == 404, url
    assert advisor.post(f"/reform/disclosures/{bogus}/comment/").status_code == 404


def test_the_advisors_queue_links_the_disclosure_and_the_author_is_told(province, client_for):
    from tongxin.notifications.models import Notification

    d = opened(province)
    client_for("student_a").post(f"/reform/disclosures/{d.pk}/comment/", {"text": "请公开职责。"})
    queue = client_for("advisor_a").get("/comments/queue/").content.decode()
    assert "请公开职责" in queue and f"/reform/disclosures/{d.pk}/" in queue
    assert "请公开职责" not in client_for("advisor_b").get("/comments/queue/").content.decode()
    comment = Comment.objects.get()
    comment_approve(actor=province.advisor_a, comment=comment, expected_version=comment.version)
    told = Notification.objects.get(recipient=province.student_a, verb="comments.comment.approved")
    assert told.url == f"/reform/disclosures/{d.pk}/"
    assert client_for("student_a").get(told.url).status_code == 200
