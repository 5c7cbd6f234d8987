"""Secret ballots that hold in the database (issue 15; DESIGN.md "Anonymity that holds in the
database"): after a round closes nothing joins a choice to a voter — no column, no audit
event, no log line, and no system column or order (PostgreSQL xmin/ctid, SQLite rowid, ids).
Run on both engines (DATABASE_URL=postgresql://… for PostgreSQL)."""

import json
import logging

import pytest
from django.apps import apps
from django.conf import settings
from django.db import connection, models, transaction
from django.test import Client

from tongxin.audit.models import AuditEvent
from tongxin.congress.election_models import (
    Round,
    RoundTally,
    RoundWriteIn,
    VoterRegister,
)
from tongxin.congress.services.election_ballot import ballot_cast, round_close

from .delegate_world import add_students
from .election_world import ElectionWorld

pytestmark = pytest.mark.django_db

CHOICE_COLUMNS = {"yes", "no", "abstain"}
QUIET = {"rules", "django.db.backends"}
WRITTEN = 12  # voters, each writing in a different student, in a known order


def _world(province) -> tuple[ElectionWorld, list]:  # type: ignore[no-untyped-def]
    with transaction.atomic():  # set-up (its audit events need a transaction)
        w = ElectionWorld(province, size=5 + WRITTEN, candidates=3, seats=2)
        written = add_students(province, 1, WRITTEN, 3277000)
        w.open_voting()
    return w, written


def _vote_in_order(w: ElectionWorld, written: list) -> list[int]:  # type: ignore[no-untyped-def]
    """Each voter in turn: a distinct pattern over the candidates and one distinct write-in.
    Returns the voters' ids in voting order."""
    patterns = [("yes", "no", "abstain"), ("no", "abstain", "no"), ("abstain", "no", "yes")]
    ids = [c.pk for c in w.candidates]
    order = []
    for i, voter in enumerate(w.voters):
        choices = dict(zip(ids, patterns[i % 3], strict=True))
        if list(choices.values()).count("yes") == 1:
            choices = {k: ("abstain" if v == "yes" else v) for k, v in choices.items()}
        ballot_cast(
            actor=voter, round_=w.fresh_round(), choices=choices, write_ins=[written[i].number]
        )
        order.append(voter.pk)
    return order


def _rows(sql: str, params: list) -> list[tuple]:  # type: ignore[type-arg]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def test_no_table_of_the_app_holds_a_voter_beside_a_choice(province):
    w, written = _world(province)
    voters = _vote_in_order(w, written)
    round_close(actor=w.advisor, round_=w.fresh_round())
    # The register: round, school, delegate — nothing about the ballot, no time.
    assert {f.name for f in VoterRegister._meta.concrete_fields} == {
        "id",
        "round",
        "school",
        "user",
    }
    for model in apps.get_app_config("congress").get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if not names & CHOICE_COLUMNS:
            continue
        user_columns = [
            f.name
            for f in model._meta.concrete_fields
            if isinstance(f, models.ForeignKey)
            and f.related_model._meta.label == settings.AUTH_USER_MODEL
        ]
        for column in user_columns:
            found = model._default_manager.filter(**{f"{column}__in": voters})
            assert not found.exists(), f"{model.__name__}.{column} holds a voter beside a choice"


def test_no_audit_event_and_no_log_line_of_a_ballot(province, caplog):
    w, written = _world(province)
    events = AuditEvent.objects.count()
    with caplog.at_level(logging.DEBUG):
        voters = _vote_in_order(w, written)
    assert AuditEvent.objects.count() == events
    # The permission library traces its predicates at DEBUG (who may vote, not how).
    assert [r.getMessage() for r in caplog.records if r.name not in QUIET] == []
    said = " ".join(r.getMessage() for r in caplog.records)
    for word in ("赞成", "abstain", "yes", *(u.number for u in written)):
        assert word not in said
    round_close(actor=w.advisor, round_=w.fresh_round())
    assert not AuditEvent.objects.filter(actor_id__in=voters).exists()
    assert not AuditEvent.objects.filter(target_type__icontains="voterregister").exists()
    closed = AuditEvent.objects.get(action="congress.round.closed")
    assert closed.data["ballots_cast"] == len(voters)


def test_sealing_gives_the_counts_new_ids_in_an_order_unrelated_to_the_votes(province):
    w, written = _world(province)
    round_pk = w.round.pk
    before = set(RoundTally.objects.values_list("id", flat=True)) | set(
        RoundWriteIn.objects.values_list("id", flat=True)
    )
    first_written = list(
        RoundWriteIn.objects.filter(round_id=round_pk).order_by("id").values_list("user_id")
    )
    assert first_written == []
    _vote_in_order(w, written)
    created_order = list(
        RoundWriteIn.objects.filter(round_id=round_pk)
        .order_by("id")
        .values_list("user_id", flat=True)
    )
    assert created_order == [u.pk for u in written]  # before the seal the id order tells
    counts_before = {
        t.candidate_id: (t.yes, t.no, t.abstain)
        for t in RoundTally.objects.filter(round_id=round_pk)
    }
    round_close(actor=w.advisor, round_=w.fresh_round())

    tallies = RoundTally.objects.filter(round_id=round_pk)
    write_ins = RoundWriteIn.objects.filter(round_id=round_pk)
    assert {t.candidate_id: (t.yes, t.no, t.abstain) for t in tallies} == counts_before
    assert write_ins.count() == WRITTEN
    after_ids = set(tallies.values_list("id", flat=True)) | set(
        write_ins.values_list("id", flat=True)
    )
    assert not after_ids & before  # every count row is new
    by_id = list(write_ins.order_by("id").values_list("user_id", flat=True))
    assert by_id != created_order  # 1 chance in 12! to fail by luck
    table = RoundWriteIn._meta.db_table
    if connection.vendor == "postgresql":
        physical = [
            r[0]
            for r in _rows(
                f"SELECT user_id FROM {table} WHERE round_id = %s ORDER BY ctid", [round_pk]
            )
        ]
    else:
        physical = [
            r[0]
            for r in _rows(
                f"SELECT user_id FROM {table} WHERE round_id = %s ORDER BY rowid", [round_pk]
            )
        ]
    assert physical != created_order


@pytest.mark.skipif("connection.vendor != 'postgresql'")
@pytest.mark.django_db(transaction=True)  # each ballot its own top-level transaction
def test_on_postgresql_no_xmin_of_a_count_is_a_voters_transaction(province):
    w, written = _world(province)
    _vote_in_order(w, written)
    round_pk = w.round.pk

    def xmins(model: type[models.Model]) -> set[str]:
        table = model._meta.db_table
        return {
            r[0] for r in _rows(f"SELECT xmin::text FROM {table} WHERE round_id = %s", [round_pk])
        }

    voters = xmins(VoterRegister)
    assert len(voters) == len(w.voters)  # one transaction per ballot
    # Before the seal the last voter's transaction shows in the counts: the leak it closes.
    assert xmins(RoundTally) & voters
    round_close(actor=w.advisor, round_=w.fresh_round())
    counts = xmins(RoundTally) | xmins(RoundWriteIn)
    assert len(counts) == 1  # all written by the closing transaction
    assert not counts & voters
    round_xmin = {
        r[0]
        for r in _rows(f"SELECT xmin::text FROM {Round._meta.db_table} WHERE id = %s", [round_pk])
    }
    assert not round_xmin & voters


def test_voting_through_the_page_and_the_api_logs_nothing(province, caplog):
    w, written = _world(province)
    a = w.candidates[0].pk
    page, api = Client(), Client()
    page.force_login(w.voters[0])
    api.force_login(w.voters[1])
    with caplog.at_level(logging.DEBUG):
        reply = page.post(
            f"/congress/elections/rounds/{w.round.pk}/ballot/",
            {f"c{a}": "yes", "write_in_1": written[0].number},
        )
        assert reply.status_code == 302
        reply = api.post(
            f"/api/v1/congress/elections/rounds/{w.round.pk}/ballot",
            json.dumps({"choices": {str(a): "no"}}),
            content_type="application/json",
        )
        assert reply.status_code == 201
    assert [r.getMessage() for r in caplog.records if r.name not in QUIET] == []
    assert w.fresh_round().ballots_cast == 2
