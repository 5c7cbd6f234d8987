"""Draw the whole demo province from one seed, without touching the database."""

import datetime
import random

from .naming import Namer
from .people import plan_county_specialists, plan_federation_staff, plan_staff, plan_students
from .plan import DemoScale, ProvincePlan, academic_year_of
from .rosters import plan_officers
from .schools import federation_nodes, plan_colleges, plan_schools, school_nodes

DEFAULT_SEED = 20260901


def plan_province(*, seed: int, scale: DemoScale, today: datetime.date) -> ProvincePlan:
    """The same (seed, scale, academic year) always gives the same plan, draw for draw."""
    rng = random.Random(seed)
    namer = Namer(rng)
    plan = ProvincePlan(seed=seed, academic_year=academic_year_of(today))
    plan.nodes += federation_nodes(scale)
    plan_federation_staff(namer, scale, plan)
    for school in plan_schools(rng, scale):
        plan_colleges(rng, school, plan.academic_year)
        plan.nodes += school_nodes(school)
        people = plan_students(namer, school, plan)
        plan_staff(namer, school, plan)
        plan_officers(namer, plan, school, people)
    plan_county_specialists(namer, scale, plan)
    return plan
