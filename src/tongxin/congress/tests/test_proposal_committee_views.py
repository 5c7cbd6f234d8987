"""The committee's pages and API: the work page with the proposals waiting, the decision
forms on the proposal's page (a refusal keeps what was typed), naming the committee, the
chair's to-do item."""

import pytest

from tongxin.congress.proposal_committee_home import proposals_to_decide
from tongxin.congress.proposal_models import CommitteeMember, Proposal, ProposalState
from tongxin.testing.clock import moment

from .proposal_factories_committee import confirmed_session, fresh, name_committee, submitted

P = ProposalState
TUESDAY = "2025-09-16"
pytestmark = pytest.mark.time_machine(moment(TUESDAY))


@pytest.fixture
def world(province):
    session = confirmed_session(province)
    name_committee(province, session)
    proposal = submitted(province, session, province.student_a, province.officer_a)
    return province, session, proposal


def test_the_work_page_lists_the_waiting_proposals_in_reach(world, client_for):
    province, session, proposal = world
    submitted(province, session, province.student_a2, title="草稿", state=P.DRAFT)
    for persona in ("advisor_a", "handler_a"):  # the chair, a member
        page = client_for(persona).get("/congress/proposals/committee/")
        assert page.status_code == 200
        text = page.content.decode()
        assert proposal.title in text and "草稿" not in text
        assert f"/congress/proposals/committee/{session.pk}/" in text
    assert client_for("student_a").get("/congress/proposals/committee/").status_code == 403
    session_page = client_for("advisor_a").get(f"/congress/proposals/committee/{session.pk}/")
    assert 'data-testid="name-committee"' in session_page.content.decode()
    member_page = client_for("handler_a").get(f"/congress/proposals/committee/{session.pk}/")
    assert 'data-testid="name-committee"' not in member_page.content.decode()
    assert (
        client_for("advisor_b").get(f"/congress/proposals/committee/{session.pk}/").status_code
        == 404
    )


def test_the_chair_sees_the_decision_forms_a_member_does_not(world, client_for):
    province, _session, proposal = world
    text = client_for("advisor_a").get(f"/congress/proposals/{proposal.pk}/").content.decode()
    for step in ("accept", "refuse", "merge"):
        assert f'data-testid="step-{step}"' in text
    assert province.logistics_office_a.name in text and "指定工作日内答复" in text
    assert f'name="present" value="{province.handler_a.pk}"' in text
    member = client_for("handler_a").get(f"/congress/proposals/{proposal.pk}/").content.decode()
    assert 'data-testid="step-accept"' not in member


def test_a_refused_accept_keeps_what_was_typed(world, client_for):
    province, _session, proposal = world
    office = province.logistics_office_a.pk
    response = client_for("advisor_a").post(
        f"/congress/proposals/{proposal.pk}/accept/",
        {
            "version": proposal.version,
            "lead_office": office,
            "co_offices": [office],
            "deadline_kind": "workdays",
            "deadline_workdays": "7",
            "present": [province.handler_a.pk],
            "note": "请后勤处牵头。",
        },
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "牵头部门不能同时是协办部门" in text
    assert "请后勤处牵头。" in text and 'value="7"' in text
    assert f'<option value="{office}" selected>' in text
    assert 'value="workdays" id="accept-kind-workdays" checked' in text
    assert fresh(proposal).state == P.SUBMITTED


def test_accept_and_merge_through_the_page(world, client_for):
    province, session, proposal = world
    other = submitted(province, session, province.people["delegate_0"], title="自习室延时")
    chair = client_for("advisor_a")
    merged = chair.post(
        f"/congress/proposals/{other.pk}/merge/",
        {"version": other.version, "merge_into": proposal.pk, "present": [province.handler_a.pk]},
    )
    assert merged.status_code == 302 and merged["Location"] == f"/congress/proposals/{proposal.pk}/"
    target = fresh(proposal)
    accepted = chair.post(
        f"/congress/proposals/{proposal.pk}/accept/",
        {
            "version": target.version,
            "lead_office": province.logistics_office_a.pk,
            "deadline_kind": "complex",
            "present": [province.handler_a.pk, province.student_a2.pk],
        },
    )
    assert accepted.status_code == 302
    assert fresh(proposal).state == P.REFERRED
    # The member may not decide (403 from the table's permission).
    later = submitted(province, session, province.people["delegate_1"], title="另一件")
    refused = client_for("handler_a").post(
        f"/congress/proposals/{later.pk}/refuse/",
        {"version": later.version, "ground": "format", "present": [province.handler_a.pk]},
    )
    assert refused.status_code == 403


def test_naming_the_committee_on_its_page(province, client_for):
    session = confirmed_session(province)
    url = f"/congress/proposals/committee/{session.pk}/name/"
    advisor = client_for("advisor_a")
    page = advisor.get(url)
    assert page.status_code == 200 and province.handler_a.real_name in page.content.decode()
    bad = advisor.post(
        url, {"members": [province.handler_a.pk], "delegate_numbers": "2024002\n9999999"}
    )
    text = bad.content.decode()
    assert "9999999" in text and "不是本次会议的代表" in text and "2024002" in text
    assert not CommitteeMember.objects.exists()
    good = advisor.post(
        url, {"members": [province.handler_a.pk], "delegate_numbers": "2024002，2022001"}
    )
    assert good.status_code == 302
    members = set(CommitteeMember.objects.values_list("user__username", flat=True))
    assert members == {
        province.handler_a.username,
        province.student_a2.username,
        province.officer_a.username,
    }
    assert client_for("handler_a").get(url).status_code == 403  # a member, not the advisor
    assert client_for("advisor_b").get(url).status_code == 404


def test_the_api_names_the_committee_and_lists_and_decides(province, client_for):
    session = confirmed_session(province)
    advisor = client_for("advisor_a")
    named = advisor.post(
        f"/api/v1/congress/proposals/committee/sessions/{session.pk}",
        {"member_ids": [province.handler_a.pk, province.student_b.pk]},
        content_type="application/json",
    )
    assert named.status_code == 400 and "委员" in named.json()["detail"]
    named = advisor.post(
        f"/api/v1/congress/proposals/committee/sessions/{session.pk}",
        {"member_ids": [province.handler_a.pk]},
        content_type="application/json",
    )
    assert named.status_code == 200
    assert named.json()["members"][0]["office_id"] == province.logistics_office_a.pk
    proposal = submitted(province, session, province.student_a, province.officer_a)
    waiting = client_for("handler_a").get("/api/v1/congress/proposals/committee/waiting")
    assert [p["id"] for p in waiting.json()["items"]] == [proposal.pk]
    assert (
        client_for("student_a").get("/api/v1/congress/proposals/committee/waiting").status_code
        == 403
    )
    decided = advisor.post(
        f"/api/v1/congress/proposals/{proposal.pk}/accept",
        {
            "version": proposal.version,
            "lead_office": province.logistics_office_a.pk,
            "co_offices": [province.academic_office_a.pk],
            "deadline_kind": "workdays",
            "deadline_workdays": 3,
            "present": [province.handler_a.pk],
        },
        content_type="application/json",
    )
    assert decided.status_code == 200, decided.content
    body = decided.json()
    assert body["state"] == P.REFERRED and body["co_office_ids"] == [province.academic_office_a.pk]
    stale = advisor.post(
        f"/api/v1/congress/proposals/{proposal.pk}/refer",
        {"version": proposal.version, "lead_office": province.logistics_office_a.pk},
        content_type="application/json",
    )
    assert stale.status_code in (400, 409)


def test_the_chair_to_do_counts_the_waiting_proposals(world):
    province, session, _proposal = world
    submitted(province, session, province.student_a2, title="第二件")
    batch = proposals_to_decide(province.advisor_a, 20)
    assert batch.count == 1 and "待审查提案 2 件" in batch.items[0].title
    assert proposals_to_decide(province.handler_a, 20).count == 0


def test_a_handed_back_proposal_offers_the_chair_the_refer_form(world, client_for):
    province, session, proposal = world
    Proposal.objects.filter(pk=proposal.pk).update(state=P.ACCEPTED)
    draft = submitted(province, session, province.student_a2, title="一件草稿", state=P.DRAFT)
    text = client_for("advisor_a").get(f"/congress/proposals/{proposal.pk}/").content.decode()
    assert 'data-testid="step-refer"' in text and 'data-testid="step-accept"' not in text
    assert province.academic_office_a.name in text
    other = submitted(province, session, province.people["delegate_0"], title="自习室")
    page = client_for("advisor_a").get(f"/congress/proposals/{other.pk}/").content.decode()
    form = page[page.index('name="merge_into"') :]
    form = form[: form.index("</select>")]
    # The merge target select: the accepted proposal, never a draft or the proposal itself.
    assert f'<option value="{proposal.pk}"' in form
    assert f'<option value="{draft.pk}"' not in form and f'<option value="{other.pk}"' not in form
