"""Pages of the delegates: parse input → one selector → one service → render.

delegates/                      the lists one may open, and sessions to prepare
delegates/<pk>/                 one list: quotas, delegates, checks, notice, objections
delegates/<pk>/<step>/          POST: recount, add, remove, election, import, submit,
                                object, answer, confirm
delegates/<pk>/pdf/             the printable notice
delegates/prepare/<session>/    POST: open the list of an approved session
delegates/mine/                 a delegate's term and duties (phone)
"""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.core.authz import can
from tongxin.core.errors import DomainError
from tongxin.core.pagination import page_number, paginate

from . import delegate_selectors as selectors
from .composition import MIX_TITLES, composition_of
from .delegate_forms import (
    AddDelegateForm,
    AnswerForm,
    ElectionForm,
    ImportForm,
    ObjectionForm,
    form_errors,
)
from .delegate_machine import DELEGATE_LIST, DELEGATE_OBJECTIONS
from .delegate_print import delegate_list_pdf
from .models import DelegateList, DelegateListState
from .services import delegates as services
from .services.delegate_import import delegate_list_import

DUTIES = [
    "出席学生代表大会，听取和审议学生会工作报告，行使选举权和表决权。",
    "联系本单位同学，收集意见建议，按要求提出提案并跟踪办理。",
    "闭会期间参与学生会工作的监督和评议。",
    "遵守大会纪律，保守会议秘密，任期内保持与同学的联系。",
]


def _require(request: AuthenticatedRequest, perm: str) -> None:
    if not can(request.user, perm):
        raise PermissionDenied


def _list(request: AuthenticatedRequest, pk: int) -> DelegateList:
    try:
        return selectors.delegate_list_get_for(request.user, pk)
    except DelegateList.DoesNotExist as exc:
        raise Http404 from exc


@login_required
def lists_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "congress.open_delegate_lists")
    page = paginate(selectors.delegate_lists_for(request.user), page_number(request))
    return render(
        request,
        "congress/delegates/lists.html",
        {"page": page, "to_prepare": list(selectors.sessions_to_prepare_for(request.user)[:20])},
    )


def detail_context(user: Any, dl: DelegateList) -> dict[str, Any]:
    full = can(user, "congress.view_delegates", dl)
    context: dict[str, Any] = {
        "dl": dl,
        "full": full,
        "members": list(selectors.members_of(dl)),
        "steps": DELEGATE_LIST.allowed(user, dl),
        "editable": dl.state == DelegateListState.DRAFT
        and can(user, "congress.prepare_delegates", dl),
        "can_object": can(user, "congress.object_to_delegates", dl),
        "can_answer": can(user, "congress.resolve_delegate_objection", dl),
        "run_out": dl.state == DelegateListState.NOTICE
        and dl.notice_ends_at is not None
        and timezone.now() > dl.notice_ends_at,
    }
    if full:
        composition = composition_of(dl)
        context |= {
            "quotas": list(dl.quotas.select_related("unit").order_by("unit__name", "unit_id")),
            "composition": composition,
            "mix": [(MIX_TITLES[k], rows) for k, rows in composition.mix.items()],
            "objections": list(DELEGATE_OBJECTIONS.of(dl).select_related("author")[:50]),
        }
    else:
        context["objections"] = list(DELEGATE_OBJECTIONS.of(dl).filter(author_id=user.pk)[:20])
    return context


@login_required
def detail_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dl = _list(request, pk)
    return render(request, "congress/delegates/detail.html", detail_context(request.user, dl))


@login_required
def pdf_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    dl = _list(request, pk)
    if dl.state == DelegateListState.DRAFT:
        raise Http404
    response = HttpResponse(delegate_list_pdf(dl), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="delegates-{dl.pk}.pdf"'
    return response


@login_required
@require_POST
def prepare_view(request: AuthenticatedRequest, session_pk: int) -> HttpResponse:
    session = selectors.sessions_to_prepare_for(request.user).filter(pk=session_pk).first()
    if session is None:
        raise Http404
    try:
        dl = services.delegate_list_prepare(actor=request.user, session=session)
    except DomainError as exc:
        messages.error(request, exc.message)
        return redirect("congress:delegate-lists")
    messages.success(request, "代表名单已建立，名额已按各单位学生数分配。")
    return redirect("congress:delegate-list", dl.pk)


def _version(request: AuthenticatedRequest) -> int:
    try:
        return int(request.POST.get("version", "0"))
    except ValueError:
        return 0


Step = Callable[[AuthenticatedRequest, DelegateList, int], str]


def _form(form: forms.Form, field: str) -> dict[str, Any]:
    if not form.is_valid():
        raise DomainError(form_errors(form), field=field)
    return form.cleaned_data


def _recount(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    services.delegate_list_recount(actor=request.user, delegate_list=dl, expected_version=version)
    return "名额已按最新学生数重算。"


def _add(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    data = _form(AddDelegateForm(request.POST), "number")
    services.delegate_add(
        actor=request.user,
        delegate_list=dl,
        expected_version=version,
        number=data["number"],
        votes=data["votes"],
    )
    return "已录入。"


def _remove(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    try:
        user_id = int(request.POST.get("user", ""))
    except ValueError as exc:
        raise DomainError("请选择要移除的代表。", field="user") from exc
    services.delegate_remove(
        actor=request.user, delegate_list=dl, expected_version=version, user_id=user_id
    )
    return "已移除。"


def _election(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    data = _form(ElectionForm(request.POST), "candidates")
    services.delegate_list_set_election(
        actor=request.user,
        delegate_list=dl,
        expected_version=version,
        election_held=data["election_held"],
        candidates=data["candidates"],
    )
    return "已保存。"


def _import(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    data = _form(ImportForm(request.POST, request.FILES), "file")
    n = delegate_list_import(
        actor=request.user, delegate_list=dl, expected_version=version, stream=data["file"]
    )
    return f"已导入 {n} 名代表。"


def _submit(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    services.delegate_list_submit(actor=request.user, delegate_list=dl, expected_version=version)
    return "代表名单已提交并开始公示。"


def _confirm(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    services.delegate_list_confirm(actor=request.user, delegate_list=dl, expected_version=version)
    return "公示期满，代表名单已确认。"


def _object(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    data = _form(ObjectionForm(request.POST), "text")
    services.delegate_objection_lodge(actor=request.user, delegate_list=dl, text=data["text"])
    return "异议已提交，公示暂停，校团委老师核查后将书面答复您。"


def _answer(request: AuthenticatedRequest, dl: DelegateList, version: int) -> str:
    data = _form(AnswerForm(request.POST), "answer")
    objection = selectors.objection_of(dl, data["objection"])
    if objection is None:
        raise Http404
    services.delegate_objection_resolve(
        actor=request.user,
        objection=objection,
        expected_version=version,
        upheld=data["upheld"],
        answer=data["answer"],
    )
    return "已答复。"


STEP_VIEWS: dict[str, Step] = {
    "recount": _recount,
    "add": _add,
    "remove": _remove,
    "election": _election,
    "import": _import,
    "submit": _submit,
    "confirm": _confirm,
    "object": _object,
    "answer": _answer,
}


@login_required
@require_POST
def step_view(request: AuthenticatedRequest, pk: int, step: str) -> HttpResponse:
    run = STEP_VIEWS.get(step)
    if run is None:
        raise Http404
    dl = _list(request, pk)
    try:
        messages.success(request, run(request, dl, _version(request)))
    except DomainError as exc:
        messages.error(request, exc.message)
    return redirect("congress:delegate-list", dl.pk)


@login_required
def mine_view(request: AuthenticatedRequest) -> HttpResponse:
    _require(request, "congress.open_my_delegacy")
    today = timezone.localdate()
    return render(
        request,
        "congress/delegates/mine.html",
        {"seats": list(selectors.delegacies_of(request.user, today)[:10]), "duties": DUTIES},
    )
