"""`{% load attachment_tags %}{% attachment_panel issue %}` on a subject's page, after the
page has authorised its reader: the files and, for those who may add, the upload form."""

from typing import Any

from django import template

from ..presenters import panel_for

register = template.Library()


@register.inclusion_tag("attachments/_panel.html", takes_context=True)
def attachment_panel(context: dict[str, Any], subject: Any) -> dict[str, Any]:
    request = context["request"]
    return {"p": panel_for(request.user, subject), "request": request}
