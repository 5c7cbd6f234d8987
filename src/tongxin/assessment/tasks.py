"""Background work of the assessment: its scoring clock's reminders run in the shared
clocks-escalate job (tongxin.workflow.clocks.tasks), registered by importing it here."""

from tongxin.workflow.clocks import tasks as clock_tasks  # noqa: F401 — registers the clock job
