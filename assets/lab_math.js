/*
 * Exact 2-D regularization geometry in the browser: `window.labMath`, in five files (Dash
 * loads them in this order): this one (norms, the objective, the lasso and ridge optima),
 * lab_math_constrained.js (constrained optima), lab_math_curves.js (region boundaries, level
 * curves, fitted curves), lab_math_lasso.js (the 2-D lasso / elastic-net KKT case analysis:
 * lasso2d, elasticNetAt, equivalentLambda, l1Segment) and lab_math_lp.js (the p-norm ball).
 *
 * Pure functions (no DOM) of the scene bundle made on the server by
 * geometry/scene.py::scene_bundle and kept in the `scene-store` dcc.Store. While the user
 * drags lambda (or t), the clientside callbacks call these per frame; they mirror the Python
 * `geometry` package. tests/test_js_node.py checks every function against it under Node (unit
 * phase), tests/browser/test_js_math.py the same in Chromium; the cases and checks are
 * tests/math_cases.py (random and ill-conditioned losses, cond(H) up to 1e10, rank 1 and 0).
 *
 * Scene fields used (JSON):
 *   hessian [[h11, h12], [h12, h22]]   H of J0(w) = 1/2 w^T H w - g^T w + c
 *   linear [g1, g2]                    g
 *   min_value                          min J0
 *   ols [w1, w2]                       minimum-norm minimiser H^+ g
 *   eigenvalues [e1, e2]               ascending
 *   eigenvectors [[V00, V01], [V10, V11]]  row-major V, its COLUMNS are eigenvectors
 *   rank 0 | 1 | 2                     numerical rank of H (the top `rank` eigenvalues count)
 *   lambda_max                         ||g||_inf
 *   lasso_path {lambdas (k,), weights (k, 2)}  exact homotopy breakpoints, lambdas
 *                                      strictly decreasing to 0, w linear in between
 *   x_mean [m1, m2], y_mean            intercept b(w) = y_mean - x_mean . w
 *   view {x: [lo, hi], y: [lo, hi]}    plotted window of the weight plane
 *
 * Conventions (shared/MISSION.md): penalties lam ||w||_1, lam ||w||_2^2 and
 * lam (r ||w||_1 + (1 - r) ||w||_2^2); regions ||w||_1 <= t, ||w||_2 <= t and
 * r ||w||_1 + (1 - r) ||w||_2^2 <= t. A point is an array [w1, w2]; a polyline is
 * {x: number[], y: number[]} (null entries are gaps, as plotly draws them).
 *
 * Directions of zero curvature (eigenvalues not counted in `rank`) carry no part of g: g lies
 * in the range of H for every valid loss. Any rounding residue of g there is ignored instead
 * of being divided by a tiny curvature.
 *
 * Deliberate differences from geometry/ (the Node test's tolerance in brackets; "TOL" is 1e-9
 * of the weights' scale max|ols|, widened to 64 cond(H) eps for an ill-conditioned H, since
 * two algorithms agree on such a problem only to ~cond(H) eps):
 *   lassoAt         interpolates the homotopy breakpoints scene.lasso_path (the arithmetic of
 *                   geometry.paths.LassoPath.at); penalized_optimum("l1") solves each lam anew:
 *                   2-D KKT case analysis (_lasso_2d, Cramer's rule + one refinement step), else
 *                   the feature-sign active set, else the homotopy. [TOL; 1e-15 vs
 *                   LassoPath.at; bit-exact at breakpoints. Singular H: only lam = 0 and
 *                   lam >= 1e-6 lambda_max, as the path may end with a rounding-level knot
 *                   (< 1e-15 lambda_max) to the minimum-norm OLS point.]
 *   elasticNetAt    the KKT case analysis on H + 2 lam (1 - r) I with 2x2 solves through the
 *                   eigen-data (no refinement; g's null-space residue dropped); Python runs its
 *                   lasso on the shifted H and keeps the residue. [TOL; singular H: lam = 0 or
 *                   >= 1e-6 lambda_max, plus continuity as lam -> 0 from 1e-13 lambda_max.]
 *   lasso2d         Cramer's rule without refinement, any det > 0, and the best sign-consistent
 *                   candidate if every check fails; _lasso_2d refines once, needs
 *                   det > 1e-10 h11 h22 and otherwise hands over. [1e-9 max(1, cond/1e3).]
 *   l1ForT          inverts ||w(lam)||_1 along scene.lasso_path (Python's _l1_from_path, used
 *                   there only for singular H); constrained_optimum("l1") minimises J0 on each
 *                   diamond edge in closed form (_l1_diamond_2d). Where the path's end and
 *                   scene.ols differ by ~cond(H) eps, a t between their norms gives the path's
 *                   end with lam = 0. [TOL; on the boundary to 1e-12 t unless t is within
 *                   64 cond(H) eps of ||ols||_1.]
 *   l2ForT          the same safeguarded Newton on the secular equation as _l2_ball, but without
 *                   g's null-space residue (Python keeps every coefficient that is not exactly 0,
 *                   and on a singular H sits residue / (2 mu) off along the flat direction);
 *                   returns mu itself (Python's touch point takes equivalent_lambda). [TOL +
 *                   that residue term; lam = equivalent_lambda(w) to TOL lambda_max.]
 *   elasticNetForT  plain bisection on mu (<= 200 halvings) where _elastic_net_region takes a
 *                   Newton step from the active set, bisection-safeguarded; the rank-1 shortcut
 *                   and the final scaling onto the boundary are the same. When mu falls below
 *                   1e-40 lambda_max with lo = 0 (singular H, or t within rounding of the OLS
 *                   point's penalty) the unscaled point is returned with lam = 0. [TOL; as l1ForT.]
 *   J0              min J0 + excess (no cancellation near the minimum) where
 *                   QuadraticLoss.__call__ expands 1/2 w^T H w - g^T w + c. [1e-13 of the terms.]
 *   contourThrough  takes the point: delta = excess(w) exactly, where contour_curve takes a level
 *                   (delta = level - min J0, off by ~eps |min J0|, snapped to 0 below 1e-12);
 *                   at delta = 0 it repeats the OLS point num times (Python: one point); angles
 *                   2 pi i / (num - 1) (Python: linspace). [TOL + that cancellation, point by
 *                   point; J0 on the curve to TOL of the level.]
 *   circle, enBoundary  the formulas of region_boundary; angles (pi / 2) i / (n - 1) (Python:
 *                   linspace); num is not validated. [On the boundary by region_size to 1e-14,
 *                   exact axis points, as many points as region_boundary.]
 *   l2Norm          Math.hypot (np.linalg.norm). [1e-15.]
 * ridgeAt, equivalentLambda, enValue, l1Norm, excess, gradient and fitCurve are Python's formulas.
 */
(function (root) {
  'use strict';

  var M = root.labMath = root.labMath || {};

  // ------------------------------------------------------------------ norms and objective

  /**
   * L1 norm.
   * @param {number[]} w  point [w1, w2]
   * @returns {number} |w1| + |w2|
   */
  function l1Norm(w) { return Math.abs(w[0]) + Math.abs(w[1]); }

  /**
   * Euclidean norm, without overflow or underflow.
   * @param {number[]} w  point [w1, w2]
   * @returns {number} sqrt(w1^2 + w2^2)
   */
  function l2Norm(w) { return Math.hypot(w[0], w[1]); }

  /**
   * Elastic-net penalty.
   * @param {number[]} w  point [w1, w2]
   * @param {number} r    mix in [0, 1]
   * @returns {number} r ||w||_1 + (1 - r) ||w||_2^2
   */
  function enValue(w, r) { return r * l1Norm(w) + (1 - r) * (w[0] * w[0] + w[1] * w[1]); }

  /**
   * Size of the elastic-net region whose boundary crosses the axes at +-t
   * (geometry.regions.elastic_net_budget).
   * @param {number} t  intercept >= 0
   * @param {number} r  mix in [0, 1]
   * @returns {number} r t + (1 - r) t^2
   */
  function enBudget(t, r) { return r * t + (1 - r) * t * t; }

  /**
   * Where the elastic-net region of a size crosses the axes (geometry.regions.elastic_net_intercept).
   * @param {number} size  >= 0
   * @param {number} r     mix in [0, 1]
   * @returns {number} the root t >= 0 of (1 - r) t^2 + r t = size
   */
  function enIntercept(size, r) { return size > 0 ? 2 * size / (r + Math.sqrt(r * r + 4 * (1 - r) * size)) : 0; }

  /**
   * The excess J0(w) - min J0 = 1/2 (w - ols)^T H (w - ols) (never negative up to rounding).
   * @param {object} scene  scene bundle
   * @param {number[]} w    point [w1, w2]
   * @returns {number}
   */
  function excess(scene, w) {
    var H = scene.hessian, d0 = w[0] - scene.ols[0], d1 = w[1] - scene.ols[1];
    return 0.5 * (H[0][0] * d0 * d0 + 2 * H[0][1] * d0 * d1 + H[1][1] * d1 * d1);
  }

  /**
   * The unregularized loss J0(w), in the excess form min J0 + 1/2 (w - ols)^T H (w - ols),
   * which avoids the cancellation of 1/2 w^T H w - g^T w + c near the minimum.
   * @param {object} scene  scene bundle
   * @param {number[]} w    point [w1, w2]
   * @returns {number}
   */
  function J0(scene, w) { return scene.min_value + excess(scene, w); }

  /**
   * Gradient of J0.
   * @param {object} scene  scene bundle
   * @param {number[]} w    point [w1, w2]
   * @returns {number[]} H w - g, shape [2]
   */
  function gradient(scene, w) {
    var H = scene.hessian, g = scene.linear;
    return [H[0][0] * w[0] + H[0][1] * w[1] - g[0], H[0][1] * w[0] + H[1][1] * w[1] - g[1]];
  }

  // ------------------------------------------------------------------ eigen-data

  /**
   * The eigen-data used by the closed forms: columns of V, the curvature along each (0 for
   * directions outside the rank) and the coefficient of g along each (0 outside the rank).
   * @param {object} scene  scene bundle
   * @returns {{v: number[][], e: number[], c: number[]}}  v[k] = k-th eigenvector [2],
   *   e[k] >= 0, c[k] = v[k] . g; k = 0, 1 with e ascending
   */
  function spectrum(scene) {
    var V = scene.eigenvectors, g = scene.linear, rank = scene.rank, v = [], e = [], c = [];
    for (var k = 0; k < 2; k++) {
      var col = [V[0][k], V[1][k]], counted = k >= 2 - rank;
      v.push(col);
      e.push(counted ? Math.max(scene.eigenvalues[k], 0) : 0);
      c.push(counted ? col[0] * g[0] + col[1] * g[1] : 0);
    }
    return {v: v, e: e, c: c};
  }

  // ------------------------------------------------------------------ penalized optima

  /**
   * Exact lasso optimum, argmin J0(w) + lam ||w||_1, by linear interpolation between the
   * homotopy breakpoints of scene.lasso_path (the path is exactly linear between them).
   * @param {object} scene  scene bundle
   * @param {number} lam    penalty weight (>= lambdas[0] gives exactly [0, 0]; <= 0 gives the
   *                        last breakpoint, the lam = 0 end of the path)
   * @returns {number[]} [w1, w2]
   */
  function lassoAt(scene, lam) {
    var L = scene.lasso_path.lambdas, W = scene.lasso_path.weights, k = L.length;
    if (lam >= L[0]) { return [0, 0]; }
    if (lam <= L[k - 1]) { return W[k - 1].slice(); }
    var lo = 0, hi = k - 1;                                    // L[lo] > lam > L[hi]
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (L[mid] >= lam) { lo = mid; } else { hi = mid; }
    }
    var th = (L[lo] - lam) / (L[lo] - L[hi]);
    return [W[lo][0] + th * (W[hi][0] - W[lo][0]), W[lo][1] + th * (W[hi][1] - W[lo][1])];
  }

  /**
   * Exact ridge optimum, argmin J0(w) + lam ||w||_2^2 = V diag(1 / (e + 2 lam)) V^T g, summed
   * over the directions of positive curvature only (at lam = 0 this is the OLS point H^+ g).
   * @param {object} scene  scene bundle
   * @param {number} lam    penalty weight >= 0
   * @returns {number[]} [w1, w2]
   */
  function ridgeAt(scene, lam) {
    var sp = spectrum(scene), w = [0, 0];
    for (var k = 0; k < 2; k++) {
      if (sp.c[k] === 0) { continue; }
      var coef = sp.c[k] / (sp.e[k] + 2 * lam);
      w[0] += sp.v[k][0] * coef;
      w[1] += sp.v[k][1] * coef;
    }
    return w;
  }

  Object.assign(M, {
    l1Norm: l1Norm, l2Norm: l2Norm, enValue: enValue, enBudget: enBudget, enIntercept: enIntercept, J0: J0, excess: excess, gradient: gradient,
    spectrum: spectrum, lassoAt: lassoAt, ridgeAt: ridgeAt
  });
  if (typeof module !== 'undefined' && module.exports) { module.exports = M; }
}(typeof window !== 'undefined' ? window : globalThis));
