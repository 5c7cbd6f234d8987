"""The rights transition table is what the services and the issue page obey: every service
refuses every state its action does not start from, and the page offers exactly the
actions the table allows the viewer."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from tongxin.accounts.models import Membership, Role
from tongxin.core.errors import DomainError, NotAllowed
from tongxin.rights import services
from tongxin.rights.machine import ISSUE
from tongxin.rights.models import DeclineReason, Issue, Status
from tongxin.rights.tests.factories import fresh, submit, walk
from tongxin.testing.province import TinyProvince


@pytest.fixture
def desk(province: TinyProvince) -> dict[str, Any]:
    """An issue referred to logistics with the academic office as co-office (its clerk
    appointed), a draft answer waiting for the head, and an open issue to merge into."""
    clerk = province.student_a2
    Membership.objects.create(
        user=clerk,
        node=province.academic_office_a,
        school=province.school_a,
        role=Role.OFFICE_HANDLER,
    )
    issue = walk(province, Status.ACCEPTED)
    issue = services.issue_refer(
        actor=province.officer_a,
        issue=issue,
        expected_version=issue.version,
        lead_office=province.logistics_office_a,
        co_offices=[province.academic_office_a],
    )
    Issue.objects.filter(pk=issue.pk).update(answer_draft="草稿答复")
    return {"issue": fresh(issue), "into": submit(province, title="另一条"), "clerk": clerk}


def _calls(p: TinyProvince, desk: dict[str, Any]) -> dict[str, Callable[[Issue], Any]]:
    """Each action of the table with its service, called by someone the rules allow."""
    officer, handler, head, student = p.officer_a, p.handler_a, p.office_head_a, p.student_a

    def v(i: Issue) -> dict[str, Any]:
        return {"issue": i, "expected_version": i.version}

    return {
        "accept": lambda i: services.issue_accept(actor=officer, reply="收到", **v(i)),
        "decline": lambda i: services.issue_decline(
            actor=officer, reason=DeclineReason.UNCLEAR, explanation="请补充", **v(i)
        ),
        "start": lambda i: services.issue_start(actor=officer, **v(i)),
        "refer": lambda i: services.issue_refer(
            actor=officer, lead_office=p.logistics_office_a, co_offices=[], **v(i)
        ),
        "merge": lambda i: services.issue_merge(actor=officer, into=desk["into"], **v(i)),
        "answer": lambda i: services.issue_answer(actor=officer, answer="已解决", **v(i)),
        "office-answer": lambda i: services.issue_office_answer(
            actor=handler, answer="已解决", **v(i)
        ),
        "return": lambda i: services.issue_return(actor=handler, reason="不归我处", **v(i)),
        "approve": lambda i: services.issue_approve_answer(actor=head, **v(i)),
        "office-input": lambda i: services.issue_add_office_input(
            actor=desk["clerk"], issue=i, office=p.academic_office_a, text="无异议"
        ),
        "withdraw": lambda i: services.issue_withdraw(actor=student, **v(i)),
        "feed-back": lambda i: services.issue_feed_back(actor=officer, feedback="已反馈", **v(i)),
        "rate": lambda i: services.issue_rate(actor=student, rating="satisfied", **v(i)),
        "publish": lambda i: services.issue_publish(actor=officer, **v(i)),
        "assign": lambda i: services.issue_assign(actor=officer, assignee=officer, **v(i)),
    }


def _in_state(issue: Issue, state: str) -> Issue:
    Issue.objects.filter(pk=issue.pk).update(status=state)
    return fresh(issue)


def test_every_action_a_person_takes_has_its_service_in_this_test(province, desk):
    by_people = {a.name for a in ISSUE.actions if a.perm is not None and a.src}
    assert by_people == set(_calls(province, desk))


def test_each_service_refuses_every_state_its_action_does_not_start_from(province, desk):
    refusals = 0
    for name, call in _calls(province, desk).items():
        action = ISSUE.action(name)
        for state in Status.values:
            if state in action.src:
                continue
            issue = _in_state(desk["issue"], state)
            with pytest.raises(DomainError) as refused, transaction.atomic():
                call(issue)
            assert refused.value.field == "status", (name, state, refused.value.message)
            assert str(Status(state).label) in refused.value.message
            assert fresh(issue).version == issue.version, (name, state)
            refusals += 1
    assert refusals > 100


def test_each_service_ends_in_a_state_its_action_leads_to(province, desk):
    taken = 0
    for name, call in _calls(province, desk).items():
        action = ISSUE.action(name)
        state = action.src[0]
        issue = _in_state(desk["issue"], state)
        try:
            with transaction.atomic():
                call(issue)
        except (DomainError, NotAllowed) as exc:  # other rules may refuse; never the table
            assert getattr(exc, "field", None) != "status", (name, state)
            continue
        after = fresh(issue).status
        assert after in action.dst or (not action.dst and after == state), (name, after)
        taken += 1
    assert taken >= 12, "most steps should go through from the table's first state"


PERSONAS = ["officer_a", "handler_a", "office_head_a", "student_a", "advisor_a"]


def _buttons(page: str) -> list[str]:
    return re.findall(r'data-testid="action-([a-z-]+)"', page)


@pytest.mark.parametrize("state", Status.values)
def test_the_page_offers_exactly_what_the_table_allows(state, province, desk, client_for):
    issue = _in_state(desk["issue"], state)
    for persona in PERSONAS:
        page = client_for(persona).get(f"/rights/issues/{issue.pk}/").content.decode()
        assert _buttons(page) == ISSUE.allowed(province.people[persona], issue), persona


def test_the_table_gives_each_side_its_own_buttons(province, desk):
    submitted = _in_state(desk["issue"], Status.SUBMITTED)
    assert ISSUE.allowed(province.officer_a, submitted) == ["accept", "decline", "merge", "assign"]
    assert ISSUE.allowed(province.student_a, submitted) == ["withdraw"]
    referred = _in_state(desk["issue"], Status.REFERRED)
    assert ISSUE.allowed(province.office_head_a, referred) == ["office-answer", "return", "approve"]
    assert ISSUE.allowed(province.handler_a, referred) == ["office-answer", "return"]
    assert ISSUE.allowed(desk["clerk"], referred) == ["office-input"]
    assert ISSUE.allowed(province.advisor_a, referred) == []


def test_final_states_offer_nothing_but_publishing():
    assert ISSUE.states_without_exit() == {Status.NOT_HANDLED, Status.MERGED, Status.WITHDRAWN}


def test_every_step_names_a_registered_audit_action():
    from tongxin.audit import registry

    verbs = [a.done for a in ISSUE.actions]
    assert all(verbs)
    assert [v for v in verbs if not registry.is_registered(f"rights.issue.{v}")] == []


def test_each_state_runs_the_clock_its_page_explains():
    assert ISSUE.running_clock[Status.SUBMITTED] == "first_reply"
    assert ISSUE.entering("refer") == (Status.REFERRED, "answer")
    assert ISSUE.entering("rate", outcome=1) == (Status.ACCEPTED, "decide")
    assert ISSUE.entering("feed-back") == (Status.FED_BACK, None)
