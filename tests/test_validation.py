"""geometry.validation, the package's import structure, and ConvergenceWarning from capped loops."""

from __future__ import annotations

import ast
import doctest
import importlib
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest

import geometry
from geometry import (
    ConvergenceWarning,
    QuadraticLoss,
    constrained_optimum,
    lambda_max,
    penalized_optimum,
    regularization_path,
    ridge_path,
    ridge_solution,
)
from geometry import constrained
from geometry.basis import design_matrix, synthetic_data
from geometry.group import group_lasso_optimum
from geometry.regions import region_size
from geometry.scene import scene_bundle, weight_view
from geometry.solvers import lasso_2d, lasso_homotopy
from geometry.touch import equivalent_lambda, penalty_value, touch_point
from geometry.validation import (
    check_array,
    check_groups,
    check_l1_ratio,
    check_lambda,
    check_lambdas,
    check_loss,
    check_loss_2d,
    check_option,
    check_p,
    check_penalty,
    check_region,
    check_rho,
    check_size,
    check_view,
    check_whole_number,
)
from tests.conftest import correlated_data, lasso_kkt_residual

GEOMETRY = Path(geometry.__file__).resolve().parent
MODULE_FILES = sorted(GEOMETRY.glob("*.py"))


# ---------------------------------------------------------------------------- the checks
@pytest.mark.parametrize(
    ("check", "args", "match"),
    [
        (check_array, ("ab", "x"), "x must be numeric"),
        (check_array, ([[1.0]], "x"), r"x must be 1-dimensional, got shape \(1, 1\)"),
        (check_array, ([1.0, np.inf], "x"), "x contains NaN or infinite values"),
        (check_loss, (np.eye(2),), "loss must be a QuadraticLoss, got ndarray"),
        (
            check_loss_2d,
            (QuadraticLoss(np.eye(3), np.ones(3)),),
            "contours are drawn in 2-D, got a loss of dimension 3",
        ),
        (check_loss_2d, ({},), "loss must be a QuadraticLoss, got dict"),
        (check_lambda, (-1.0,), "lam must be a finite number >= 0, got -1.0"),
        (check_lambda, (None,), "lam must be a finite number >= 0, got None"),
        (check_lambdas, ([[0.1]],), "lambdas must be 1-dimensional"),
        (check_lambdas, ([0.1, np.nan],), "lambdas must be finite numbers >= 0"),
        (check_lambdas, ("many",), "lambdas must be an array of finite numbers >= 0"),
        (check_l1_ratio, (1.01,), r"l1_ratio must be a number in \[0, 1\], got 1.01"),
        (check_l1_ratio, ("half",), r"l1_ratio must be a number in \[0, 1\]"),
        (check_penalty, ("l0",), "unknown penalty 'l0'; valid penalties are 'l1', 'l2', 'elasticnet', 'group'"),
        (check_region, ("box",), "unknown region 'box'; valid regions are 'l1', 'l2', 'lp', 'elasticnet'"),
        (check_size, (-0.5,), "t must be a finite number >= 0, got -0.5"),
        (check_size, (np.nan,), "t must be a finite number >= 0"),
        (check_p, (0.0,), "p must be a finite number > 0, got 0.0"),
        (check_p, (np.inf,), "p must be a finite number > 0"),
        (check_rho, (1.0,), r"rho must be a number in \[-0.99, 0.99\], got 1.0"),
        (check_rho, ("x",), r"rho must be a number in \[-0.99, 0.99\]"),
        (check_whole_number, (2.0, "num"), "num must be a whole number >= 4, got 2.0"),
        (check_whole_number, (True, "num"), "num must be a whole number >= 4, got True"),
        (check_whole_number, (3, "num"), "num must be a whole number >= 4, got 3"),
        (check_view, (((0, 1),),), r"view must be \(\(xmin, xmax\), \(ymin, ymax\)\)"),
        (check_view, (((0, 1), (1, 1)),), "view must be finite with xmin < xmax and ymin < ymax"),
        (check_view, (((0, np.inf), (0, 1)),), "view must be finite with xmin < xmax and ymin < ymax"),
        (check_groups, ([0, 1], 3), "groups must give one label per weight: expected 3, got 2"),
        (check_groups, ([[0], [1]], 2), "group labels must be hashable"),
        (check_groups, (7, 2), "groups must be a sequence of 2 group labels"),
    ],
)
def test_each_check_refuses_its_bad_argument(check, args, match):
    kwargs = {"ndim": 1} if check is check_array else {"minimum": 4} if check is check_whole_number else {}
    with pytest.raises(ValueError, match=match):
        check(*args, **kwargs)


def test_checks_return_the_converted_argument():
    assert check_lambda(np.float32(0.5)) == 0.5 and isinstance(check_lambda(1), float)
    assert check_lambdas([0, 1]).dtype == float
    assert check_whole_number(np.int64(5), "num", minimum=4) == 5
    assert check_view(None) is None
    assert check_view([[0, 1], [2, 3]]) == ((0.0, 1.0), (2.0, 3.0))
    assert check_option("b", ("a", "b"), kind="letter", kinds="letters") == "b"
    blocks = check_groups(["b", "a", "b"], 3)
    assert [list(idx) for idx in blocks] == [[0, 2], [1]]
    loss = QuadraticLoss(np.eye(2), [1.0, 0.5])
    assert check_loss(loss) is loss and check_loss_2d(loss) is loss


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda loss: ridge_solution(loss, -1.0), "lam must be a finite number >= 0"),
        (lambda loss: ridge_solution(loss, [[1.0]]), "lambdas must be 1-dimensional"),
        (lambda loss: ridge_solution("loss", 1.0), "loss must be a QuadraticLoss"),
        (lambda loss: equivalent_lambda(loss, "box", [1.0, 0.0]), "unknown region 'box'"),
        (lambda loss: equivalent_lambda([1.0], "l1", [1.0, 0.0]), "loss must be a QuadraticLoss"),
        (
            lambda loss: penalty_value("lp", [1.0, 0.0]),
            "unknown region 'lp'; valid regions are 'l1', 'l2', 'elasticnet'",
        ),
        (lambda loss: touch_point(loss, "lp", lam=0.1), "unknown region 'lp'"),
        (lambda loss: group_lasso_optimum(loss, 0.1, [0, 1], max_iter=0), "max_iter must be a whole number >= 1"),
        (lambda loss: group_lasso_optimum(loss, 0.1, [0, 1], max_rounds=1.5), "max_rounds must be a whole number >= 1"),
        (lambda loss: lasso_homotopy(loss.hessian, loss.linear, max_steps=0), "max_steps must be a whole number >= 1"),
        (lambda loss: weight_view(QuadraticLoss(np.eye(3), np.ones(3))), "the weight plane is 2-D, got a loss of dim"),
        (lambda loss: scene_bundle(QuadraticLoss(np.eye(1), np.ones(1))), "scene_bundle needs a 2-D QuadraticLoss"),
        (lambda loss: design_matrix("x-x2", [[0.5]]), "x must be 1-dimensional"),
        (lambda loss: design_matrix("poly", [0.5]), "unknown basis 'poly'; valid bases are 'x-x2'"),
        (lambda loss: synthetic_data(seed=-1), "seed must be a whole number >= 0, got -1"),
        (lambda loss: region_size("l1", "far"), "w must be numeric"),
    ],
)
def test_public_functions_refuse_bad_arguments_through_the_checks(call, match):
    loss = QuadraticLoss(np.eye(2), [1.0, 0.5])
    with pytest.raises(ValueError, match=match):
        call(loss)


# ---------------------------------------------------------------------------- public helpers
def test_positive_directions_is_a_public_boolean_mask():
    x = np.linspace(-1, 1, 9)
    loss = QuadraticLoss.from_data(np.c_[x, x], 1.5 * x)  # rank 1: one flat direction
    mask = loss.positive_directions
    assert mask.dtype == bool and mask.shape == (2,)
    assert mask.tolist() == [False, True]  # eigenvalues ascend: the flat one first
    assert loss.rank == 1


def test_ridge_solution_is_the_linear_solve_for_one_lambda_and_for_many(rng):
    X, y = correlated_data(rng, 30, 4)
    loss = QuadraticLoss.from_data(X, y)
    lams = np.array([0.0, 0.01, 0.3, 2.0])
    many = ridge_solution(loss, lams)
    assert many.shape == (4, 4)
    for lam, row in zip(lams, many):
        one = ridge_solution(loss, lam)
        assert one.shape == (4,)
        expected = np.linalg.solve(loss.hessian + 2 * lam * np.eye(4), loss.linear)
        np.testing.assert_allclose(one, expected, rtol=1e-10, atol=1e-12)
        np.testing.assert_allclose(row, one, rtol=1e-12, atol=1e-14)
        np.testing.assert_array_equal(penalized_optimum(loss, "l2", lam), one)
    np.testing.assert_array_equal(ridge_path(loss, lams), many)
    np.testing.assert_array_equal(regularization_path(loss, "l2", lams), many)
    np.testing.assert_array_equal(ridge_solution(loss, 0.0), loss.ols_point)


@pytest.mark.parametrize("seed", range(20))
def test_lasso_2d_satisfies_the_kkt_conditions(seed):
    rng = np.random.default_rng(seed)
    A = rng.normal(size=(2, 2))
    loss = QuadraticLoss(A @ A.T + 0.05 * np.eye(2), rng.normal(size=2))
    H = loss.hessian
    for fraction in (0.0, 0.1, 0.5, 0.9, 1.0, 1.5):
        lam = fraction * lambda_max(loss)
        w = lasso_2d(H[0, 0], H[0, 1], H[1, 1], loss.linear[0], loss.linear[1], lam)
        assert w is not None
        assert lasso_kkt_residual(loss, np.array(w), lam) < 1e-12
        np.testing.assert_array_equal(penalized_optimum(loss, "l1", lam), np.array(w))


def test_lasso_2d_declines_a_singular_hessian():
    assert lasso_2d(1.0, 1.0, 1.0, 1.0, 1.0, 0.1) is None


def test_lasso_homotopy_refuses_to_return_an_incomplete_path():
    H, g = np.eye(3), np.array([3.0, 2.0, 1.0])
    with pytest.raises(RuntimeError, match="did not reach lam_stop = 0 within 1 pieces"):
        lasso_homotopy(H, g, max_steps=1)
    lambdas, weights = lasso_homotopy(H, g, max_steps=4)  # 4 pieces are enough
    np.testing.assert_array_equal(lambdas, [3.0, 2.0, 1.0, 0.0])
    np.testing.assert_array_equal(weights[-1], g)


# ---------------------------------------------------------------------------- ConvergenceWarning
def test_convergence_warning_is_a_user_warning_exported_by_the_package():
    assert issubclass(ConvergenceWarning, UserWarning)
    assert "ConvergenceWarning" in geometry.__all__
    assert geometry.ConvergenceWarning is geometry.validation.ConvergenceWarning


def _correlated_group_loss() -> QuadraticLoss:
    # One FISTA step from 0 activates all three groups; the optimum has group 1 at zero.
    H = np.array([[1.0, 0.9, 0.0], [0.9, 1.0, 0.0], [0.0, 0.0, 1.0]])
    return QuadraticLoss(H, H @ np.array([1.0, 0.0, 0.5]))


def test_group_lasso_warns_when_its_answer_fails_the_kkt_check():
    loss = _correlated_group_loss()
    with pytest.warns(ConvergenceWarning, match=r"group lasso did not converge: after 1 round\(s\)"):
        w = group_lasso_optimum(loss, 0.3, [0, 1, 2], max_iter=1, max_rounds=1)
    assert w.shape == (3,)  # the best answer it has is still returned
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        np.testing.assert_allclose(group_lasso_optimum(loss, 0.3, [0, 1, 2]), [0.7, 0.0, 0.2], atol=1e-12)


@pytest.fixture
def ellipse_2d() -> QuadraticLoss:
    return QuadraticLoss.from_ellipse([1.5, 0.6], [1.0, 0.45], 0.5)


@pytest.fixture
def loss_3d() -> QuadraticLoss:
    X, y = correlated_data(np.random.default_rng(5), 40, 3, rho=0.6)
    return QuadraticLoss.from_data(X, y)


@pytest.mark.parametrize(
    ("cap", "region", "kwargs", "match"),
    [
        ("L2_MAX_ITER", "l2", {}, "the l2-ball multiplier search did not converge in 1 iterations"),
        ("ELASTIC_NET_MAX_ITER", "elasticnet", {"l1_ratio": 0.5}, "the elastic-net multiplier search did not conv"),
        ("ANGLE_MAX_ITER", "lp", {"p": 1.5}, "the lp-ball angle search did not converge in 1 iterations"),
    ],
)
def test_capped_searches_in_2d_warn_at_their_cap(monkeypatch, ellipse_2d, cap, region, kwargs, match):
    t = 0.5 * region_size(region, ellipse_2d.ols_point, **kwargs)
    monkeypatch.setattr(constrained, cap, 1)
    with pytest.warns(ConvergenceWarning, match=match):
        w = constrained_optimum(ellipse_2d, region, t, **kwargs)
    assert region_size(region, w, **kwargs) == pytest.approx(t, rel=1e-12)  # still on the boundary


@pytest.mark.parametrize(
    ("cap", "p", "match"),
    [
        ("LP_BISECTION_MAX_ITER", 1.5, "the lp-ball multiplier bisection did not converge in 1 iterations"),
        # one Newton step per solve: the answer is off by half a radian, and the final KKT check says so
        ("LP_NEWTON_MAX_ITER", 3.0, "the lp-ball optimum fails its KKT check: the angle .* is 5.76e-01 rad"),
    ],
)
def test_capped_searches_of_the_convex_lp_ball_warn(monkeypatch, loss_3d, cap, p, match):
    t = 0.5 * region_size("lp", loss_3d.ols_point, p=p)
    monkeypatch.setattr(constrained, cap, 1)
    with pytest.warns(ConvergenceWarning) as record:  # a capped bisection also fails the KKT check
        constrained_optimum(loss_3d, "lp", t, p=p)
    assert any(re.search(match, str(item.message)) for item in record)


def test_normal_cases_do_not_warn(ellipse_2d, loss_3d, rng):
    X, y = correlated_data(rng, 50, 5, rho=0.7)
    loss_5d = QuadraticLoss.from_data(X, y)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ConvergenceWarning)
        for loss in (ellipse_2d, loss_3d, loss_5d):
            top = lambda_max(loss)
            for lam in (0.0, 0.05 * top, 0.5 * top):
                for penalty in ("l1", "l2", "elasticnet"):
                    penalized_optimum(loss, penalty, lam, l1_ratio=0.3)
                penalized_optimum(loss, "group", lam, groups=[i // 2 for i in range(loss.dim)])
            for region, kwargs in [
                ("l1", {}),
                ("l2", {}),
                ("elasticnet", {"l1_ratio": 0.3}),
                ("lp", {"p": 1.5}),
                ("lp", {"p": 3.0}),
            ]:
                for fraction in (0.1, 0.5, 0.9):
                    t = fraction * region_size(region, loss.ols_point, **kwargs)
                    constrained_optimum(loss, region, t, **kwargs)
        constrained_optimum(ellipse_2d, "lp", 0.5, p=0.5)


# ---------------------------------------------------------------------------- import structure
def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _package_imports(path: Path) -> list[tuple[str, list[str]]]:
    """(imported geometry module, imported names) for each import of the package in a module."""
    found = []
    for node in ast.walk(_tree(path)):
        if isinstance(node, ast.ImportFrom):
            if node.level == 1:
                module = node.module or "__init__"
            elif node.level == 0 and node.module and node.module.split(".")[0] == "geometry":
                module = node.module.split(".")[1] if "." in node.module else "__init__"
            else:
                continue
            found.append((module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] == "geometry":
                    found.append((alias.name.split(".")[1] if "." in alias.name else "__init__", []))
    return found


def test_no_function_level_imports_in_geometry():
    offenders = []
    for path in MODULE_FILES:
        for func in ast.walk(_tree(path)):
            if isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
                for node in ast.walk(func):
                    if isinstance(node, (ast.Import, ast.ImportFrom)):
                        offenders.append(f"{path.name}:{node.lineno}")
                    if isinstance(node, ast.Call):
                        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
                        if name in ("__import__", "import_module"):
                            offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_no_private_names_cross_module_boundaries():
    offenders = []
    for path in MODULE_FILES:
        for module, names in _package_imports(path):
            offenders += [f"{path.name} imports {module}.{n}" for n in names if n.startswith("_")]
        for node in ast.walk(_tree(path)):
            # obj._private on anything but self / cls: the private attribute of another object
            if isinstance(node, ast.Attribute) and node.attr.startswith("_") and not node.attr.startswith("__"):
                if not (isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")):
                    offenders.append(f"{path.name}:{node.lineno} uses .{node.attr}")
            # a private keyword argument is a private name of the callee's module
            if isinstance(node, ast.Call):
                offenders += [
                    f"{path.name}:{node.lineno} passes {kw.arg}="
                    for kw in node.keywords
                    if kw.arg and kw.arg.startswith("_")
                ]
    assert offenders == []


@pytest.mark.parametrize("name", ["_positive", "_check_loss", "_lasso_2d", "_finite_array", "_from_data"])
def test_former_private_cross_module_names_are_gone(name):
    assert [path.name for path in MODULE_FILES if name in path.read_text(encoding="utf-8")] == []


def test_module_import_graph_has_no_cycle():
    graph = {path.stem: {module for module, _ in _package_imports(path)} for path in MODULE_FILES}
    assert all(target in graph for targets in graph.values() for target in targets)
    done: set[str] = set()

    def visit(node: str, trail: list[str]) -> None:
        if node in trail:
            raise AssertionError("import cycle: " + " -> ".join(trail[trail.index(node) :] + [node]))
        if node in done:
            return
        for target in sorted(graph[node]):
            visit(target, trail + [node])
        done.add(node)

    for node in sorted(graph):
        visit(node, [])


def test_modules_declare_their_public_names_and_import_no_drawing_library():
    for path in MODULE_FILES:
        tree = _tree(path)
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {
            node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & {"dash", "plotly"}, path.name
        module = importlib.import_module("geometry" if path.stem == "__init__" else f"geometry.{path.stem}")
        assert hasattr(module, "__all__"), path.name
        assert all(hasattr(module, name) for name in module.__all__), path.name


def test_each_module_imports_on_its_own(tmp_path):
    # A copy of the package with an empty __init__: importing one module loads only what it needs.
    package = tmp_path / "geometry"
    package.mkdir()
    for path in MODULE_FILES:
        if path.name != "__init__.py":
            shutil.copy(path, package / path.name)
    (package / "__init__.py").write_text("")
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module('geometry.' + name)\n"
    for path in MODULE_FILES:
        if path.name == "__init__.py":
            continue
        result = subprocess.run(
            [sys.executable, "-c", script, path.stem], cwd=tmp_path, capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 0, f"geometry.{path.stem}: {result.stderr}"


def test_docstring_examples_hold():
    for path in MODULE_FILES:
        module = importlib.import_module("geometry" if path.stem == "__init__" else f"geometry.{path.stem}")
        assert doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE).failed == 0, path.name
