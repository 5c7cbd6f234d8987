"""Every state change of 述职评议: one function per action (see each module).

round_open ──► open ──round_close──► closed (scores; 不合格 ──► exit proposal)
           ──round_publish──► published
open: report_submit, rating_submit; closed: exit_proposal_confirm / _dismiss
policy_save ──► weights and thresholds for an academic year
"""

from .exits import exit_proposal_confirm, exit_proposal_dismiss
from .policy import policy_save
from .ratings import clean_scores, rating_submit, report_submit
from .rounds import RaterChoice, round_close, round_open, round_publish

__all__ = [
    "RaterChoice",
    "clean_scores",
    "exit_proposal_confirm",
    "exit_proposal_dismiss",
    "policy_save",
    "rating_submit",
    "report_submit",
    "round_close",
    "round_open",
    "round_publish",
]
