"""The rights desk's generator: a year of issues for a generated province (the demo's and
the benchmark's), each walked through the transition table (rights.machine.ISSUE).

    the province (tongxin.workflow.generation.province) ──► plan_issues() ──► IssuePlan
        (drafts ──► fates.draw_fate() ──► lifecycle.Life, one step per table action)
    IssuePlan ──► write_issues() ──► issues, timelines, clocks, inputs, supports (bulk)
        the printed logins' few (scripts.py) ──► replay.py ──► the rights services, clock moved
    the benchmark ──► paths.walk(fates.draw_steps(…)) ──► its own fast rows (bench/writer.py)

The paths an issue may take and the state and clock each step leaves are drawn here and
read from the table, nowhere else; the demo passes its province, people and moment in.
"""

from .issues import DEFAULT_ISSUES_PER_STUDENT, IssuePlan, Personas
from .plan import plan_issues
from .writer import write_issues

__all__ = ["DEFAULT_ISSUES_PER_STUDENT", "IssuePlan", "Personas", "plan_issues", "write_issues"]
