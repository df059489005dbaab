/*
 * Exact 2-D regularization geometry in the browser: `window.labMath`, in three files (Dash
 * loads them in this order): this one (norms, the objective, penalized optima),
 * lab_math_constrained.js (constrained optima) and lab_math_curves.js (region boundaries, level
 * curves, fitted curves).
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

  /**
   * 2-D lasso by KKT case enumeration for 1/2 w^T H w - g^T w + lam ||w||_1 with H = [[h11,
   * h12], [h12, h22]] positive definite: w = 0; one coordinate by soft-thresholding with a
   * subgradient check of the other; both nonzero for each sign pattern s by
   * solve(s) = H^-1 (g - lam s) with a sign check. If rounding makes every check fail (ties at a
   * breakpoint), the sign-consistent candidate of least objective is returned.
   * @param {number} h11
   * @param {number} h12
   * @param {number} h22
   * @param {number} g1
   * @param {number} g2
   * @param {number} lam  >= 0
   * @param {function(number, number): number[]} solve  (s1, s2) -> H^-1 (g - lam [s1, s2])
   * @returns {number[]} [w1, w2]
   */
  function lassoCases(h11, h12, h22, g1, g2, lam, solve) {
    if (lam >= Math.max(Math.abs(g1), Math.abs(g2))) { return [0, 0]; }
    var slack = lam * (1 + 1e-12), candidates = [[0, 0]], w1, w2;
    if (Math.abs(g1) > lam) {
      w1 = Math.sign(g1) * (Math.abs(g1) - lam) / h11;
      if (Math.abs(g2 - h12 * w1) <= slack) { return [w1, 0]; }
      candidates.push([w1, 0]);
    }
    if (Math.abs(g2) > lam) {
      w2 = Math.sign(g2) * (Math.abs(g2) - lam) / h22;
      if (Math.abs(g1 - h12 * w2) <= slack) { return [0, w2]; }
      candidates.push([0, w2]);
    }
    var signs = [[1, 1], [1, -1], [-1, 1], [-1, -1]];
    for (var i = 0; i < 4; i++) {
      var s1 = signs[i][0], s2 = signs[i][1], w = solve(s1, s2);
      if (w[0] * s1 > 0 && w[1] * s2 > 0) { return w; }
      candidates.push([w[0] * s1 > 0 ? w[0] : 0, w[1] * s2 > 0 ? w[1] : 0]);
    }
    var best = null, bestValue = Infinity;
    candidates.forEach(function (p) {
      var value = 0.5 * (h11 * p[0] * p[0] + 2 * h12 * p[0] * p[1] + h22 * p[1] * p[1])
        - g1 * p[0] - g2 * p[1] + lam * (Math.abs(p[0]) + Math.abs(p[1]));
      if (value < bestValue) { best = p; bestValue = value; }
    });
    return best;
  }

  /**
   * Exact 2-D lasso minimiser of 1/2 w^T H w - g^T w + lam ||w||_1 (KKT case enumeration,
   * 2x2 solves by Cramer's rule).
   * @param {number[][]} H  2x2 symmetric positive definite
   * @param {number[]} g    [g1, g2]
   * @param {number} lam    >= 0
   * @returns {number[]|null} [w1, w2]; null if H is not numerically positive definite
   */
  function lasso2d(H, g, lam) {
    var h11 = H[0][0], h12 = H[0][1], h22 = H[1][1], det = h11 * h22 - h12 * h12;
    if (lam >= Math.max(Math.abs(g[0]), Math.abs(g[1]))) { return [0, 0]; }
    if (!(det > 0 && h11 > 0 && h22 > 0 && isFinite(det))) { return null; }
    return lassoCases(h11, h12, h22, g[0], g[1], lam, function (s1, s2) {
      var b1 = g[0] - lam * s1, b2 = g[1] - lam * s2;
      return [(h22 * b1 - h12 * b2) / det, (h11 * b2 - h12 * b1) / det];
    });
  }

  /**
   * Exact elastic-net optimum, argmin J0(w) + lam (r ||w||_1 + (1 - r) ||w||_2^2): the lasso
   * of H + 2 lam (1 - r) I at lam r. The 2x2 solves use the eigen-data, so they stay accurate
   * when H is singular and the shift is tiny.
   * @param {object} scene  scene bundle
   * @param {number} lam    penalty weight >= 0
   * @param {number} r      mix in [0, 1] (1: lassoAt; 0: ridgeAt)
   * @returns {number[]} [w1, w2]
   */
  function elasticNetAt(scene, lam, r) {
    if (r >= 1) { return lassoAt(scene, lam); }
    if (r <= 0) { return ridgeAt(scene, lam); }
    if (lam <= 0) { return lassoAt(scene, 0); }                // the unpenalized lasso end
    var H = scene.hessian, g = scene.linear, shift = 2 * lam * (1 - r), sp = spectrum(scene);
    var l1 = lam * r;
    return lassoCases(H[0][0] + shift, H[0][1], H[1][1] + shift, g[0], g[1], l1, function (s1, s2) {
      // V^T (g - l1 s): the g part is sp.c (no g outside the rank)
      var w = [0, 0];
      for (var k = 0; k < 2; k++) {
        var v = sp.v[k], coef = (sp.c[k] - l1 * (v[0] * s1 + v[1] * s2)) / (sp.e[k] + shift);
        w[0] += v[0] * coef;
        w[1] += v[1] * coef;
      }
      return w;
    });
  }

  /**
   * The lam for which a constrained optimum w is also the penalized optimum (Euler's identity
   * for the homogeneous parts of the penalty): -grad J0(w) . w / (r ||w||_1 + 2 (1 - r) ||w||^2).
   * @param {object} scene  scene bundle
   * @param {number[]} w    point [w1, w2]
   * @param {number} r      mix in [0, 1] (1: L1, 0: L2)
   * @returns {number} 0 at the OLS point; for w = 0: ||grad||_inf / r, or Infinity when r = 0
   */
  function equivalentLambda(scene, w, r) {
    var gr = gradient(scene, w), scale = Math.max(Math.abs(scene.linear[0]), Math.abs(scene.linear[1]), 1e-300);
    if (Math.max(Math.abs(gr[0]), Math.abs(gr[1])) <= 1e-12 * scale) { return 0; }
    var l1 = l1Norm(w);
    if (l1 === 0) { return r > 0 ? Math.max(Math.abs(gr[0]), Math.abs(gr[1])) / r : Infinity; }
    var euler = r * l1 + 2 * (1 - r) * (w[0] * w[0] + w[1] * w[1]);
    return Math.max(0, -(gr[0] * w[0] + gr[1] * w[1]) / euler);
  }

  /**
   * All L1 optima that share J0 and ||w||_1 with w, when they form a segment (see
   * geometry.solution_set.l1_solution_segment): H of rank 1 whose flat direction u is
   * parallel to an edge of the diamond through w (|sigma . u| <= atol).
   * @param {object} scene  scene bundle
   * @param {number[]} w    an L1 optimum [w1, w2]
   * @param {number} [atol] tolerance on |sigma . u| (default 1e-9)
   * @returns {number[][]|null} the end points [[s1 ||w||_1, 0], [0, s2 ||w||_1]], or null
   */
  function l1Segment(scene, w, atol) {
    var tol = atol === undefined ? 1e-9 : atol, size = l1Norm(w);
    if (scene.rank !== 1 || size === 0) { return null; }
    var u = [scene.eigenvectors[0][0], scene.eigenvectors[1][0]];
    var choices = w.map(function (v) { return v !== 0 ? [Math.sign(v)] : [1, -1]; });
    for (var i = 0; i < choices[0].length; i++) {
      for (var j = 0; j < choices[1].length; j++) {
        var s0 = choices[0][i], s1 = choices[1][j];
        if (Math.abs(s0 * u[0] + s1 * u[1]) <= tol) { return [[s0 * size, 0], [0, s1 * size]]; }
      }
    }
    return null;
  }

  Object.assign(M, {
    l1Segment: l1Segment,
    l1Norm: l1Norm, l2Norm: l2Norm, enValue: enValue, enBudget: enBudget, enIntercept: enIntercept, J0: J0, excess: excess, gradient: gradient,
    spectrum: spectrum, lassoAt: lassoAt, ridgeAt: ridgeAt, lasso2d: lasso2d, elasticNetAt: elasticNetAt,
    equivalentLambda: equivalentLambda
  });
  if (typeof module !== 'undefined' && module.exports) { module.exports = M; }
}(typeof window !== 'undefined' ? window : globalThis));
