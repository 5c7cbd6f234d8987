"""The self-assessment as JSON: one router, each part's endpoints in its own module added
below (catalogue_api, heatmap_api, union_api)."""

from ninja import Router

from . import catalogue_api
from .heatmap_api import router as heatmap_router
from .union_api import router as union_router

router = Router(tags=["reform"])

# --- the catalogue and scoring models (part A) ------------------------------------------

router.add_router("", catalogue_api.router)


# --- the heat map and a school's facts (part C) -------------------------------------------

router.add_router("", heatmap_router)


# --- a union's results, evidence and explanations (part D) --------------------------------

router.add_router("", union_router)


# --- issue 17: the review chain (part E) ---------------------------------------------------
from .review_api import router as review_router  # noqa: E402

router.add_router("", review_router)
