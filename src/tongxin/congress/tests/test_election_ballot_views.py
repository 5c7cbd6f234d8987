"""The ballot page and API: a checked-in delegate votes (弃权 by default), an over-seats
ballot is refused with the choices kept, a voter sees "你已投票" and never what, those who
may not vote see why; the round's close step through the registry."""

import json
import re

import pytest
from django.test import Client

from tongxin.congress.election_models import RoundState, RoundTally, VoterRegister
from tongxin.congress.election_steps import step_for

from .election_world import ElectionWorld

pytestmark = pytest.mark.django_db
API = "/api/v1/congress/elections"
CHECKED = re.compile(r'type="radio" name="c\d+" value="(\w+)"[^>]* checked')


def login(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _url(w: ElectionWorld) -> str:
    return f"/congress/elections/rounds/{w.round.pk}/ballot/"


def _tally(w: ElectionWorld) -> dict[int, tuple[int, int, int]]:
    return {
        t.candidate_id: (t.yes, t.no, t.abstain)
        for t in RoundTally.objects.filter(round_id=w.round.pk)
    }


def test_a_delegate_votes_on_the_page_and_then_sees_only_that_they_voted(province):
    w = ElectionWorld(province)
    w.open_voting()
    a, b, c = (x.pk for x in w.candidates)
    voter = login(w.voters[0])
    page = voter.get(_url(w)).content.decode()
    assert 'data-testid="ballot-form"' in page
    assert len(CHECKED.findall(page)) == 3
    assert set(CHECKED.findall(page)) == {"abstain"}  # 弃权 by default
    assert w.candidate_users[0].real_name in page
    reply = voter.post(_url(w), {f"c{a}": "yes", f"c{b}": "no"}, follow=True)
    text = reply.content.decode()
    assert 'data-testid="voted"' in text
    assert 'data-testid="ballot-form"' not in text
    assert _tally(w) == {a: (1, 0, 0), b: (0, 1, 0), c: (0, 0, 1)}
    again = voter.post(_url(w), {f"c{a}": "no"}, follow=True).content.decode()
    assert "已投过票" in again
    assert _tally(w)[a] == (1, 0, 0)
    # Never what: the page after voting shows no ballot and no choice.
    assert CHECKED.findall(again) == []


def test_over_seats_is_refused_on_the_page_and_the_choices_are_kept(province):
    w = ElectionWorld(province)  # 2 seats
    w.open_voting()
    a, b, c = (x.pk for x in w.candidates)
    voter = login(w.voters[0])
    reply = voter.post(_url(w), {f"c{a}": "yes", f"c{b}": "yes", "write_in_1": w.outsider.number})
    text = reply.content.decode()
    assert reply.status_code == 200
    assert "多于本轮应选名额 2 名" in text
    assert CHECKED.findall(text) == ["yes", "yes"]
    assert f'value="{w.outsider.number}"' in text
    assert 'data-testid="ballot-form"' in text
    assert VoterRegister.objects.count() == 0
    assert _tally(w)[c] == (0, 0, 0)


def test_those_who_may_not_vote_see_why(province):
    w = ElectionWorld(province)
    w.check_in(w.delegates[:8])
    assert 'data-testid="not-voting"' in login(w.voters[0]).get(_url(w)).content.decode()
    w.open_voting(present=[])
    page = login(w.delegates[8]).get(_url(w)).content.decode()
    assert 'data-testid="not-checked-in"' in page
    refused = login(w.delegates[8]).post(_url(w), {})
    assert 'data-testid="not-checked-in"' in refused.content.decode()
    assert VoterRegister.objects.count() == 0
    assert login(w.outsider).get(_url(w)).status_code == 404
    assert login(w.advisor).get(_url(w)).status_code == 404
    assert login(w.voters[0]).get("/congress/elections/rounds/999999/ballot/").status_code == 404


def test_the_api_reads_and_casts_a_ballot(province):
    w = ElectionWorld(province)
    w.open_voting()
    a, b, _ = (x.pk for x in w.candidates)
    voter = login(w.voters[0])
    url = f"{API}/rounds/{w.round.pk}/ballot"
    got = voter.get(url).json()
    assert (got["seats"], got["voted"], got["may_vote"]) == (2, False, True)
    assert [c["id"] for c in got["candidates"]] == [c.pk for c in w.candidates]
    over = voter.post(
        url,
        json.dumps({"choices": {str(a): "yes", str(b): "yes"}, "write_ins": [w.outsider.number]}),
        content_type="application/json",
    )
    assert over.status_code == 400
    assert over.json()["field"] == "choices"
    ok = voter.post(url, json.dumps({"choices": {str(a): "yes"}}), content_type="application/json")
    assert ok.status_code == 201
    twice = voter.post(
        url, json.dumps({"choices": {str(a): "yes"}}), content_type="application/json"
    )
    assert twice.status_code == 400
    assert "已投过票" in twice.json()["detail"]
    got = voter.get(url).json()
    assert (got["voted"], got["may_vote"]) == (True, False)
    assert "choices" not in got
    bad = voter.post(url, "not json", content_type="application/json")
    assert bad.status_code in (400, 422)
    assert login(w.outsider).get(url).status_code == 404
    late = login(w.outsider).post(url, "{}", content_type="application/json")
    assert late.status_code == 404


def test_not_checked_in_gets_403_from_the_api(province):
    w = ElectionWorld(province)
    w.open_voting(present=w.delegates[:8])
    url = f"{API}/rounds/{w.round.pk}/ballot"
    reply = login(w.delegates[8]).post(url, "{}", content_type="application/json")
    assert reply.status_code == 403
    assert w.fresh_round().state == RoundState.VOTING


def test_a_counted_round_shows_its_totals_on_the_ballot_page(province):
    w = ElectionWorld(province, seats=1)
    w.open_voting(present=w.delegates[:5])
    a = w.candidates[0].pk
    for user in w.delegates[:3]:
        login(user).post(_url(w), {f"c{a}": "yes"})
    login(w.delegates[3]).post(_url(w), {"write_in_1": w.outsider.number})
    step_for("close")(actor=w.chief, round_=w.fresh_round(), expected_version=None)
    page = login(w.voters[0]).get(_url(w)).content.decode()
    assert 'data-testid="result"' in page
    assert "实到代表 5 人 · 收回选票 4 张 · 空白票 0 张" in page
    assert page.count('data-testid="result-row"') == 3
    assert page.count('data-testid="result-write-in"') == 1
    assert "<strong>当选</strong>" in page
    assert 'data-testid="ballot-form"' not in page
