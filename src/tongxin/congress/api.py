"""The student congress as JSON: one router, each part's endpoints in its own module
(session_api, delegate_api, rating_api,
proposal_api, then each proposals part's) added below."""

from ninja import Router

from . import (
    delegate_api,
    election_ballot_api,
    election_checkin_api,
    election_paper_api,
    election_setup_api,
    proposal_api,
    proposal_committee_api,
    proposal_handling_api,
    proposal_publish_api,
    proposal_write_api,
    rating_api,
    session_api,
)

router = Router(tags=["congress"])

# --- sessions ---------------------------------------------------------------------------
router.add_router("", session_api.router)


# --- delegates --------------------------------------------------------------------------
router.add_router("/delegates", delegate_api.router)


# --- rating -----------------------------------------------------------------------------
router.add_router("/ratings", rating_api.router)


# --- proposals: the proposal's page and its steps -----------------------------------------
router.add_router("/proposals", proposal_api.router)


# --- proposals: writing and co-signing ----------------------------------------------------

router.add_router("/proposal-writing", proposal_write_api.router)


# --- proposals: the committee -------------------------------------------------------------

router.add_router("/proposals/committee", proposal_committee_api.router)


# --- proposals: handling ------------------------------------------------------------------

router.add_router("/proposals/office", proposal_handling_api.router)


# --- proposals: publishing and figures ----------------------------------------------------

router.add_router("/proposals", proposal_publish_api.router)


# --- elections: setup and results ---------------------------------------------------------

router.add_router("/elections", election_setup_api.router)


# --- elections: check-in and quorum -------------------------------------------------------

router.add_router("/elections", election_checkin_api.router)


# --- elections: ballots and counting ------------------------------------------------------

router.add_router("/elections", election_ballot_api.router)


# --- elections: paper mode ----------------------------------------------------------------

router.add_router("/elections", election_paper_api.router)
