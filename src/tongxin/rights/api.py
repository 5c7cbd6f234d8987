"""The rights desk as JSON: submit, list mine, the queue, detail, every transition."""

from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja import Status as Reply
from ninja.errors import HttpError

from tongxin.core.authz import can
from tongxin.core.forms import form_errors
from tongxin.core.http import Id

from . import selectors, services
from .actions import ACTIONS, action_form
from .models import Issue, Status
from .presenters import available_actions
from .rules import reporter_id
from .schemas import ActionIn, EventOut, IssueDetailOut, IssueOut, IssuePage, SubmitIn

router = Router(tags=["rights"])
NOT_FOUND = "不存在或不在您的查看范围内。"


def _out(issue: Issue, viewer: Any) -> dict[str, Any]:
    writer = "我" if reporter_id(issue) == viewer.pk else selectors.reporter_label(issue, viewer)
    return {
        "id": issue.pk,
        "title": issue.title,
        "description": issue.description,
        "category": issue.category.name,
        "status": issue.status,
        "status_label": str(Status(issue.status).label),
        "version": issue.version,
        "writer": writer,
        "is_anonymous": issue.is_anonymous,
        "due_at": issue.due_at,
        "supporters": issue.supporters_count,
        "answer": issue.answer,
        "feedback": issue.feedback,
        "rating": issue.rating,
        "created_at": issue.created_at,
    }


def _get(request: HttpRequest, pk: int) -> Issue:
    try:
        return selectors.issue_get_for(actor=request.user, pk=pk)
    except Issue.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


@router.post("/issues", response={201: IssueOut})
def submit(request: HttpRequest, body: SubmitIn) -> Any:
    category = selectors.categories().filter(pk=body.category).first()
    if category is None:
        raise HttpError(400, "未知的类别。")
    user: Any = request.user
    issue = services.issue_submit(
        actor=user,
        category=category,
        title=body.title,
        description=body.description,
        place=body.place,
        anonymous=body.anonymous,
        publication_consent=body.publication_consent,
    )
    return Reply(201, _out(issue, request.user))


@router.get("/issues/mine", response=IssuePage)
def mine(request: HttpRequest, before: Id | None = None) -> Any:
    qs = selectors.my_issues(actor=request.user, before=before)
    rows = list(qs[: selectors.QUEUE_PAGE + 1])
    more = len(rows) > selectors.QUEUE_PAGE
    rows = rows[: selectors.QUEUE_PAGE]
    return {
        "items": [_out(i, request.user) for i in rows],
        "next_before": rows[-1].pk if more else None,
    }


@router.get("/queue", response=IssuePage)
def queue(
    request: HttpRequest,
    status: str = "",
    category: Id | None = None,
    college: Id | None = None,
    overdue: bool = False,
    before: Id | None = None,
) -> Any:
    if not can(request.user, "rights.view_queue"):
        raise HttpError(403, "无权查看受理队列。")
    f = selectors.QueueFilter(
        status=status if status in Status.values else "",
        category=category,
        college=college,
        overdue=overdue,
        before=before,
    )
    rows = list(selectors.queue_for(actor=request.user, f=f)[: selectors.QUEUE_PAGE + 1])
    more = len(rows) > selectors.QUEUE_PAGE
    rows = rows[: selectors.QUEUE_PAGE]
    return {
        "items": [_out(i, request.user) for i in rows],
        "next_before": rows[-1].pk if more else None,
    }


@router.get("/issues/{issue_id}", response=IssueDetailOut)
def detail(request: HttpRequest, issue_id: int) -> Any:
    issue = _get(request, issue_id)
    student_view = reporter_id(issue) == request.user.pk and not can(
        request.user, "rights.handle_issue", issue
    )
    timeline = [
        EventOut(kind=e.kind, label=e.kind_label, actor=e.actor_label, text=e.text, at=e.created_at)
        for e in selectors.timeline_for(issue, student_view=student_view)
    ]
    return {
        **_out(issue, request.user),
        "timeline": timeline,
        "actions": available_actions(issue, request.user),
    }


@router.post("/issues/{issue_id}/{action}", response=IssueOut)
def act(request: HttpRequest, issue_id: int, action: str, body: ActionIn) -> Any:
    issue = _get(request, issue_id)
    spec = ACTIONS.get(action)
    if spec is None:
        raise HttpError(404, "未知的操作。")
    data = body.dict()
    if data.get("version") is None and "version" in spec.form.base_fields:
        raise HttpError(400, "缺少 version（当前版本号）。")
    form = action_form(action, issue, data)
    if not form.is_valid():
        raise HttpError(400, form_errors(form))
    user: Any = request.user
    spec.run(user, issue, form.cleaned_data)
    return _out(selectors.issue_get_for(actor=request.user, pk=issue.pk), request.user)
