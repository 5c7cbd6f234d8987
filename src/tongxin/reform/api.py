"""The self-assessment as JSON: one router, each part's endpoints in its own module added
below (catalogue_api, heatmap_api, union_api)."""

from ninja import Router

from . import catalogue_api
from .disclosure_api import router as disclosure_router
from .heatmap_api import router as heatmap_router
from .meeting_api import router as meeting_router
from .rating_api import router as rating_router
from .review_api import router as review_router
from .union_api import router as union_router

router = Router(tags=["reform"])

# --- the catalogue and scoring models (part A) ------------------------------------------

router.add_router("", catalogue_api.router)


# --- the heat map and a school's facts (part C) -------------------------------------------

router.add_router("", heatmap_router)


# --- a union's results, evidence and explanations (part D) --------------------------------

router.add_router("", union_router)


# --- issue 17: the public disclosure (公示) ---

router.add_router("", disclosure_router)


# --- issue 17: rating, feedback letter, rectification (part G) ----------------------------

router.add_router("", rating_router)


# --- issue 17: call-ins, exchange visits and meeting records (part H) ----------------------

router.add_router("", meeting_router)


# --- issue 17: the review chain (part E) ---------------------------------------------------
router.add_router("", review_router)
