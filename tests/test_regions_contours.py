"""Region boundaries and sizes, analytic contours and contour levels."""

import numpy as np
import pytest

from geometry import QuadraticLoss
from geometry.contours import contour_curve, contour_level_through, contour_levels, contour_lines
from geometry.regions import elastic_net_budget, elastic_net_intercept, region_boundary, region_size


@pytest.mark.parametrize("t", [0.0, 0.3, 2.5])
def test_l1_diamond_has_exact_corners(t):
    b = region_boundary("l1", t)
    assert b.tolist() == [[t, 0.0], [0.0, t], [-t, 0.0], [0.0, -t], [t, 0.0]]


@pytest.mark.parametrize(
    ("region", "kwargs"),
    [
        ("l2", {}),
        ("lp", {"p": 0.5}),
        ("lp", {"p": 1.5}),
        ("lp", {"p": 4.0}),
        ("elasticnet", {"l1_ratio": 0.3}),
        ("elasticnet", {"l1_ratio": 1.0}),
    ],
)
def test_every_boundary_point_has_size_t_and_axis_points_are_exact(region, kwargs):
    t = 1.7
    b = region_boundary(region, t, num=200, **kwargs)
    assert b.shape[1] == 2 and np.array_equal(b[0], b[-1])
    sizes = np.array([region_size(region, w, **kwargs) for w in b])
    np.testing.assert_allclose(sizes, t, rtol=1e-12)
    # the four points on the axes are exact vertices
    on_axes = b[(b[:, 0] == 0) | (b[:, 1] == 0)]
    assert {tuple(np.sign(p)) for p in on_axes} >= {(1.0, 0.0), (0.0, 1.0), (-1.0, 0.0), (0.0, -1.0)}


def test_p_below_one_is_star_shaped():
    # a p < 1 ball lies inside the diamond: concave sides
    b = region_boundary("lp", 1.0, p=0.5, num=400)
    assert np.all(np.abs(b).sum(axis=1) <= 1.0 + 1e-12)
    assert np.abs(b).sum(axis=1).min() < 0.6


def test_region_size_matches_the_norms():
    w = np.array([3.0, -4.0])
    assert region_size("l1", w) == 7.0
    assert region_size("l2", w) == 5.0
    assert region_size("lp", w, p=3) == pytest.approx((27 + 64) ** (1 / 3))
    assert region_size("elasticnet", w, l1_ratio=0.25) == pytest.approx(0.25 * 7 + 0.75 * 25)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda: region_boundary("l3", 1.0), "unknown region 'l3'; valid regions are 'l1', 'l2', 'lp', 'elasticnet'"),
        (lambda: region_boundary("l1", -1.0), "t must be a finite number >= 0"),
        (lambda: region_boundary("l1", np.nan), "t must be a finite number >= 0"),
        (lambda: region_boundary("lp", 1.0, p=0.0), "p must be a finite number > 0"),
        (lambda: region_boundary("elasticnet", 1.0, l1_ratio=2.0), r"l1_ratio must be a number in \[0, 1\]"),
        (lambda: region_boundary("l2", 1.0, num=3), "num must be a whole number >= 8"),
        (lambda: region_size("l2", [1.0, np.nan]), "w contains NaN"),
        (lambda: region_size("lp", [1.0, 2.0], p=-1), "p must be a finite number > 0"),
    ],
)
def test_regions_reject_bad_arguments(call, match):
    with pytest.raises(ValueError, match=match):
        call()


@pytest.fixture
def ellipse_loss():
    return QuadraticLoss.from_ellipse([1.0, 0.5], [2.0, 0.7], 0.6, min_value=0.3)


def test_contour_points_lie_on_their_level(ellipse_loss):
    for level in (0.31, 0.8, 5.0):
        (curve,) = contour_curve(ellipse_loss, level, num=101)
        assert curve.shape == (101, 2) and np.array_equal(curve[0], curve[-1])
        np.testing.assert_allclose(ellipse_loss(curve), level, rtol=1e-12)


def test_contour_through_a_point_passes_through_it(ellipse_loss):
    w = np.array([-0.4, 1.3])
    level = contour_level_through(ellipse_loss, w)
    assert level == pytest.approx(ellipse_loss(w), rel=1e-14)
    (curve,) = contour_curve(ellipse_loss, level, num=20001)
    assert np.min(np.linalg.norm(curve - w, axis=1)) < 1e-3


def test_contour_below_and_at_the_minimum(ellipse_loss):
    assert contour_curve(ellipse_loss, 0.1) == []
    (point,) = contour_curve(ellipse_loss, 0.3)
    np.testing.assert_allclose(point, [[1.0, 0.5]])


def test_rank_one_loss_gives_parallel_lines_clipped_to_the_view():
    x = np.linspace(-1, 1, 9)
    loss = QuadraticLoss.from_data(np.c_[x, x], 2 * x + np.sin(5 * x))
    view = ((-3.0, 3.0), (-3.0, 3.0))
    level = loss.min_value + 0.2
    segments = contour_curve(loss, level, view=view)
    assert len(segments) == 2
    for seg in segments:
        np.testing.assert_allclose(loss(seg), level, rtol=1e-9)
        assert np.all(seg >= -3 - 1e-12) and np.all(seg <= 3 + 1e-12)
    with pytest.raises(ValueError, match="give a view"):
        contour_curve(loss, level)


def test_flat_loss_has_no_contours():
    loss = QuadraticLoss(np.zeros((2, 2)), [0.0, 0.0], 1.0)
    assert contour_curve(loss, 2.0) == []


def test_levels_are_evenly_spaced_in_radius_and_include_given_levels(ellipse_loss):
    view = ((-3.0, 3.0), (-3.0, 3.0))
    levels = contour_levels(ellipse_loss, count=6, view=view, include=[0.777])
    assert 0.777 in levels and np.all(np.diff(levels) > 0)
    plain = contour_levels(ellipse_loss, count=6, view=view)
    radii = np.sqrt(plain - ellipse_loss.min_value)
    np.testing.assert_allclose(np.diff(radii), radii[0], rtol=1e-9)
    corners = np.array([[x, y] for x in view[0] for y in view[1]])
    assert plain[-1] == pytest.approx(ellipse_loss(corners).max(), rel=1e-9)


def test_contour_lines_join_curves_with_gaps(ellipse_loss):
    x, y = contour_lines(ellipse_loss, [0.5, 1.0], num=50)
    assert x.shape == y.shape == (101,)
    assert np.isnan(x[50]) and np.isnan(y[50])


@pytest.mark.parametrize("extra", [[], [-1.0], ["min"]])
def test_contour_lines_lie_on_their_levels_in_order(ellipse_loss, extra):
    """Every piece between gaps is a level curve, in the order of the levels; a level below the
    minimum draws nothing and the minimum itself a single point (the OLS point)."""
    levels = [0.5, 1.0, 2.0] + [ellipse_loss.min_value if e == "min" else e for e in extra]
    x, y = contour_lines(ellipse_loss, sorted(levels), num=40)
    cuts = np.flatnonzero(np.isnan(x))
    pieces = [np.c_[px, py] for px, py in zip(np.split(x, cuts), np.split(y, cuts))]
    pieces = [p[~np.isnan(p[:, 0])] for p in pieces]
    drawn = sorted(v for v in levels if v >= ellipse_loss.min_value)
    assert len(pieces) == len(drawn)
    for piece, level in zip(pieces, drawn):
        np.testing.assert_allclose(ellipse_loss(piece), level, rtol=1e-9, atol=1e-12)
        assert len(piece) == (1 if level == ellipse_loss.min_value else 40)


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda loss: contour_curve(QuadraticLoss(np.eye(3), np.ones(3)), 1.0), "contours are drawn in 2-D"),
        (lambda loss: contour_curve(loss, np.inf), "level must be finite"),
        (lambda loss: contour_curve(loss, 1.0, num=2), "num must be a whole number >= 4"),
        (lambda loss: contour_levels(loss, count=0), "count must be a whole number >= 1"),
        (lambda loss: contour_levels(loss, view=((1, 0), (0, 1))), "xmin < xmax"),
        (lambda loss: contour_level_through(loss, [1.0]), "w must be two finite numbers"),
    ],
)
def test_contours_reject_bad_arguments(ellipse_loss, call, match):
    with pytest.raises(ValueError, match=match):
        call(ellipse_loss)


@pytest.mark.parametrize("r", [0.0, 0.25, 0.5, 0.9, 1.0])
@pytest.mark.parametrize("t", [0.0, 1e-6, 0.36, 1.0, 7.5])
def test_the_elastic_net_region_of_intercept_t_crosses_the_axes_at_t(r, t):
    size = elastic_net_budget(t, l1_ratio=r)
    assert elastic_net_intercept(size, l1_ratio=r) == pytest.approx(t, rel=1e-14, abs=1e-300)
    for axis in ([t, 0.0], [0.0, -t]):  # on the boundary: the size at the axis point is the budget
        assert region_size("elasticnet", axis, l1_ratio=r) == pytest.approx(size, rel=1e-14, abs=1e-300)
    boundary = region_boundary("elasticnet", size, l1_ratio=r, num=64)
    if r == 0.0:  # the circle of radius t
        np.testing.assert_allclose(np.hypot(boundary[:, 0], boundary[:, 1]), t, rtol=1e-12, atol=1e-300)
    if r == 1.0:  # the diamond of intercept t
        np.testing.assert_allclose(np.abs(boundary).sum(axis=1), t, rtol=1e-12, atol=1e-300)


def test_elastic_net_intercept_refuses_bad_arguments():
    with pytest.raises(ValueError, match="t must be"):
        elastic_net_budget(-1.0, l1_ratio=0.5)
    with pytest.raises(ValueError, match="l1_ratio"):
        elastic_net_intercept(1.0, l1_ratio=1.5)
