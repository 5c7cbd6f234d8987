from django.urls import path

from . import (
    delegate_views,
    election_ballot_views,
    election_checkin_views,
    election_paper_views,
    proposal_committee_views,
    proposal_handling_views,
    proposal_publish_views,
    proposal_views,
    proposal_write_views,
    rating_views,
    session_views,
)
from . import election_setup_views as esv

app_name = "congress"
urlpatterns: list = []

# --- sessions ---------------------------------------------------------------------------
urlpatterns += [
    path("", session_views.mine_view, name="mine"),
    path("supervise/", session_views.supervise_view, name="supervise"),
    path("rules/", session_views.rules_view, name="rules"),
    path("unions/<int:union_id>/", session_views.union_view, name="union"),
    path("lines/<int:pk>/", session_views.line_view, name="line-detail"),
    path("lines/<int:pk>/plan/", session_views.plan_view, name="line-plan"),
    path("lines/<int:pk>/past/", session_views.past_view, name="line-past"),
    path("sessions/<int:pk>/", session_views.session_view, name="session-detail"),
    path("sessions/<int:pk>/<slug:action>/", session_views.action_view, name="session-action"),
]


# --- delegates --------------------------------------------------------------------------
urlpatterns += [
    path("delegates/", delegate_views.lists_view, name="delegate-lists"),
    path("delegates/mine/", delegate_views.mine_view, name="my-delegacy"),
    path(
        "delegates/prepare/<int:session_pk>/",
        delegate_views.prepare_view,
        name="delegate-prepare",
    ),
    path("delegates/<int:pk>/", delegate_views.detail_view, name="delegate-list"),
    path("delegates/<int:pk>/pdf/", delegate_views.pdf_view, name="delegate-pdf"),
    path("delegates/<int:pk>/<slug:step>/", delegate_views.step_view, name="delegate-step"),
]


# --- rating -----------------------------------------------------------------------------
urlpatterns += [
    path("ratings/", rating_views.rating_table_view, name="rating-table"),
    path("ratings/export.xlsx", rating_views.rating_export_view, name="rating-export"),
    path("ratings/<int:union_id>/<int:year>/", rating_views.rating_rate_view, name="rating-rate"),
]


# --- proposals: the proposal's page and its steps -----------------------------------------
urlpatterns += [
    path("proposals/<int:pk>/", proposal_views.detail_view, name="proposal-detail"),
    path("proposals/<int:pk>/<slug:action>/", proposal_views.action_view, name="proposal-action"),
]


# --- proposals: writing and co-signing ----------------------------------------------------

urlpatterns += [
    path("proposals/mine/", proposal_write_views.mine_view, name="my-proposals"),
    path(
        "proposals/write/<int:session_pk>/",
        proposal_write_views.write_view,
        name="proposal-write",
    ),
    path(
        "proposals/write/<int:session_pk>/similar/",
        proposal_write_views.similar_view,
        name="proposal-similar",
    ),
    path(
        "proposals/window/<int:session_pk>/",
        proposal_write_views.window_view,
        name="proposal-window",
    ),
    path("suggestions/", proposal_write_views.inbox_view, name="suggestion-inbox"),
    path("suggestions/mine/", proposal_write_views.my_suggestions_view, name="my-suggestions"),
    path(
        "suggestions/<int:pk>/answer/",
        proposal_write_views.answer_view,
        name="suggestion-answer",
    ),
]


# --- proposals: the committee -------------------------------------------------------------

urlpatterns += [
    path("proposals/committee/", proposal_committee_views.committee_view, name="committee"),
    path(
        "proposals/committee/<int:pk>/",
        proposal_committee_views.committee_session_view,
        name="committee-session",
    ),
    path(
        "proposals/committee/<int:pk>/name/",
        proposal_committee_views.committee_name_view,
        name="committee-name",
    ),
]


# --- proposals: handling ------------------------------------------------------------------

urlpatterns += [
    path("proposals/office/", proposal_handling_views.office_view, name="proposal-office"),
]


# --- proposals: publishing and figures ----------------------------------------------------

urlpatterns += [
    path(
        "proposals/",
        proposal_publish_views.published_view,
        name="proposals-published",
    ),
    path("proposals/stats/", proposal_publish_views.stats_view, name="proposal-stats"),
    path(
        "proposals/book/<int:pk>.pdf",
        proposal_publish_views.book_pdf_view,
        name="proposal-book-pdf",
    ),
    path(
        "proposals/book/<int:pk>.xlsx",
        proposal_publish_views.book_xlsx_view,
        name="proposal-book-xlsx",
    ),
]


# --- elections: setup and results ---------------------------------------------------------

urlpatterns += [
    path("elections/new/<int:session_pk>/", esv.election_new_view, name="election-new"),
    path("elections/<int:pk>/", esv.election_view, name="election"),
    path("elections/<int:pk>/set-up/", esv.election_setup_view, name="election-setup"),
    path("elections/<int:pk>/<slug:action>/", esv.election_action_view, name="election-action"),
    path("elections/rounds/<int:pk>/", esv.round_view, name="round"),
    path(
        "elections/rounds/<int:pk>/steps/<slug:action>/",
        esv.round_step_view,
        name="round-step",
    ),
]


# --- elections: check-in and quorum -------------------------------------------------------

urlpatterns += [
    path("elections/mine/", election_checkin_views.my_elections_view, name="my-elections"),
    path("elections/rounds/<int:pk>/hall/", election_checkin_views.hall_view, name="round-hall"),
    path(
        "elections/rounds/<int:pk>/hall/status/",
        election_checkin_views.hall_status_view,
        name="round-hall-status",
    ),
    path(
        "elections/rounds/<int:pk>/checkin/",
        election_checkin_views.checkin_view,
        name="round-checkin",
    ),
    path(
        "elections/rounds/<int:pk>/attendance/",
        election_checkin_views.attendance_view,
        name="round-attendance",
    ),
    path(
        "elections/rounds/<int:pk>/attendance/tick/",
        election_checkin_views.tick_view,
        name="round-tick",
    ),
    path(
        "elections/rounds/<int:pk>/attendance/untick/",
        election_checkin_views.untick_view,
        name="round-untick",
    ),
]


# --- elections: ballots and counting ------------------------------------------------------

urlpatterns += [
    path(
        "elections/rounds/<int:pk>/ballot/",
        election_ballot_views.ballot_view,
        name="round-ballot",
    ),
]


# --- elections: paper mode ----------------------------------------------------------------

urlpatterns += [
    path(
        "elections/rounds/<int:pk>/ballots.pdf",
        election_paper_views.ballots_pdf_view,
        name="round-paper-ballots",
    ),
    path(
        "elections/rounds/<int:pk>/checkin-sheet.pdf",
        election_paper_views.checkin_sheet_view,
        name="round-checkin-sheet",
    ),
    path(
        "elections/rounds/<int:pk>/count/",
        election_paper_views.count_entry_view,
        name="round-count-entry",
    ),
    path(
        "elections/rounds/<int:pk>/ballots-issued/",
        election_paper_views.ballots_issued_view,
        name="round-ballots-issued",
    ),
]
