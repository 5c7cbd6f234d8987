"""The election's pages and API (setup and results): the advisor creates, sets up and
starts an election from the session page; candidates show the staff rules' verdict; the
round console offers the registered steps; the counted result table; bad input answers
with a Chinese message naming the field, never a 500."""

import re

import pytest

from tongxin.accounts.models import PoliticalStatus
from tongxin.congress.election_models import Election, ElectionState, Round, RoundState
from tongxin.testing.clock import moment

from .election_setup_world import SetupWorld

pytestmark = [pytest.mark.django_db, pytest.mark.time_machine(moment("2025-11-03"))]
API = "/api/v1/congress/elections"


def _steps(html: str) -> list[str]:
    return re.findall(r'data-testid="step-([a-z-]+)"', html)


def test_the_advisor_creates_sets_up_and_starts_from_the_pages(province, client_for):
    world = SetupWorld(province)
    advisor = client_for("advisor_a")
    session_page = advisor.get(f"/congress/sessions/{world.session.pk}/").content.decode()
    assert 'data-testid="election-new"' in session_page
    created = advisor.post(
        f"/congress/elections/new/{world.session.pk}/",
        {"seats": "2", "mode": "electronic", "write_ins_allowed": "1"},
    )
    assert created.status_code == 302
    election = Election.objects.get(session=world.session)
    page = advisor.get(created.url).content.decode()
    assert "符合任职资格" in page and world.candidacies[0].candidate.real_name in page
    assert _steps(page) == ["set-up", "start", "cancel"]
    chief = world.delegates[0]
    saved = advisor.post(
        f"/congress/elections/{election.pk}/set-up/",
        {
            "version": election.version,
            "seats": "2",
            "mode": "electronic",
            "write_ins_allowed": "1",
            "candidacies": [str(c.pk) for c in world.candidacies],
            "scrutineers": [str(chief.pk), str(world.delegates[1].pk)],
            "chief": str(chief.pk),
        },
    )
    assert saved.status_code == 302, saved.content.decode()[:500]
    election.refresh_from_db()
    started = advisor.post(
        f"/congress/elections/{election.pk}/start/", {"version": election.version}
    )
    assert started.status_code == 302
    election.refresh_from_db()
    assert election.state == ElectionState.RUNNING
    round_ = election.rounds.get()
    console = advisor.get(f"/congress/elections/rounds/{round_.pk}/").content.decode()
    assert "应到代表" in console and 'data-testid="step-cancel"' in console


def test_an_ineligible_candidate_shows_its_reason_and_cannot_be_ticked(province, client_for):
    world = SetupWorld(province)
    bad = world.candidacies[2].candidate
    bad.political_status = PoliticalStatus.MASSES
    bad.save(update_fields=["political_status"])
    election = world.create()
    page = client_for("advisor_a").get(f"/congress/elections/{election.pk}/").content.decode()
    assert 'data-testid="blocked"' in page and "政治面貌" in page
    assert f'value="{world.candidacies[2].pk}" id="cand-{world.candidacies[2].pk}" disabled' in page


def test_the_advisor_sees_each_candidate_s_verdict_the_delegates_do_not(province, client_for):
    world = SetupWorld(province)
    election = world.started()
    page = client_for("advisor_a").get(f"/congress/elections/{election.pk}/").content.decode()
    assert page.count('data-testid="verdict"') == 3
    page = client_for("officer_a").get(f"/congress/elections/{election.pk}/").content.decode()
    assert 'data-testid="verdict"' not in page


def test_a_refused_start_says_why_and_keeps_the_draft(province, client_for):
    world = SetupWorld(province, candidates=2)
    election = world.set_up(world.create(seats=2))
    refused = client_for("advisor_a").post(
        f"/congress/elections/{election.pk}/start/", {"version": election.version}
    )
    assert refused.status_code == 200
    assert "还差 1 名" in refused.content.decode()
    election.refresh_from_db()
    assert election.state == ElectionState.DRAFT


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"version": "x", "seats": "a"},
        {"version": "1", "seats": "2", "mode": "electronic", "candidacies": ["x"]},
        {"version": "1", "seats": "2", "mode": "electronic", "candidacies": ["99999999"]},
        {"version": "1", "seats": "2", "mode": "electronic", "chief": "-1"},
        {"version": "999", "seats": "2", "mode": "electronic"},
    ],
)
def test_bad_setup_input_is_refused_in_chinese(province, client_for, data):
    world = SetupWorld(province, candidates=0)
    election = world.create()
    answer = client_for("advisor_a").post(f"/congress/elections/{election.pk}/set-up/", data)
    assert answer.status_code == 200
    assert "error-summary" in answer.content.decode()


def test_the_round_step_view_cancels_and_refuses_an_unknown_or_stale_step(province, client_for):
    world = SetupWorld(province)
    round_ = world.started().rounds.get()
    advisor = client_for("advisor_a")
    assert (
        advisor.post(f"/congress/elections/rounds/{round_.pk}/steps/nope/", {}).status_code == 404
    )
    stale = advisor.post(f"/congress/elections/rounds/{round_.pk}/steps/cancel/", {"version": 99})
    assert stale.status_code == 200 and "刷新" in stale.content.decode()
    done = advisor.post(
        f"/congress/elections/rounds/{round_.pk}/steps/cancel/", {"version": round_.version}
    )
    assert done.status_code == 302
    assert Round.objects.get(pk=round_.pk).state == RoundState.CANCELLED


def test_the_counted_round_shows_its_table_and_publishing_reaches_the_session(province, client_for):
    world = SetupWorld(province)
    election = world.counted([5, 4, 2])
    advisor = client_for("advisor_a")
    round_ = election.rounds.get(number=1)
    console = advisor.get(f"/congress/elections/rounds/{round_.pk}/").content.decode()
    assert 'data-testid="result-1"' in console and "✓ 当选" in console
    assert advisor.get(f"/congress/elections/{election.pk}/").content.decode().count("✓ 当选") == 2
    published = advisor.post(
        f"/congress/elections/{election.pk}/publish/", {"version": election.version}
    )
    assert published.status_code == 302
    session_page = advisor.get(f"/congress/sessions/{world.session.pk}/").content.decode()
    assert 'data-testid="election-published"' in session_page
    assert world.candidacies[0].candidate.real_name in session_page


def test_the_api_reads_and_steps(province, client_for):
    world = SetupWorld(province)
    advisor = client_for("advisor_a")
    created = advisor.post(
        f"{API}/sessions/{world.session.pk}",
        {"seats": 2, "mode": "electronic", "write_ins_allowed": True},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    chief = world.delegates[0].pk
    set_up = advisor.post(
        f"{API}/{body['id']}/set-up",
        {
            "version": body["version"],
            "seats": 2,
            "candidacies": [c.pk for c in world.candidacies],
            "scrutineers": [chief],
            "chief": chief,
        },
        content_type="application/json",
    )
    assert set_up.status_code == 200, set_up.content
    started = advisor.post(
        f"{API}/{body['id']}/start",
        {"version": set_up.json()["version"]},
        content_type="application/json",
    )
    assert started.status_code == 200 and started.json()["state"] == "running"
    round_ = started.json()["rounds"][0]
    assert "cancel" in round_["steps"] and round_["result"] is None
    assert advisor.get(f"{API}/rounds/{round_['id']}").status_code == 200
    unknown = advisor.post(
        f"{API}/rounds/{round_['id']}/steps/nope", {"version": 1}, content_type="application/json"
    )
    assert unknown.status_code == 404
    cancelled = advisor.post(
        f"{API}/rounds/{round_['id']}/steps/cancel",
        {"version": round_["version"]},
        content_type="application/json",
    )
    assert cancelled.status_code == 200 and cancelled.json()["state"] == "cancelled"
    refused = advisor.post(
        f"{API}/{body['id']}/publish", {"version": 99}, content_type="application/json"
    )
    assert refused.status_code == 400 and refused.json()["detail"]


def test_others_do_not_reach_the_election(province, client_for):
    world = SetupWorld(province)
    election = world.started()
    for persona in ["advisor_b", "student_b", "handler_a"]:
        assert client_for(persona).get(f"/congress/elections/{election.pk}/").status_code == 404
        assert client_for(persona).get(f"{API}/{election.pk}").status_code == 404
    officer = client_for("officer_a")
    assert officer.get(f"/congress/elections/{election.pk}/").status_code == 200
    refused = officer.post(f"/congress/elections/{election.pk}/cancel/", {"version": 1})
    assert refused.status_code == 403
