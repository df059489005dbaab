/*
 * The 2-D lasso and elastic-net KKT case analysis in the browser: `labMath.lasso2d`,
 * `labMath.elasticNetAt`, `labMath.equivalentLambda` and `labMath.l1Segment`, part of
 * `window.labMath` (lab_math.js has the scene fields, the conventions and the deliberate
 * differences from geometry/). Uses lassoAt, ridgeAt, spectrum, gradient and l1Norm of
 * lab_math.js, looked up when called.
 */
(function (root) {
  'use strict';

  var M = root.labMath = root.labMath || {};

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
    if (r >= 1) { return M.lassoAt(scene, lam); }
    if (r <= 0) { return M.ridgeAt(scene, lam); }
    if (lam <= 0) { return M.lassoAt(scene, 0); }                // the unpenalized lasso end
    var H = scene.hessian, g = scene.linear, shift = 2 * lam * (1 - r), sp = M.spectrum(scene);
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
    var gr = M.gradient(scene, w), scale = Math.max(Math.abs(scene.linear[0]), Math.abs(scene.linear[1]), 1e-300);
    if (Math.max(Math.abs(gr[0]), Math.abs(gr[1])) <= 1e-12 * scale) { return 0; }
    var l1 = M.l1Norm(w);
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
    var tol = atol === undefined ? 1e-9 : atol, size = M.l1Norm(w);
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
    lasso2d: lasso2d, elasticNetAt: elasticNetAt, equivalentLambda: equivalentLambda, l1Segment: l1Segment
  });
  if (typeof module !== 'undefined' && module.exports) { module.exports = M; }
}(typeof window !== 'undefined' ? window : globalThis));
