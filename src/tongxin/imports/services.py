"""Import jobs: an advisor uploads a workbook; the worker checks all of it, then writes all
of it in one transaction, or nothing.

    import_job_create ──► pending ──(worker: import_job_run)──► validating ──┬──► done
                                                                              └──► failed
    failed: nothing was written; `errors` lists every bad cell (sheet, row, column, reason).

Progress is bookkeeping written outside the import's transaction (so the job page can show
it while the worker runs); each outcome is one audited transaction and notifies the uploader.
"""

import logging
import uuid
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from tongxin.accounts.models import User
from tongxin.audit import services as audit
from tongxin.core.authz import authorize
from tongxin.core.errors import NotAllowed
from tongxin.notifications.services import notify
from tongxin.orgs.models import Node

from .cleaning import clean_workbook
from .models import ImportJob
from .planning import plan_roster
from .problems import RowError, file_error, sorted_errors
from .reader import UnreadableWorkbook, read_workbook
from .uploads import check_upload
from .writing import write_plan

logger = logging.getLogger(__name__)
Status = ImportJob.Status
INTERNAL_ERROR = "导入时发生内部错误，未写入任何数据。请联系系统管理员。"


@transaction.atomic
def import_job_create(*, actor: User, school: Node, upload: UploadedFile) -> ImportJob:
    """Store the upload as a pending job and queue it for the worker (after commit)."""
    authorize(actor, "imports.create_job", school)
    check_upload(upload)
    job = ImportJob(school=school, uploaded_by=actor, original_name=(upload.name or "")[-200:])
    job.file.save(f"{school.code}-{uuid.uuid4().hex}.xlsx", upload, save=False)
    job.save()
    audit.record(
        actor=actor,
        action="imports.job.created",
        target=job,
        data={"file": job.original_name, "size": upload.size},
    )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from .tasks import run_import_job

    run_import_job.enqueue(job_id=job_id)


def import_job_run(*, actor: User, job: ImportJob) -> ImportJob:
    """Check the whole file, then write it whole or record why not. Runs once per job."""
    if not _claim(job):
        return job
    try:
        authorize(actor, "imports.run_job", job)
        errors = _import(actor=actor, job=job)
    except NotAllowed:
        errors = [file_error("上传人已不是本校团委老师，导入已取消，未写入任何数据。")]
    except IntegrityError:
        logger.warning("import job %s collided with a concurrent write", job.pk, exc_info=True)
        errors = [
            file_error("导入时有人同时新建了相同学号/工号的账号，未写入任何数据，请重新上传。")
        ]
    except Exception:
        logger.exception("import job %s crashed", job.pk)
        errors = [file_error(INTERNAL_ERROR)]
    if errors:
        _reject_or_give_up(actor=actor, job=job, errors=errors)
    job.refresh_from_db()
    return job


def _reject_or_give_up(*, actor: User, job: ImportJob, errors: list[RowError]) -> None:
    """Record the rejection; should even that fail, still end the job so its page stops
    polling (the plain update is the last resort, without audit or notification)."""
    try:
        _reject(actor=actor, job=job, errors=errors)
    except Exception:
        logger.exception("import job %s could not record its rejection", job.pk)
        ImportJob.objects.filter(pk=job.pk).update(
            status=Status.FAILED,
            progress=100,
            counts={"errors": 1},
            errors=[file_error(INTERNAL_ERROR).as_dict()],
            finished_at=timezone.now(),
        )


def _claim(job: ImportJob) -> bool:
    """pending → validating, atomically: a task delivered twice runs once."""
    claimed = ImportJob.objects.filter(pk=job.pk, status=Status.PENDING).update(
        status=Status.VALIDATING, progress=5
    )
    return claimed == 1


def _progress(job: ImportJob, percent: int) -> None:
    ImportJob.objects.filter(pk=job.pk, status=Status.VALIDATING).update(progress=percent)


def _import(*, actor: User, job: ImportJob) -> list[RowError]:
    """Every problem in the file, or [] once it has been written (and the job marked done)."""
    try:
        with job.file.open("rb") as source:
            raw = read_workbook(
                source, on_sheet=lambda done, total: _progress(job, 5 + 45 * done // total)
            )
    except UnreadableWorkbook as exc:
        return [file_error(str(exc))]
    roster = clean_workbook(raw)
    _progress(job, 60)
    with transaction.atomic():
        # One import per school at a time: the second waits, then sees the first's rows.
        school = Node.objects.select_for_update().get(pk=job.school_id)
        plan, plan_errors = plan_roster(school=school, roster=roster)
        errors = sorted_errors(roster.errors + plan_errors)
        if not errors:
            _finish(actor=actor, job=job, counts=write_plan(plan))
    return errors


def _job_url(job: ImportJob) -> str:
    return reverse("imports:job-detail", args=[job.pk])


def _finish(*, actor: User, job: ImportJob, counts: dict[str, int]) -> None:
    """validating → done, inside the transaction that wrote the roster."""
    job.status, job.progress, job.counts, job.errors = Status.DONE, 100, counts, []
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "counts", "errors", "finished_at"])
    audit.record(
        actor=actor,
        action="imports.roster.imported",
        target=job,
        data={"file": job.original_name, **counts},
    )
    notify(
        recipients=[job.uploaded_by],
        verb="imports.roster.imported",
        title=f"导入完成：{job.original_name}",
        body=job.summary,
        url=_job_url(job),
        school=job.school,
    )


@transaction.atomic
def _reject(*, actor: User, job: ImportJob, errors: list[RowError]) -> None:
    """validating → failed; nothing of the roster was written."""
    counts: dict[str, Any] = {
        "errors": len(errors),
        "bad_rows": len({(e.sheet, e.row) for e in errors if e.row}),
    }
    job.status, job.progress, job.counts = Status.FAILED, 100, counts
    job.errors = [e.as_dict() for e in errors]
    job.finished_at = timezone.now()
    job.save(update_fields=["status", "progress", "counts", "errors", "finished_at"])
    audit.record(
        actor=actor,
        action="imports.roster.rejected",
        target=job,
        data={"file": job.original_name, **counts},
    )
    notify(
        recipients=[job.uploaded_by],
        verb="imports.roster.rejected",
        title=f"导入未通过：{job.original_name}",
        body=job.summary,
        url=_job_url(job),
        school=job.school,
    )
