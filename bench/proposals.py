"""The proposal scenarios (issue 14): six delegates writing and submitting at once
(`propose`), six confirming invitations at once (`cosign`), and each one's nothing-lost /
nothing-doubled verdict. The counts come from `tongxin bench proposals --session N`
(tongxin/bench/proposals.py), read before and after the scenario."""

import itertools
import re
import threading
import time
from typing import Any

from client import Operation, Session

PROPOSE, COSIGN = "propose", "cosign"
OK = {302}
DETAIL = re.compile(r"/congress/proposals/(\d+)/$")
_counter = itertools.count(1)


def _token(session: Session) -> str:
    session.cookies.pop("messages", None)  # the success message, dropped as a browser shows it
    return session.cookies.get("csrftoken", "")


def propose(session_id: int) -> Operation:
    """The write form's POST (a draft, answered with its page), then its submit step's POST:
    latency is the pair, ok when both redirect."""

    def run(session: Session) -> tuple[bool, float, int | None]:
        started = time.perf_counter()
        n = next(_counter)
        form = {
            "csrfmiddlewaretoken": _token(session),
            "title": f"压测提案{n}：延长图书馆考试周开放时间",
            "category": "life",
            "background": "考试周自习座位紧张。",
            "suggestion": "考试周图书馆开放至 23:30。",
        }
        try:
            written = session.request("POST", f"/congress/proposals/write/{session_id}/", form)
            found = DETAIL.search(written.location) if written.status in OK else None
            if found is None:
                return False, time.perf_counter() - started, written.queries
            step = {"csrfmiddlewaretoken": _token(session), "version": "1"}
            done = session.request("POST", f"/congress/proposals/{found.group(1)}/submit/", step)
        except OSError:
            return False, time.perf_counter() - started, None
        ok = done.status in OK and done.location.endswith(f"/{found.group(1)}/")
        return ok, time.perf_counter() - started, done.queries

    return run


def cosign(proposal_ids: list[int]) -> Operation:
    """Each connection (one invited delegate) confirms the drafts in the same order, so the
    six meet on each proposal's row; a connection past the list's end fails."""
    cursors: dict[int, int] = {}
    lock = threading.Lock()

    def run(session: Session) -> tuple[bool, float, int | None]:
        with lock:
            index = cursors.get(id(session), 0)
            cursors[id(session)] = index + 1
        if index >= len(proposal_ids):
            return False, 0.0, None
        form = {"csrfmiddlewaretoken": _token(session), "version": "1"}
        started = time.perf_counter()
        try:
            response = session.request(
                "POST", f"/congress/proposals/{proposal_ids[index]}/cosign/", form
            )
        except OSError:
            return False, time.perf_counter() - started, None
        return response.status in OK, time.perf_counter() - started, response.queries

    return run


def compare(kind: str, before: dict[str, Any], after: dict[str, Any], ok: int) -> dict[str, Any]:
    """propose: every success made one proposal, submitted once with a number of its own,
    the numbers without a gap. cosign: every success confirmed one invitation with one
    timeline line, no delegate confirmed a proposal twice."""
    if kind == PROPOSE:
        added = after["proposals"] - before["proposals"]
        submitted = after["submitted"] - before["submitted"]
        events = after["submitted_events"] - before["submitted_events"]
        numbers_ok = after["numbers_distinct"] == after["numbered"] == after["max_number"]
        passed = added == submitted == events == ok and numbers_ok
        return {
            "proposals_added": added,
            "submitted_added": submitted,
            "events_added": events,
            "numbers_ok": numbers_ok,
            "proposal_check": passed,
        }
    confirmed = after["confirmed"] - before["confirmed"]
    events = after["cosigned_events"] - before["cosigned_events"]
    passed = confirmed == events == ok and after["doubled_confirmations"] == 0
    return {
        "confirmed_added": confirmed,
        "events_added": events,
        "doubled_confirmations": after["doubled_confirmations"],
        "proposal_check": passed,
    }
