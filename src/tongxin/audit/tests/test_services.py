import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from tongxin.audit import services as audit
from tongxin.audit.models import AuditChain, AuditEvent, chain_key_for


def _record(province, actor_key="advisor_a", target_key="school_a", **data):
    with transaction.atomic():
        return audit.record(
            actor=province.people[actor_key],
            action="orgs.node.renamed",
            target=province.nodes[target_key],
            data=data,
        )


def test_events_chain_per_school(province):
    first = _record(province, n=1)
    second = _record(province, n=2)
    other_school = _record(province, actor_key="advisor_b", target_key="school_b", n=3)
    assert (first.chain_id, first.seq) == (second.chain_id, 1)
    assert second.seq == 2 and second.prev_hash == first.hash
    assert other_school.chain.key == chain_key_for(province.school_b.pk)
    assert other_school.seq == 1


def test_federation_level_events_use_the_federation_chain(province):
    event = _record(province, actor_key="province_admin", target_key="province")
    assert event.chain.key == "federation"
    assert event.school_id is None


def test_unregistered_action_is_refused(province):
    with pytest.raises(ValueError), transaction.atomic():
        audit.record(
            actor=province.advisor_a, action="orgs.node.exploded", target=province.school_a
        )


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(province):
    with pytest.raises(RuntimeError):
        audit.record(actor=province.advisor_a, action="orgs.node.renamed", target=province.school_a)


def test_sensitive_keys_are_stripped(province):
    event = _record(province, phone="13800001234", password="x", note="ok")
    assert event.data == {"note": "ok"}


def test_sealed_actor_leaves_no_identity_or_ip(province):
    with transaction.atomic():
        event = audit.record(
            actor=province.student_a,
            action="orgs.node.renamed",
            target=province.school_a,
            sealed_label="匿名同学#7F3A",
        )
    assert event.actor_id is None and event.ip is None and event.acting_node_id is None
    assert event.actor_label == "匿名同学#7F3A"


def test_events_cannot_be_edited_or_deleted_through_the_app(province):
    event = _record(province)
    event.action = "orgs.node.created"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()


def test_verify_passes_on_an_intact_trail(province, capsys):
    for n in range(3):
        _record(province, n=n)
    call_command("audit", "verify")
    assert "审计链完好" in capsys.readouterr().out


def test_verify_names_the_tampered_event(province, capsys):
    events = [_record(province, n=n) for n in range(4)]
    tampered = events[2]
    with connection.cursor() as cursor:  # an attacker with database access, bypassing the app
        cursor.execute(
            "UPDATE audit_auditevent SET actor_label = %s WHERE id = %s", ["别人", tampered.pk]
        )
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    err = capsys.readouterr().err
    assert f"事件 #{tampered.pk}" in err
    assert f"#{events[3].pk}" not in err


def test_verify_notices_a_deleted_last_event(province):
    events = [_record(province, n=n) for n in range(3)]
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [events[-1].pk])
    _checked, problems = audit.verify_chains()
    assert [p.chain for p in problems] == [
        AuditChain.objects.get(key=chain_key_for(province.school_a.pk)).key
    ]
