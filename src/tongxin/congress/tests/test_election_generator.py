"""The demo's elections: YS001's presidium election published, its winners the union's
current presidium with their candidacies walked elected → appointed; a not-elected
candidate; a paper round elsewhere counted from two tellers' equal entries."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Membership, Role, User
from tongxin.congress.election_count import over_the_line, quorum_met
from tongxin.congress.election_models import (
    Election,
    ElectionMode,
    ElectionState,
    Outcome,
    RoundState,
    TellerEntry,
    VoterRegister,
)
from tongxin.congress.election_paper_print import round_ballot_pdf
from tongxin.congress.generator.elections import HELD, figures
from tongxin.congress.models import Session, SessionState
from tongxin.congress.selectors import presidium_elected_by_congress
from tongxin.congress.services.election_paper import differences
from tongxin.core.printables import DEMO_BANNER
from tongxin.core.tests.printables.reading import pdf_text
from tongxin.demo.build import build_demo
from tongxin.orgs.models import Node, NodeKind
from tongxin.selection.models import Candidacy
from tongxin.workdays.calendar import local_zone


@pytest.mark.parametrize(
    ("present", "seats", "elected", "losers"),
    [(8, 2, 2, 1), (9, 1, 1, 1), (40, 5, 5, 1), (6, 3, 3, 2)],
)
def test_figures_are_consistent_with_the_ballots_cast(
    present: int, seats: int, elected: int, losers: int
) -> None:
    rows = figures(present, seats, elected, losers)
    blank = 1 if present > 5 else 0
    assert all(sum(r) == present and r[2] >= blank for r in rows)
    assert all(over_the_line(r[0], present) for r in rows[:elected])
    assert not any(over_the_line(r[0], present) for r in rows[elected:])
    assert sum(r[0] for r in rows) <= (present - blank) * seats


@pytest.mark.django_db
def test_the_demo_publishes_ys001s_election_of_its_presidium() -> None:
    result = build_demo(cities=2, schools=3, students=120, issues=0)
    assert result.counts["elections"] == 2
    union = Node.objects.get(school__code="YS001", kind=NodeKind.SCHOOL_UNION)
    presidium = Membership.objects.active().filter(
        node=union, role=Role.OFFICER, position__in=PRESIDIUM_POSITIONS
    )
    election = Election.objects.get(union=union)
    assert election.state == ElectionState.PUBLISHED
    assert election.session.state in (SessionState.HELD, SessionState.REPORTED, SessionState.CLOSED)
    # Part 1's fact: the union's latest held session has a published election that
    # elected someone — its presidium was elected by the congress.
    latest = Session.objects.filter(union=union, state__in=HELD).order_by("-number", "-pk").first()
    assert latest == election.session
    assert presidium_elected_by_congress([union], timezone.localdate()) == {union.pk: True}
    elected = set(
        election.candidates.filter(outcome=Outcome.ELECTED).values_list("user_id", flat=True)
    )
    assert elected == set(presidium.values_list("user_id", flat=True))
    for m in presidium.select_related("user"):
        assert m.user.real_name in latest.election_results
        candidacy = Candidacy.objects.get(membership=m)
        assert candidacy.state == "appointed" and candidacy.position == m.position
        kinds = list(candidacy.events.values_list("kind", flat=True))
        assert kinds[3:6] == ["decided", "stood", "elected"] and kinds[-1] == "appointed"
        elected_on = candidacy.events.get(kind="elected").created_at.astimezone(local_zone())
        assert elected_on.date() == latest.held_start
    loser = election.candidates.get(outcome=Outcome.NOT_ELECTED)
    assert loser.candidacy is not None and loser.candidacy.state == "not_elected"
    (round_,) = election.rounds.all()
    assert round_.state == RoundState.COUNTED and round_.mode == ElectionMode.ELECTRONIC
    assert quorum_met(round_.present_count or 0, round_.due_count or 0)
    assert round_.ballots_cast == round_.present_count == round_.attendance.count()
    assert VoterRegister.objects.filter(round=round_).count() == round_.ballots_cast
    for tally in round_.tallies.all():
        assert tally.yes + tally.no + tally.abstain == round_.ballots_cast
    student_login = next(x for x in result.logins if x.role == Role.STUDENT)
    student = User.objects.get(
        username=User.school_username(student_login.school_code, student_login.login)
    )
    assert VoterRegister.objects.filter(round=round_, user=student).exists()
    client = Client()
    client.force_login(student)
    page = client.get(reverse("congress:my-elections")).content.decode()
    assert 'data-testid="my-published"' in page and "主席团成员选举" in page
    # The printed logins open it: the advisor, the delegate student, the president.
    officer_login = next(x for x in result.logins if x.role == Role.OFFICER)
    advisor_login = next(x for x in result.logins if x.role == Role.ADVISOR)
    for login in (student_login, officer_login, advisor_login):
        user = User.objects.get(username=User.school_username(login.school_code, login.login))
        assert user.has_perm("congress.view_election", election), login


@pytest.mark.django_db
def test_the_demo_counts_a_paper_round_elsewhere_from_two_equal_entries() -> None:
    build_demo(cities=2, schools=3, students=120, issues=0)
    election = Election.objects.exclude(school__code="YS001").get()
    assert election.mode == ElectionMode.PAPER and election.state == ElectionState.DONE
    (round_,) = election.rounds.all()
    assert round_.state == RoundState.COUNTED
    first, second = TellerEntry.objects.filter(round=round_).prefetch_related("counts")
    assert first.teller_id != second.teller_id and differences(first, second) == []
    assert round_.ballots_cast == first.ballots_returned <= (round_.ballots_issued or 0)
    assert election.candidates.filter(outcome=Outcome.ELECTED).count() == election.seats
    # Printed from the demo, a ballot says it is demo data.
    assert DEMO_BANNER[:8] in pdf_text(round_ballot_pdf(round_))
