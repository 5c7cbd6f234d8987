"""Writing and co-signing through the pages and the API: write (kept as typed on refusal),
the similar titles' fragment, invite, co-sign, submit, the window page, my proposals and
the to-do item, suggestions sent, adopted and answered."""

import json

import pytest
from django.test import Client

from tongxin.congress.proposal_models import (
    Proposal,
    ProposalSigner,
    ProposalState,
    SignerStatus,
    Suggestion,
    SuggestionState,
)
from tongxin.core.todo import todo_for
from tongxin.testing.clock import moment

from .proposal_factories_writing import World

API = "/api/v1/congress"
pytestmark = pytest.mark.time_machine(moment("2026-03-02"))

TEXT = {
    "title": "延长图书馆考试周开放时间",
    "category": "life",
    "background": "考试周自习座位紧张。",
    "analysis": "",
    "suggestion": "考试周图书馆开放至 23:30。",
}


@pytest.fixture
def world(province):
    return World(province)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_delegate_writes_invites_and_submits_on_the_pages(world):
    lead = login(world.lead)
    mine = lead.get("/congress/proposals/mine/").content.decode()
    assert f'data-testid="write-{world.session.pk}"' in mine
    url = f"/congress/proposals/write/{world.session.pk}/"
    assert lead.get(url).status_code == 200
    # Refused: no concrete suggestion — the page keeps what was typed and names the field.
    page = lead.post(url, {**TEXT, "suggestion": ""}).content.decode()
    assert "没有具体建议的是意见，不是提案" in page and "延长图书馆考试周开放时间" in page
    assert not Proposal.objects.exists()
    response = lead.post(url, TEXT)
    p = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/congress/proposals/{p.pk}/"
    page = lead.get(f"/congress/proposals/{p.pk}/").content.decode()
    for step in ("edit", "invite", "submit", "withdraw"):
        assert f'data-testid="step-{step}"' in page
    a, b = world.delegates[1:3]
    assert f'value="{a.pk}"' in page  # a delegate to invite
    lead.post(
        f"/congress/proposals/{p.pk}/invite/", {"version": p.version, "invitees": [a.pk, b.pk]}
    )
    assert ProposalSigner.objects.filter(proposal=p).count() == 2
    # The invitee sees the to-do item and the co-sign step.
    kinds = [str(i.kind) for batch in todo_for(a).batches for i in batch.items]
    assert "待您确认附议" in kinds
    signer = login(a)
    page = signer.get(f"/congress/proposals/{p.pk}/").content.decode()
    assert 'data-testid="step-cosign"' in page and 'data-testid="step-decline"' in page
    signer.post(f"/congress/proposals/{p.pk}/cosign/", {"version": p.version})
    # Too few: refused with the reason on the page, nothing changes.
    page = lead.post(f"/congress/proposals/{p.pk}/submit/", {"version": p.version})
    assert "至少 2 位" in page.content.decode()
    assert Proposal.objects.get().state == ProposalState.DRAFT
    login(b).post(f"/congress/proposals/{p.pk}/cosign/", {"version": p.version})
    lead.post(f"/congress/proposals/{p.pk}/submit/", {"version": p.version})
    p = Proposal.objects.get()
    assert (p.state, p.number) == (ProposalState.SUBMITTED, 1)


def test_invite_refused_keeps_the_ticks(world, province):
    p = world.write()
    lead = login(world.lead)
    outsider = province.people["student_a2"]
    page = lead.post(
        f"/congress/proposals/{p.pk}/invite/",
        {"version": p.version, "invitees": [world.delegates[1].pk, outsider.pk]},
    ).content.decode()
    assert "不是代表" in page
    assert f'value="{world.delegates[1].pk}" id="invitee-{world.delegates[1].pk}" checked' in page
    assert not ProposalSigner.objects.exists()


def test_the_similar_fragment(world):
    world.write()
    lead = login(world.delegates[1])
    url = f"/congress/proposals/write/{world.session.pk}/similar/"
    page = lead.get(url, {"title": "图书馆开放时间太短"}).content.decode()
    assert 'data-testid="similar"' in page and "延长图书馆考试周开放时间" in page
    assert 'data-testid="similar"' not in lead.get(url, {"title": "食堂"}).content.decode()
    api = lead.get(f"{API}/proposal-writing/sessions/{world.session.pk}/similar?title=图书馆开放")
    assert [row["title"] for row in api.json()] == ["延长图书馆考试周开放时间"]


def test_the_window_page(province):
    w = World(province, window=False)
    officer = login(province.officer_a)
    mine = officer.get("/congress/proposals/mine/").content.decode()
    assert f'data-testid="window-{w.session.pk}"' in mine
    url = f"/congress/proposals/window/{w.session.pk}/"
    page = officer.post(url, {"opens_on": "2026-03-09", "closes_on": "2026-03-01"})
    assert "征集截止日期不能早于开始日期" in page.content.decode()
    assert 'value="2026-03-09"' in page.content.decode()
    response = officer.post(url, {"opens_on": "2026-03-01", "closes_on": "2026-03-20"})
    assert response.status_code == 302
    assert login(w.lead).get(f"/congress/proposals/write/{w.session.pk}/").status_code == 200
    assert login(w.lead).get(url).status_code == 404


def test_a_closed_window_shows_its_dates(province):
    w = World(province, window=False)
    page = login(w.lead).get(f"/congress/proposals/write/{w.session.pk}/").content.decode()
    assert 'data-testid="window-closed"' in page and 'data-testid="write-form"' not in page


def test_suggestion_sent_adopted_and_followed(world):
    student = login(world.outsider)
    page = student.post("/congress/suggestions/mine/", {"title": "自习室插座太少", "text": ""})
    assert "内容" in page.content.decode() and "自习室插座太少" in page.content.decode()
    student.post("/congress/suggestions/mine/", {"title": "自习室插座太少", "text": "多装插座。"})
    s = Suggestion.objects.get()
    delegate = login(world.delegates[1])
    inbox = delegate.get("/congress/suggestions/").content.decode()
    assert f'data-testid="adopt-{s.pk}"' in inbox
    url = f"/congress/proposals/write/{world.session.pk}/?suggestion={s.pk}"
    assert 'data-testid="basis"' in delegate.get(url).content.decode()
    delegate.post(
        f"/congress/proposals/write/{world.session.pk}/",
        {**TEXT, "title": "增加自习室插座", "basis_suggestion": s.pk},
    )
    assert Suggestion.objects.get().state == SuggestionState.ADOPTED
    mine = student.get("/congress/suggestions/mine/").content.decode()
    assert 'data-testid="became"' in mine and "征集附议中" in mine
    api = student.get(f"{API}/proposal-writing/suggestions/mine").json()
    assert api["items"][0]["proposal_state"] == ProposalState.DRAFT


def test_suggestion_answered_on_the_page(world):
    s = Suggestion.objects.create(
        school_id=world.outsider.school_id,
        college_id=world.outsider.college_id,
        author=world.outsider,
        title="操场灯光",
        text="晚上太暗。",
    )
    delegate = login(world.delegates[1])
    delegate.post(f"/congress/suggestions/{s.pk}/answer/", {"version": 1, "note": "已反映。"})
    assert Suggestion.objects.get().state == SuggestionState.CLOSED
    # Another college's student reads nothing of it.
    other = login(world.province.people["student_a2"])
    assert other.post(f"/congress/suggestions/{s.pk}/answer/", {"version": 2}).status_code == 404


def test_the_api_walks_write_invite_cosign_submit(world):
    lead = login(world.lead)
    body = json.dumps(TEXT)
    created = lead.post(
        f"{API}/proposal-writing/sessions/{world.session.pk}/proposals",
        body,
        content_type="application/json",
    )
    assert created.status_code == 201
    pk = created.json()["id"]
    bad = lead.post(
        f"{API}/proposal-writing/sessions/{world.session.pk}/proposals",
        json.dumps({**TEXT, "suggestion": ""}),
        content_type="application/json",
    )
    assert bad.status_code == 400 and "不是提案" in bad.json()["detail"]
    a, b = world.delegates[1:3]
    step = f"{API}/proposals/{pk}"
    r = lead.post(
        f"{step}/invite",
        json.dumps({"version": 1, "invitees": [a.pk, b.pk]}),
        content_type="application/json",
    )
    assert r.status_code == 200, r.content
    for user in (a, b):
        mine = login(user).get(f"{API}/proposal-writing/mine").json()
        assert [i["proposal_id"] for i in mine["invitations"]] == [pk]
        r = login(user).post(
            f"{step}/cosign", json.dumps({"version": 1}), content_type="application/json"
        )
        assert r.status_code == 200
    stale = lead.post(f"{step}/submit", json.dumps({"version": 9}), content_type="application/json")
    assert stale.status_code in (400, 409)
    r = lead.post(f"{step}/submit", json.dumps({"version": 1}), content_type="application/json")
    assert r.json()["state"] == ProposalState.SUBMITTED and r.json()["number"] == 1
    signers = {s["user_id"]: s["status"] for s in r.json()["signers"]}
    assert signers == {a.pk: SignerStatus.CONFIRMED, b.pk: SignerStatus.CONFIRMED}


def test_the_api_window_and_refusals(province):
    w = World(province, window=False)
    officer = login(province.officer_a)
    url = f"{API}/proposal-writing/sessions/{w.session.pk}/window"
    assert officer.get(url).json() is None
    r = officer.put(
        url,
        json.dumps({"opens_on": "2026-03-01", "closes_on": "2026-03-10"}),
        content_type="application/json",
    )
    assert r.status_code == 200 and r.json()["is_open"] is True
    assert login(w.lead).put(url, "{}", content_type="application/json").status_code == 404
    outsider = login(province.people["student_a2"])
    r = outsider.post(
        f"{API}/proposal-writing/sessions/{w.session.pk}/proposals",
        json.dumps(TEXT),
        content_type="application/json",
    )
    assert r.status_code == 404
