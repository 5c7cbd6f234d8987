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
from tongxin.core.registration import Nav as _Nav  # noqa: E402

from .delegate_home import delegate_cards, objections_waiting, to_prepare  # noqa: E402

NAVIGATION_DELEGATES = [
    _Nav("union", _("代表名单"), "congress:delegate-lists", "congress.open_delegate_lists", 80),
]
NAVIGATION += NAVIGATION_DELEGATES
# Merge-safe: another part's section may have set these names already.
HOME_CARDS = [*globals().get("HOME_CARDS", []), delegate_cards]
TODO = [*globals().get("TODO", []), to_prepare, objections_waiting]


# --- rating -----------------------------------------------------------------------------
NAVIGATION += [
    Nav(
        "union", _("代表大会评定"), "congress:rating-table", "congress.view_rating_table", order=75
    ),
]


__all__ = ["_"]
