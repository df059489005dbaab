"""Pure-numpy geometry of L1 / L2 regularization: losses, exact optima, regions, contours, paths.

No dash or plotly here: everything the app draws is computed by these functions and can be
tested with numpy alone. Conventions: ``shared/MISSION.md``.

Modules, each importing only those above it: ``loss`` (the quadratic loss J0),
``validation`` (argument checks, :class:`ConvergenceWarning`), ``basis``, ``regions``,
``contours``, ``group``, ``solution_set``, ``solvers``, ``paths``, ``constrained``, ``touch``, ``scene``.
"""

from .constrained import constrained_optimum
from .contours import contour_curve, contour_level_through, contour_levels, contour_lines
from .group import group_lasso_optimum
from .loss import QuadraticLoss
from .paths import LassoPath, lasso_path_breakpoints, regularization_path, ridge_path
from .regions import REGION_NAMES, elastic_net_budget, elastic_net_intercept, region_boundary, region_size
from .scene import scene_bundle, weight_view
from .solution_set import l1_solution_segment
from .solvers import PENALTIES, lambda_max, penalized_optimum, ridge_solution
from .touch import Touch, equivalent_lambda, touch_point
from .validation import ConvergenceWarning

__all__ = [
    "QuadraticLoss",
    "PENALTIES",
    "penalized_optimum",
    "lambda_max",
    "ridge_solution",
    "l1_solution_segment",
    "group_lasso_optimum",
    "REGION_NAMES",
    "constrained_optimum",
    "region_size",
    "region_boundary",
    "elastic_net_budget",
    "elastic_net_intercept",
    "contour_curve",
    "contour_level_through",
    "contour_levels",
    "contour_lines",
    "LassoPath",
    "lasso_path_breakpoints",
    "ridge_path",
    "regularization_path",
    "scene_bundle",
    "weight_view",
    "Touch",
    "touch_point",
    "equivalent_lambda",
    "ConvergenceWarning",
]
