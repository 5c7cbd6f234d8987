"""成长档案: one page per officer, exportable as PDF."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render

from tongxin.accounts.http import AuthenticatedRequest
from tongxin.accounts.models import User
from tongxin.accounts.selectors import user_get_for
from tongxin.core.authz import can

from .archive import archive_of
from .archive_pdf import archive_pdf
from .eligibility import eligibility_of


def _person(request: AuthenticatedRequest, pk: int) -> User:
    try:
        person = user_get_for(actor=request.user, pk=pk)
    except User.DoesNotExist as exc:
        raise Http404 from exc
    if not can(request.user, "staff.view_archive", person):
        raise Http404
    return person


@login_required
def archive_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return render(
        request,
        "staff/archive.html",
        {
            "person": person,
            "entries": archive_of(person),
            "eligibility": eligibility_of(person),
            "figures": can(request.user, "staff.view_grades", person),
        },
    )


@login_required
def archive_pdf_view(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    content = archive_pdf(
        person, archive_of(person), figures=can(request.user, "staff.view_grades", person)
    )
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="archive-{person.pk}.pdf"'
    return response
