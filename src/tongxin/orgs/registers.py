"""The organisation tree's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import pgettext_lazy

from tongxin.core.registration import ApiRouter, Nav, UrlInclude

from . import home
from .selectors import is_demo

NAVIGATION = [
    Nav(
        "admin",
        pgettext_lazy("navigation", "学校"),
        "orgs:school-list",
        "orgs.view_school_list",
        order=10,
    ),
]
HOME_PARTS = home.PARTS
API = [ApiRouter("", "tongxin.orgs.api.router", order=2)]
URLS = [UrlInclude("orgs/", "tongxin.orgs.urls", order=20)]
CONTEXT = [lambda request: {"is_demo": is_demo()}]
