"""Who may see and do what in the student congress (学生代表大会): the one place for it.

Composed from the shared predicates of tongxin.accounts.roles, one section per part:
sessions, delegates, rating, and the proposals (one section each: who reads a proposal,
writing and co-signing, the committee, handling, publishing and figures).
"""

import datetime as _dt
from typing import Any

import rules
from django.db import connection
from django.utils import timezone as _tz

from tongxin.accounts.models import PRESIDIUM_POSITIONS, Role
from tongxin.accounts.roles import (
    STUDENT_ROLES,
    belongs_to_a_school,
    grants_where,
    holds_role,
    holds_role_at,
    holds_role_over,
    school_ids_where,
)
from tongxin.orgs.models import NodeKind
from tongxin.workflow.referral.rules import (
    handles_co_office,
    handles_lead_office,
    handles_referral,
)

from .election_models import Attendance, Election, ElectionState, Round, Scrutineer
from .models import (
    Committee,
    CommitteeMember,
    Delegate,
    DelegateList,
    DelegateListState,
    Session,
    SessionState,
)
from .proposal_models import PUBLISHED_STATES, SignerStatus
from .proposal_models import ProposalState as _PS

# --- sessions (届次与会议) -------------------------------------------------------------
# A line or session names its union (union_id), its school and its supervising body
# (supervisor_id: the school for a college union, the city federation for a school or
# graduate union). The union's officers run it; the supervisor approves, returns, closes;
# the school's advisor sees every union of the school and enters a congress held before
# Tongxin; the province's admin edits the rules.
SUPERVISOR_ROLES = (Role.ADVISOR, Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)
CITY_STAFF_ROLES = (Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)

officer_of_union = holds_role_at(Role.OFFICER, node_id_attr="union_id")
# Exactly at the supervising node: the school's advisor, the city federation's staff (a
# county specialist or the province never supervise a congress).
supervises = holds_role_at(*SUPERVISOR_ROLES, node_id_attr="supervisor_id")
advises_union_school = holds_role_over(Role.ADVISOR, node_attr="school")


@rules.predicate
def is_city_staff(user: Any) -> bool:
    return bool(grants_where(user, *CITY_STAFF_ROLES, node_kinds={NodeKind.CITY}))


@rules.predicate
def is_union_officer(user: Any) -> bool:
    kinds = {NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION, NodeKind.COLLEGE_UNION}
    return bool(grants_where(user, Role.OFFICER, node_kinds=kinds))


sees_congress = officer_of_union | advises_union_school | supervises

rules.add_perm("congress.view_line", sees_congress)
rules.add_perm("congress.view_session", sees_congress)
rules.add_perm("congress.plan_session", officer_of_union)
rules.add_perm("congress.apply_session", officer_of_union)
rules.add_perm("congress.run_session", officer_of_union)
rules.add_perm("congress.decide_session", supervises)
rules.add_perm("congress.close_session", supervises)
rules.add_perm("congress.cancel_session", officer_of_union | supervises)
rules.add_perm("congress.enter_past_session", advises_union_school)
# Pages.
rules.add_perm("congress.open_union_page", is_union_officer)
rules.add_perm("congress.open_supervisor_page", holds_role(Role.ADVISOR) | is_city_staff)
rules.add_perm("congress.manage_rules", holds_role(Role.FEDERATION_ADMIN))


# --- delegates (代表) -------------------------------------------------------------------
# The union's presidium prepares its session's delegate list; the union's officers, the
# school's advisor and (for a college union) the college league secretary read it; any
# student of the school sees it under notice (and after) and may object; the advisor
# answers objections. The object is a DelegateList or a Session (both carry union_id,
# school and school_id).

DELEGATE_PUBLIC_STATES = (
    DelegateListState.NOTICE,
    DelegateListState.PAUSED,
    DelegateListState.CONFIRMED,
)
DELEGATE_OBJECTION_STATES = (DelegateListState.NOTICE, DelegateListState.PAUSED)
# A session's delegates can be prepared once its application was approved.
DELEGATE_SESSION_STATES = (SessionState.APPROVED, SessionState.CONFIRMED)


@rules.predicate
def presides_union(user: Any, obj: Any) -> bool:
    """A president, vice president or executive president of exactly the object's union."""
    union_id = getattr(obj, "union_id", None)
    return union_id is not None and any(
        g.node_id == union_id and g.position in PRESIDIUM_POSITIONS
        for g in grants_where(user, Role.OFFICER)
    )


@rules.predicate
def delegates_public(user: Any, obj: Any) -> bool:
    return obj is not None and getattr(obj, "state", None) in DELEGATE_PUBLIC_STATES


@rules.predicate
def delegates_objectable(user: Any, obj: Any) -> bool:
    return obj is not None and getattr(obj, "state", None) in DELEGATE_OBJECTION_STATES


@rules.predicate
def studies_at_delegates_school(user: Any, obj: Any) -> bool:
    return obj is not None and obj.school_id in school_ids_where(user, *STUDENT_ROLES)


officer_of_union = holds_role_at(Role.OFFICER, node_id_attr="union_id")
advises_delegates = holds_role_over(Role.ADVISOR, node_attr="school")
# A college union's node lies under its college: the college's league secretary reaches it.
secretary_over_union = holds_role_over(Role.COLLEGE_SECRETARY, node_attr="union")
reads_delegates = presides_union | officer_of_union | advises_delegates | secretary_over_union

rules.add_perm("congress.prepare_delegates", presides_union)
rules.add_perm("congress.view_delegates", reads_delegates)
rules.add_perm(
    "congress.view_delegate_notice",
    reads_delegates | (studies_at_delegates_school & delegates_public),
)
rules.add_perm("congress.object_to_delegates", studies_at_delegates_school & delegates_objectable)
rules.add_perm("congress.resolve_delegate_objection", advises_delegates)
rules.add_perm("congress.confirm_delegates", presides_union | advises_delegates)
# Pages: the lists page (anyone of a school: notices for students, work for the others).
rules.add_perm("congress.open_delegate_lists", belongs_to_a_school)
rules.add_perm("congress.open_my_delegacy", holds_role(*STUDENT_ROLES))


# --- rating (评定) ----------------------------------------------------------------------
# Who rates a union's congress of the year (优 / 合格 / 重点关注):
# - a school-level union (school union, graduate union): federation staff or admins held at
#   the CITY whose subtree holds the school (directly or under a county);
# - a college union: the league advisor of its school.
# Reading the tables: the raters, plus province staff and admins, who read every city's
# table of school-level unions (read-only: the rating is the city's judgement). County
# specialists neither read nor rate: the rating is the city federation's work, and the
# county only guides its schools.
RATING_FEDERATION_ROLES = (Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)
SCHOOL_LEVEL_UNION_KINDS = (NodeKind.SCHOOL_UNION, NodeKind.GRADUATE_UNION)


@rules.predicate
def is_school_level_union(user: Any, union: Any) -> bool:
    return union is not None and union.kind in SCHOOL_LEVEL_UNION_KINDS


@rules.predicate
def is_college_union(user: Any, union: Any) -> bool:
    return union is not None and union.kind == NodeKind.COLLEGE_UNION


def city_rater_grants(user: Any) -> list[Any]:
    """The user's federation grants held at a city (the ones that rate)."""
    return grants_where(user, *RATING_FEDERATION_ROLES, node_kinds={NodeKind.CITY})


@rules.predicate
def rates_as_city(user: Any, union: Any) -> bool:
    return union is not None and any(union.path.startswith(g.path) for g in city_rater_grants(user))


reads_as_federation = holds_role_over(*RATING_FEDERATION_ROLES)
advises_union = holds_role_over(Role.ADVISOR)
opens_rating_table = holds_role(Role.ADVISOR, *RATING_FEDERATION_ROLES)

rules.add_perm("congress.view_rating_table", opens_rating_table)  # may open the table at all
rules.add_perm(  # object: a union Node
    "congress.view_rating",
    (is_school_level_union & reads_as_federation) | (is_college_union & advises_union),
)
rules.add_perm(  # object: a union Node
    "congress.rate_union",
    (is_school_level_union & rates_as_city) | (is_college_union & advises_union),
)


# --- proposals (提案): who reads a proposal, shared by every proposals part ---------------
# The object is a Proposal (it carries session_id, union_id, school_id, lead_id and the
# referral's offices) or, for writing, a Session. A proposal is read by its proposers and
# invited co-signers, the union's officers, the school's advisor, the session committee's
# members, the offices it is referred or forwarded to; once submitted, by any student of
# its school (the published list).


def _session_id(obj: Any) -> int | None:
    return obj.pk if isinstance(obj, Session) else getattr(obj, "session_id", None)


@rules.predicate
def is_session_delegate(user: Any, obj: Any) -> bool:
    """A delegate of the session's confirmed delegate list."""
    session_id = _session_id(obj) if obj is not None else None
    if session_id is None or not user.is_authenticated:
        return False
    return Delegate.objects.filter(
        user_id=user.pk,
        delegate_list__session_id=session_id,
        delegate_list__state=DelegateListState.CONFIRMED,
    ).exists()


@rules.predicate
def leads_proposal(user: Any, proposal: Any) -> bool:
    return proposal is not None and proposal.lead_id == user.pk


@rules.predicate
def signs_proposal(user: Any, proposal: Any) -> bool:
    """A confirmed co-signer, or a proposer of a proposal merged into this one."""
    if proposal is None or proposal.pk is None:
        return False
    return proposal.signers.filter(user_id=user.pk, status=SignerStatus.CONFIRMED).exists()


@rules.predicate
def invited_to_sign(user: Any, proposal: Any) -> bool:
    if proposal is None or proposal.pk is None:
        return False
    return proposal.signers.filter(user_id=user.pk, status=SignerStatus.INVITED).exists()


@rules.predicate
def chairs_committee(user: Any, obj: Any) -> bool:
    session_id = _session_id(obj) if obj is not None else None
    return (
        session_id is not None
        and Committee.objects.filter(session_id=session_id, chair_id=user.pk).exists()
    )


@rules.predicate
def sits_on_committee(user: Any, obj: Any) -> bool:
    session_id = _session_id(obj) if obj is not None else None
    if session_id is None:
        return False
    return (
        chairs_committee(user, obj)
        or CommitteeMember.objects.filter(
            committee__session_id=session_id, user_id=user.pk, active=True
        ).exists()
    )


@rules.predicate
def proposal_published(user: Any, proposal: Any) -> bool:
    return proposal is not None and proposal.state in PUBLISHED_STATES


handles_forwarded = holds_role_at(Role.OFFICE_HANDLER, node_id_attr="forwarded_to_id")
studies_at_school = studies_at_delegates_school  # the object's school_id, a student role
proposers = leads_proposal | signs_proposal
reads_proposal_work = officer_of_union | advises_union_school | sits_on_committee

rules.add_perm(
    "congress.view_proposal",
    proposers
    | invited_to_sign
    | reads_proposal_work
    | handles_referral
    | handles_forwarded
    | (studies_at_school & proposal_published),
)


# --- proposals: writing and co-signing (撰写与附议) ----------------------------------------
# The object is a Session (the window, writing) or a Proposal (its lead's and invitees'
# steps) or a Suggestion. The union's officers and the school's advisor set the session's
# collection window; a delegate of the session's confirmed list writes (the service checks
# the window and the number of lead proposals with a message naming them); the lead edits,
# invites, submits, withdraws and attaches files while a draft; an invited delegate
# co-signs or declines. A student who is no delegate now sends a suggestion to the college's
# delegates; the delegates of that college now (a confirmed list of the school whose term
# covers today) read, adopt and answer it.


def _delegate_seats_now(user: Any) -> Any:
    today: _dt.date = _tz.localdate()
    return Delegate.objects.filter(
        user_id=user.pk,
        delegate_list__state=DelegateListState.CONFIRMED,
        delegate_list__term_start__lte=today,
        delegate_list__term_end__gte=today,
    )


def _congress_facts(user: Any) -> tuple[bool, bool]:
    """(a delegate now, an active member of a proposal committee), read in ONE statement
    once per user object: the menu asks both on every page. Plain SQL: the ORM spent about
    1.7 ms compiling the two EXISTS on every page."""
    known = getattr(user, "_congress_facts", None)
    if known is None:
        today = _tz.localdate()
        delegate, dlist = Delegate._meta.db_table, DelegateList._meta.db_table
        member = CommitteeMember._meta.db_table
        sql = (
            f"SELECT EXISTS (SELECT 1 FROM {delegate} d JOIN {dlist} l"
            " ON l.id = d.delegate_list_id WHERE d.user_id = %s AND l.state = %s"
            " AND l.term_start <= %s AND l.term_end >= %s),"
            f" EXISTS (SELECT 1 FROM {member} m WHERE m.user_id = %s AND m.active)"
        )
        params = [user.pk, DelegateListState.CONFIRMED, today, today, user.pk]
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            row = cursor.fetchone()
        known = (bool(row[0]), bool(row[1]))
        user._congress_facts = known
    return known


@rules.predicate
def is_current_delegate(user: Any) -> bool:
    """A delegate of a confirmed list whose term covers today."""
    return bool(user.is_authenticated) and _congress_facts(user)[0]


@rules.predicate
def proposal_is_draft(user: Any, proposal: Any) -> bool:
    return proposal is not None and getattr(proposal, "state", None) == _PS.DRAFT


@rules.predicate
def wrote_suggestion(user: Any, suggestion: Any) -> bool:
    return suggestion is not None and suggestion.author_id == user.pk


@rules.predicate
def delegate_of_suggestion_college(user: Any, suggestion: Any) -> bool:
    """A delegate now, of the suggestion's school, studying in its college."""
    if suggestion is None or not user.is_authenticated:
        return False
    if getattr(user, "college_id", None) != suggestion.college_id:
        return False
    return _delegate_seats_now(user).filter(school_id=suggestion.school_id).exists()


rules.add_perm("congress.set_proposal_window", officer_of_union | advises_union_school)
rules.add_perm("congress.write_proposal", is_session_delegate)
rules.add_perm("congress.edit_proposal", leads_proposal)
rules.add_perm("congress.cosign_proposal", invited_to_sign)
rules.add_perm("congress.attach_to_proposal", leads_proposal & proposal_is_draft)
rules.add_perm("congress.send_suggestion", holds_role(*STUDENT_ROLES) & ~is_current_delegate)
rules.add_perm("congress.view_suggestion", wrote_suggestion | delegate_of_suggestion_college)
rules.add_perm("congress.handle_suggestion", delegate_of_suggestion_college)
# Pages: my proposals (students: delegates' work and invitations; officers and advisors:
# the windows), my suggestions (students), the college's suggestions (delegates now).
rules.add_perm("congress.open_my_proposals", holds_role(*STUDENT_ROLES, Role.ADVISOR))
rules.add_perm("congress.open_my_suggestions", holds_role(*STUDENT_ROLES))
rules.add_perm("congress.open_suggestion_inbox", holds_role(*STUDENT_ROLES) & is_current_delegate)


# --- proposals: the committee (提案工作委员会) --------------------------------------------
# The school's advisor names each session's committee (object: a Session); its chair
# records the decisions (object: a Proposal); the chair, the members and the school's
# advisor read the committee's work (object: a Session or a Proposal). The work page opens
# for advisors and anyone on a committee.


@rules.predicate
def on_a_committee(user: Any) -> bool:
    """A chair (always an advisor: named so by committee_name) or an active member."""
    if not user.is_authenticated:
        return False
    return holds_role(Role.ADVISOR)(user) or _congress_facts(user)[1]


rules.add_perm("congress.name_committee", advises_union_school)
rules.add_perm("congress.view_committee", sits_on_committee | advises_union_school)
rules.add_perm("congress.decide_proposal", chairs_committee)
rules.add_perm("congress.open_committee_page", holds_role(Role.ADVISOR) | on_a_committee)


# --- proposals: handling (办理、答复与评价) -----------------------------------------------
# The lead office's handlers (the head among them) reply, report a B item's progress and
# its final result, or hand the proposal back; a co-office's handlers add their opinion;
# the lead proposer rates (the rating decides), the confirmed co-signers and co-proposers
# rate beside it. Comments: the proposers, the committee and the offices write; every
# reader of the proposal reads the approved ones; the committee's chair moderates.

rules.add_perm("congress.reply_proposal", handles_lead_office)
rules.add_perm("congress.add_proposal_input", handles_co_office)
rules.add_perm("congress.rate_proposal", leads_proposal)
rules.add_perm("congress.corate_proposal", signs_proposal)
rules.add_perm("congress.discuss_proposal", proposers | sits_on_committee | handles_referral)
rules.add_perm("congress.moderate_proposal_comments", chairs_committee)
# Pages: the offices' proposals (a handler of any office).
rules.add_perm("congress.open_proposal_office", holds_role(Role.OFFICE_HANDLER))


# --- proposals: publishing and figures (公开与统计) ----------------------------------------
# The published list opens for anyone of a school (students see the school's published
# proposals; officers, the advisor, the committee and the offices their own); its rows are
# proposal_publish.proposals_published_for, view_proposal as a filter. The proposal book
# (提案汇编) of a session (object: a Session) is downloaded by the union's officers, the
# advisor, the committee and — the book holds only what the published list shows — the
# school's students. The statistics: a union's officers (own union), the advisor (own
# school), the federation (its subtree: a city its schools, the province all).
rules.add_perm("congress.open_published_proposals", belongs_to_a_school)
rules.add_perm(
    "congress.download_proposal_book",
    officer_of_union | advises_union_school | sits_on_committee | studies_at_school,
)
rules.add_perm(
    "congress.view_proposal_stats",
    is_union_officer
    | holds_role(Role.ADVISOR, Role.FEDERATION_STAFF, Role.FEDERATION_ADMIN)
    | holds_role(Role.COUNTY_SPECIALIST),
)


# --- elections (选举): who takes part, shared by every elections part --------------------
# The object is an Election, or a Round (round.election). The school's advisor (秘书长)
# sets an election up, conducts its rounds and publishes its results; the chief scrutineer
# (总监票人) conducts rounds beside the advisor; scrutineers tick delegates present and
# enter a paper round's counts; a delegate of the session's confirmed list checks in, and
# once checked in votes (no proxies). An election is read by those, by the union's officers
# and its supervisor, and — once its results are published — by any student of the school.


def _election_id(obj: Any) -> int | None:
    if obj is None:
        return None
    if isinstance(obj, Election):
        return obj.pk
    return getattr(obj, "election_id", None)


def _scrutineer(user: Any, obj: Any, *, chief: bool) -> bool:
    election_id = _election_id(obj)
    if election_id is None or not user.is_authenticated:
        return False
    rows = Scrutineer.objects.filter(election_id=election_id, user_id=user.pk)
    return rows.filter(is_chief=True).exists() if chief else rows.exists()


@rules.predicate
def is_chief_scrutineer(user: Any, obj: Any) -> bool:
    return _scrutineer(user, obj, chief=True)


@rules.predicate
def is_scrutineer(user: Any, obj: Any) -> bool:
    return _scrutineer(user, obj, chief=False)


@rules.predicate
def is_election_delegate(user: Any, obj: Any) -> bool:
    """A delegate of the confirmed list of the election's session."""
    election_id = _election_id(obj)
    if election_id is None or not user.is_authenticated:
        return False
    return Delegate.objects.filter(
        user_id=user.pk,
        delegate_list__state=DelegateListState.CONFIRMED,
        delegate_list__session__elections__id=election_id,
    ).exists()


@rules.predicate
def checked_in(user: Any, round_: Any) -> bool:
    if not isinstance(round_, Round) or not user.is_authenticated:
        return False
    return Attendance.objects.filter(round_id=round_.pk, user_id=user.pk).exists()


def _election_of(obj: Any) -> Election | None:
    return obj if isinstance(obj, Election) else getattr(obj, "election", None)


@rules.predicate
def election_published(user: Any, obj: Any) -> bool:
    election = _election_of(obj)
    return election is not None and election.state == ElectionState.PUBLISHED


@rules.predicate
def sees_election_session(user: Any, obj: Any) -> bool:
    """The union's officers, the school's advisor and the session's supervisor."""
    election = _election_of(obj)
    return election is not None and sees_congress.test(user, election.session)


advises_election = advises_union_school  # the object's school: an Election or a Round
conducts_round = advises_election | is_chief_scrutineer
reads_election = (
    sees_election_session
    | advises_election
    | is_scrutineer
    | is_election_delegate
    | (studies_at_delegates_school & election_published)
)

rules.add_perm("congress.create_election", advises_election)  # object: a Session
rules.add_perm("congress.set_up_election", advises_election)
rules.add_perm("congress.publish_election", advises_election)
rules.add_perm("congress.view_election", reads_election)
rules.add_perm("congress.conduct_round", conducts_round)
rules.add_perm("congress.show_hall_code", conducts_round | is_scrutineer)
rules.add_perm("congress.tick_attendance", advises_election | is_scrutineer)
rules.add_perm("congress.enter_count", is_scrutineer)
rules.add_perm("congress.check_in", is_election_delegate)
rules.add_perm("congress.vote", is_election_delegate & checked_in)
# Pages: "我的选举" for a delegate now; the advisor reaches elections from the session.
rules.add_perm("congress.open_my_elections", holds_role(*STUDENT_ROLES) & is_current_delegate)
# The ballot page: any delegate of the session opens it (it says whether they may vote).
rules.add_perm("congress.open_ballot", is_election_delegate)
# The ballots and the sign-in sheet are printed by those who run the hall.
rules.add_perm("congress.print_round_papers", conducts_round | is_scrutineer)
