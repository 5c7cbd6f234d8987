"""The self-assessment's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, UrlInclude

API = [ApiRouter("/reform", "tongxin.reform.api.router", order=70)]
URLS = [UrlInclude("reform/", "tongxin.reform.urls", order=150)]
NAVIGATION: list[Nav] = []

# --- the catalogue and scoring models (part A) ------------------------------------------


# --- the heat map and a school's facts (part C) -------------------------------------------


# --- a union's results, evidence and explanations (part D) --------------------------------
from tongxin.core.registration import Attachable  # noqa: E402

from .union_todo import evidence_waiting  # noqa: E402

NAVIGATION += [Nav("union", _("我的改革自评"), "reform:mine", "reform.open_union_results", 115)]
TODO = [evidence_waiting]
# Files on evidence: read by the union's readers, added while it waits for the advisor.
ATTACHABLE = [Attachable("reform.evidence", "reform.view_evidence", "reform.attach_to_evidence")]
