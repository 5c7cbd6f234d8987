"""`{% load comment_tags %}{% comment_panel proposal %}` on a subject's page, after the page
has authorised its reader: the comments the viewer sees, the form, the moderator's buttons."""

from typing import Any

from django import template

from ..presenters import panel_for

register = template.Library()


@register.inclusion_tag("comments/_panel.html", takes_context=True)
def comment_panel(context: dict[str, Any], subject: Any) -> dict[str, Any]:
    request = context["request"]
    return {"p": panel_for(request.user, subject), "request": request}
