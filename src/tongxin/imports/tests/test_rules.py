"""The rules and the selectors agree, persona by persona (the authorization matrix)."""

import pytest

from tongxin.core.authz import can
from tongxin.imports.selectors import import_job_list_for, import_schools_for
from tongxin.testing.province import PERSONAS

from .workbooks import fresh, run_import, student, xlsx


@pytest.fixture
def jobs(province):
    a = run_import(province.school_a, province.advisor_a, xlsx({"学生": [student("X1")]}))
    b = run_import(
        province.school_b,
        province.advisor_b,
        xlsx({"学生": [student("X1", college="机械学院", klass="机械学院2024级1班")]}),
    )
    return {"a": a, "b": b}


@pytest.mark.parametrize("persona", [*PERSONAS, "advisor_b"])
def test_job_list_matches_the_view_rule(province, jobs, persona):
    actor = fresh(province.people[persona])
    listed = set(import_job_list_for(actor=actor).values_list("pk", flat=True))
    allowed = {job.pk for job in jobs.values() if can(actor, "imports.view_job", job)}
    assert listed == allowed
    expected = {"advisor_a": {jobs["a"].pk}, "advisor_b": {jobs["b"].pk}}.get(persona, set())
    assert listed == expected


@pytest.mark.parametrize("persona", [*PERSONAS, "advisor_b"])
def test_only_advisors_use_import_and_only_for_their_school(province, persona):
    actor = province.people[persona]
    is_advisor = persona.startswith("advisor")
    assert can(actor, "imports.use_import") is is_advisor
    schools = set(import_schools_for(actor=actor))
    assert schools == {
        s for s in (province.school_a, province.school_b) if can(actor, "imports.create_job", s)
    }
    assert len(schools) == (1 if is_advisor else 0)
