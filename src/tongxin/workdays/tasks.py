from django.db import transaction
from django.urls import reverse
from django_tasks import task


@task()
def warn_missing_calendar_year(year: int) -> int:
    """Tell the province's federation admins that deadlines in `year` count Monday–Friday."""
    from tongxin.accounts.models import Membership, Role
    from tongxin.notifications.services import notify

    admins = [
        m.user
        for m in Membership.objects.active()
        .filter(role=Role.FEDERATION_ADMIN)
        .select_related("user")
    ]
    with transaction.atomic():
        sent = notify(
            recipients=admins,
            verb="workdays.year.missing",
            title=f"{year} 年的节假日安排尚未录入",
            body=(
                f"系统正在计算 {year} 年的办理期限，但尚未录入该年的法定节假日与调休上班日，"
                "暂按周一至周五计算。请在国务院办公厅公布安排后尽快录入。"
            ),
            url=reverse("workdays:calendar"),
        )
    return len(sent)


@task()
def recount_deadlines(year: int, actor_id: int) -> int:
    """After a calendar year was saved: count its open deadlines again (deadlines.py)."""
    from tongxin.accounts.models import User

    from .services import deadlines_recount

    return deadlines_recount(actor=User.objects.get(pk=actor_id), year=year)
