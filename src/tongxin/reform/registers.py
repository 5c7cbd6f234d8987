"""The self-assessment's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, UrlInclude

API = [ApiRouter("/reform", "tongxin.reform.api.router", order=70)]
URLS = [UrlInclude("reform/", "tongxin.reform.urls", order=150)]
NAVIGATION: list[Nav] = []

# --- the catalogue and scoring models (part A) ------------------------------------------


# --- the heat map and a school's facts (part C) -------------------------------------------
NAVIGATION += [Nav("union", _("改革自评"), "reform:heatmap", "reform.open_heatmap", order=76)]


# --- a union's results, evidence and explanations (part D) --------------------------------
