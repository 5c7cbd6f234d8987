"""The assessment generator writes past rounds as the transition table would leave them."""

from tongxin.assessment.generator import PAST_ROUND, PAST_ROUND_STATUS
from tongxin.assessment.machine import ROUND
from tongxin.assessment.models import RoundStatus


def test_a_past_round_takes_each_step_of_its_path_from_where_the_last_one_left_it():
    state = None
    for name in PAST_ROUND:
        action = ROUND.action(name)
        assert action.src == () if state is None else state in action.src
        state = ROUND.entering(name)[0]
    assert state == PAST_ROUND_STATUS == RoundStatus.PUBLISHED
