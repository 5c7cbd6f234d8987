from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.core.authz import can
from tongxin.core.pagination import page_number, paginate

from . import selectors
from .models import Node


@login_required
def node_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        node = selectors.node_get_for(actor=request.user, pk=pk)
    except Node.DoesNotExist as exc:
        raise Http404 from exc
    visible_ancestors = [
        a for a in selectors.node_ancestors(node) if can(request.user, "orgs.view_node", a)
    ]
    return render(
        request,
        "orgs/node_detail.html",
        {
            "node": node,
            "ancestors": [a for a in visible_ancestors if a.pk != node.pk],
            "children": selectors.node_children(node)[:200],
        },
    )


@login_required
def school_list_view(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "orgs.view_school_list"):
        raise PermissionDenied
    term = request.GET.get("q", "").strip()
    schools = selectors.school_list_for(actor=request.user)
    if term:
        schools = schools.filter(name__icontains=term) | schools.filter(code__icontains=term)
    page = paginate(schools, page_number(request))
    return render(
        request,
        "orgs/school_list.html",
        {"page": page, "q": term, "query": f"q={term}" if term else ""},
    )
