"""The writer scenarios' check (`tongxin bench chains`): counts the submissions and verifies
only the schools it is given, and sees a tampered chain as broken."""

import json

from django.core.management import call_command
from django.db import connection, transaction

from tongxin.audit import services as audit
from tongxin.audit.models import AuditEvent
from tongxin.bench.chains import SUBMITTED, chain_state


def _submitted(province, school):
    with transaction.atomic():
        return audit.record(actor=province.people["advisor_a"], action=SUBMITTED, target=school)


def test_counts_and_verifies_only_the_schools_named(province, capsys):
    for _ in range(2):
        _submitted(province, province.school_a)
    tampered = _submitted(province, province.school_b)
    with connection.cursor() as cursor:  # as an attacker with database access would
        cursor.execute(
            "UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["别人", tampered.pk]
        )

    state = chain_state([province.school_a.pk])
    assert state["submitted_events"] == 2
    assert state["chains_verified"] is True and state["problems"] == []
    assert state["duplicate_seqs"] == 0

    call_command("bench", "chains", "--schools", f"{province.school_b.pk}")
    broken = json.loads(capsys.readouterr().out)
    assert broken["submitted_events"] == 1
    assert broken["chains_verified"] is False
    assert f"#{tampered.pk}" in broken["problems"][0]


def test_verify_chains_by_key_checks_those_chains_alone(province):
    _submitted(province, province.school_a)
    _submitted(province, province.school_b)
    key_a = f"school:{province.school_a.pk}"
    checked, problems = audit.verify_chains([key_a])
    assert problems == []
    assert checked == AuditEvent.objects.filter(chain__key=key_a).count()
    assert checked < audit.verify_chains()[0]
