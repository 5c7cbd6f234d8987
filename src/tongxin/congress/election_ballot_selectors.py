"""Reads of the ballot page and API: the round with its election, the candidates on its
ballot in ballot order, and whether a delegate voted (never what)."""

from tongxin.accounts.models import User

from .election_models import ElectionCandidate, Round, RoundTally, RoundWriteIn, VoterRegister


def round_by_pk(pk: int) -> Round | None:
    return Round.objects.select_related("election__session__union", "school").filter(pk=pk).first()


def ballot_candidates(round_: Round) -> list[ElectionCandidate]:
    """The candidates on the round's ballot (its tally rows), in ballot order."""
    return list(
        ElectionCandidate.objects.filter(
            election_id=round_.election_id,
            pk__in=round_.tallies.values("candidate_id"),
        )
        .select_related("user")
        .order_by("order", "id")
    )


def has_voted(user: User, round_: Round) -> bool:
    return VoterRegister.objects.filter(round_id=round_.pk, user_id=user.pk).exists()


def counted_result(round_: Round) -> tuple[list[RoundTally], list[RoundWriteIn]]:
    """A counted round's totals (never a ballot): per candidate in ballot order, and the
    write-ins by votes."""
    tallies = list(
        round_.tallies.select_related("candidate__user").order_by(
            "candidate__order", "candidate_id"
        )
    )
    write_ins = list(round_.write_ins.select_related("user").order_by("-yes", "user_id"))
    return tallies, write_ins
