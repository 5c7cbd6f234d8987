"""Quotas by the largest-remainder method, on cases computed by hand."""

import pytest

from tongxin.congress.quotas import allocate, minimum_seats
from tongxin.core.errors import DomainError


def test_exact_shares_need_no_remainder() -> None:
    assert allocate(10, {"a": 500, "b": 300, "c": 200}) == {"a": 5, "b": 3, "c": 2}


def test_the_largest_remainder_gets_the_spare_seat() -> None:
    # 4.15, 3.35, 2.50 → 4 + 3 + 2 = 9; the spare seat goes to c (.50 > .35 > .15).
    assert allocate(10, {"a": 415, "b": 335, "c": 250}) == {"a": 4, "b": 3, "c": 3}


def test_two_spare_seats_go_to_the_two_largest_remainders() -> None:
    # 12 seats, 1000 students: 5.04, 3.72, 3.24 → 5 + 3 + 3 = 11; one spare → b (.72).
    # 13 seats: 5.46, 4.03, 3.51 → 5 + 4 + 3 = 12; one spare → c (.51 > .46).
    assert allocate(12, {"a": 420, "b": 310, "c": 270}) == {"a": 5, "b": 4, "c": 3}
    assert allocate(13, {"a": 420, "b": 310, "c": 270}) == {"a": 5, "b": 4, "c": 4}


def test_equal_remainders_go_to_the_larger_unit() -> None:
    # 4 seats, 200 students: 2.5 and 1.5 → 2 + 1 = 3; equal remainders → a (more students).
    assert allocate(4, {"b": 75, "a": 125}) == {"b": 1, "a": 3}


def test_equal_remainders_and_sizes_go_to_the_unit_named_first() -> None:
    # 5 seats, 500 students: 1.5, 1.5, 2.0 → 1 + 1 + 2 = 4; the tie goes to the first named.
    assert allocate(5, {"a": 150, "b": 150, "c": 200}) == {"a": 2, "b": 1, "c": 2}
    assert allocate(5, {"b": 150, "a": 150, "c": 200}) == {"b": 2, "a": 1, "c": 2}


def test_the_floor_of_one_seat_shifts_the_remainders() -> None:
    # 10 seats, 1000 students: c's exact share is 0.2, below the floor of 1 → c gets 1.
    # a and b share the other 9 by their 980 students: 5.510 and 3.490 → 5 + 3 = 8; the
    # spare seat goes to a (.510 > .490). Plain Hamilton would give 6, 4, 0 (b's .8 wins).
    assert allocate(10, {"a": 600, "b": 380, "c": 20}) == {"a": 6, "b": 3, "c": 1}


def test_a_floor_that_pushes_another_unit_below_it_is_applied_again() -> None:
    # Floor of 2 seats, 10 seats, 1000 students: 7.6, 2.1, 0.3 → c fixed at 2; a and b
    # share 8 by 970: a = 6.268, b = 1.732 → now b is below 2 → fixed at 2; a takes 6.
    assert allocate(10, {"a": 760, "b": 210, "c": 30}, min_seats=2) == {"a": 6, "b": 2, "c": 2}


def test_units_without_students_get_no_seat() -> None:
    assert allocate(3, {"a": 200, "empty": 0, "b": 100}) == {"a": 2, "b": 1}


def test_fewer_seats_than_one_percent_are_refused_in_chinese() -> None:
    assert minimum_seats(1001, 10) == 11
    with pytest.raises(DomainError) as refused:
        allocate(10, {"a": 600, "b": 401})
    assert "至少需要 11 名代表" in str(refused.value.message)
    assert refused.value.field == "delegate_seats"
    assert allocate(11, {"a": 600, "b": 401}) == {"a": 7, "b": 4}


def test_fewer_seats_than_the_floors_are_refused() -> None:
    # 300 students need 3 (1 %), but three units with a floor of 2 need 6.
    with pytest.raises(DomainError) as refused:
        allocate(5, {"a": 100, "b": 100, "c": 100}, min_seats=2)
    assert "至少需要 6 名代表" in str(refused.value.message)


def test_a_permille_setting_other_than_ten() -> None:
    # 25 ‰ of 1000 = 25 seats at least.
    with pytest.raises(DomainError):
        allocate(24, {"a": 1000}, min_permille=25)
    assert allocate(25, {"a": 1000}, min_permille=25) == {"a": 25}
