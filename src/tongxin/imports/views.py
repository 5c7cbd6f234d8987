from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.core.authz import can


@login_required
def upload_view(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "imports.use_import"):
        raise PermissionDenied
    return render(request, "imports/upload.html", {})
