"""Core's own entries in the registries (see registration.py): the menu's groups, the home
page and the to-do list (待办), which gather what the apps register."""

from django.utils.translation import gettext_lazy as _

from .registration import HomeCard, Nav, NavGroupSpec, UrlInclude
from .todo import todo_card

NAV_GROUPS = [
    NavGroupSpec("home", _("首页"), 0),
    NavGroupSpec("todo", _("待办"), 5),
    NavGroupSpec("rights", _("权益服务"), 10),
    NavGroupSpec("union", _("学生会建设"), 20),
    NavGroupSpec("admin", _("管理"), 30),
]

NAVIGATION = [
    Nav("home", _("首页"), "core:home", order=0),
    Nav("todo", _("待办"), "core:todo", order=0),
]


def _todo_cards(user: object) -> list[HomeCard]:
    card = todo_card(user)
    return [card] if card is not None else []


HOME_CARDS = [_todo_cards]

# The order of the site's URL prefixes, as urls.py had them: core's first.
URLS = [
    UrlInclude("", "tongxin.core.urls", order=0),
    UrlInclude("i18n/", "django.conf.urls.i18n", order=120),
]
