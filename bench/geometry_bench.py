"""Speed of the geometry core. Prints numbers and ratios; asserts nothing.

    python bench/geometry_bench.py [--repeat 2000]

Targets (issue "Geometry core"): one 2-D penalized or constrained optimum <= 50 us; the whole
2-D scene bundle <= 5 ms; a 10-D lasso at n = 2000 at least as fast as scikit-learn's
``Lasso.fit`` on the same problem (ratio <= 1, both timed in this run).
Issue 14: the whole exact lasso path (:func:`geometry.paths.lasso_path_breakpoints`, from the raw
data) no slower than ``sklearn.linear_model.lars_path(method="lasso")`` on the centred data
(ratio <= 1), and the two paths equal to 1e-9.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from geometry import QuadraticLoss, lambda_max, penalized_optimum  # noqa: E402
from geometry.constrained import constrained_optimum  # noqa: E402
from geometry.scene import scene_bundle  # noqa: E402


def per_call(fn, repeat: int) -> float:
    """Median over 5 rounds of the mean time of one call, in seconds."""
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(repeat):
            fn()
        rounds.append((time.perf_counter() - start) / repeat)
    return float(np.median(rounds))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=2000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)

    x = rng.uniform(-1, 1, 20)
    X2 = np.c_[x, 0.6 * x + 0.8 * rng.normal(size=20)]
    loss2 = QuadraticLoss.from_data(X2, X2 @ [1.2, 0.3] + 0.3 * rng.normal(size=20))
    lam = 0.3 * lambda_max(loss2)
    t1 = 0.5 * np.abs(loss2.ols_point).sum()
    t2 = 0.5 * np.linalg.norm(loss2.ols_point)

    print("2-D optima (target <= 50 us each)")
    rows = [
        ("penalized l1", lambda: penalized_optimum(loss2, "l1", lam)),
        ("penalized l2", lambda: penalized_optimum(loss2, "l2", lam)),
        ("penalized elasticnet", lambda: penalized_optimum(loss2, "elasticnet", lam, l1_ratio=0.5)),
        ("constrained l1", lambda: constrained_optimum(loss2, "l1", t1)),
        ("constrained l2", lambda: constrained_optimum(loss2, "l2", t2)),
        ("constrained elasticnet", lambda: constrained_optimum(loss2, "elasticnet", t1 / 2, l1_ratio=0.5)),
        ("constrained lp (p=0.5)", lambda: constrained_optimum(loss2, "lp", t1 / 2, p=0.5)),
        ("constrained lp (p=3)", lambda: constrained_optimum(loss2, "lp", t1 / 2, p=3.0)),
    ]
    for name, fn in rows:
        us = per_call(fn, args.repeat) * 1e6
        print(f"  {name:<26} {us:9.1f} us   {'ok' if us <= 50 else 'OVER TARGET'}")

    ms = per_call(lambda: scene_bundle(QuadraticLoss.from_data(X2, X2 @ [1.2, 0.3])), max(20, args.repeat // 50)) * 1e3
    print(
        f"2-D scene bundle (from data: loss, lasso breakpoints, eigen-data, 12 contours): {ms:.2f} ms "
        f"(target <= 5 ms) {'ok' if ms <= 5 else 'OVER TARGET'}"
    )

    try:
        from sklearn.linear_model import Lasso
    except ImportError:  # pragma: no cover
        print("scikit-learn not installed: skipping the 10-D comparison")
        return
    n, d = 2000, 10
    cov = 0.5 * np.ones((d, d)) + 0.5 * np.eye(d)
    X = rng.multivariate_normal(np.zeros(d), cov, size=n)
    y = X @ (rng.normal(size=d) * (rng.random(d) < 0.5)) + rng.normal(size=n)
    lam10 = 0.05 * lambda_max(QuadraticLoss.from_data(X, y))
    reps = max(20, args.repeat // 20)
    ours = per_call(lambda: penalized_optimum(QuadraticLoss.from_data(X, y), "l1", lam10), reps)
    theirs = per_call(lambda: Lasso(alpha=lam10).fit(X, y), reps)
    w_ours = penalized_optimum(QuadraticLoss.from_data(X, y), "l1", lam10)
    w_sk = Lasso(alpha=lam10, tol=1e-12, max_iter=100_000).fit(X, y).coef_
    print(
        f"10-D lasso, n = {n}: ours (exact, from raw data) {ours * 1e3:.3f} ms, "
        f"sklearn Lasso.fit (default tol) {theirs * 1e3:.3f} ms, ratio ours/sklearn = {ours / theirs:.2f} "
        f"(target <= 1) {'ok' if ours <= theirs else 'OVER TARGET'}; max |w - w_sklearn| = {np.abs(w_ours - w_sk).max():.1e}"
    )
    lasso_path_vs_lars(rng, args.repeat)


def lasso_path_vs_lars(rng: np.random.Generator, repeat: int) -> None:
    """The exact lasso path against scikit-learn's LARS-lasso path on a 10-feature random problem."""
    from sklearn.linear_model import lars_path

    from geometry.paths import lasso_path_breakpoints

    n, d = 500, 10
    cov = 0.6 * np.ones((d, d)) + 0.4 * np.eye(d)
    X = rng.multivariate_normal(np.zeros(d), cov, size=n)
    y = X @ (rng.normal(size=d) * (rng.random(d) < 0.6)) + rng.normal(size=n)

    def lars():  # lars_path fits no intercept: centre as the lab does
        return lars_path(X - X.mean(axis=0), y - y.mean(), method="lasso")

    def ours():
        return lasso_path_breakpoints(QuadraticLoss.from_data(X, y))

    reps = max(20, repeat // 20)
    t_ours, t_lars = per_call(ours, reps), per_call(lars, reps)
    path = ours()
    alphas, _, coefs = lars()
    same = path.lambdas.shape == alphas.shape
    diff = max(np.abs(path.lambdas - alphas).max(), np.abs(path.weights - coefs.T).max()) if same else float("nan")
    print(
        f"10-D lasso path, n = {n} ({len(path.lambdas)} knots): ours (exact homotopy, from raw data) "
        f"{t_ours * 1e3:.3f} ms, sklearn lars_path(method='lasso') {t_lars * 1e3:.3f} ms, ratio ours/sklearn = "
        f"{t_ours / t_lars:.2f} (target <= 1) {'ok' if t_ours <= t_lars else 'OVER TARGET'}; "
        f"max |difference| = {diff:.1e} (target <= 1e-9) {'ok' if same and diff <= 1e-9 else 'DIFFERENT'}"
    )


if __name__ == "__main__":
    main()


# ---------------------------------------------------------------------------- issue 14.3 (appended)
def sparsity_monte_carlo(repeat: int = 5) -> None:
    """The sparsity panel's Monte-Carlo (geometry.sparsity via components.sparsity_panel.monte_carlo):
    exact optima per second for 1000 problems at several d and ρ (each run: the 11-point λ/λ_max grid
    and the current λ, for L1, L2 and the elastic net), and the one-problem exact solver for scale.

    Each setting runs ``repeat`` times; the lines give the best and the median of the whole computation
    (drawing the problems and solving them) and of the solves alone. Target (issue 14): 1000 problems
    well under a second; at d = 20, ρ = 0.9 at most 0.5 s."""
    import time

    from components.sparsity_panel import monte_carlo
    from geometry.solvers import penalized_optimum
    from geometry.sparsity import random_problems

    print(f"sparsity Monte-Carlo, 1000 problems, best / median of {repeat} (target <= 0.5 s):")
    for dim, rho in ((2, 0.5), (10, 0.0), (10, 0.5), (10, 0.9), (20, 0.5), (20, 0.9), (20, 0.95)):
        totals, solves_only = [], []
        for _ in range(repeat):
            study, seconds, _now = monte_carlo(1000, dim, rho=rho, noise=1.0, factor=0.1, l1_ratio=0.5)
            totals.append(seconds)
            solves_only.append(study.seconds)
        best, median = min(totals), float(np.median(totals))
        print(
            f"  d = {dim:2d}, rho = {rho:<4}: {study.solves:,} exact optima in "
            f"{best * 1e3:4.0f} / {median * 1e3:4.0f} ms "
            f"(solves {min(solves_only) * 1e3:4.0f} / {float(np.median(solves_only)) * 1e3:4.0f} ms) = "
            f"{study.solves / best:,.0f} solves/s; {study.fallbacks} lasso rows by the one-problem solver "
            f"{'ok' if median <= 0.5 else 'OVER 0.5 s'}"
        )
    problems = random_problems(200, 10, rho=0.5, seed=0)
    start = time.perf_counter()
    for k in range(problems.count):
        penalized_optimum(problems.loss(k), "l1", 0.1 * problems.lambda_max[k])
    per = (time.perf_counter() - start) / problems.count
    print(f"for scale: geometry.solvers.penalized_optimum one problem at a time, d = 10: {1 / per:,.0f} lasso solves/s")


if __name__ == "__main__":
    sparsity_monte_carlo()


# ---------------------------------------------------------------------------- issue 14.2 (appended)
def diabetes_path() -> None:
    """The exact lasso path of the shipped diabetes data (442 × 10, geometry.datasets) against
    scikit-learn's lars_path(method="lasso") on the same centred data: time (best of 20) and the
    largest difference of knots and weights; and the whole dataset-mode path figure."""
    import time

    import numpy as np

    from components.dataset_path_figure import dataset_path_figure
    from components.problem import default_state
    from components.stores import build_scene
    from components.view import initial_view, view_for_scene, view_with_defaults
    from geometry import QuadraticLoss, lasso_path_breakpoints
    from geometry.datasets import load_diabetes

    try:
        from sklearn.linear_model import lars_path
    except ImportError:  # pragma: no cover - scikit-learn is a dev dependency
        print("diabetes path: scikit-learn not installed, skipped")
        return
    X, y, _ = load_diabetes()
    Xc, yc = X - X.mean(axis=0), y - y.mean()

    def best(fn, repeat: int = 20) -> float:
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            fn()
            times.append(time.perf_counter() - start)
        return min(times)

    t_ours = best(lambda: lasso_path_breakpoints(QuadraticLoss.from_data(X, y)))
    t_lars = best(lambda: lars_path(Xc, yc, method="lasso"))
    path = lasso_path_breakpoints(QuadraticLoss.from_data(X, y))
    alphas, _, coefs = lars_path(Xc, yc, method="lasso")
    same = path.lambdas.shape == alphas.shape
    diff = max(np.abs(path.lambdas - alphas).max(), np.abs(path.weights - coefs.T).max()) if same else float("inf")
    print(
        f"diabetes lasso path (442 x 10, {len(alphas)} knots): ours {t_ours * 1e3:.2f} ms (from the data), "
        f"lars_path {t_lars * 1e3:.2f} ms, ratio {t_ours / t_lars:.2f}; max |difference| = {diff:.1e} "
        f"{'ok' if same and diff <= 1e-9 * max(1.0, np.abs(coefs).max()) else 'DIFFERENT'}"
    )
    state = {**default_state(), "source": "dataset", "dataset": {"name": "diabetes", "features": [2, 8]}}
    scene = build_scene(state)
    view = view_with_defaults(view_for_scene(initial_view(), scene))
    t_fig = best(lambda: dataset_path_figure(scene, {**view, "shown": ["l1", "l2", "en"]}), repeat=5)
    print(f"dataset-mode path figure (10 weights x 3 regions + the pair): {t_fig * 1e3:.0f} ms")


if __name__ == "__main__":
    diabetes_path()
