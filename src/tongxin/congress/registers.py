"""The student congress's entries in the shared registries (see core/registration.py)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from tongxin.core.registration import (
    ApiRouter,
    Attachable,
    Commentable,
    Nav,
    SettingSpec,
    UrlInclude,
)
from tongxin.workflow.clocks.kinds import Clocks

from . import home as session_home
from . import proposal_committee_home, proposal_deadlines
from . import todo as session_todo
from .delegate_home import delegate_cards, objections_waiting, to_prepare
from .election_checkin_todo import rounds_waiting
from .proposal_handling_selectors import todo_replies
from .proposal_models import ProposalClock
from .proposal_write_todo import invitations_waiting, suggestions_waiting

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

NAVIGATION += [
    Nav("union", _("我的提案"), "congress:my-proposals", "congress.open_my_proposals", 81),
    Nav("union", _("我的意见建议"), "congress:my-suggestions", "congress.open_my_suggestions", 82),
    Nav(
        "union",
        _("同学的意见建议"),
        "congress:suggestion-inbox",
        "congress.open_suggestion_inbox",
        83,
    ),
]
TODO += [invitations_waiting, suggestions_waiting]
# A proposal's files: its readers see them, its lead attaches while it is a draft.
ATTACHABLE += [
    Attachable("congress.proposal", "congress.view_proposal", "congress.attach_to_proposal"),
]


# --- proposals: the committee -------------------------------------------------------------

NAVIGATION += [
    Nav("union", _("提案审查"), "congress:committee", "congress.open_committee_page", order=85),
]
TODO += [proposal_committee_home.proposals_to_decide]


# --- proposals: handling ------------------------------------------------------------------
# The offices' proposals page, their to-do items (a reply owed by the lead office), and the
# comments on a proposal (the proposers, the committee and the offices write; the chair of
# the committee moderates).


def _moderated_proposals(user: Any) -> Any:
    """The proposals of the sessions whose committee the user chairs, as a subquery; None
    with no query for anyone who is not a school's advisor (the committee's chair is the
    advisor, DOMAIN.md §5; the rule itself, chairs_committee, asks the committee)."""
    from tongxin.accounts.models import Role
    from tongxin.accounts.roles import node_ids_where

    from .proposal_models import Proposal

    if not user.is_authenticated or not node_ids_where(user, Role.ADVISOR):
        return None
    return Proposal.objects.filter(session__proposal_committee__chair_id=user.pk)


NAVIGATION += [
    Nav("union", _("提案办理"), "congress:proposal-office", "congress.open_proposal_office", 120),
]
TODO += [todo_replies]
COMMENTABLE = [
    Commentable(
        "congress.proposal",
        read="congress.view_proposal",
        add="congress.discuss_proposal",
        moderate="congress.moderate_proposal_comments",
        moderated_by=_moderated_proposals,
        page="congress:proposal-detail",
    )
]
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


# --- elections: setup and results ---------------------------------------------------------


# --- elections: check-in and quorum -------------------------------------------------------

NAVIGATION += [
    Nav("union", _("我的选举"), "congress:my-elections", "congress.open_my_elections", 84),
]
TODO += [rounds_waiting]


# --- elections: ballots and counting ------------------------------------------------------


# --- elections: paper mode ----------------------------------------------------------------
