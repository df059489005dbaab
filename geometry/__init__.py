"""Pure-numpy geometry of L1 / L2 regularization: losses, exact optima, regions, contours, paths.

No dash or plotly here: everything the app draws is computed by these functions and can be
tested with numpy alone. Conventions: ``shared/MISSION.md``.
"""

from .loss import QuadraticLoss
from .paths import LassoPath, lasso_path_breakpoints, regularization_path, ridge_path
from .solvers import PENALTIES, lambda_max, penalized_optimum

__all__ = [
    "QuadraticLoss",
    "PENALTIES",
    "penalized_optimum",
    "lambda_max",
    "LassoPath",
    "lasso_path_breakpoints",
    "ridge_path",
    "regularization_path",
]
