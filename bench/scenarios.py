"""The scenarios: what each connection logs in as and what one operation is."""

import itertools
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import elections
import proposals
from client import Operation, Session, timed

OK_GET = {200}
OK_POST = {200}
OK_SUBMIT = {302}
ANONYMOUS = "anonymous"
WRITERS = 6


@dataclass(frozen=True)
class Scenario:
    name: str
    label: str
    persona: str  # key in the personas JSON, "submitters", or ANONYMOUS (no login)
    path: str
    # "get", "post", "submit", "write" (the submission POST alone), "propose", "cosign",
    # "vote"
    kind: str
    # Connection counts of its own, whatever --connections says (the writer scenarios: six).
    connections: tuple[int, ...] = ()

    @property
    def is_get(self) -> bool:
        return self.kind == "get"


def scenarios(p: dict[str, Any]) -> list[Scenario]:
    # Two filters over the persona union's backlog (tongxin.bench.writer.backlog): thousands
    # of matching rows and a few dozen; the report prints how many (`matched`) and the
    # ratio of their p95 (issue 12: within 1.2×).
    queue = f"/rights/queue/?status={p['queue_many']}"
    queue_few = f"/rights/queue/?status={p['queue_few']}"
    return [
        Scenario("ceiling_get", "ceiling: trivial GET", "student", "/bench/ceiling/", "get"),
        Scenario(
            "ceiling_post",
            "ceiling: trivial CSRF POST, logged in",
            "student",
            "/bench/ceiling/post/",
            "post",
        ),
        # The same POST without a login: the floor the logged-in one is compared with
        # (issue 12: within 2× its cost; report.floor_ratios).
        Scenario(
            "ceiling_post_anon",
            "ceiling: trivial CSRF POST, anonymous",
            ANONYMOUS,
            "/bench/ceiling/post/anyone/",
            "post",
        ),
        Scenario(
            "submit",
            "issue submission (form GET + POST)",
            "submitters",
            "/rights/submit/",
            "submit",
        ),
        # Writers of one school beside writers of six (docs/performance.md, "Writers of one
        # school"): the same POST, six at once; does the school's audit-chain head queue them?
        Scenario(
            "submit_one_school",
            "6 students of ONE school submitting (POST)",
            "one_school",
            "/rights/submit/",
            "write",
            (WRITERS,),
        ),
        Scenario(
            "submit_six_schools",
            "6 students of six schools submitting (POST)",
            "six_schools",
            "/rights/submit/",
            "write",
            (WRITERS,),
        ),
        Scenario("queue", "union queue, first page, the backlog", "officer", queue, "get"),
        Scenario("queue_few", "union queue, first page, a few dozen", "officer", queue_few, "get"),
        Scenario("submit_form", "submit form (GET)", "student", "/rights/submit/", "get"),
        Scenario("mine", "student's my issues", "student", "/rights/mine/", "get"),
        Scenario("detail", "issue detail", "student", f"/rights/issues/{p['issue_id']}/", "get"),
        Scenario(
            "school_stats",
            "school statistics",
            "advisor",
            f"/stats/schools/{p['school_id']}/",
            "get",
        ),
        Scenario("overview", "province overview", "federation", "/stats/overview/", "get"),
        # The reform heat map (issue 16): province staff over every school, and one city.
        # Renders (without colour) before the demo writes reform results.
        Scenario("reform_heatmap", "reform heat map, province", "federation", "/reform/", "get"),
        Scenario(
            "reform_heatmap_city",
            "reform heat map, one city",
            "federation",
            f"/reform/?city={p.get('reform_city', '')}",
            "get",
        ),
        # Proposals (issue 14): six delegates of one session writing and submitting at once
        # (numbers under the session's lock), six confirming the same invitations at once.
        Scenario(
            "proposal_submit",
            "6 delegates writing and submitting proposals (2 POSTs)",
            "proposal_writers",
            f"/congress/proposals/write/{p['proposal_session']}/",
            proposals.PROPOSE,
            (WRITERS,),
        ),
        Scenario(
            "proposal_cosign",
            "6 delegates confirming the same invitations (POST)",
            "cosigners",
            "/congress/proposals/",
            proposals.COSIGN,
            (WRITERS,),
        ),
        # Elections (issue 15): every delegate of one school's round voting at once, each
        # submitting twice; nothing lost, nothing doubled (bench/elections.py).
        Scenario(
            "vote_burst",
            "every delegate of a round voting, 6 at once (POST, then again)",
            "voters",
            f"/congress/elections/rounds/{p['vote_round']}/ballot/",
            elections.VOTE,
            (WRITERS,),
        ),
    ]


_counter = itertools.count(1)


def operation(scenario: Scenario, category_id: int, p: dict[str, Any] | None = None) -> Operation:
    if scenario.kind == elections.VOTE:
        q = p or {}
        return elections.vote(q["vote_round"], q["vote_candidates"], q["voters"])
    if scenario.kind == proposals.PROPOSE:
        return proposals.propose((p or {})["proposal_session"])
    if scenario.kind == proposals.COSIGN:
        return proposals.cosign((p or {})["cosign_proposals"])
    if scenario.kind == "get":
        return lambda s: timed(s, "GET", scenario.path, None, OK_GET)
    if scenario.kind == "post":
        return lambda s: timed(
            s,
            "POST",
            scenario.path,
            {"csrfmiddlewaretoken": s.cookies.get("csrftoken", ""), "n": "1"},
            OK_POST,
        )
    if scenario.kind == "write":
        return _write(scenario.path, category_id)
    return _submit(scenario.path, category_id)


POST_LATENCIES: list[float] = []  # the submission POSTs alone (list.append is atomic)


def _form(token: str, category_id: int) -> dict[str, str]:
    n = next(_counter)
    return {
        "csrfmiddlewaretoken": token,
        "category": str(category_id),
        "title": f"压测诉求{n}：宿舍热水供应不稳定",
        "description": "晚上十点以后热水时有时无，影响同学洗漱，希望尽快检修。",
        "place": "学生公寓",
        "publication_consent": "on",
    }


def _write(path: str, category_id: int) -> Operation:
    """The submission POST alone, with the session's CSRF cookie as its token (as the
    ceiling POST): the writes follow each other as fast as the server takes them. The
    success message the redirect carries is dropped, as a browser showing it would."""

    def run(session: Session) -> tuple[bool, float, int | None]:
        session.cookies.pop("messages", None)
        form = _form(session.cookies.get("csrftoken", ""), category_id)
        ok, latency, queries = timed(session, "POST", path, form, OK_SUBMIT)
        POST_LATENCIES.append(latency)
        return ok, latency, queries

    return run


def _submit(path: str, category_id: int) -> Operation:
    """As a browser: GET the form (for its CSRF token), then POST it; latency is the pair.
    The POST's own latency goes to POST_LATENCIES (how the pair's time splits)."""

    def run(session: Session) -> tuple[bool, float, int | None]:
        started = time.perf_counter()
        try:
            token = session.token(path)
        except OSError:
            return False, time.perf_counter() - started, None
        ok, latency, queries = timed(session, "POST", path, _form(token, category_id), OK_SUBMIT)
        POST_LATENCIES.append(latency)
        return ok, time.perf_counter() - started, queries

    return run


def sessions_for(
    scenario: Scenario,
    personas: dict[str, Any],
    port: int,
    count: int,
    login: Callable[[Session, dict[str, str]], None],
) -> list[Session]:
    if scenario.persona == ANONYMOUS:
        return [_anonymous(port) for _ in range(count)]
    chosen = personas[scenario.persona]  # one login, or a list (one per connection)
    people = chosen if isinstance(chosen, list) else [chosen]
    sessions = []
    for index in range(count):
        session = Session(port)
        login(session, people[index % len(people)])
        sessions.append(session)
    return sessions


def _anonymous(port: int) -> Session:
    """No login: the login form's GET only, for the csrftoken cookie a POST needs."""
    session = Session(port)
    session.token("/accounts/login/")
    if "csrftoken" not in session.cookies:
        raise RuntimeError("the login form set no csrftoken cookie")
    return session
