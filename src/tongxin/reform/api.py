"""The self-assessment as JSON: one router, each part's endpoints in its own module added
below (catalogue_api, heatmap_api, union_api)."""

from ninja import Router

router = Router(tags=["reform"])

# --- the catalogue and scoring models (part A) ------------------------------------------
from . import catalogue_api  # noqa: E402

router.add_router("", catalogue_api.router)


# --- the heat map and a school's facts (part C) -------------------------------------------
from .heatmap_api import router as heatmap_router  # noqa: E402

router.add_router("", heatmap_router)


# --- a union's results, evidence and explanations (part D) --------------------------------
