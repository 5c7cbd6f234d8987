"""The vote burst (issue 15): every delegate of one school's round voting within the
scenario's time over concurrent connections, each submitting the ballot twice, and the
nothing-lost / nothing-doubled verdict. The counts come from `tongxin bench ballots
--round N` (tongxin/bench/elections.py), read before and after the scenario.

Each operation takes the next delegate not yet voted, logs the connection in as them
(not timed), POSTs the ballot page (timed: the cast) and POSTs it again at once (not
timed: refused, 你已投过票). When every delegate has voted the connection stops."""

import threading
import time
from typing import Any

from client import Session

VOTE = "vote"
OK = {302}


def _choices(n: int, candidates: list[int]) -> dict[str, str]:
    """A ballot within the seats: 赞成 one, 不赞成 the next, 弃权 the rest; every tenth
    voter hands in a blank ballot (all 弃权)."""
    if n % 10 == 9:
        return {f"c{pk}": "abstain" for pk in candidates}
    k = len(candidates)
    return {
        f"c{pk}": ("yes" if i == n % k else "no" if i == (n + 1) % k else "abstain")
        for i, pk in enumerate(candidates)
    }


def vote(round_id: int, candidates: list[int], voters: list[dict[str, str]]) -> Any:
    path = f"/congress/elections/rounds/{round_id}/ballot/"
    queue = list(enumerate(voters))
    lock = threading.Lock()

    def run(session: Session) -> tuple[bool, float, int | None] | None:
        with lock:
            if not queue:
                return None  # every delegate voted: this connection stops
            n, who = queue.pop(0)
        session.cookies.clear()
        try:
            session.login(who)
        except (OSError, RuntimeError):
            return False, 0.0, None
        form = {"csrfmiddlewaretoken": session.cookies.get("csrftoken", "")} | _choices(
            n, candidates
        )
        started = time.perf_counter()
        try:
            cast = session.request("POST", path, form)
            latency = time.perf_counter() - started
            session.cookies.pop("messages", None)
            again = session.request("POST", path, form)  # the same delegate, again
        except OSError:
            return False, time.perf_counter() - started, None
        ok = cast.status in OK and cast.location.endswith(path) and again.status in OK
        return ok, latency, cast.queries

    return run


def compare(before: dict[str, Any], after: dict[str, Any], ok: int) -> dict[str, Any]:
    """Every success is one register row and one ballot counted; no delegate counted twice
    (register == ballots_cast); every candidate's 赞成 + 不赞成 + 弃权 == ballots_cast."""
    registered = after["register"] - before["register"]
    cast = after["ballots_cast"] - before["ballots_cast"]
    sums_ok = all(n == after["ballots_cast"] for n in after["per_candidate_sums"])
    passed = registered == cast == ok and after["register"] == after["ballots_cast"] and sums_ok
    return {
        "ballots_added": cast,
        "register_added": registered,
        "blank_ballots": after["blank_ballots"],
        "tally_sums_ok": sums_ok,
        "ballot_check": passed,
    }
