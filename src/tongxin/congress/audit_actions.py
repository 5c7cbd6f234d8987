"""The congress's audit actions, one module per part (session_audit, delegate_audit,
rating_audit, proposal_audit, election_audit), merged here for the audit registry
(audit/registry.py reads ACTIONS, FIELDS and TARGETS)."""

from typing import Any

from . import delegate_audit, election_audit, proposal_audit, rating_audit, session_audit

PARTS = (session_audit, delegate_audit, rating_audit, proposal_audit, election_audit)
ACTIONS: dict[str, str] = {k: v for part in PARTS for k, v in part.ACTIONS.items()}
FIELDS: dict[str, Any] = {k: v for part in PARTS for k, v in part.FIELDS.items()}
TARGETS: dict[str, str] = {k: v for part in PARTS for k, v in part.TARGETS.items()}
