"""Check-in through the pages and the API: the hall's screen and its refreshed part, a
delegate checking in from the QR code's link or by typing, the tellers' list, 我的选举 and
the to-do item, and no 500 on odd input."""

import pytest
from django.template.loader import render_to_string
from django.test import Client
from django.utils import timezone

from tongxin.congress import election_checkin_selectors as selectors
from tongxin.congress.election_checkin import checkin_code
from tongxin.congress.election_models import Attendance, Election, ElectionState, Round, RoundState
from tongxin.congress.services import election_checkin as services
from tongxin.core.todo import todo_for

from .election_world import ElectionWorld

API = "/api/v1/congress/elections"


@pytest.fixture
def world(province):
    w = ElectionWorld(province)
    services.round_start_checkin(actor=w.advisor, round_=w.round)
    w.fresh_round()
    return w


def _kinds(user) -> list[str]:
    return [str(i.kind) for batch in todo_for(user).batches for i in batch.items]


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_hall_shows_the_code_its_qr_code_and_the_counts(world):
    client = login(world.advisor)
    page = client.get(f"/congress/elections/rounds/{world.round.pk}/hall/").content.decode()
    code = checkin_code(world.round, timezone.now())
    assert 'data-testid="hall-code"' in page and "<svg" in page
    assert code in page or checkin_code(world.round, timezone.now()) in page
    assert 'data-testid="hall-due">9<' in page and 'data-testid="hall-present">0<' in page
    assert 'hx-trigger="every 5s"' in page
    services.round_tick(actor=world.advisor, round_=world.round, user=world.voters[0])
    part = client.get(f"/congress/elections/rounds/{world.round.pk}/hall/status/").content.decode()
    assert 'data-testid="hall-present">1<' in part and "<html" not in part
    assert "未超过应到人数的三分之二" in part


def test_the_hall_is_hidden_from_delegates_and_strangers(world):
    url = f"/congress/elections/rounds/{world.round.pk}/hall/"
    assert login(world.voters[0]).get(url).status_code == 404
    assert login(world.outsider).get(url).status_code == 404
    assert login(world.teller).get(url).status_code == 200


def test_a_delegate_checks_in_from_the_qr_codes_link(world):
    voter = login(world.voters[0])
    code = checkin_code(world.round, timezone.now())
    url = f"/congress/elections/rounds/{world.round.pk}/checkin/"
    page = voter.get(f"{url}?code={code}").content.decode()
    assert f'value="{code}"' in page
    response = voter.post(url, {"code": code})
    assert response.status_code == 302 and response["Location"] == "/congress/elections/mine/"
    assert Attendance.objects.filter(round=world.round, user=world.voters[0]).exists()
    again = voter.post(url, {"code": code}, follow=True).content.decode()
    assert "你已签到，无需重复签到" in again
    assert 'data-testid="checked-in"' in voter.get(url).content.decode()


def test_a_wrong_code_is_refused_on_the_page_keeping_what_was_typed(world):
    voter = login(world.voters[0])
    url = f"/congress/elections/rounds/{world.round.pk}/checkin/"
    right = checkin_code(world.round, timezone.now())
    wrong = "000000" if right != "000000" else "111111"
    page = voter.post(url, {"code": wrong}).content.decode()
    assert "签到码不正确或已过期" in page and f'value="{wrong}"' in page
    assert not Attendance.objects.exists()
    assert login(world.outsider).post(url, {"code": right}).status_code == 404


def test_tellers_find_and_tick_delegates(world):
    teller = login(world.teller)
    url = f"/congress/elections/rounds/{world.round.pk}/attendance/"
    target = world.voters[1]
    page = teller.get(url, {"q": target.real_name}).content.decode()
    assert f'data-testid="tick-{target.pk}"' in page
    assert f'data-testid="line-{world.voters[2].pk}"' not in page or (
        world.voters[2].real_name.startswith(target.real_name)
    )
    response = teller.post(f"{url}tick/", {"user": target.pk, "q": target.real_name})
    assert response.status_code == 302
    row = Attendance.objects.get(round=world.round, user=target)
    assert row.ticked_by == world.teller
    page = teller.get(url).content.decode()
    assert f'data-testid="tick-{target.pk}"' not in page and "已签到" in page
    for odd in ("", "abc", "99999999999999999999", str(world.outsider.pk)):
        assert teller.post(f"{url}tick/", {"user": odd}).status_code == 302
    assert Attendance.objects.count() == 1
    assert login(world.voters[0]).get(url).status_code == 404


def test_my_elections_and_the_to_do_lead_the_delegate_to_check_in(world):
    voter = world.voters[0]
    client = login(voter)
    page = client.get("/congress/elections/mine/").content.decode()
    assert f'data-testid="checkin-{world.round.pk}"' in page
    assert "选举待签到" in _kinds(voter)
    services.round_tick(actor=world.advisor, round_=world.round, user=voter)
    page = client.get("/congress/elections/mine/").content.decode()
    assert f'data-testid="present-{world.round.pk}"' in page
    assert "选举待签到" not in _kinds(voter)
    for u in world.delegates:
        services.round_tick(actor=world.advisor, round_=world.round, user=u)
    services.round_open(actor=world.advisor, round_=world.round)
    assert "选举待投票" in _kinds(voter)
    assert login(world.outsider).get("/congress/elections/mine/").status_code == 403


def test_the_api_checks_in_ticks_and_reports_the_hall(world):
    voter = login(world.voters[0])
    code = checkin_code(world.round, timezone.now())
    base = f"{API}/rounds/{world.round.pk}"
    r = voter.post(f"{base}/checkin", {"code": "12"}, content_type="application/json")
    assert r.status_code == 400 and r.json()["field"] == "code"
    r = voter.post(f"{base}/checkin", {"code": code}, content_type="application/json")
    assert r.status_code == 200 and r.json()["new"] is True
    r = voter.post(f"{base}/checkin", {"code": code}, content_type="application/json")
    assert r.json()["new"] is False
    teller = login(world.teller)
    r = teller.post(
        f"{base}/attendance", {"user_id": world.voters[1].pk}, content_type="application/json"
    )
    assert r.status_code == 200 and r.json()["new"] is True
    for odd in ({"user_id": 2**40}, {"user_id": -1}, {}, {"user_id": world.outsider.pk}):
        r = teller.post(f"{base}/attendance", odd, content_type="application/json")
        assert r.status_code in (400, 422)
    hall = login(world.advisor).get(f"{base}/hall").json()
    assert (hall["due"], hall["present"], hall["quorum"]) == (9, 2, False)
    assert hall["code"] and len(hall["code"]) == 6
    lines = teller.get(f"{base}/attendance").json()
    assert sum(1 for line in lines if line["present"]) == 2
    mine = voter.get(f"{API}/mine").json()
    assert mine[0]["checked_in"] is True and mine[0]["state"] == RoundState.CHECKIN
    assert voter.get(f"{base}/hall").status_code == 404
    assert (
        login(world.outsider)
        .post(f"{base}/checkin", {"code": code}, content_type="application/json")
        .status_code
        == 404
    )


def test_tellers_strike_off_on_the_list_and_through_the_api(world):
    teller = login(world.teller)
    target = world.voters[0]
    services.round_tick(actor=world.advisor, round_=world.round, user=target)
    url = f"/congress/elections/rounds/{world.round.pk}/attendance/"
    assert f'data-testid="untick-{target.pk}"' in teller.get(url).content.decode()
    assert teller.post(f"{url}untick/", {"user": target.pk}).status_code == 302
    assert not Attendance.objects.exists()
    for odd in ("", "x", "99999999999999"):
        assert teller.post(f"{url}untick/", {"user": odd}).status_code == 302
    services.round_tick(actor=world.advisor, round_=world.round, user=target)
    base = f"{API}/rounds/{world.round.pk}/attendance"
    assert login(world.voters[1]).delete(f"{base}/{target.pk}").status_code == 404
    r = teller.delete(f"{base}/{target.pk}")
    assert r.status_code == 200 and r.json()["new"] is True
    assert teller.delete(f"{base}/{target.pk}").json()["new"] is False
    assert teller.delete(f"{base}/{2**40}").status_code in (400, 422)


def test_once_voting_opens_the_hall_shows_the_snapshot_and_no_code(world):
    for u in world.delegates[:7]:
        services.round_tick(actor=world.advisor, round_=world.round, user=u)
    services.round_open(actor=world.advisor, round_=world.round)
    page = login(world.advisor).get(f"/congress/elections/rounds/{world.round.pk}/hall/")
    text = page.content.decode()
    assert 'data-testid="hall-closed"' in text and 'data-testid="hall-code"' not in text
    assert 'data-testid="hall-present">7<' in text and "已超过三分之二" in text
    checkin = f"/congress/elections/rounds/{world.round.pk}/checkin/"
    late = login(world.voters[-1]).get(checkin).content.decode()
    assert 'data-testid="checkin-closed"' in late
    hall = login(world.advisor).get(f"{API}/rounds/{world.round.pk}/hall").json()
    assert (hall["present"], hall["quorum"], hall["code"]) == (7, True, None)


def test_my_elections_lists_published_results_and_paper_rounds_have_no_ballot_link(province):
    w = ElectionWorld(province, mode="paper")
    services.round_start_checkin(actor=w.advisor, round_=w.round)
    for u in w.delegates:
        services.round_tick(actor=w.advisor, round_=w.round, user=u)
    services.round_open(actor=w.advisor, round_=Round.objects.get(pk=w.round.pk))
    voter = w.voters[0]
    page = login(voter).get("/congress/elections/mine/").content.decode()
    assert f'data-testid="paper-{w.round.pk}"' in page
    assert "选举待投票" not in _kinds(voter)
    Election.objects.filter(pk=w.election.pk).update(
        state=ElectionState.PUBLISHED, published_at=timezone.now()
    )
    page = login(voter).get("/congress/elections/mine/").content.decode()
    assert 'data-testid="my-published"' in page


def test_the_panel_for_the_rounds_console_renders(world):
    html = render_to_string(
        "congress/elections/checkin/_round_panel.html",
        {"round": world.round, "status": selectors.hall_status(world.round)},
    )
    assert 'data-testid="panel-due">9<' in html and 'data-testid="panel-hall"' in html
