"""The transition tables of a school's rating (评定) and of a rectification item (整改事项)
(issue 17, part G) — read by services/rating.py, services/rectification.py and the pages'
buttons.

A rating (one per school assessment):

    (none) ── propose (the city federation; the assessment city_reviewed or confirmed)
           ──► proposed
    proposed ── propose (the city again, naming the version it read) ──► proposed
    proposed ── confirm (the province; the assessment confirmed; may change the grade with a
             note) ──► confirmed   (every failed ★ result becomes a rectification item)

A rectification item (one per failed ★ result of the school's unions):

    open ── note (the advisor or the union's officer: progress, files) ──► open
    open ── accept (the city or the province accepts the evidence) ──► closed (accepted)
    open ── close (the computing pass: the indicator passes now) ──► closed (recomputed)
"""

from tongxin.workflow.machine import Action, Machine

from .review_models import RatingState, RectificationState

R = RatingState
T = RectificationState

# fmt: off
RATING = Machine(
    name="reform.rating",
    states=RatingState,
    attr="state",
    actions=[
        Action("propose", "修改评定建议", (R.PROPOSED,), (R.PROPOSED,), "reform.propose_rating",
               done="proposed"),
        Action("confirm", "确认评定", (R.PROPOSED,), (R.CONFIRMED,), "reform.confirm_rating",
               done="confirmed"),
    ],
)

RECTIFICATION = Machine(
    name="reform.rectification",
    states=RectificationState,
    attr="state",
    actions=[
        Action("note", "填写整改进展", (T.OPEN,), (), "reform.note_rectification", done="noted"),
        Action("accept", "认可整改材料", (T.OPEN,), (T.CLOSED,), "reform.accept_rectification",
               done="accepted"),
        Action("close", "重新计算已达标", (T.OPEN,), (T.CLOSED,), None, done="closed"),
    ],
)
# fmt: on
