"""Pages of paper rounds: parse input → one selector → one service → render.

elections/rounds/<pk>/ballots.pdf          the round's ballots (选票), to print
elections/rounds/<pk>/checkin-sheet.pdf    the delegates' sign-in sheet (签到表)
elections/rounds/<pk>/count/               the tellers' page: the ballots issued while
                                           voting (conductors), each teller's count once
                                           closed, where two entries differ
elections/rounds/<pk>/ballots-issued/      POST: the ballots handed out (conductors)
"""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError

from . import election_paper_selectors as selectors
from .election_models import ElectionMode, Round, RoundState, TellerEntry
from .election_paper_forms import TypedEntry, paper_count, typed_from_post, whole
from .election_paper_print import round_ballot_pdf, round_checkin_pdf
from .services.election_paper import count_entry_save, entry_figures, round_ballots_issued

PRINT = "congress.print_round_papers"


def _round(request: AuthenticatedRequest, pk: int, perm: str = PRINT) -> Round:
    """The round (404 out of reach), then the page's permission (403)."""
    try:
        round_ = selectors.round_get_for(actor=request.user, pk=pk)
    except Round.DoesNotExist as exc:
        raise Http404 from exc
    if not can(request.user, perm, round_):
        raise PermissionDenied
    return round_


def _pdf(content: bytes, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def ballots_pdf_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        content = round_ballot_pdf(round_)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("congress:round-count-entry", pk=round_.pk)
    return _pdf(content, f"ballots-{round_.election_id}-{round_.number}.pdf")


@login_required
def checkin_sheet_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    try:
        content = round_checkin_pdf(round_)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("congress:round-count-entry", pk=round_.pk)
    return _pdf(content, f"checkin-{round_.election_id}-{round_.number}.pdf")


def _typed_from_entry(entry: TellerEntry | None, rows: int) -> TypedEntry:
    typed = TypedEntry()
    if entry is not None:
        typed.values = {
            "ballots_returned": str(entry.ballots_returned),
            "blank_ballots": str(entry.blank_ballots),
            "void_ballots": str(entry.void_ballots),
        }
        for c in entry.counts.all():
            if c.candidate_id is not None:
                typed.values |= {
                    f"yes_{c.candidate_id}": str(c.yes),
                    f"no_{c.candidate_id}": str(c.no),
                    f"abstain_{c.candidate_id}": str(c.abstain),
                }
            elif c.write_in is not None:
                typed.write_ins.append((c.write_in.number, str(c.yes)))
    typed.write_ins += [("", "")] * max(rows - len(typed.write_ins), 0)
    return typed


def _comparison(round_: Round, entries: list[TellerEntry]) -> list[tuple[str, str, str]]:
    """Where the first two entries differ: (what, first teller's, second teller's)."""
    if len(entries) < 2 or round_.state != RoundState.CLOSED:
        return []
    first, second = entry_figures(entries[0]), entry_figures(entries[1])
    names = selectors.candidate_names(round_)
    writers = {
        c.write_in_id: c.write_in.real_name
        for e in entries[:2]
        for c in e.counts.all()
        if c.write_in is not None
    }
    rows = []
    for key in sorted(first.keys() | second.keys()):
        if first.get(key) == second.get(key):
            continue
        kind, pk = key
        what = {
            "total": "收回 / 空白 / 无效选票",
            "candidate": f"候选人{names.get(pk, '')}（赞成 / 不赞成 / 弃权）",
        }.get(kind, f"另选他人{writers.get(pk, '')}（得票）")
        shown = ["、".join(map(str, f.get(key, ()))) or "未录入" for f in (first, second)]
        rows.append((what, shown[0], shown[1]))
    return rows


def _context(
    request: AuthenticatedRequest, round_: Round, typed: TypedEntry | None = None
) -> dict[str, Any]:
    paper = round_.mode == ElectionMode.PAPER
    entries = selectors.entries_of(round_)
    mine = next((e for e in entries if e.teller_id == request.user.pk), None)
    rows = round_.seats if round_.election.write_ins_allowed else 0
    typed = typed or _typed_from_entry(mine, rows)
    get = typed.values.get
    return {
        "r": round_,
        "election": round_.election,
        "lines": [
            {
                "t": t,
                "field": f"count_{t.candidate_id}",
                "yes": get(f"yes_{t.candidate_id}", ""),
                "no": get(f"no_{t.candidate_id}", ""),
                "abstain": get(f"abstain_{t.candidate_id}", ""),
            }
            for t in selectors.tallies_of(round_)
        ],
        "entries": entries,
        "mine": mine,
        "typed": typed,
        "differences": _comparison(round_, entries),
        "can_enter": paper
        and round_.state == RoundState.CLOSED
        and can(request.user, "congress.enter_count", round_),
        "can_issue": paper
        and round_.state == RoundState.VOTING
        and can(request.user, "congress.conduct_round", round_),
    }


@login_required
def count_entry_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk)
    if request.method != "POST":
        return render(request, "congress/elections/paper/count.html", _context(request, round_))
    if not can(request.user, "congress.enter_count", round_):
        raise PermissionDenied
    tallies = selectors.tallies_of(round_)
    rows = round_.seats if round_.election.write_ins_allowed else 0
    typed = typed_from_post(request.POST, tallies, rows)
    try:
        count_entry_save(
            actor=request.user, round_=round_, entry=paper_count(round_, tallies, typed)
        )
    except DomainError as exc:
        context = _context(request, round_, typed) | {"problem": exc.message, "field": exc.field}
        return render(request, "congress/elections/paper/count.html", context)
    messages.success(request, _saved_message(selectors.round_get_for(actor=request.user, pk=pk)))
    return redirect("congress:round-count-entry", pk=round_.pk)


def _saved_message(round_: Round) -> str:
    if round_.state == RoundState.COUNTED:
        return "两名计票人录入一致，本轮已计票。"
    if round_.state == RoundState.VOID:
        return "收回选票多于发出选票，本轮选举无效，已新建一轮重新投票。"
    return "计票结果已保存。需两名计票人录入一致后才计入结果。"


@login_required
@require_POST
def ballots_issued_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    round_ = _round(request, pk, "congress.conduct_round")
    try:
        round_ballots_issued(
            actor=request.user,
            round_=round_,
            issued=whole(request.POST.get("issued"), "ballots_issued", "发出选票数", required=True),
            expected_version=_version(request),
        )
    except DomainError as exc:
        context = _context(request, round_) | {"problem": exc.message, "field": exc.field}
        return render(request, "congress/elections/paper/count.html", context)
    messages.success(request, "发出选票数已登记。")
    return redirect("congress:round-count-entry", pk=round_.pk)


def _version(request: AuthenticatedRequest) -> int:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) < 10 else 0
