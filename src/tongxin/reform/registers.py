"""The self-assessment's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, UrlInclude

API = [ApiRouter("/reform", "tongxin.reform.api.router", order=70)]
URLS = [UrlInclude("reform/", "tongxin.reform.urls", order=150)]
NAVIGATION: list[Nav] = []

# --- the catalogue and scoring models (part A) ------------------------------------------
from tongxin.core.registration import SettingSpec  # noqa: E402

NAVIGATION += [
    Nav("admin", _("改革自评指标"), "reform:catalogue-list", "reform.manage_catalogues", 120),
]
# Readers (officers, league secretaries, advisors, federation staff) reach the catalogue
# from the self-assessment's pages: reform/_catalogue_link.html.
SETTINGS = [
    SettingSpec(
        "reform.catalogues",
        _("改革自评指标体系与评分模型"),
        "province",
        "reform:catalogue-list",
        "reform.manage_catalogues",
    ),
]


# --- the heat map and a school's facts (part C) -------------------------------------------


# --- a union's results, evidence and explanations (part D) --------------------------------
