"""`record()` is the only writer of audit events; `verify_chains()` re-checks every chain.

    chain head (locked) ──► event seq n+1, prev_hash = head.hash, hash = H(prev | content)
                        ──► head.seq, head.hash advance

Services call `record()` inside their own transaction, so the event exists exactly when
the change does.
"""

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from tongxin.core.middleware import current_client_ip

from . import registry
from .hashing import event_digest, hashed_fields
from .models import AuditChain, AuditEvent, chain_key_for

# Keys never written into an event's data, whatever a caller passes.
SENSITIVE_KEYS = {
    "password",
    "token",
    "secret",
    "phone",
    "political_status",
    "gender",
    "ethnicity",
    "rank",
    "grades",
}


def _scrub(data: dict[str, Any]) -> dict[str, Any]:
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if key.lower() in SENSITIVE_KEYS:
            continue
        clean[key] = _scrub(value) if isinstance(value, dict) else value
    return clean


def _school_of(target: Any) -> int | None:
    if target is None:
        return None
    if getattr(target, "kind", None) == "school":
        return int(target.pk)
    school_id = getattr(target, "school_id", None)
    return int(school_id) if school_id else None


def _locked_chain(key: str) -> AuditChain:
    # The head exists for every chain but a school's first event: lock it in one statement,
    # and pay for the savepoint of get_or_create only on that first event.
    chain = AuditChain.objects.select_for_update().filter(key=key).first()
    if chain is not None:
        return chain
    try:
        with transaction.atomic():
            AuditChain.objects.get_or_create(key=key)
    except IntegrityError:  # another writer created it first
        pass
    return AuditChain.objects.select_for_update().get(key=key)


def _acting(
    actor: Any, role: str | None, node: Any, school_id: int | None
) -> tuple[str, int | None]:
    """The role and node the actor acted as. Services that know it pass it (rights derives
    it from the issue: rights.services.common.acting_grant); otherwise the likeliest
    membership: one in the event's school (a federation one for a federation event), a
    position before the person's own student membership."""
    if role is not None:
        return role, node if node is None or isinstance(node, int) else node.pk
    from tongxin.accounts.roles import likeliest_grant

    grant = likeliest_grant(actor, school_id)
    return (grant.role, grant.node_id) if grant is not None else ("", None)


def record(
    *,
    actor: Any,
    action: str,
    target: Any = None,
    data: dict[str, Any] | None = None,
    school: Any = None,
    role: str | None = None,
    node: Any = None,
    sealed_label: str | None = None,
) -> AuditEvent:
    """Append one event to its school's chain (or the federation chain).

    `role` and `node` (a Node or its id) name the membership the actor acted under.
    `sealed_label` replaces the actor with a pseudonym and drops the client IP: an
    anonymous reporter's identity never enters the trail.
    """
    if not registry.is_registered(action):
        raise ValueError(f"unregistered audit action {action!r}")
    if not connection.in_atomic_block:
        raise RuntimeError("audit.record() must run inside the service's transaction")
    school_id = _school_of(school) if school is not None else _school_of(target)
    chain = _locked_chain(chain_key_for(school_id))
    acting_role, acting_node_id = _acting(actor, role, node, school_id)
    event = AuditEvent(
        chain=chain,
        seq=chain.last_seq + 1,
        prev_hash=chain.last_hash,
        actor=None if sealed_label else actor,
        actor_label=sealed_label or str(actor),
        acting_role="" if sealed_label else acting_role,
        acting_node_id=None if sealed_label else acting_node_id,
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        school_id=school_id,
        data=_scrub(data or {}),
        ip=None if sealed_label else current_client_ip(),
        created_at=timezone.now(),
    )
    event.hash = event_digest(hashed_fields(event), event.prev_hash)
    event.save()
    chain.last_seq, chain.last_hash = event.seq, event.hash
    chain.save(update_fields=["last_seq", "last_hash"])
    return event


@dataclass(frozen=True)
class ChainProblem:
    chain: str
    event_id: int
    seq: int
    reason: str


def _problems_in(chain: AuditChain) -> Iterator[ChainProblem]:
    prev_hash, expected_seq = "", 1
    events = AuditEvent.objects.filter(chain=chain).order_by("seq")
    for event in events.iterator(chunk_size=2000):
        if event.seq != expected_seq:
            yield ChainProblem(chain.key, event.pk, event.seq, f"序号应为 {expected_seq}")
            return
        if event.prev_hash != prev_hash:
            yield ChainProblem(chain.key, event.pk, event.seq, "前一事件的哈希不一致")
            return
        if event_digest(hashed_fields(event), prev_hash) != event.hash:
            yield ChainProblem(chain.key, event.pk, event.seq, "内容与哈希不一致（已被篡改）")
            return
        prev_hash, expected_seq = event.hash, expected_seq + 1
    if chain.last_seq != expected_seq - 1 or chain.last_hash != prev_hash:
        yield ChainProblem(chain.key, 0, chain.last_seq, "链尾与最后一个事件不一致（事件缺失）")


def verify_chains(keys: Collection[str] | None = None) -> tuple[int, list[ChainProblem]]:
    """Recompute every chain, or the chains named by `keys` (chain_key_for); return (events
    checked, the first problem of each broken chain)."""
    problems: list[ChainProblem] = []
    chains = AuditChain.objects.order_by("key")
    if keys is not None:
        chains = chains.filter(key__in=keys)
    for chain in chains:
        problems.extend(_problems_in(chain))
    events = (
        AuditEvent.objects.all() if keys is None else AuditEvent.objects.filter(chain__key__in=keys)
    )
    return events.count(), problems
