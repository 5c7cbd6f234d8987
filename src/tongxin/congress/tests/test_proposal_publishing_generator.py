"""The demo's proposals: YS001's session holds a proposal in every state with its timeline,
signers, ratings, inputs and clocks; the first school's city counts 463 collected and 259
handled on its statistics page; each demo login finds something on the proposal pages."""

import datetime

import pytest

from tongxin.accounts.models import Role, User
from tongxin.congress import proposal_publish as pub
from tongxin.congress.generator.proposals import CITY_COLLECTED, CITY_HANDLED, split, states_for
from tongxin.congress.proposal_models import (
    Proposal,
    ProposalClock,
    ProposalState,
    SignerRole,
    SignerStatus,
)
from tongxin.demo.build import build_demo
from tongxin.testing.clock import moment

pytestmark = pytest.mark.django_db
P = ProposalState


def _user(login) -> User:
    return User.objects.get(pk=login.user_id)


@pytest.mark.time_machine(moment("2026-12-07"))
def test_the_demo_writes_every_state_and_the_city_figures(client) -> None:
    today = datetime.date(2026, 12, 7)
    result = build_demo(cities=2, schools=6, students=240, issues=0, today=today)
    assert result.counts["proposals"] > 0
    mine = Proposal.objects.filter(school__code="YS001", union__kind="school_union")
    assert set(mine.values_list("state", flat=True)) == set(P.values)
    merged = mine.get(state=P.MERGED)
    assert merged.merged_into is not None
    assert (
        merged.merged_into.signers.filter(role=SignerRole.CO_PROPOSER, from_proposal=merged).count()
        == 2
    )
    assert mine.filter(state=P.DRAFT, signers__status=SignerStatus.INVITED).exists()
    assert mine.filter(state=P.NOT_ACCEPTED, forwarded_to__isnull=False).count() == 1
    for p in mine.exclude(state=P.DRAFT):
        assert p.events.filter(kind="submitted").exists(), p.title
        assert p.number is not None
    # Reply clocks: running exactly while an office owes the reply.
    for p in mine.filter(state__in=[P.REFERRED, P.FURTHER]):
        assert p.reply_due_at is not None
        assert ProposalClock.objects.filter(proposal=p, stopped_at__isnull=True).exists()
    for p in mine.exclude(state__in=[P.REFERRED, P.FURTHER]):
        assert not ProposalClock.objects.filter(proposal=p, stopped_at__isnull=True).exists()
    assert not Proposal.objects.filter(
        state__in=[P.DONE, P.REPLIED, P.PROGRESSING, P.FURTHER], handled_at__isnull=True
    ).exists()
    assert not Proposal.objects.filter(handled_at__gt=moment("2026-12-07", 12)).exists()

    logins = {login.role: login for login in result.logins}
    city = _user(logins[Role.FEDERATION_STAFF])
    years = pub.stats_years_for(city)
    totals = pub.figures(pub.in_year(pub.stats_scope_for(city), years[0]))
    assert (totals["collected"], totals["handled"]) == (CITY_COLLECTED, CITY_HANDLED)

    # Every demo login finds something on the proposal pages they open.
    student = _user(logins[Role.STUDENT])
    assert Proposal.objects.filter(lead=student, state=P.REPLIED).exists()  # theirs to rate
    assert pub.proposals_published_for(student).count() >= 10
    for role in (Role.OFFICER, Role.ADVISOR):
        user = _user(logins[role])
        assert pub.proposals_published_for(user).count() >= 10, role
        assert pub.figures(pub.stats_scope_for(user))["collected"] >= 10, role
    handler = _user(logins[Role.OFFICE_HANDLER])
    assert pub.proposals_published_for(handler).filter(state=P.REFERRED).exists()
    admin = _user(logins[Role.FEDERATION_ADMIN])
    assert pub.figures(pub.stats_scope_for(admin))["collected"] > CITY_COLLECTED
    client.force_login(city)
    page = client.get(f"/congress/proposals/stats/?year={years[0]}").content.decode()
    assert f">{CITY_COLLECTED}<" in page and f">{CITY_HANDLED}<" in page


def test_split_and_states_keep_their_totals() -> None:
    assert split(463, [1.0, 2.0, 1.5]) == [103, 206, 154]
    assert sum(split(259, [0.7, 0.0, 1.3, 0.9])) == 259
    import random

    states = states_for(40, 22, random.Random(1))
    assert len(states) == 40
    handled = [s for s in states if s in (P.DONE, P.REPLIED, P.PROGRESSING, P.FURTHER)]
    assert len(handled) == 22
    assert P.MERGED in states and P.NOT_ACCEPTED in states
