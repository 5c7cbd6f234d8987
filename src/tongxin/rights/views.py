"""Pages of the rights desk: parse input → one selector → one service → render."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.forms import form_errors
from tongxin.core.pagination import MAX_PAGE, PAGE_SIZE, page_number, paginate

from . import selectors, services
from .actions import ACTIONS, action_form, refuse
from .forms import QueueFilterForm, SubmitForm, UnsealForm
from .models import Issue, Status
from .presenters import available_actions, detail_context


def _issue(request: AuthenticatedRequest, pk: int) -> Issue:
    try:
        return selectors.issue_get_for(actor=request.user, pk=pk)
    except Issue.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def submit_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "rights.submit_issue"):
        raise PermissionDenied
    form = SubmitForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            issue = services.issue_submit(
                actor=request.user,
                category=d["category"],
                title=d["title"],
                description=d["description"],
                place=d["place"],
                anonymous=d["anonymous"],
                publication_consent=d["publication_consent"],
                photo_files=d["photos"],
            )
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已提交，学生会将在 24 小时内回复。")
            return redirect("rights:issue-detail", pk=issue.pk)
    return render(request, "rights/submit.html", {"form": form})


@login_required
def mine_view(request: AuthenticatedRequest) -> HttpResponse:
    mine = selectors.my_issues(actor=request.user, fields=selectors.MINE_ROW_FIELDS)
    page = paginate(mine, page_number(request))
    return render(request, "rights/mine.html", {"page": page})


@login_required
def detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    return render(request, "rights/detail.html", detail_context(issue, request.user))


def _refused(request: AuthenticatedRequest, pk: int, name: str, form: Any) -> HttpResponse:
    """The issue page again, the refused form kept as typed with its errors on top. The
    issue is read afresh: a refusal may come from a change made meanwhile."""
    issue = _issue(request, pk)
    if name == "unseal" or name in available_actions(issue, request.user):
        return render(
            request, "rights/detail.html", detail_context(issue, request.user, {name: form})
        )
    messages.error(request, form_errors(form))  # the action went with the change
    return render(request, "rights/detail.html", detail_context(issue, request.user))


@login_required
@require_POST
def action_view(request: AuthenticatedRequest, pk: int, action: str) -> HttpResponse:
    issue = _issue(request, pk)
    spec = ACTIONS.get(action)
    if spec is None:
        raise Http404
    form = action_form(action, issue, request.POST)
    if not form.is_valid():
        return _refused(request, pk, action, form)
    if action == "withdraw" and not form.cleaned_data["confirm"]:
        return render(request, "rights/withdraw_confirm.html", {"issue": issue})
    try:
        spec.run(request.user, issue, form.cleaned_data)
    except DomainError as exc:
        refuse(form, exc)
        return _refused(request, pk, action, form)
    messages.success(request, str(spec.done))
    return redirect("rights:issue-detail", pk=issue.pk)


@login_required
@require_POST
def unseal_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    issue = _issue(request, pk)
    form = UnsealForm(request.POST, auto_id="unseal-%s")
    if form.is_valid():
        try:
            services.issue_unseal(
                actor=request.user, issue=issue, reason=form.cleaned_data["reason"]
            )
        except DomainError as exc:
            refuse(form, exc)
        else:
            return redirect("rights:issue-detail", pk=issue.pk)
    return _refused(request, pk, "unseal", form)


def _queue_filter(request: AuthenticatedRequest) -> selectors.QueueFilter:
    form = QueueFilterForm(request.GET)
    if not form.is_valid():  # the bad fields are left out of the filter, and named
        messages.error(request, form_errors(form))
    d: dict[str, Any] = form.cleaned_data
    status = d.get("status") or ""
    return selectors.QueueFilter(
        status=status if status in Status.values else "",
        category=d.get("category"),
        college=d.get("college"),
        overdue=bool(d.get("overdue")),
        before=d.get("before"),
    )


@login_required
def queue_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "rights.view_queue"):
        raise PermissionDenied
    f = _queue_filter(request)
    queue = selectors.queue_for(actor=request.user, f=f).only(*selectors.QUEUE_ROW_FIELDS)
    rows = list(queue[: selectors.QUEUE_PAGE + 1])
    has_next = len(rows) > selectors.QUEUE_PAGE
    rows = rows[: selectors.QUEUE_PAGE]
    query = request.GET.copy()
    query.pop("before", None)
    return render(
        request,
        "rights/queue.html",
        {
            "rows": rows,
            "filter": f,
            "has_next": has_next,
            "next_before": rows[-1].pk if rows else None,
            "query": query.urlencode(),
            "statuses": Status.choices,
            "categories": selectors.category_choices(),
            "colleges": selectors.colleges_for_queue(actor=request.user),
            # Bulk assignment is offered under the rows only: no rows, no roster.
            "officers": selectors.queue_officers(actor=request.user) if rows else [],
        },
    )


@login_required
@require_POST
def bulk_view(request: AuthenticatedRequest) -> HttpResponse:
    """Bulk accept or bulk assign; each issue goes through its own service call."""
    if not can(request.user, "rights.view_queue"):
        raise PermissionDenied
    from .bulk import run_bulk

    done, failed = run_bulk(request.user, request.POST)
    if done:
        messages.success(request, f"已处理 {done} 条。")
    for line in failed:
        messages.error(request, line)
    return redirect("rights:queue")


@login_required
def inbox_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "rights.view_inbox"):
        raise PermissionDenied
    done = request.GET.get("done") == "1"
    number = page_number(request)
    # The walks read the rows up to this page's and one more (paginate's OFFSET + LIMIT).
    first = min(number, MAX_PAGE) * PAGE_SIZE + 1
    page = paginate(selectors.inbox_for(actor=request.user, include_done=done, first=first), number)
    return render(
        request,
        "rights/inbox.html",
        {"page": page, "done": done, "query": "done=1" if done else ""},
    )


@login_required
def wall_view(request: AuthenticatedRequest) -> HttpResponse:
    if not can(request.user, "rights.view_wall"):
        raise PermissionDenied
    page = paginate(selectors.wall_for(actor=request.user), page_number(request))
    return render(request, "rights/wall.html", {"page": page})


@login_required
def photo_view(request: AuthenticatedRequest, pk: int) -> FileResponse:
    photo = selectors.photo_get_for(actor=request.user, pk=pk)
    if photo is None:
        raise Http404
    return FileResponse(photo.image.open("rb"), content_type="image/jpeg")


@login_required
def similar_view(request: AuthenticatedRequest) -> HttpResponse:
    """htmx partial under the title field: similar open issues of the school (title and
    state only, never the writer), each with a "我也遇到" button."""
    if not can(request.user, "rights.submit_issue") or request.user.school_id is None:
        raise PermissionDenied
    from .similarity import similar_open_issues

    title = request.GET.get("title", "")[:60]
    found = similar_open_issues(school_id=request.user.school_id, title=title)
    return render(request, "rights/_similar.html", {"similar": found})


@login_required
@require_POST
def support_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """我也遇到 from the similar-issues list (htmx) or a plain form."""
    issue = selectors.supportable_get(actor=request.user, pk=pk)
    if issue is None:
        raise Http404
    try:
        services.issue_support(actor=request.user, issue=issue)
        message = "已附议：我也遇到。学生会会优先处理附议多的诉求。"
    except DomainError as exc:
        message = exc.message
    if request.headers.get("HX-Request"):
        return HttpResponse(
            f'<span class="small text-success" data-testid="supported">{message}</span>'
        )
    messages.info(request, message)
    return redirect("rights:my-issues")
