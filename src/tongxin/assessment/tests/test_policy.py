import pytest

from tongxin.assessment import services
from tongxin.core.errors import DomainError, NotAllowed

pytestmark = pytest.mark.django_db


GOOD = {
    "weight_politics": 30,
    "weight_morals": 10,
    "weight_study": 20,
    "weight_work": 30,
    "weight_discipline": 10,
    "weight_teacher": 40,
    "weight_delegate": 40,
    "weight_peer": 20,
    "excellent_min": 90,
    "pass_min": 75,
    "basic_min": 60,
}


@pytest.mark.parametrize(
    ("change", "field", "text"),
    [
        ({"weight_work": 40}, "weight_politics", "合计应为 100，现为 110"),
        ({"weight_peer": 10}, "weight_teacher", "合计应为 100，现为 90"),
        ({"pass_min": 95}, "basic_min", "基本合格 < 合格 < 优秀"),
        ({"excellent_min": 101}, "excellent_min", "0 到 100"),
    ],
)
def test_policy_sums_and_thresholds_are_checked(province, change, field, text):
    with pytest.raises(DomainError) as err:
        services.policy_save(
            actor=province.province_admin, academic_year=2025, values={**GOOD, **change}
        )
    assert err.value.field == field and text in err.value.message


def test_only_the_federation_admin_edits_the_policy(province):
    p = province
    with pytest.raises(NotAllowed):
        services.policy_save(actor=p.province_staff, academic_year=2025, values=GOOD)
    row = services.policy_save(actor=p.province_admin, academic_year=2025, values=GOOD)
    again = services.policy_save(
        actor=p.province_admin, academic_year=2025, values={**GOOD, "basic_min": 50}
    )
    assert row.pk == again.pk and again.basic_min == 50
