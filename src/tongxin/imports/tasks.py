"""Background work: run an uploaded import job (queued by `import_job_create`)."""

from django_tasks import task

from .models import ImportJob


@task()
def run_import_job(job_id: int) -> str:
    from .services import import_job_run

    job = ImportJob.objects.select_related("school", "uploaded_by").filter(pk=job_id).first()
    if job is None:
        return "missing"
    # The uploader is the actor: the import is their act, checked again when it runs.
    return import_job_run(actor=job.uploaded_by, job=job).status
