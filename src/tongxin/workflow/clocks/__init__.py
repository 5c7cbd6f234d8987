"""Working-day clocks, shared by every app: start, stop, pause, remind, escalate, recount.

    app's registers.py: CLOCKS = [Clocks(IssueClock, kinds=[ClockKind("rights.answer", …)])]
    transition ──► clock_start(owner, "rights.answer") ──► run (due by the kind's duration)
               ──► clock_stop / clock_pause / clock_resume (owes its working days)
    worker (clocks-escalate, 5 min) ──► overdue_runs ──► clock_escalate: one rung per call
        ──► the kind's on_escalate hook: the owner app's timeline line, audit event, notices
    calendar year saved ──► clock_deadlines(model) (workdays/deadlines.py) ──► clock_reschedule

Modules: `kinds` (durations, ladders, the registry), `models` (the abstract ClockRun each
app subclasses with its own table), `services` (every write), `deadlines` (the recount
source), `tasks` (the worker's job). docs/pieces/clocks.md shows an app registering a kind.
"""
