"""The shipped diabetes data (geometry/datasets.py, data/diabetes.npz) against scikit-learn's copy,
and the lab's maths on it against scikit-learn's solvers.

Conventions (README, components/glossary.py): J0(w) = 1/(2n)·‖y − Xw − b‖² with b fitted, so
``Lasso(alpha=λ)`` is the lab's L1 at λ, ``Ridge(alpha=2nλ)`` its L2 at λ, and
``lars_path(Xc, yc, method="lasso")`` returns the lab's λ's (already divided by n).
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from geometry import QuadraticLoss, lambda_max, lasso_path_breakpoints
from geometry.datasets import DATA_DIR, DATASETS, dataset_names, load_dataset, load_diabetes

ROOT = Path(__file__).resolve().parents[1]
NAMES = ("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6")


@pytest.fixture(scope="module")
def sklearn_diabetes():
    datasets = pytest.importorskip("sklearn.datasets")
    return datasets.load_diabetes()


def test_shipped_data_equal_scikit_learns(sklearn_diabetes):
    X, y, names = load_diabetes()
    assert X.shape == (442, 10) and y.shape == (442,)
    np.testing.assert_allclose(X, sklearn_diabetes.data, rtol=0, atol=1e-12)
    assert np.array_equal(y, sklearn_diabetes.target)
    assert list(names) == list(sklearn_diabetes.feature_names) == list(NAMES)


def test_shipped_data_are_centred_unit_norm_columns_and_a_raw_whole_number_target():
    """The scaling load_diabetes(scaled=True) applies, checked from its definition, not from sklearn."""
    X, y, _ = load_diabetes()
    np.testing.assert_allclose(X.mean(axis=0), 0.0, atol=1e-15)
    np.testing.assert_allclose(np.linalg.norm(X, axis=0), 1.0, rtol=1e-13)
    assert np.array_equal(y, np.round(y)) and y.min() == 25 and y.max() == 346


def test_the_loader_reads_the_project_file_with_no_network_and_no_scikit_learn(tmp_path):
    """In a fresh interpreter where importing scikit-learn fails and every socket raises, the data load."""
    script = textwrap.dedent(
        f"""
        import socket, sys
        sys.modules["sklearn"] = None  # any import of scikit-learn raises ImportError
        def refuse(*args, **kwargs):
            raise OSError("no network in this test")
        socket.socket = refuse
        socket.create_connection = refuse
        sys.path.insert(0, {str(ROOT)!r})
        from geometry.datasets import load_diabetes
        X, y, names = load_diabetes()
        print(X.shape, y.shape, len(names), "sklearn" in sys.modules and sys.modules["sklearn"] is not None)
        """
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60, cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "(442, 10) (442,) 10 False"
    assert (DATA_DIR / DATASETS["diabetes"]).is_file()
    assert (DATA_DIR / DATASETS["diabetes"]).stat().st_size < 64_000  # a small file


def test_loaded_arrays_are_read_only_so_no_caller_changes_the_cached_copy():
    X, y, _ = load_diabetes()
    with pytest.raises(ValueError, match="read-only"):
        X[0, 0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        y[0] = 1.0


@pytest.mark.parametrize("name", ["iris", "", None, 3, "Diabetes"])
def test_an_unknown_data_set_is_refused(name):
    with pytest.raises(ValueError, match="name must be one of diabetes"):
        load_dataset(name)


def test_dataset_names():
    assert dataset_names() == ("diabetes",)


def _centred():
    X, y, _ = load_diabetes()
    return X - X.mean(axis=0), y - y.mean()


def test_the_ten_feature_lasso_path_equals_lars_path():
    linear_model = pytest.importorskip("sklearn.linear_model")
    X, y, _ = load_diabetes()
    path = lasso_path_breakpoints(QuadraticLoss.from_data(X, y))
    alphas, _, coefs = linear_model.lars_path(*_centred(), method="lasso")
    assert path.lambdas.shape == alphas.shape  # the same knots, one for one
    np.testing.assert_allclose(path.lambdas, alphas, rtol=1e-9, atol=1e-9 * alphas[0])
    scale = np.abs(coefs).max()
    np.testing.assert_allclose(path.weights, coefs.T, rtol=0, atol=1e-9 * scale)
    # a path that would pass without the drop step: on the diabetes data a weight leaves (s1 ... the
    # lasso's modification of LARS, Efron et al. 2004, section 3)
    assert np.any((coefs[:, :-1] != 0) & (coefs[:, 1:] == 0))


@pytest.mark.parametrize("pair", [(2, 8), (0, 1), (4, 5), (6, 7), (3, 9), (8, 2)])
@pytest.mark.parametrize("fraction", [0.9, 0.3, 0.05, 0.002])
def test_two_feature_touch_points_equal_lasso_and_ridge(pair, fraction):
    """The plane's problem in dataset mode: the lab's optima on two columns equal scikit-learn's."""
    linear_model = pytest.importorskip("sklearn.linear_model")
    from components.path_model import region_curve

    X, y, _ = load_diabetes()
    X2 = X[:, list(pair)]
    loss = QuadraticLoss.from_data(X2, y)
    lam = fraction * lambda_max(loss)
    w_l1 = lasso_path_breakpoints(loss).at(lam)
    lasso = linear_model.Lasso(alpha=lam, tol=1e-14, max_iter=1_000_000).fit(X2, y)
    np.testing.assert_allclose(w_l1, lasso.coef_, rtol=1e-7, atol=1e-7 * np.abs(loss.ols_point).max())
    w_l2 = region_curve(loss, "l2", [lam])[0]
    ridge = linear_model.Ridge(alpha=2 * len(y) * lam, solver="cholesky").fit(X2, y)
    np.testing.assert_allclose(w_l2, ridge.coef_, rtol=1e-9)
