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
from django.utils import timezone

from tongxin.accounts.models import Membership, Role
from tongxin.accounts.services import system_actor
from tongxin.audit import services as audit
from tongxin.audit.registry import is_registered
from tongxin.core.errors import DomainError
from tongxin.demo.build import build_demo
from tongxin.orgs.models import Node
from tongxin.rights.models import Issue
from tongxin.staff.models import AcademicRecord, AcademicUpload, Window
from tongxin.stats.fold import rollups_reset

from . import tables
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
    """Three windows of one term for every active officer, written through one upload per
    school (uploaded by the system actor)."""
    rng = random.Random(seed)
    officers = list(
        Membership.objects.active()
        .filter(role=Role.OFFICER)
        .order_by("user_id")
        .values_list("user_id", "school_id")
        .distinct()
    )
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


def _summaries(counts: dict[str, int], scale: Scale) -> int:
    if not is_registered("bench.data.generated"):
        return 0
    actor = system_actor()
    per_school = Counter(Issue.objects.values_list("school_id", flat=True).iterator(50_000))
    for school in Node.objects.filter(pk__in=per_school).order_by("pk"):
        audit.record(
            actor=actor,
            action="bench.data.generated",
            target=school,
            data={"scale": scale.name, "issues": per_school[school.pk]},
        )
    return len(per_school)


def _fold(now: datetime.datetime) -> Any:
    """The statistics app's own fold, in large batches (it stops when nothing is left)."""
    from tongxin.stats.fold import fold_rights_activity

    return fold_rights_activity(now=now, batch=50_000, max_batches=10_000)


def _no_demo_issues() -> dict[str, Any]:
    """The demo may write a year of issues of its own; the benchmark writes its own instead."""
    import inspect

    return {"issues": 0} if "issues" in inspect.signature(build_demo).parameters else {}


def generate(scale: Scale, *, seed: int = SEED, echo: Callable[[str], None]) -> GenerateReport:
    from django.db import connection

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
            **_no_demo_issues(),
        ),
    )
    report.counts |= {
        k: v for k, v in demo.counts.items() if k in {"schools", "users", "students", "officers"}
    }
    echo(f"province: {report.seconds['province']:.1f} s, {report.counts}")
    world = load_world()
    now = timezone.now().replace(microsecond=0)
    writer = IssueWriter(world, seed=seed, now=now, years=scale.years)
    report.counts |= _timed(report, "issues", lambda: writer.write(scale.issues))
    echo(f"issues: {report.seconds['issues']:.1f} s, {writer.counts}")
    with transaction.atomic():
        _timed(report, "rollups", lambda: (rollups_reset(), _fold(timezone.now())))
    echo(f"rollups: {report.seconds['rollups']:.1f} s")
    with transaction.atomic():
        report.counts["academic_records"] = _timed(
            report, "academic", lambda: _academic_records(seed)
        )
        report.counts["audit_summaries"] = _summaries(report.counts, scale)
    report.database_bytes = tables.database_size()
    return report
