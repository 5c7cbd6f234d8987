"""The handling steps on the proposal's page and through the API, the offices' proposals
page and list, the to-do items, and the comments on a proposal."""

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from tongxin.comments import services as comments
from tongxin.comments.models import Comment, Status
from tongxin.comments.selectors import awaiting_moderation
from tongxin.congress.proposal_models import DeadlineKind, ProposalInput, ProposalState
from tongxin.congress.services import proposal_handling as handling
from tongxin.core.errors import NotAllowed
from tongxin.core.todo import todo_for
from tongxin.testing.clock import moment

from .proposal_factories_handling import fresh, referred_proposal

pytestmark = pytest.mark.django_db
S = ProposalState


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _page(client, p):
    return client.get(f"/congress/proposals/{p.pk}/")


def test_the_lead_office_sees_reply_and_hand_back_and_replies_on_the_page(province, client_for):
    p = referred_proposal(province)
    page = _page(client_for("handler_a"), p).content.decode()
    assert 'data-testid="step-reply"' in page and 'data-testid="step-hand-back"' in page
    assert 'data-testid="step-add-input"' not in page and "B 正在解决" in page
    response = client_for("handler_a").post(
        f"/congress/proposals/{p.pk}/reply/",
        {"version": p.version, "result_class": "C", "text": "场馆改造期间无法延长。"},
    )
    assert response.status_code == 302
    p = fresh(p)
    assert p.state == S.REPLIED and p.result_class == "C"
    page = _page(client_for("student_a"), p).content.decode()
    assert 'data-testid="step-rate"' in page and "场馆改造期间无法延长。" in page


def test_a_refused_reply_keeps_the_text_and_names_the_field(province, client_for):
    p = referred_proposal(province)
    response = client_for("handler_a").post(
        f"/congress/proposals/{p.pk}/reply/",
        {"version": p.version + 5, "result_class": "A", "text": "我写的答复"},
    )
    body = response.content.decode()
    assert response.status_code == 200 and "已被他人修改" in body and "我写的答复" in body
    response = client_for("handler_a").post(
        f"/congress/proposals/{p.pk}/reply/", {"version": p.version, "text": "没选分类"}
    )
    body = response.content.decode()
    assert "办理结果" in body and "没选分类" in body
    assert fresh(p).state == S.REFERRED


def test_the_lead_rates_dissatisfied_without_reason_and_is_refused_then_rates(province, client_for):
    p = referred_proposal(province)
    p = handling.proposal_reply(
        actor=province.handler_a,
        proposal=p,
        expected_version=p.version,
        result_class="A",
        text="已解决。",
    )
    url = f"/congress/proposals/{p.pk}/rate/"
    body = client_for("student_a").post(url, {"version": p.version, "rating": "dissatisfied"})
    assert "请填写不满意的理由" in body.content.decode()
    response = client_for("student_a").post(
        url, {"version": p.version, "rating": "dissatisfied", "reason": "没有落实。"}
    )
    assert response.status_code == 302 and fresh(p).state == S.FURTHER
    # The further reply's form says so, and names the reason.
    page = _page(client_for("handler_a"), p).content.decode()
    assert "再次办理" in page and "没有落实。" in page


def test_a_co_office_adds_its_opinion_on_the_page(province):
    p = referred_proposal(province)
    academic = province.people["academic_handler_a"]
    client = _client(academic)
    page = _page(client, p).content.decode()
    assert 'data-testid="step-add-input"' in page and 'data-testid="step-reply"' not in page
    response = client.post(
        f"/congress/proposals/{p.pk}/add-input/",
        {"office": province.academic_office_a.pk, "text": "可调整考试安排。"},
    )
    assert response.status_code == 302
    assert ProposalInput.objects.get(proposal=p).text == "可调整考试安排。"
    # The lead office reads the opinion beside its reply form.
    lead = _page(_client(province.handler_a), p).content.decode()
    section = lead.split('data-testid="inputs-for-reply"')[1].split("</div></div>")[0]
    assert "教务处" in section and "可调整考试安排。" in section


def test_a_co_signer_co_rates_on_the_page(province):
    p = referred_proposal(province)
    p = handling.proposal_reply(
        actor=province.handler_a,
        proposal=p,
        expected_version=p.version,
        result_class="D",
        text="留作参考。",
    )
    cosigner = province.issues["handling_world"]["cosigners"][0]
    client = _client(cosigner)
    assert 'data-testid="step-co-rate"' in _page(client, p).content.decode()
    response = client.post(f"/congress/proposals/{p.pk}/co-rate/", {"rating": "basically"})
    assert response.status_code == 302
    assert fresh(p).ratings.get().user_id == cosigner.pk


def test_the_api_takes_the_steps_and_refuses_with_4xx(province, client_for):
    p = referred_proposal(province)
    api = client_for("handler_a")
    url = f"/api/v1/congress/proposals/{p.pk}/reply"
    bad = api.post(
        url, {"version": p.version, "result_class": "Z", "text": "x"}, "application/json"
    )
    assert bad.status_code == 400
    ok = api.post(
        url, {"version": p.version, "result_class": "B", "text": "正在解决"}, "application/json"
    )
    assert ok.status_code == 200 and ok.json()["state"] == S.PROGRESSING
    stale = api.post(
        f"/api/v1/congress/proposals/{p.pk}/progress",
        {"version": p.version, "text": "进展"},
        "application/json",
    )
    assert stale.status_code in (400, 409)
    denied = client_for("student_a").post(
        f"/api/v1/congress/proposals/{p.pk}/progress",
        {"version": fresh(p).version, "text": "进展"},
        "application/json",
    )
    assert denied.status_code == 403


@pytest.mark.time_machine(moment("2026-03-10"))
def test_the_office_page_lists_soonest_due_first_flags_overdue_and_scopes(
    province, client_for, time_machine
):
    late = referred_proposal(province, title="早已到期", kind=DeadlineKind.WORKDAYS, workdays=1)
    soon = referred_proposal(province, title="月底到期", kind=DeadlineKind.SIMPLE)
    alone = referred_proposal(province, title="只有后勤", co_office=False)
    alone.lead_office = province.academic_office_a  # referred to the academic office alone
    alone.save()
    time_machine.move_to(moment("2026-03-13"))
    body = client_for("handler_a").get("/congress/proposals/office/").content.decode()
    assert 'href="/congress/proposals/office/"' in body  # the menu's entry
    assert body.index("早已到期") < body.index("月底到期")
    assert body.count('data-testid="overdue"') == 1 and "只有后勤" not in body
    academic = _client(province.people["academic_handler_a"])
    body = academic.get("/congress/proposals/office/").content.decode()
    assert "早已到期" in body and "只有后勤" in body  # co-office and lead office
    api = client_for("handler_a").get("/api/v1/congress/proposals/office").json()
    assert [i["title"] for i in api["items"]] == ["早已到期", "月底到期"]
    assert [i["overdue"] for i in api["items"]] == [True, False]
    assert client_for("student_a").get("/congress/proposals/office/").status_code == 403
    assert client_for("student_a").get("/api/v1/congress/proposals/office").status_code == 403
    assert client_for("handler_a").get("/congress/proposals/office/?page=9").status_code == 404
    assert soon.pk and late.pk


def test_the_office_page_paginates_and_shows_done_on_request(province, client_for):
    from tongxin.core.pagination import PAGE_SIZE

    for n in range(PAGE_SIZE + 1):
        referred_proposal(province, title=f"提案{n:02d}", co_office=False)
    first = client_for("handler_a").get("/congress/proposals/office/").content.decode()
    assert first.count('data-testid="row"') == PAGE_SIZE and "page=2" in first
    second = client_for("handler_a").get("/congress/proposals/office/?page=2").content.decode()
    assert second.count('data-testid="row"') == 1
    done = client_for("handler_a").get("/congress/proposals/office/?done=1").content.decode()
    assert 'data-testid="row"' not in done


def _todo(user):
    return [i.title for b in todo_for(user).batches for i in b.items]


def test_the_lead_office_has_the_reply_on_its_to_do_list(province):
    p = referred_proposal(province)
    assert f"提案《{p.title}》" in _todo(province.handler_a)
    academic = province.people["academic_handler_a"]
    assert f"提案《{p.title}》" not in [
        i.title for b in todo_for(academic).batches for i in b.items
    ]
    handling.proposal_reply(
        actor=province.handler_a,
        proposal=p,
        expected_version=p.version,
        result_class="A",
        text="好",
    )
    assert f"提案《{p.title}》" not in [
        i.title for b in todo_for(province.handler_a).batches for i in b.items
    ]


def test_proposers_offices_and_committee_comment_and_the_chair_moderates(province, client_for):
    p = referred_proposal(province)
    page = _page(client_for("student_a"), p).content.decode()
    assert 'data-testid="comments"' in page
    mine = comments.comment_submit(actor=province.student_a, subject=p, text="希望尽快落实。")
    comments.comment_submit(actor=province.handler_a, subject=p, text="正在协调。")
    # A student of the school reads the (published) proposal but may not write on it.
    assert (
        'name="text"'
        not in _page(client_for("student_a2"), p)
        .content.decode()
        .split('data-testid="comments"')[1]
    )
    with pytest.raises(NotAllowed):
        comments.comment_submit(actor=province.officer_a, subject=p, text="路过")
    assert Comment.objects.filter(status=Status.SUBMITTED).count() == 2
    with pytest.raises(NotAllowed):  # the office does not moderate
        comments.comment_approve(actor=province.handler_a, comment=mine, expected_version=None)
    queue = awaiting_moderation(actor=province.advisor_a)
    assert queue is not None and {c.pk for c in queue} == set(
        Comment.objects.filter(status=Status.SUBMITTED).values_list("pk", flat=True)
    )
    assert awaiting_moderation(actor=province.handler_a) is None
    comments.comment_approve(actor=province.advisor_a, comment=mine, expected_version=None)
    assert fresh(mine).status == Status.APPROVED
    page = _page(client_for("student_a2"), p).content.decode()
    assert "希望尽快落实。" in page and "正在协调。" not in page
    assert timezone.now() - datetime.timedelta(days=1) < fresh(mine).created_at


def test_after_a_hand_back_the_office_lands_on_its_proposals_page(province, client_for):
    p = referred_proposal(province)
    response = client_for("handler_a").post(
        f"/congress/proposals/{p.pk}/hand-back/", {"version": p.version, "reason": "不归我们管。"}
    )
    assert response.status_code == 302 and response["Location"] == "/congress/proposals/office/"
    assert fresh(p).state == S.ACCEPTED
    assert client_for("handler_a").get(f"/congress/proposals/{p.pk}/").status_code == 404
    again = referred_proposal(province, title="另一件")
    answer = client_for("handler_a").post(
        f"/api/v1/congress/proposals/{again.pk}/hand-back",
        {"version": again.version, "reason": "不归我们管。"},
        "application/json",
    )
    assert answer.status_code == 200
    assert answer.json()["state"] == S.ACCEPTED and answer.json()["steps"] == []
