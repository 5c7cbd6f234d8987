"""The self-assessment as JSON: one router, each part's endpoints in its own module added
below (catalogue_api, heatmap_api, union_api)."""

from ninja import Router

router = Router(tags=["reform"])

# --- the catalogue and scoring models (part A) ------------------------------------------


# --- the heat map and a school's facts (part C) -------------------------------------------


# --- a union's results, evidence and explanations (part D) --------------------------------
from .union_api import router as union_router  # noqa: E402

router.add_router("", union_router)
