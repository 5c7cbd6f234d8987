"""The congress's audit actions, one module per part (audit/registry.py reads ACTIONS and
FIELDS here)."""

ACTIONS: dict[str, str] = {}
FIELDS: dict[str, object] = {}
TARGETS: dict[str, str] = {}

# --- sessions ---------------------------------------------------------------------------

# --- delegates --------------------------------------------------------------------------
from .delegate_audit import ACTIONS as DELEGATE_ACTIONS  # noqa: E402
from .delegate_audit import FIELDS as DELEGATE_FIELDS  # noqa: E402
from .delegate_audit import TARGETS as DELEGATE_TARGETS  # noqa: E402

ACTIONS.update(DELEGATE_ACTIONS)
FIELDS.update(DELEGATE_FIELDS)
TARGETS.update(DELEGATE_TARGETS)

# --- rating -----------------------------------------------------------------------------
from .audit_actions_rating import ACTIONS as RATING_ACTIONS  # noqa: E402
from .audit_actions_rating import FIELDS as RATING_FIELDS  # noqa: E402
from .audit_actions_rating import TARGETS as RATING_TARGETS  # noqa: E402

ACTIONS.update(RATING_ACTIONS)
FIELDS.update(RATING_FIELDS)
TARGETS.update(RATING_TARGETS)
