"""The rights desk's working-day clocks, counted again when a calendar year is entered
(the shared clock source: tongxin.workflow.clocks.deadlines)."""

from tongxin.workdays.deadlines import register
from tongxin.workflow.clocks.deadlines import clock_deadlines

from .models import IssueClock

register(clock_deadlines("rights.clock", IssueClock))
