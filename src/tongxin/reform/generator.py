"""The self-assessment in a generated province (the demo's 演示省, the bench's):

    last year's and this year's tables 一 and 二 (seed_catalogue)
    a few school unions keep a standing centre (a department renamed …中心)
    ──► the computing pass over every union, as the worker runs it (system actor, `on` dates)
    ──► item 1 (yes/no) and the items of years before Tongxin (selection path, presidium
        elected) confirmed from evidence for most unions (bulk rows, the advisor deciding)
    the first school (YS001) this year ──► walked through the services: item 1 confirmed for
        the school union, claims waiting for the advisor (the graduate union's, the printed
        league secretary's college union's, a selection item of the past), one rejected with
        a reason, and the school union's explanation of its department limit

The rest of the failures come from the province as generated: unions over a limit
(rosters.py), congresses overdue (the congress stories), officers' grades.

    counts = write_reform(written, day, logins)
"""

import datetime
from typing import Any

from tongxin.accounts.models import Membership, Role
from tongxin.accounts.services import system_actor
from tongxin.orgs.models import Node, NodeKind
from tongxin.staff.calendar import academic_year_of
from tongxin.staff.models import Department
from tongxin.workdays.calendar import local_zone

from .facts import judgement_day
from .models import (
    Catalogue,
    Check,
    Evidence,
    EvidenceState,
    Level,
    Result,
    Source,
)
from .review_generator import write_review
from .seed import seed_catalogue
from .services.evidence import evidence_confirm, evidence_reject, evidence_submit, result_explain
from .services.results import results_refresh

BATCH = 1000
CENTRE = "志愿服务中心"
CENTRE_EVERY = 9  # one school union in nine keeps a standing centre
SKIP_EVERY = 5  # one union in five has not filed item 1 (pending)
PAST_SKIP_EVERY = 3  # one union in three has no evidence of the past (the item fails)
PAST_CHECKS = (Check.SELECTION_PATH, Check.PRESIDIUM_ELECTED)
ITEM_1_TEXT = (
    "学生会坚持服务同学，未承担宿舍管理、文明督查、安全保卫等行政职能；附校团委出具的说明。"
)
PAST_TEXT = (
    "相关工作人员于平台上线前经院级团组织推荐、联合审查产生（主席团由代表大会选举），"
    "附当年名单和会议纪要。"
)


def write_reform(written: Any, day: Any, logins: list[Any]) -> dict[str, int]:
    """Write the self-assessment of the whole province; counts by kind for the audit."""
    province: Node = written.province
    this = academic_year_of(day.today)
    catalogues = [seed_catalogue(year, level) for year in (this - 1, this) for level in Level]
    _centres(province)
    actor, results = system_actor(), 0
    for catalogue in catalogues:
        on = judgement_day(catalogue.academic_year, day.today)
        results += results_refresh(actor=actor, catalogue=catalogue, on=on).results
    first = _first_school(province)
    people, confirmed = _people(province), 0
    for catalogue in catalogues:
        skip = first.pk if first is not None and catalogue.academic_year == this else None
        confirmed += _confirmed_in_bulk(catalogue, people, day, skip_school=skip)
    walked = _first_school_story(first, catalogues, logins, day) if first else 0
    counts = {"reform_results": results, "reform_evidence": confirmed + walked}
    # Issue 17: the review chain, disclosures, ratings, letters, rectification, call-ins.
    return counts | write_review(written, day, logins)


def _first_school(province: Node) -> Node | None:
    schools = Node.objects.filter(kind=NodeKind.SCHOOL, path__startswith=province.path)
    return schools.order_by("code").first()


def _centres(province: Node) -> None:
    """A standing centre in one school union of CENTRE_EVERY: its last department renamed."""
    unions = Node.objects.filter(
        kind=NodeKind.SCHOOL_UNION, path__startswith=province.path
    ).order_by("path")
    chosen = list(unions.values_list("pk", flat=True))[1::CENTRE_EVERY]
    last: dict[int, int] = {}
    rows = Department.objects.filter(union_id__in=chosen, is_active=True).order_by("union_id", "pk")
    for union_id, pk in rows.values_list("union_id", "pk"):
        last[union_id] = pk
    Department.objects.filter(pk__in=list(last.values())).update(name=CENTRE)


def _people(province: Node) -> tuple[dict[int, int], dict[int, int]]:
    """The first officer of every union (its president first) and every school's advisor."""
    officers: dict[int, int] = {}
    rows = (
        Membership.objects.active()
        .filter(role=Role.OFFICER, node__path__startswith=province.path)
        .order_by("node_id", "position", "pk")
        .values_list("node_id", "user_id")
    )
    for node_id, user_id in rows:
        officers.setdefault(node_id, user_id)
    advisors: dict[int, int] = {}
    rows = (
        Membership.objects.active()
        .filter(role=Role.ADVISOR, node__path__startswith=province.path)
        .order_by("pk")
        .values_list("school_id", "user_id")
    )
    for school_id, user_id in rows:
        advisors.setdefault(school_id, user_id)
    return officers, advisors


def _moment(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=local_zone())


def _confirmed_in_bulk(
    catalogue: Catalogue,
    people: tuple[dict[int, int], dict[int, int]],
    day: Any,
    *,
    skip_school: int | None,
) -> int:
    """Item 1 and the items of the past confirmed from evidence for most unions (bulk)."""
    officers, advisors = people
    on = judgement_day(catalogue.academic_year, day.today)
    submitted = _moment(min(on, day.today) - datetime.timedelta(days=20), 10)
    decided = _moment(min(on, day.today) - datetime.timedelta(days=15), 15)
    rows = (
        Result.objects.filter(catalogue=catalogue)
        .exclude(school_id=skip_school)
        .select_related("indicator")
        .order_by("union_id", "indicator__number")
    )
    evidence: list[Evidence] = []
    confirmed: list[int] = []
    for result in rows.iterator(chunk_size=BATCH):
        if not _files(result, result.union_id):
            continue
        officer, advisor = officers.get(result.union_id), advisors.get(result.school_id)
        if officer is None or advisor is None:
            continue
        past = result.indicator.computes in PAST_CHECKS
        evidence.append(
            Evidence(
                result_id=result.pk,
                school_id=result.school_id,
                claim_passed=True,
                text=PAST_TEXT if past else ITEM_1_TEXT,
                state=EvidenceState.CONFIRMED,
                submitted_by_id=officer,
                submitted_at=submitted,
                decided_by_id=advisor,
                decided_at=decided,
            )
        )
        confirmed.append(result.pk)
    Evidence.objects.bulk_create(evidence, batch_size=BATCH)
    Result.objects.filter(pk__in=confirmed).update(passed=True, source=Source.EVIDENCE)
    return len(evidence)


def _files(result: Result, union_id: int) -> bool:
    """Whether the union filed (and the advisor confirmed) evidence for this result."""
    if result.indicator.number == 1:
        return union_id % SKIP_EVERY != 0
    if result.indicator.computes in PAST_CHECKS and result.computed_passed is not True:
        return union_id % PAST_SKIP_EVERY != 0
    return False


def _first_school_story(
    school: Node, catalogues: list[Catalogue], logins: list[Any], day: Any
) -> int:
    """This year's evidence of YS001 through the services, as its people would file it."""
    this = max(c.academic_year for c in catalogues)
    current = [c for c in catalogues if c.academic_year == this]
    officers, advisors = _people(school)
    advisor_id = advisors.get(school.pk)
    if advisor_id is None:
        return 0
    users = _users({*officers.values(), advisor_id, *_secretaries(school).values()})
    advisor = users[advisor_id]
    unions = list(Node.objects.filter(school=school, kind__in=list(_UNION_ORDER)).order_by("path"))
    unions.sort(key=lambda u: _UNION_ORDER[u.kind])
    secretaries = _secretaries(school)
    written = 0
    for position, union in enumerate(unions):
        catalogue = next(c for c in current if c.level == _level(union))
        filer_id = _filer(union, officers, secretaries)
        if filer_id is None:
            continue
        written += _walk(position, union, catalogue, users[filer_id], advisor)
    return written


_UNION_ORDER: dict[str, int] = {
    NodeKind.SCHOOL_UNION: 0,
    NodeKind.GRADUATE_UNION: 1,
    NodeKind.COLLEGE_UNION: 2,
}


def _level(union: Node) -> str:
    return Level.COLLEGE if union.kind == NodeKind.COLLEGE_UNION else Level.SCHOOL


def _secretaries(school: Node) -> dict[int, int]:
    """The league secretary of each college (college node id → user id)."""
    found: dict[int, int] = {}
    rows = (
        Membership.objects.active()
        .filter(role=Role.COLLEGE_SECRETARY, school=school)
        .order_by("user__number", "pk")
        .values_list("node_id", "user_id")
    )
    for node_id, user_id in rows:
        found.setdefault(node_id, user_id)
    return found


def _filer(union: Node, officers: dict[int, int], secretaries: dict[int, int]) -> int | None:
    """A college union's claims come from its college's league secretary (the printed one
    for the first college), the others' from their president."""
    if union.kind == NodeKind.COLLEGE_UNION and union.parent_id in secretaries:
        return secretaries[union.parent_id]
    return officers.get(union.pk)


def _users(ids: set[int]) -> dict[int, Any]:
    from tongxin.accounts.models import User

    return User.objects.in_bulk(list(ids))


def _result(catalogue: Catalogue, union: Node, number: int) -> Result | None:
    return (
        Result.objects.filter(catalogue=catalogue, union=union, indicator__number=number)
        .select_related("indicator", "union", "catalogue")
        .first()
    )


def _walk(position: int, union: Node, catalogue: Catalogue, filer: Any, advisor: Any) -> int:
    """The story of the union at `position` (school union, graduate union, colleges)."""
    item_1 = _result(catalogue, union, 1)
    if item_1 is None:
        return 0
    evidence = evidence_submit(
        actor=filer,
        result=item_1,
        expected_version=item_1.version,
        claim_passed=True,
        claim_value="",
        text=ITEM_1_TEXT,
    )
    if position == 0:  # the school union: confirmed, and its explanation of item 5
        evidence_confirm(
            actor=advisor,
            evidence=evidence,
            expected_version=item_1.version + 1,
            note="已核实，同意。",
        )
        _explain(union, catalogue, filer)
    elif position == 3:  # a college union's claim not accepted
        evidence_reject(
            actor=advisor,
            evidence=evidence,
            expected_version=item_1.version + 1,
            note="说明未加盖学院团委公章，请补充后重新提交。",
        )
    elif position == 4:
        return 1 + _past_claim(union, catalogue, filer)
    return 1


def _explain(union: Node, catalogue: Catalogue, officer: Any) -> None:
    for number in (5, 3, 4):
        result = _result(catalogue, union, number)
        if result is not None and result.passed is False:
            result_explain(
                actor=officer,
                result=result,
                expected_version=result.version,
                text="生活服务部将于本学期末并入权益服务部，届时部门数为 6 个。",
            )
            return


def _past_claim(union: Node, catalogue: Catalogue, filer: Any) -> int:
    """A claim that officers predating Tongxin were selected through the path (waiting)."""
    result = (
        Result.objects.filter(
            catalogue=catalogue, union=union, indicator__computes=Check.SELECTION_PATH
        )
        .select_related("indicator", "union", "catalogue")
        .first()
    )
    if result is None or result.computed_passed is True:
        return 0
    evidence_submit(
        actor=filer,
        result=result,
        expected_version=result.version,
        claim_passed=True,
        claim_value="",
        text=PAST_TEXT,
    )
    return 1
