"""A proposal as JSON and any of its steps (the same steps as the pages: proposal_steps).
Each part's lists and other endpoints live in its own module."""

import json
from typing import Any

from django.http import HttpRequest
from ninja import Router
from ninja.errors import HttpError

from tongxin.core.forms import form_errors
from tongxin.core.http import NOT_FOUND

from . import proposal_selectors as selectors
from .proposal_models import Proposal
from .proposal_presenters import available_steps, timeline_lines
from .proposal_schemas import ProposalDetailOut, StepIn
from .proposal_steps import STEPS

router = Router(tags=["congress"])


def proposal_out(p: Proposal) -> dict[str, Any]:
    return {
        "id": p.pk,
        "session_id": p.session_id,
        "school_id": p.school_id,
        "union_id": p.union_id,
        "number": p.number,
        "state": p.state,
        "state_label": p.get_state_display(),
        "title": p.title,
        "category": p.category,
        "category_label": p.get_category_display(),
        "lead_id": p.lead_id,
        "lead": p.lead.real_name or p.lead.username,
        "version": p.version,
        "submitted_at": p.submitted_at,
        "result_class": p.result_class,
        "handled": p.handled,
    }


def _proposal(request: HttpRequest, pk: int) -> Proposal:
    try:
        return selectors.proposal_get_for(actor=request.user, pk=pk)
    except Proposal.DoesNotExist as exc:
        raise HttpError(404, NOT_FOUND) from exc


def _detail(request: HttpRequest, pk: int, *, gate: bool = True) -> dict[str, Any]:
    # gate=False: the proposal the caller just took a step on, which may have left their
    # reach (an office's hand-back): they are shown what they acted on, with no steps.
    p = _proposal(request, pk) if gate else Proposal.objects.get(pk=pk)
    return {
        **proposal_out(p),
        "background": p.background,
        "analysis": p.analysis,
        "suggestion": p.suggestion,
        "ground": p.ground,
        "decision_note": p.decision_note,
        "merged_into_id": p.merged_into_id,
        "forwarded_to_id": p.forwarded_to_id,
        "lead_office_id": p.lead_office_id,
        "co_office_ids": list(p.co_offices.values_list("pk", flat=True)),
        "deadline_kind": p.deadline_kind,
        "reply_due_at": p.reply_due_at,
        "answer": p.answer,
        "rating": p.rating,
        "signers": [
            {"user_id": s.user_id, "name": s.user.real_name, "role": s.role, "status": s.status}
            for s in selectors.signers_of(p)
        ],
        "ratings": [
            {
                "user_id": r.user_id,
                "name": r.user.real_name,
                "is_lead": r.is_lead,
                "round": r.round,
                "rating": r.rating,
                "reason": r.reason,
            }
            for r in selectors.ratings_of(p)
        ],
        "inputs": [
            {"office_id": i.office_id, "office": i.office.name, "text": i.text, "at": i.created_at}
            for i in selectors.inputs_of(p)
        ],
        "steps": available_steps(p, request.user),
        "timeline": [vars(line) for line in timeline_lines(p)],
    }


def _step_fields(request: HttpRequest, body: StepIn) -> dict[str, Any]:
    """The step's fields as sent: django-ninja keeps only a body schema's declared fields,
    so the extra ones (a reply's text) are read from the JSON body itself."""
    try:
        sent = json.loads(request.body or b"{}")
    except ValueError:
        sent = {}
    extra = {k: v for k, v in sent.items() if v is not None} if isinstance(sent, dict) else {}
    return {**extra, **body.fields()}


@router.get("/{int:proposal_id}", response=ProposalDetailOut)
def proposal_detail(request: HttpRequest, proposal_id: int) -> Any:
    return _detail(request, proposal_id)


@router.post("/{int:proposal_id}/{action}", response=ProposalDetailOut)
def proposal_step(request: HttpRequest, proposal_id: int, action: str, body: StepIn) -> Any:
    """One step of the transition table (proposal_machine.PROPOSAL) by its action name;
    `version` is the proposal's current version (optimistic locking). A merge answers
    with the proposal merged into."""
    p = _proposal(request, proposal_id)
    spec = STEPS.get(action)
    if spec is None:
        raise HttpError(404, "未知的操作。")
    form = spec.form(_step_fields(request, body))
    if not form.is_valid():
        raise HttpError(400, form_errors(form))
    user: Any = request.user
    result = spec.run(user, p, form.cleaned_data)
    target = result.pk if isinstance(result, Proposal) else p.pk
    still_reads = selectors.proposal_get_for
    try:
        still_reads(actor=user, pk=target)
    except Proposal.DoesNotExist:
        return _detail(request, target, gate=False)
    return _detail(request, target)
