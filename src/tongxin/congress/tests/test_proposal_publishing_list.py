"""The published proposal list (page, phone cards, filters, API) and the proposal book (PDF
with its Chinese text extracted, Excel opened)."""

import io
import json

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from tongxin.testing.clock import moment
from tongxin.testing.province import TinyProvince

from .. import proposal_publish as pub
from ..proposal_models import ProposalState
from .proposal_factories_publishing import stats_world

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2026-06-15"))]


def titles(qs) -> set[str]:
    return {p.title for p in qs}


def test_students_see_every_published_proposal_of_their_school(province: TinyProvince) -> None:
    w = stats_world(province)
    seen = titles(pub.proposals_published_for(province.student_a2))
    # Union A's 2026 session without the draft (1) and the withdrawn (2); the college's 20
    # and the 2025 session's 40; never school B's 30.
    assert seen == {f"提案{k}" for k in (3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 20, 40)}
    assert titles(pub.proposals_published_for(province.student_b)) == {"提案30"}
    assert not pub.proposals_published_for(province.city_staff_1).exists()
    # A handler reads what their office was given, or forwarded (11), not the rest.
    assert titles(pub.proposals_published_for(province.handler_a)) == {
        f"提案{k}" for k in (4, 6, 7, 11, 13)
    }
    assert w.by_key[1].state == ProposalState.DRAFT


def test_the_page_shows_state_office_reply_ground_and_merge(
    province: TinyProvince, client_for
) -> None:
    stats_world(province)
    page = client_for("student_a2").get("/congress/proposals/").content.decode()
    assert 'data-testid="published-cards"' in page  # phone cards beside the table
    assert "不予立案：属个人或少数人利益诉求，不具代表性" in page
    assert "已转" in page and province.logistics_office_a.name in page
    assert "已并入第 7 号《提案7》" in page
    assert "答复：已增加开放时间。" in page
    assert "提案1<" not in page and "提案2<" not in page
    assert "提案汇编" in page  # students may download the book (documented in rules.py)


def test_filters_narrow_the_list(province: TinyProvince, client_for) -> None:
    w = stats_world(province)
    client = client_for("officer_a")
    found = client.get(f"/congress/proposals/?state=done&session={w.session.pk}").content.decode()
    assert found.count('data-testid="published-row"') == 3  # 7, 8, 13
    by_office = client.get(f"/congress/proposals/?office={province.academic_office_a.pk}")
    # Officer A reads union A's own (5, 8, 9, 10) and, as a student of school A, the
    # college's 20.
    assert by_office.content.decode().count('data-testid="published-row"') == 5
    nonsense = client.get("/congress/proposals/?state=draft&category=xx&session=abc&office=-1")
    assert nonsense.status_code == 200
    assert nonsense.content.decode().count('data-testid="published-row"') == 13
    assert client.get("/congress/proposals/?page=99").status_code == 404


def test_the_api_lists_the_same(province: TinyProvince, client_for) -> None:
    stats_world(province)
    body = json.loads(
        client_for("student_a").get("/api/v1/congress/proposals/published?category=life").content
    )
    assert {i["title"] for i in body["items"]} == {f"提案{k}" for k in (3, 6, 7, 11, 12, 40)}
    refused = next(i for i in body["items"] if i["title"] == "提案11")
    assert refused["ground"] == "personal" and refused["forwarded_to"]
    merged = next(i for i in body["items"] if i["title"] == "提案12")
    assert merged["merged_into_title"] == "提案7"
    assert client_for("city_staff_1").get("/api/v1/congress/proposals/published").status_code == 403
    bad = client_for("student_a").get("/api/v1/congress/proposals/published?page=0")
    assert bad.status_code == 422


def test_the_book_as_pdf_holds_the_chinese(province: TinyProvince, client_for) -> None:
    w = stats_world(province)
    response = client_for("advisor_a").get(f"/congress/proposals/book/{w.session.pk}.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    compact = "".join(text.split())
    assert "提案汇编" in compact
    assert "提案7的具体建议" in compact
    assert "并案提案人：李同学" in compact
    assert "不予立案" in compact
    assert "提案1的具体建议" not in compact  # the draft stays out


def test_the_book_as_excel(province: TinyProvince, client_for) -> None:
    w = stats_world(province)
    response = client_for("student_a").get(f"/congress/proposals/book/{w.session.pk}.xlsx")
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("编号", "案由", "类别", "状态", "领衔人")
    by_title = {r[1]: r for r in rows[1:]}
    assert set(by_title) == {f"提案{k}" for k in range(3, 14)}
    seven = by_title["提案7"]
    assert seven[6] == "李同学"  # 并案提案人
    assert seven[14] == "A 已解决"
    assert "满意" in seven[15]
    # Out of reach: school B's student, the federation.
    assert (
        client_for("student_b").get(f"/congress/proposals/book/{w.session.pk}.xlsx").status_code
        == 404
    )
    assert (
        client_for("city_staff_1").get(f"/congress/proposals/book/{w.session.pk}.pdf").status_code
        == 404
    )


def test_the_committee_downloads_the_book_and_the_page_offers_the_chosen_session(
    province: TinyProvince, client_for
) -> None:
    from ..models import Committee, CommitteeMember

    w = stats_world(province)
    url = f"/congress/proposals/book/{w.session.pk}.pdf"
    assert client_for("handler_a").get(url).status_code == 404
    committee = Committee.objects.create(
        session=w.session, school=province.school_a, chair=province.advisor_a
    )
    CommitteeMember.objects.create(
        committee=committee,
        school=province.school_a,
        user=province.handler_a,
        office=province.logistics_office_a,
    )
    assert client_for("handler_a").get(url).status_code == 200
    page = client_for("student_a").get(f"/congress/proposals/?session={w.session.pk}")
    assert f"/congress/proposals/book/{w.session.pk}.pdf" in page.content.decode()
