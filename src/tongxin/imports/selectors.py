"""Reads about import jobs, scoped to the actor in SQL."""

from typing import Any

from django.db.models import QuerySet

from tongxin.accounts.models import Role
from tongxin.accounts.reach import node_scope
from tongxin.core.pagination import Page
from tongxin.orgs.models import Node, NodeKind

from .models import ImportJob

ERRORS_PER_PAGE = 100


def import_job_list_for(*, actor: Any) -> QuerySet[ImportJob]:
    """Jobs of the schools the actor advises, newest first (the error lists stay unloaded)."""
    return (
        ImportJob.objects.filter(node_scope(actor, field="school__", roles=[Role.ADVISOR]))
        .select_related("school", "uploaded_by")
        .defer("errors")
        .order_by("-created_at", "-id")
    )


def import_job_get_for(*, actor: Any, pk: int) -> ImportJob:
    """One job, or ImportJob.DoesNotExist when missing *or* out of reach (views answer 404)."""
    return (
        ImportJob.objects.filter(node_scope(actor, field="school__", roles=[Role.ADVISOR]))
        .select_related("school", "uploaded_by")
        .get(pk=pk)
    )


def import_schools_for(*, actor: Any) -> QuerySet[Node]:
    """The schools the actor may import into."""
    return Node.objects.filter(
        node_scope(actor, roles=[Role.ADVISOR]), kind=NodeKind.SCHOOL
    ).order_by("name")


def import_job_errors_page(job: ImportJob, number: int) -> Page[dict[str, Any]]:
    start = (number - 1) * ERRORS_PER_PAGE
    rows = job.errors[start : start + ERRORS_PER_PAGE + 1]
    return Page(items=rows[:ERRORS_PER_PAGE], number=number, has_next=len(rows) > ERRORS_PER_PAGE)
