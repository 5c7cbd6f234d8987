"""Read queries of paper rounds: the one gate of a round (the same reach as rules.py's
congress.view_election, checked on the one row), the tellers' entries of a round, and the
people a teller may write in (students of the school, by number)."""

from typing import Any

from tongxin.accounts.models import User
from tongxin.core.authz import can

from .election_models import ElectionCandidate, Round, RoundTally, TellerEntry


def round_get_for(*, actor: Any, pk: int) -> Round:
    """One round the actor may read (DoesNotExist otherwise, as if missing)."""
    round_ = Round.objects.select_related(
        "election__session__union", "election__school", "school"
    ).get(pk=pk)
    if not can(actor, "congress.view_election", round_):
        raise Round.DoesNotExist
    return round_


def tallies_of(round_: Round) -> list[RoundTally]:
    """The round's ballot in ballot order."""
    return list(
        round_.tallies.select_related("candidate__user").order_by(
            "candidate__order", "candidate_id"
        )
    )


def entries_of(round_: Round) -> list[TellerEntry]:
    return list(
        TellerEntry.objects.filter(round=round_)
        .select_related("teller")
        .prefetch_related("counts__write_in")
        .order_by("entered_at", "id")
    )


def entry_of(round_: Round, teller: Any) -> TellerEntry | None:
    return next((e for e in entries_of(round_) if e.teller_id == teller.pk), None)


def students_by_number(round_: Round, numbers: list[str]) -> dict[str, User]:
    """Students of the round's school among `numbers` (a write-in names one by number)."""
    rows = User.objects.filter(
        school_id=round_.school_id,
        college__isnull=False,
        enrolment_year__isnull=False,
        number__in=numbers,
    )
    return {u.number: u for u in rows}


def candidate_names(round_: Round) -> dict[int, str]:
    return dict(
        ElectionCandidate.objects.filter(election_id=round_.election_id).values_list(
            "pk", "user__real_name"
        )
    )
