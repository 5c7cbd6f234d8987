"""`tongxin bench generate`: build_demo's province (people, no demo issues), then the
scale's issues, the statistics rollups, officers' academic records and one audit event
per school summing up what was generated for it.

The audit trail is not one event per generated issue: each school's chain gets a single
"bench.data.generated" event with its counts (docs/performance.md says so)."""

import datetime
import random
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count

from tongxin.accounts.models import Membership, Role
from tongxin.accounts.services import system_actor
from tongxin.audit import services as audit
from tongxin.audit.registry import is_registered
from tongxin.core.errors import DomainError
from tongxin.demo.build import build_demo
from tongxin.demo.clock import build_day
from tongxin.orgs.models import Node
from tongxin.rights.models import Issue
from tongxin.staff.models import AcademicRecord, AcademicUpload, Window
from tongxin.stats.fold import rollups_reset

from . import tables
from .personas import persona_union
from .scales import Scale
from .world import load_world
from .writer import IssueWriter

SEED = 20_260_501
TERM = "2025-2026-1"


@dataclass
class GenerateReport:
    scale: str
    engine: str
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    database_bytes: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {
            "scale": self.scale,
            "engine": self.engine,
            "counts": self.counts,
            "seconds": {k: round(v, 1) for k, v in self.seconds.items()},
            "total_seconds": round(sum(self.seconds.values()), 1),
            "database_bytes": self.database_bytes,
        }


def _timed(report: GenerateReport, step: str, run: Callable[[], Any]) -> Any:
    started = time.monotonic()
    result = run()
    report.seconds[step] = time.monotonic() - started
    return result


def _academic_records(seed: int) -> int:
    """Three windows of one term for every active officer the province has no academic
    record of yet (the demo may write grades itself), through one upload per school
    (uploaded by the system actor)."""
    rng = random.Random(seed)
    graded = AcademicRecord.objects.values("student_id")
    officers = list(
        Membership.objects.active()
        .filter(role=Role.OFFICER)
        .exclude(user_id__in=graded)
        .order_by("user_id")
        .values_list("user_id", "school_id")
        .distinct()
    )
    if not officers:
        return 0
    actor = system_actor()
    uploads = {
        school: AcademicUpload.objects.create(
            school_id=school, uploaded_by=actor, term=TERM, file_name="bench.xlsx", rows=rows * 3
        ).pk
        for school, rows in sorted(Counter(s for _u, s in officers).items())
    }
    table = tables.Table(AcademicRecord)
    rows = []
    for user_id, school_id in officers:
        cohort = rng.randint(60, 400)
        for window in Window.values:
            rows.append(
                table.row(
                    {
                        "school_id": school_id,
                        "student_id": user_id,
                        "upload_id": uploads[school_id],
                        "term": TERM,
                        "window": window,
                        "rank": rng.randint(1, cohort),
                        "cohort_size": cohort,
                        "failed_outstanding": 1 if rng.random() < 0.05 else 0,
                    }
                )
            )
    table.attnames.remove("id")
    table.columns.remove("id")
    rows = [row[1:] for row in rows]  # the database numbers these rows itself
    return tables.write(table, rows)


def _officer_records() -> dict[str, int]:
    """Active officers, and how many of them have academic records (the issue asks for
    30,000 officers with academic records at province scale)."""
    officers = Membership.objects.active().filter(role=Role.OFFICER).values("user_id")
    return {
        "active_officers": officers.distinct().count(),
        "officers_with_records": AcademicRecord.objects.filter(student_id__in=officers)
        .values("student_id")
        .distinct()
        .count(),
        "academic_records": AcademicRecord.objects.count(),
    }


def _summaries(counts: dict[str, int], scale: Scale) -> int:
    if not is_registered("bench.data.generated"):
        return 0
    actor = system_actor()
    per_school = dict(  # one GROUP BY, not 2,000,000 rows through Python
        Issue.objects.order_by().values_list("school_id").annotate(n=Count("id"))
    )
    for school in Node.objects.filter(pk__in=per_school).order_by("pk"):
        audit.record(
            actor=actor,
            action="bench.data.generated",
            target=school,
            data={"scale": scale.name, "issues": per_school[school.pk]},
        )
    return len(per_school)


def rebuild_statistics(now: datetime.datetime) -> Any:
    """The statistics, rebuilt from the timeline the way the demo rebuilds its own (the
    demo's fold_statistics: the statistics app's bulk rebuild)."""
    from tongxin.demo.statistics import fold_statistics

    rollups_reset()
    return fold_statistics(now)


def _session_for_bulk_load() -> None:
    """This session's commits need not wait for the WAL flush: a crash mid-generation
    loses a generation that has to be rerun anyway (the database must start empty)."""
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit = off")


def _persona_union_id() -> int:
    union = persona_union()
    if union is None:
        raise DomainError("生成的省份中没有校学生会。")
    return union.pk


def _no_demo_issues() -> dict[str, Any]:
    """The demo may write a year of issues of its own; the benchmark writes its own instead."""
    import inspect

    return {"issues": 0} if "issues" in inspect.signature(build_demo).parameters else {}


def generate(
    scale: Scale,
    *,
    seed: int = SEED,
    echo: Callable[[str], None],
    today: datetime.date | None = None,
) -> GenerateReport:
    """The province around `today` (the demo's BuildDay: one day for both generators)."""
    from django.db import connection

    day = build_day(today)

    report = GenerateReport(scale.name, connection.vendor)
    if Issue.objects.exists():
        raise DomainError("数据库中已有权益诉求：请为性能测试使用一个空数据库。")
    demo = _timed(
        report,
        "province",
        lambda: build_demo(
            seed=seed,
            cities=scale.cities,
            schools=scale.schools,
            students=scale.students,
            today=day.today,
            **_no_demo_issues(),
        ),
    )
    report.counts |= {
        k: v for k, v in demo.counts.items() if k in {"schools", "users", "students", "officers"}
    }
    echo(f"province: {report.seconds['province']:.1f} s, {report.counts}")
    world = _timed(report, "world", load_world)
    now = day.now().replace(microsecond=0)
    writer = IssueWriter(world, seed=seed, now=now, years=scale.years)
    _session_for_bulk_load()
    with tables.without_secondary_indexes(list(writer.formats)) as deferred:
        report.counts |= _timed(report, "issues", lambda: writer.write(scale.issues))
        echo(f"issues: {report.seconds['issues']:.1f} s, {writer.counts}")
        report.counts |= writer.backlog(
            _persona_union_id(),
            submitted=scale.backlog_submitted,
            accepted=scale.backlog_accepted,
        )
    report.seconds["indexes"] = deferred.seconds
    echo(
        f"indexes: {deferred.seconds:.1f} s ({len(deferred.indexes)} indexes and "
        f"{len(deferred.foreign_keys)} foreign keys rebuilt after the load, then ANALYZE)"
    )

    def rollups() -> Any:  # timed with its commit (deferred constraint checks run there)
        with transaction.atomic():
            return rebuild_statistics(day.now())

    report.counts["rollup_rows_read"] = _timed(report, "rollups", rollups)
    echo(f"rollups: {report.seconds['rollups']:.1f} s")

    def academic() -> int:
        with transaction.atomic():
            return _academic_records(seed)

    report.counts["academic_records_added"] = _timed(report, "academic", academic)
    with transaction.atomic():
        report.counts |= _officer_records()
        report.counts["audit_summaries"] = _timed(
            report, "summaries", lambda: _summaries(report.counts, scale)
        )
    if connection.vendor == "postgresql":
        _timed(report, "vacuum", tables.vacuum_analyze)
        echo(f"vacuum: {report.seconds['vacuum']:.1f} s")
    report.database_bytes = tables.database_size()
    echo(f"total: {sum(report.seconds.values()):.1f} s, database {report.database_bytes:,} bytes")
    return report
