from urllib.parse import urlencode

from django import forms
from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tongxin.core.authz import can
from tongxin.core.pagination import PAGE_SIZE, page_number, paginate

from . import presenters, registry, selectors


class EventFilterForm(forms.Form):
    action = forms.ChoiceField(label="操作", required=False)
    target_type = forms.ChoiceField(label="对象类型", required=False)
    target_id = forms.CharField(label="对象编号", required=False, max_length=40)
    since = forms.DateField(label="起始日期", required=False)
    until = forms.DateField(label="截止日期", required=False)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        choices = sorted(registry.all_actions().items(), key=lambda kv: kv[0])
        self.fields["action"].choices = [("", "全部操作"), *choices]  # type: ignore[attr-defined]
        targets = sorted(
            (
                (m._meta.label_lower, presenters.target_label(m._meta.label_lower))
                for m in apps.get_models()
                if m.__module__.startswith("tongxin.")
            ),
            key=lambda kv: kv[1],
        )
        self.fields["target_type"].choices = [("", "全部对象"), *targets]  # type: ignore[attr-defined]


@login_required
def event_list_view(request: HttpRequest) -> HttpResponse:
    if not can(request.user, "audit.view_event_list"):
        raise PermissionDenied
    form = EventFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    number = page_number(request)
    # The walks read the events up to this page's and one more (paginate's OFFSET + LIMIT).
    first = number * PAGE_SIZE + 1
    events = selectors.event_page_for(actor=request.user, first=first, **filters)
    page = paginate(events, number)
    query = urlencode({k: v for k, v in request.GET.items() if k != "page" and v})
    rows = presenters.rows_for(list(page.items))
    return render(
        request, "audit/event_list.html", {"form": form, "page": page, "rows": rows, "query": query}
    )
