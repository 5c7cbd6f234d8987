"""The student congress's entries in the shared registries (see core/registration.py)."""

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import ApiRouter, Attachable, Nav, SettingSpec, UrlInclude
from tongxin.workflow.clocks.kinds import Clocks

from . import home as session_home
from . import proposal_deadlines
from . import todo as session_todo
from .delegate_home import delegate_cards, objections_waiting, to_prepare
from .proposal_models import ProposalClock

# --- sessions ---------------------------------------------------------------------------
NAVIGATION: list[Nav] = [
    Nav("union", _("代表大会"), "congress:mine", "congress.open_union_page", 110),
    Nav(
        "union", _("代表大会审批与督促"), "congress:supervise", "congress.open_supervisor_page", 111
    ),
    Nav("admin", _("代表大会规则"), "congress:rules", "congress.manage_rules", 110),
]
API = [
    ApiRouter("/congress", "tongxin.congress.api.router", order=60),
]
URLS = [UrlInclude("congress/", "tongxin.congress.urls", order=140)]
SETTINGS: list[SettingSpec] = [
    SettingSpec(
        "congress.rules", _("代表大会规则"), "province", "congress:rules", "congress.manage_rules"
    ),
]
TODO = [*session_todo.PROVIDERS]
HOME_PARTS = [*session_home.PARTS]
# A session's report documents; a line's evidence of a congress held before Tongxin.
ATTACHABLE = [
    Attachable("congress.session", "congress.view_session", "congress.run_session"),
    Attachable("congress.congressline", "congress.view_line", "congress.enter_past_session"),
]

# --- delegates --------------------------------------------------------------------------
NAVIGATION += [
    Nav("union", _("代表名单"), "congress:delegate-lists", "congress.open_delegate_lists", 80),
]
HOME_CARDS = [delegate_cards]
TODO += [to_prepare, objections_waiting]


# --- rating -----------------------------------------------------------------------------
NAVIGATION += [
    Nav(
        "union", _("代表大会评定"), "congress:rating-table", "congress.view_rating_table", order=75
    ),
]


# --- proposals: writing and co-signing ----------------------------------------------------


# --- proposals: the committee -------------------------------------------------------------


# --- proposals: handling ------------------------------------------------------------------
CLOCKS = [Clocks(ProposalClock, kinds=proposal_deadlines.KINDS)]


# --- proposals: publishing and figures ----------------------------------------------------
NAVIGATION += [
    Nav(
        "union",
        _("提案公开"),
        "congress:proposals-published",
        "congress.open_published_proposals",
        order=85,
    ),
    Nav(
        "union", _("提案统计"), "congress:proposal-stats", "congress.view_proposal_stats", order=86
    ),
]
