"""Bulk accept and bulk assign from the queue: one service call per issue, each in its own
transaction, so one refused issue does not undo the others — every refusal is reported."""

from typing import Any

from django.http import QueryDict

from tongxin.accounts.models import User
from tongxin.core.errors import DomainError, NotAllowed

from . import services
from .selectors import issue_list_for, person_of_school

MAX_BULK = 50


def _targets(actor: User, data: QueryDict) -> list[Any]:
    ids = [int(x) for x in data.getlist("issues") if x.isdigit()][:MAX_BULK]
    return list(issue_list_for(actor=actor).filter(pk__in=ids).order_by("pk"))


def _number(value: str | None) -> int:
    return int(value) if value and value.isdigit() else 0


def run_bulk(actor: User, data: QueryDict) -> tuple[int, list[str]]:
    operation = data.get("operation")
    targets = _targets(actor, data)
    if not targets:
        return 0, ["请先勾选诉求。"]
    assignee = None
    if operation == "assign":
        assignee = person_of_school(targets[0].school_id, _number(data.get("assignee")))
        if assignee is None:
            return 0, ["请选择承办人。"]
    done, failed = 0, []
    for issue in targets:
        try:
            if operation == "accept":
                services.issue_accept(
                    actor=actor,
                    issue=issue,
                    expected_version=issue.version,
                    reply=(data.get("reply") or "").strip() or "已收到，我们会尽快办理。",
                )
            elif operation == "assign" and assignee is not None:
                services.issue_assign(
                    actor=actor, issue=issue, expected_version=issue.version, assignee=assignee
                )
            else:
                return 0, ["未知的批量操作。"]
        except (DomainError, NotAllowed) as exc:
            failed.append(f"#{issue.pk} {issue.title}：{getattr(exc, 'message', '无权操作')}")
        else:
            done += 1
    return done, failed
