"""Nightly re-check of every audit chain; a broken chain alerts the province's admins."""

import datetime

from django.db import transaction
from django.urls import reverse
from django_tasks import task

from tongxin.core.periodic import PeriodicJob, register


@task()
def verify_audit_chains() -> int:
    from tongxin.accounts.models import Membership, Role
    from tongxin.notifications.services import notify

    from .services import verify_chains

    checked, problems = verify_chains()
    if problems:
        admins = [
            m.user
            for m in Membership.objects.active()
            .filter(role=Role.FEDERATION_ADMIN)
            .select_related("user")
        ]
        lines = [f"{p.chain} #{p.event_id}：{p.reason}" for p in problems]
        with transaction.atomic():
            notify(
                recipients=admins,
                verb="audit.chain.broken",
                title="审计链校验失败",
                body="\n".join(lines),
                url=reverse("audit:event-list"),
            )
    return checked


register(
    PeriodicJob(name="audit-verify", every=datetime.timedelta(days=1), task=verify_audit_chains)
)
