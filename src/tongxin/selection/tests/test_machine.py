"""The candidacy's transition table is what the services and the candidacy page obey, on
both paths (presidium candidates and department members)."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from tongxin.core.errors import DomainError
from tongxin.selection import services
from tongxin.selection.machine import CANDIDACY
from tongxin.selection.models import Candidacy, State
from tongxin.selection.tests.factories import fresh, walk
from tongxin.testing.province import TinyProvince


def _calls(p: TinyProvince) -> dict[str, Callable[[Candidacy], Any]]:
    """Each step a person takes, with its service, called by someone the rules allow."""
    sec, adv = p.secretary_a1, p.advisor_a

    def v(c: Candidacy) -> dict[str, Any]:
        return {"candidacy": c, "expected_version": c.version}

    return {
        "consent": lambda c: services.candidacy_consent(actor=sec, note="同意", **v(c)),
        "withdraw": lambda c: services.candidacy_withdraw(actor=sec, reason="撤回", **v(c)),
        "review": lambda c: services.candidacy_review(actor=adv, opinion="通过", **v(c)),
        "decide": lambda c: services.candidacy_decide(actor=adv, note="决定", **v(c)),
        "stand": lambda c: services.candidacy_stand(actor=adv, **v(c)),
        "publish": lambda c: services.candidacy_publish(actor=adv, **v(c)),
        "appoint": lambda c: services.candidacy_appoint(actor=adv, **v(c)),
        "reject": lambda c: services.candidacy_reject(actor=adv, reason="不予任用", **v(c)),
        "object": lambda c: services.objection_lodge(actor=p.student_a2, candidacy=c, text="异议"),
    }


def _in_state(candidacy: Candidacy, state: str) -> Candidacy:
    Candidacy.objects.filter(pk=candidacy.pk).update(state=state)
    return fresh(candidacy)


def test_every_step_a_person_takes_is_walked_here_or_in_the_notice_tests(province):
    people = {a.name for a in CANDIDACY.actions if a.perm is not None and a.src}
    assert people - set(_calls(province)) == {"resolve"}  # needs an objection: test_notice.py


@pytest.mark.parametrize("presidium", [True, False], ids=["presidium", "member"])
def test_each_service_refuses_every_state_its_path_does_not_start_from(presidium, province):
    candidacy = walk(province, State.RECOMMENDED, presidium=presidium)
    refusals = 0
    for name, call in _calls(province).items():
        action = CANDIDACY.action(name)
        for state in State.values:
            if state in action.sources(candidacy):
                continue
            current = _in_state(candidacy, state)
            with pytest.raises(DomainError) as refused, transaction.atomic():
                call(current)
            assert refused.value.field == "state", (name, state, refused.value.message)
            assert fresh(current).version == current.version, (name, state)
            refusals += 1
    assert refusals > 50


def test_a_member_is_never_offered_the_presidium_steps(province):
    member = walk(province, State.RECOMMENDED, presidium=False)
    assert CANDIDACY.action("consent").sources(member) == ()
    assert CANDIDACY.action("decide").sources(member) == ()
    assert CANDIDACY.action("stand").sources(member) == ()
    assert CANDIDACY.action("review").sources(member) == (State.RECOMMENDED,)
    assert CANDIDACY.action("publish").sources(member) == (State.REVIEWED,)


PERSONAS = ["secretary_a1", "advisor_a", "student_a", "student_a2"]


@pytest.mark.parametrize("state", [s for s in State.values if s != State.PAUSED])
def test_the_page_offers_exactly_what_the_table_allows(state, province, client_for):
    """(PAUSED shows one resolve form per open objection: test_notice.py.)"""
    candidacy = _in_state(walk(province, State.RECOMMENDED), state)
    for persona in PERSONAS:
        response = client_for(persona).get(f"/selection/candidacies/{candidacy.pk}/")
        shown = re.findall(r'data-testid="step-([a-z-]+)"', response.content.decode())
        allowed = CANDIDACY.allowed(province.people[persona], candidacy)
        if response.status_code == 404:
            assert allowed == [], persona
        else:
            assert shown == allowed, persona


def test_the_table_gives_the_recommender_and_the_advisor_their_own_steps(province):
    recommended = walk(province, State.RECOMMENDED)
    assert CANDIDACY.allowed(province.secretary_a1, recommended) == ["consent", "withdraw"]
    assert CANDIDACY.allowed(province.advisor_a, recommended) == ["reject"]
    consented = walk(province, State.RECOMMENDED, presidium=False, number="2023101")
    assert CANDIDACY.allowed(province.advisor_a, consented) == ["review", "reject"]


def test_every_step_names_a_registered_audit_action():
    from tongxin.audit import registry

    verbs = [a.done for a in CANDIDACY.actions]
    assert all(verbs)
    assert [v for v in verbs if not registry.is_registered(f"selection.candidacy.{v}")] == []


def test_a_presidium_candidate_stands_for_election_and_the_result_moves_it_on(province):
    from django.utils import timezone

    decided = walk(province, State.DECIDED)
    stood = services.candidacy_stand(
        actor=province.advisor_a, candidacy=decided, expected_version=decided.version
    )
    assert stood.state == State.FOR_ELECTION
    assert CANDIDACY.allowed(province.advisor_a, stood) == ["reject"]
    now = timezone.now()
    elected = services.candidacy_election_result(
        actor=province.advisor_a, candidacy=stood, elected=True, now=now
    )
    assert elected.state == State.ELECTED
    assert "publish" in CANDIDACY.allowed(province.advisor_a, elected)
    with pytest.raises(DomainError):
        services.candidacy_election_result(
            actor=province.advisor_a, candidacy=elected, elected=False, now=now
        )
