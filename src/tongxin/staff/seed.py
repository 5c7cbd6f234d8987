"""Limits shipped as data: from academic year 2017 (the reform) until the province changes them."""

from typing import Any

REFORM_YEAR = 2017


def seed_limits(limit_model: Any) -> None:
    limit_model.objects.get_or_create(
        academic_year=REFORM_YEAR,
        level="school",
        defaults={"max_staff": 40, "max_staff_large": 60, "max_presidium": 5, "max_departments": 6},
    )
    # College-level limits are not fixed nationally: empty until the province sets them.
    limit_model.objects.get_or_create(academic_year=REFORM_YEAR, level="college")
