"""The student congress as JSON: one router, each part's endpoints in its own module
(session_api, delegate_api, rating_api) added below."""

from ninja import Router

router = Router(tags=["congress"])

# --- sessions ---------------------------------------------------------------------------
from . import session_api  # noqa: E402

router.add_router("", session_api.router)


# --- delegates --------------------------------------------------------------------------
from . import delegate_api  # noqa: E402

router.add_router("/delegates", delegate_api.router)


# --- rating -----------------------------------------------------------------------------

from . import rating_api  # noqa: E402

router.add_router("/ratings", rating_api.router)
