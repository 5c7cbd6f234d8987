"""The public notice (公示) with objections (异议), shared by every app that publishes a
decision before it takes effect: selection's candidacies today; the congress's delegate
lists, the self-assessment's disclosure and appointments next (docs/pieces/notice.md).

    publish ──► running (n working days) ──objection──► paused (owed days kept)
    paused ──all objections dismissed──► running (the owed days from now)
    paused ──an objection upheld──► the app closes the object (other objections moot)
    running ──its end passes (worker, or the app's next step)──► ended

    days.py        working-day arithmetic: notice_end, days_served, days_owed
    models.py      Noticed (the notice's fields on the app's row), ObjectionBase, ObjectionStatus
    period.py      notice_open / notice_pause / notice_resume / notice_close / notice_run_out /
                   notice_recount / running_notices / run_out_notices, on any Noticed object
    objections.py  objection_machine (lodge ──► open ──► dismissed | upheld | moot) and
                   Objections: lodge, answer, close_open on the app's objection model
    deadlines.py   NoticeDeadlines: the one DeadlineSource an app registers for its notices

Who may object and who resolves are the app's permissions, named in its objection table;
the record kept is the objection rows (text, answer, who, when) plus the app's timeline
lines and audit events, written by the app's services in the same transaction.
"""
