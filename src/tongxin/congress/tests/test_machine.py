"""The session's transition table is what the services and the session page obey."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.db import transaction

from tongxin.congress import services
from tongxin.congress.machine import SESSION
from tongxin.congress.models import Session, SessionState
from tongxin.congress.tests.session_factories import (
    apply_values,
    fresh,
    hold_values,
    report_values,
    walk,
)
from tongxin.core.errors import DomainError
from tongxin.testing.clock import moment
from tongxin.testing.province import TinyProvince

pytestmark = pytest.mark.time_machine(moment("2025-03-03"))


def _calls(p: TinyProvince) -> dict[str, Callable[[Session], Any]]:
    """Each step with its service, called by someone the rules allow (college union A1)."""
    officer, advisor = p.college_officer_a1, p.advisor_a

    def v(s: Session) -> dict[str, Any]:
        return {"session": s, "expected_version": s.version}

    return {
        "apply": lambda s: services.session_apply(actor=officer, **v(s), **apply_values()),
        "approve": lambda s: services.session_approve(actor=advisor, **v(s)),
        "return": lambda s: services.session_return(actor=advisor, reason="退回", **v(s)),
        "confirm": lambda s: services.session_confirm(actor=officer, **v(s)),
        "hold": lambda s: services.session_hold(actor=officer, **v(s), **hold_values()),
        "report": lambda s: services.session_report(actor=officer, **v(s), **report_values()),
        "close": lambda s: services.session_close(actor=advisor, **v(s)),
        "cancel": lambda s: services.session_cancel(actor=officer, reason="取消", **v(s)),
    }


def _in_state(session: Session, state: str) -> Session:
    Session.objects.filter(pk=session.pk).update(state=state)
    return fresh(session)


def test_every_step_a_person_takes_is_walked_here(province):
    people = {a.name for a in SESSION.actions if a.perm is not None and a.src}
    assert people == set(_calls(province))


def test_each_service_refuses_every_state_the_table_does_not_allow(province):
    session = walk(province, SessionState.PLANNED)
    refusals = 0
    for name, call in _calls(province).items():
        action = SESSION.action(name)
        for state in SessionState.values:
            if state in action.src:
                continue
            current = _in_state(session, state)
            with pytest.raises(DomainError) as refused, transaction.atomic():
                call(current)
            assert refused.value.field == "state", (name, state, refused.value.message)
            assert fresh(current).version == current.version, (name, state)
            refusals += 1
    assert refusals == sum(len(SessionState.values) - len(a.src) for a in SESSION.actions[1:])


def test_closed_and_cancelled_are_the_only_final_states():
    assert SESSION.states_without_exit() == {SessionState.CLOSED, SessionState.CANCELLED}


PERSONAS = ["college_officer_a1", "college_officer_a2", "advisor_a", "secretary_a1"]
PERSONAS += ["city_staff_1", "officer_a", "advisor_b"]


@pytest.mark.parametrize("state", SessionState.values)
def test_the_page_offers_exactly_what_the_table_allows(state, province, client_for):
    session = _in_state(walk(province, SessionState.PLANNED), state)
    for persona in PERSONAS:
        response = client_for(persona).get(f"/congress/sessions/{session.pk}/")
        allowed = SESSION.allowed(province.people[persona], session)
        if response.status_code == 404:
            assert allowed == [], persona
            continue
        assert response.status_code == 200, persona
        shown = re.findall(r'data-testid="step-([a-z-]+)"', response.content.decode())
        assert shown == allowed, (persona, state)


def test_the_table_gives_the_union_and_its_supervisor_their_own_steps(province):
    applied = walk(province, SessionState.APPLIED)
    assert SESSION.allowed(province.college_officer_a1, applied) == ["cancel"]
    assert SESSION.allowed(province.advisor_a, applied) == ["approve", "return", "cancel"]
    assert SESSION.allowed(province.city_staff_1, applied) == []
    school = walk(province, SessionState.APPLIED, union="union_a")
    assert SESSION.allowed(province.city_staff_1, school) == ["approve", "return", "cancel"]
    assert SESSION.allowed(province.advisor_a, school) == []


def test_every_step_names_a_registered_audit_action():
    from tongxin.audit import registry

    verbs = [a.done for a in SESSION.actions]
    assert all(verbs)
    assert [v for v in verbs if not registry.is_registered(f"congress.session.{v}")] == []
