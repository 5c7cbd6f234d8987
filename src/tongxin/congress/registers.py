"""The student congress's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, SettingSpec, UrlInclude

# --- sessions ---------------------------------------------------------------------------
NAVIGATION: list[Nav] = []
API = [
    ApiRouter("/congress", "tongxin.congress.api.router", order=60),
]
URLS = [UrlInclude("congress/", "tongxin.congress.urls", order=140)]
SETTINGS: list[SettingSpec] = []

# --- delegates --------------------------------------------------------------------------


# --- rating -----------------------------------------------------------------------------
NAVIGATION += [
    Nav(
        "union", _("代表大会评定"), "congress:rating-table", "congress.view_rating_table", order=75
    ),
]


__all__ = ["_"]
