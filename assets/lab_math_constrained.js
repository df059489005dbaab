/*
 * Constrained optima, the minimisers of J0 over a region of size t: part of `window.labMath`
 * (lab_math.js has the scene fields, the conventions and the deliberate differences from
 * geometry/). Uses l1Norm, l2Norm, enValue, spectrum and elasticNetAt of lab_math.js, looked up
 * when called.
 */
(function (root) {
  'use strict';

  var M = root.labMath = root.labMath || {};
  // ------------------------------------------------------------------ constrained optima

  /**
   * Minimiser of J0 over the diamond ||w||_1 <= t. Along the lasso path ||w(lam)||_1 is
   * piecewise linear and non-increasing in lam, so it is inverted exactly on its segment.
   * @param {object} scene  scene bundle
   * @param {number} t      size >= 0
   * @returns {{w: number[], lam: number}} the optimum and its penalty weight (0 when the OLS
   *   point is inside; lambda_max when t = 0)
   */
  function l1ForT(scene, t) {
    var W = scene.lasso_path.weights, L = scene.lasso_path.lambdas, k = W.length;
    if (M.l1Norm(scene.ols) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: scene.lambda_max}; }
    var norms = W.map(M.l1Norm);
    if (t >= norms[k - 1]) { return {w: W[k - 1].slice(), lam: 0}; }
    var i = 0;
    while (i < k - 2 && norms[i + 1] <= t) { i += 1; }      // norms[i] <= t < norms[i+1]
    var th = (t - norms[i]) / (norms[i + 1] - norms[i]);
    var w = [W[i][0] + th * (W[i + 1][0] - W[i][0]), W[i][1] + th * (W[i + 1][1] - W[i][1])];
    return {w: w, lam: L[i] + th * (L[i + 1] - L[i])};
  }

  /**
   * Minimiser of J0 over the disc ||w||_2 <= t: the ridge optimum w(mu) whose norm is t,
   * from the secular equation 1/||w(mu)|| = 1/t (increasing, nearly linear in mu) by a
   * Newton iteration safeguarded with a bracket, to machine precision. The result is scaled
   * onto the circle exactly.
   * @param {object} scene  scene bundle
   * @param {number} t      radius >= 0
   * @returns {{w: number[], lam: number}} the optimum and its ridge weight mu (0 when the OLS
   *   point is inside; Infinity when t = 0)
   */
  function l2ForT(scene, t) {
    if (M.l2Norm(scene.ols) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: Infinity}; }
    var sp = M.spectrum(scene), e = sp.e, c = sp.c;
    function normAndSlope(mu) {                  // ||w(mu)|| and d||w(mu)||^2 / dmu
      var s = 0, ds = 0;
      for (var k = 0; k < 2; k++) {
        if (c[k] === 0) { continue; }
        var den = e[k] + 2 * mu;
        if (!(den > 0)) { return [Infinity, 0]; }
        var q = c[k] * c[k] / (den * den);
        s += q;
        ds -= 4 * q / den;
      }
      return [Math.sqrt(s), ds];
    }
    var lo = 0, hi = Math.max(Math.abs(c[0]), Math.abs(c[1]), 1e-300) / t;
    while (normAndSlope(hi)[0] > t) { lo = hi; hi *= 2; }
    var mu = lo;
    for (var it = 0; it < 100; it++) {
      var nd = normAndSlope(mu), n = nd[0];
      if (!isFinite(n)) { mu = 0.5 * (lo + hi); continue; }
      var psi = 1 / n - 1 / t;
      if (psi < 0) { lo = Math.max(lo, mu); } else { hi = Math.min(hi, mu); }
      if (Math.abs(n - t) <= 1e-15 * t || hi - lo <= 1e-16 * hi) { break; }
      var dpsi = -0.5 * nd[1] / (n * n * n);
      var next = dpsi > 0 ? mu - psi / dpsi : 0.5 * (lo + hi);
      if (!(next >= lo && next <= hi) || next === mu) { next = 0.5 * (lo + hi); }
      mu = next;
    }
    var w = [0, 0];
    for (var k = 0; k < 2; k++) {
      if (c[k] === 0) { continue; }
      var coef = c[k] / (e[k] + 2 * mu);
      w[0] += sp.v[k][0] * coef;
      w[1] += sp.v[k][1] * coef;
    }
    var norm = M.l2Norm(w), scale = norm > 0 ? t / norm : 0;
    return {w: [w[0] * scale, w[1] * scale], lam: mu};
  }

  /**
   * For a rank-1 H: the point of least elastic-net penalty on the line of OLS points
   * ols + s v (v the flat eigenvector), the limit of the elastic-net optimum as lam -> 0+.
   * The penalty is strictly convex and piecewise quadratic in s: the minimum is a kink
   * (a coordinate is 0) or a sign-consistent stationary point.
   * @param {object} scene  scene bundle of rank 1
   * @param {number} r      mix in [0, 1)
   * @returns {number[]} [w1, w2]
   */
  function leastPenaltyOlsPoint(scene, r) {
    var o = scene.ols, v = [scene.eigenvectors[0][0], scene.eigenvectors[1][0]];
    var ov = o[0] * v[0] + o[1] * v[1], candidates = [0];
    for (var k = 0; k < 2; k++) { if (v[k] !== 0) { candidates.push(-o[k] / v[k]); } }
    [[1, 1], [1, -1], [-1, 1], [-1, -1]].forEach(function (sg) {
      var st = -(r * (sg[0] * v[0] + sg[1] * v[1]) + 2 * (1 - r) * ov) / (2 * (1 - r));
      if ((o[0] + st * v[0]) * sg[0] >= 0 && (o[1] + st * v[1]) * sg[1] >= 0) { candidates.push(st); }
    });
    var best = o.slice(), bestValue = Infinity;
    candidates.forEach(function (st) {
      var p = [o[0] + st * v[0], o[1] + st * v[1]];
      for (var k = 0; k < 2; k++) { if (v[k] !== 0 && st === -o[k] / v[k]) { p[k] = 0; } }
      var value = M.enValue(p, r);
      if (value < bestValue) { best = p; bestValue = value; }
    });
    return best;
  }

  /**
   * Minimiser of J0 over r ||w||_1 + (1 - r) ||w||_2^2 <= t: the elastic-net optimum at the
   * weight mu whose penalty equals t (the penalty is continuous and non-increasing in mu),
   * by bisection on mu to machine precision (about 60 cheap 2-D solves), then scaled exactly
   * onto the boundary.
   * @param {object} scene  scene bundle
   * @param {number} t      size >= 0
   * @param {number} r      mix in [0, 1] (1: l1ForT(t); 0: l2ForT(sqrt(t)))
   * @returns {{w: number[], lam: number}} the optimum and its elastic-net weight (0 when the
   *   OLS point is inside; lambda_max / r when t = 0)
   */
  function elasticNetForT(scene, t, r) {
    if (r >= 1) { return l1ForT(scene, t); }
    if (r <= 0) { return l2ForT(scene, Math.sqrt(Math.max(t, 0))); }
    if (M.enValue(scene.ols, r) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: scene.lambda_max / r}; }
    if (scene.rank === 1) {
      // The OLS points form a line; if one of them fits, it is a minimiser. Take the one on
      // the segment from scene.ols to the least-penalty OLS point whose penalty is t
      // (continuous in t at both ends).
      var best = leastPenaltyOlsPoint(scene, r), o = scene.ols;
      if (M.enValue(best, r) <= t) {
        var ulo = 0, uhi = 1;                 // penalty convex on the segment: > t at 0, <= t at 1
        for (var j = 0; j < 80 && uhi - ulo > 1e-17; j++) {
          var u = 0.5 * (ulo + uhi);
          if (M.enValue([o[0] + u * (best[0] - o[0]), o[1] + u * (best[1] - o[1])], r) > t) { ulo = u; } else { uhi = u; }
        }
        return {w: [o[0] + uhi * (best[0] - o[0]), o[1] + uhi * (best[1] - o[1])], lam: 0};
      }
    }
    var lo = 0, hi = Math.max(scene.lambda_max, 1e-300);
    while (M.enValue(M.elasticNetAt(scene, hi, r), r) > t) { lo = hi; hi *= 2; }
    var mu = 0.5 * (lo + hi), w = M.elasticNetAt(scene, mu, r);
    for (var it = 0; it < 200; it++) {
      var v = M.enValue(w, r) - t;
      if (v > 0) { lo = mu; } else { hi = mu; }
      if (Math.abs(v) <= 1e-14 * t || hi - lo <= 1e-15 * hi) { break; }
      if (lo === 0 && hi <= 1e-40 * scene.lambda_max) {
        // Singular H: the limit mu -> 0 is an OLS point of penalty below t (the OLS points
        // form a line; scene.ols, of minimum norm, need not have the least penalty on it).
        return {w: w, lam: 0};
      }
      mu = 0.5 * (lo + hi);
      w = M.elasticNetAt(scene, mu, r);
    }
    // For small t the penalty is far more sensitive to mu than mu can be resolved; the
    // direction of w is not. Scale w exactly onto the boundary: (1-r) q c^2 + a c = t.
    var a = r * M.l1Norm(w), q = w[0] * w[0] + w[1] * w[1];
    if (a + q > 0) {
      var c = 2 * t / (a + Math.sqrt(a * a + 4 * (1 - r) * q * t));
      w = [w[0] * c, w[1] * c];
    }
    return {w: w, lam: mu};
  }

  Object.assign(M, {l1ForT: l1ForT, l2ForT: l2ForT, elasticNetForT: elasticNetForT});
  if (typeof module !== 'undefined' && module.exports) { module.exports = M; }
}(typeof window !== 'undefined' ? window : globalThis));
