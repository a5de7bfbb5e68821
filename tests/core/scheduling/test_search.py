"""Integer scaling of weights for CP-SAT."""

from techbridge.core.scheduling.search import weight_scale


def test_weight_scale_of_decimal_weights_is_exact():
    assert weight_scale([1.5, 2.25, 3.0]) == (100, True)


def test_weight_scale_of_whole_weights_is_one():
    assert weight_scale([1.0, 4.0]) == (1, True)


def test_weight_scale_of_repeating_fractions_is_inexact():
    assert weight_scale([1 / 3]) == (10**6, False)


def test_weight_scale_keeps_huge_totals_below_two_to_the_53():
    scale, exact = weight_scale([3.5e18, 1.0])

    assert exact is False
    assert (3.5e18 + 1.0) * scale <= 2**53
