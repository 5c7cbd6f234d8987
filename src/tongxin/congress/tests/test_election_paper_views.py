"""The paper round's pages: printed ballots and sign-in sheet (their Chinese text extracted),
the tellers' page from two entries to the count, a disagreement shown, the API."""

import pytest
from django.test import Client

from tongxin.congress.election_models import ElectionMode, Round, RoundState
from tongxin.core.tests.printables.reading import pdf_text
from tongxin.testing.province import TinyProvince

from .election_world import ElectionWorld

pytestmark = pytest.mark.django_db


def _world(province: TinyProvince, state: str = RoundState.CLOSED) -> ElectionWorld:
    world = ElectionWorld(province, mode=ElectionMode.PAPER)
    world.open_voting()
    Round.objects.filter(pk=world.round.pk).update(state=state)
    world.fresh_round()
    return world


def _client(user: object) -> Client:
    client = Client()
    client.force_login(user)  # type: ignore[arg-type]
    return client


def _figures(world: ElectionWorld, yes: list[int]) -> dict[str, str]:
    data = {"ballots_returned": "9", "blank_ballots": "1", "void_ballots": "0"}
    for c, y in zip(world.candidates, yes, strict=True):
        data |= {f"yes_{c.pk}": str(y), f"no_{c.pk}": str(7 - y), f"abstain_{c.pk}": "1"}
    return data


def test_the_ballot_pdf_lists_the_candidates_boxes_and_rules(province: TinyProvince) -> None:
    world = _world(province)
    response = _client(world.chief).get(f"/congress/elections/rounds/{world.round.pk}/ballots.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert "主席团成员选举选票" in text
    assert "应选 2 名\u3000候选人 3 名" in text
    assert "赞成 不赞成 弃权" in text
    for n, user in enumerate(world.candidate_users, start=1):
        assert f"{n} {user.real_name}" in text
    assert "另选" in text
    assert "多于应选名额（2名）的选票无效" in text


def test_the_sign_in_sheet_lists_the_delegates_by_unit(province: TinyProvince) -> None:
    world = _world(province)
    url = f"/congress/elections/rounds/{world.round.pk}/checkin-sheet.pdf"
    text = pdf_text(_client(world.advisor).get(url).content)
    assert "代表签到表" in text
    assert "序号 姓名 所在单位 学号 签名" in text
    for user in world.delegates:
        assert user.real_name in text and user.number in text
    assert f"应到 {len(world.delegates)} 人" in text


def test_two_tellers_agreeing_on_the_page_count_the_round(province: TinyProvince) -> None:
    world = _world(province)
    url = f"/congress/elections/rounds/{world.round.pk}/count/"
    first = _client(world.chief).post(url, _figures(world, [7, 6, 2]))
    assert first.status_code == 302
    page = _client(world.teller).get(url).content.decode()
    assert "录入计票结果" in page and world.chief.real_name in page
    # The second teller counts on their own: nothing of the first entry is filled in.
    assert 'name="ballots_returned" inputmode="numeric" value=""' in page
    _client(world.teller).post(url, _figures(world, [7, 6, 2]))
    assert world.fresh_round().state == RoundState.COUNTED


def test_a_disagreement_is_shown_where_it_is(province: TinyProvince) -> None:
    world = _world(province)
    url = f"/congress/elections/rounds/{world.round.pk}/count/"
    _client(world.chief).post(url, _figures(world, [7, 6, 2]))
    _client(world.teller).post(url, _figures(world, [7, 5, 2]))
    page = _client(world.advisor).get(url).content.decode()
    assert 'data-testid="differences"' in page
    assert f"候选人{world.candidate_users[1].real_name}" in page
    assert "6、1、1" in page and "5、2、1" in page
    assert world.fresh_round().state == RoundState.CLOSED


def test_a_bad_figure_keeps_what_was_typed_and_names_the_field(province: TinyProvince) -> None:
    world = _world(province)
    url = f"/congress/elections/rounds/{world.round.pk}/count/"
    data = _figures(world, [7, 6, 2]) | {"blank_ballots": "两张"}
    response = _client(world.chief).post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "空白票应为 0 到" in page
    assert 'value="两张"' in page
    assert not world.round.teller_entries.exists()


def test_the_conductor_registers_the_ballots_issued(province: TinyProvince) -> None:
    world = _world(province, RoundState.VOTING)
    round_ = world.fresh_round()
    url = f"/congress/elections/rounds/{round_.pk}/ballots-issued/"
    refused = _client(world.advisor).post(url, {"issued": "10", "version": round_.version})
    assert "发出选票数（10）不能多于实到代表（9 人）" in refused.content.decode()
    ok = _client(world.advisor).post(url, {"issued": "9", "version": round_.version})
    assert ok.status_code == 302
    assert world.fresh_round().ballots_issued == 9


def test_the_api_takes_a_count_and_tells_whether_entries_agree(province: TinyProvince) -> None:
    world = _world(province)
    body = {
        "ballots_returned": 9,
        "blank_ballots": 1,
        "counts": [
            {"candidate_id": c.pk, "yes": y, "no": 7 - y, "abstain": 1}
            for c, y in zip(world.candidates, [7, 6, 2], strict=True)
        ],
    }
    url = f"/api/v1/congress/elections/rounds/{world.round.pk}/count-entry"
    first = _client(world.chief).post(url, body, content_type="application/json")
    assert first.status_code == 200, first.content
    assert first.json()["entries_agree"] is None
    bad = _client(world.teller).post(
        url, body | {"blank_ballots": 10}, content_type="application/json"
    )
    assert bad.status_code == 400
    assert "空白票与无效票之和" in bad.json()["detail"]
    second = _client(world.teller).post(url, body, content_type="application/json")
    assert second.json()["state"] == RoundState.COUNTED
    assert second.json()["entries_agree"] is True
