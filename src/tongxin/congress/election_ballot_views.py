"""The ballot page (选票, phone first).

elections/rounds/<pk>/ballot/   GET: the ballot of a round in voting (a checked-in delegate),
                                 "你已投票" once voted (never what), or why one cannot vote;
                                 POST: cast it (services/election_ballot.ballot_cast)
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError

from . import election_ballot_selectors as selectors
from .election_ballot_forms import BallotForm
from .election_models import ElectionMode, RoundState
from .services import election_ballot as services


@login_required
def ballot_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = selectors.round_by_pk(pk)
    if round_ is None or not can(request.user, "congress.open_ballot", round_):
        raise Http404
    election = round_.election
    voted = selectors.has_voted(request.user, round_)
    checked_in = can(request.user, "congress.vote", round_)
    may_vote = (
        not voted
        and checked_in
        and round_.state == RoundState.VOTING
        and round_.mode == ElectionMode.ELECTRONIC
    )
    candidates = selectors.ballot_candidates(round_)
    boxes = round_.seats if election.write_ins_allowed else 0
    form = BallotForm(
        request.POST if request.method == "POST" else None,
        candidates=candidates,
        write_in_boxes=boxes,
    )
    if request.method == "POST" and may_vote and form.is_valid():
        choices, write_ins = form.ballot()
        try:
            services.ballot_cast(
                actor=request.user, round_=round_, choices=choices, write_ins=write_ins
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "你的选票已投出。投票是无记名的，任何人都看不到你投了什么。")
            return redirect("congress:round-ballot", pk=round_.pk)
    elif request.method == "POST" and voted:
        messages.info(request, services.ALREADY_VOTED)
        return redirect("congress:round-ballot", pk=round_.pk)
    return render(
        request,
        "congress/elections/ballot/ballot.html",
        {
            "round": round_,
            "election": election,
            "form": form,
            "voted": voted,
            "may_vote": may_vote,
            "checked_in": checked_in,
            "paper": round_.mode == ElectionMode.PAPER,
            "result": selectors.counted_result(round_)
            if round_.state == RoundState.COUNTED
            else None,
        },
    )
