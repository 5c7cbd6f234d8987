"""`{% page_query n %}`: this page's query string with `page=n`, so a pager keeps the filters."""

from typing import Any

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def page_query(context: dict[str, Any], number: int) -> str:
    request = context.get("request")
    query = request.GET.copy() if request is not None else None
    if query is None:
        return f"page={number}"
    query["page"] = str(number)
    return query.urlencode()
