"""Accounts' entries in the shared registries (see core/registration.py): the per-role home
cards (one per grant, made of the parts the apps register) and /api/v1/me."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Nav, UrlInclude

from . import home
from .reach import grants_of

NAVIGATION = [
    Nav("admin", _("人员"), "accounts:user-list", "accounts.view_people_list", order=20),
]
HOME_CARDS = [home.role_cards]
HOME_PARTS = home.PARTS
API = [ApiRouter("", "tongxin.accounts.api.router", order=1)]
URLS = [UrlInclude("accounts/", "tongxin.accounts.urls", order=10)]
# A person's active memberships decide what they may open (core/navigation.py's memo).
STANDING = [lambda user: tuple(grants_of(user))]
