"""The hash of one audit event: its content plus the previous event's hash."""

import hashlib
import json
from typing import Any


def event_digest(fields: dict[str, Any], prev_hash: str) -> str:
    canonical = json.dumps(
        fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str
    )
    return hashlib.sha256(f"{prev_hash}|{canonical}".encode()).hexdigest()


def hashed_fields(event: Any) -> dict[str, Any]:
    """The stored content that the hash covers (everything but the hashes themselves)."""
    return {
        "chain": event.chain_id,
        "seq": event.seq,
        "actor": event.actor_id,
        "actor_label": event.actor_label,
        "acting_role": event.acting_role,
        "acting_node": event.acting_node_id,
        "action": event.action,
        "target_type": event.target_type,
        "target_id": event.target_id,
        "school": event.school_id,
        "data": event.data,
        "ip": event.ip,
        "created_at": event.created_at.isoformat(),
    }
