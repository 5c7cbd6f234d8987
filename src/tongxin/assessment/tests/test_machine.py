"""The assessment round's transition table is what its services and its page obey."""

import re

import pytest
from django.db import transaction

from tongxin.assessment import services
from tongxin.assessment.machine import ROUND
from tongxin.assessment.models import Round, RoundStatus
from tongxin.assessment.tests.factories import open_round, union_with_officers
from tongxin.core.errors import DomainError

CALLS = {
    "close": services.round_close,
    "publish": services.round_publish,
}


@pytest.fixture
def p(province):
    return union_with_officers(province)


def _in_state(round_: Round, state: str) -> Round:
    Round.objects.filter(pk=round_.pk).update(status=state)
    return Round.objects.get(pk=round_.pk)


def test_every_step_on_a_round_page_has_its_service_here():
    assert {a.name for a in ROUND.actions if a.on_page} == set(CALLS)


def test_each_service_refuses_every_state_its_step_does_not_start_from(p):
    round_ = open_round(p)
    for name, service in CALLS.items():
        for state in RoundStatus.values:
            if state in ROUND.action(name).src:
                continue
            current = _in_state(round_, state)
            with pytest.raises(DomainError) as refused, transaction.atomic():
                service(actor=p.advisor_a, round_=current, expected_version=current.version)
            assert refused.value.field == "status", (name, state)
            assert Round.objects.get(pk=round_.pk).version == current.version


@pytest.mark.parametrize("state", RoundStatus.values)
def test_the_round_page_offers_exactly_what_the_table_allows(state, p, client_for):
    round_ = _in_state(open_round(p), state)
    page = client_for("advisor_a").get(f"/assessment/rounds/{round_.pk}/").content.decode()
    shown = re.findall(r'data-testid="(close|publish)-round"', page)
    assert shown == ROUND.allowed(p.advisor_a, round_)
    assert len(shown) == (state != RoundStatus.PUBLISHED)
