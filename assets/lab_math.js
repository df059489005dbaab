/*
 * Exact 2-D regularization geometry in the browser: `window.labMath`.
 *
 * Pure functions (no DOM) of the scene bundle made on the server by
 * geometry/scene.py::scene_bundle and kept in the `scene-store` dcc.Store. While the user
 * drags lambda (or t), the clientside callbacks call these per frame; they mirror the Python
 * `geometry` package and agree with it to ~1e-12 (tests/browser/test_js_math.py checks that
 * in Chromium).
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
 */
(function (root) {
  'use strict';

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
    if (l1Norm(scene.ols) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: scene.lambda_max}; }
    var norms = W.map(l1Norm);
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
    if (l2Norm(scene.ols) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: Infinity}; }
    var sp = spectrum(scene), e = sp.e, c = sp.c;
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
    var norm = l2Norm(w), scale = norm > 0 ? t / norm : 0;
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
      var value = enValue(p, r);
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
    if (enValue(scene.ols, r) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: scene.lambda_max / r}; }
    if (scene.rank === 1) {
      // The OLS points form a line; if one of them fits, it is a minimiser. Take the one on
      // the segment from scene.ols to the least-penalty OLS point whose penalty is t
      // (continuous in t at both ends).
      var best = leastPenaltyOlsPoint(scene, r), o = scene.ols;
      if (enValue(best, r) <= t) {
        var ulo = 0, uhi = 1;                 // penalty convex on the segment: > t at 0, <= t at 1
        for (var j = 0; j < 80 && uhi - ulo > 1e-17; j++) {
          var u = 0.5 * (ulo + uhi);
          if (enValue([o[0] + u * (best[0] - o[0]), o[1] + u * (best[1] - o[1])], r) > t) { ulo = u; } else { uhi = u; }
        }
        return {w: [o[0] + uhi * (best[0] - o[0]), o[1] + uhi * (best[1] - o[1])], lam: 0};
      }
    }
    var lo = 0, hi = Math.max(scene.lambda_max, 1e-300);
    while (enValue(elasticNetAt(scene, hi, r), r) > t) { lo = hi; hi *= 2; }
    var mu = 0.5 * (lo + hi), w = elasticNetAt(scene, mu, r);
    for (var it = 0; it < 200; it++) {
      var v = enValue(w, r) - t;
      if (v > 0) { lo = mu; } else { hi = mu; }
      if (Math.abs(v) <= 1e-14 * t || hi - lo <= 1e-15 * hi) { break; }
      if (lo === 0 && hi <= 1e-40 * scene.lambda_max) {
        // Singular H: the limit mu -> 0 is an OLS point of penalty below t (the OLS points
        // form a line; scene.ols, of minimum norm, need not have the least penalty on it).
        return {w: w, lam: 0};
      }
      mu = 0.5 * (lo + hi);
      w = elasticNetAt(scene, mu, r);
    }
    // For small t the penalty is far more sensitive to mu than mu can be resolved; the
    // direction of w is not. Scale w exactly onto the boundary: (1-r) q c^2 + a c = t.
    var a = r * l1Norm(w), q = w[0] * w[0] + w[1] * w[1];
    if (a + q > 0) {
      var c = 2 * t / (a + Math.sqrt(a * a + 4 * (1 - r) * q * t));
      w = [w[0] * c, w[1] * c];
    }
    return {w: w, lam: mu};
  }

  // ------------------------------------------------------------------ region boundaries

  /**
   * Close a first-quadrant arc, from (qx[0], 0) to (0, qy[n-1]), into a curve symmetric in
   * both axes (counter-clockwise, last point equal to the first).
   * @param {number[]} qx  x of the arc, qx[n-1] = 0
   * @param {number[]} qy  y of the arc, qy[0] = 0
   * @returns {{x: number[], y: number[]}} 4 (n - 1) + 1 points
   */
  function closedArc(qx, qy) {
    var x = [], y = [], n = qx.length, i;
    for (i = 0; i < n; i++) { x.push(qx[i]); y.push(qy[i]); }
    for (i = n - 2; i >= 0; i--) { x.push(-qx[i]); y.push(qy[i]); }
    for (i = 1; i < n; i++) { x.push(-qx[i]); y.push(-qy[i]); }
    for (i = n - 2; i >= 0; i--) { x.push(qx[i]); y.push(-qy[i]); }
    x[x.length - 1] = x[0];
    y[y.length - 1] = y[0];
    return {x: x, y: y};
  }

  /**
   * Cosines and sines of equally spaced angles in [0, pi/2], with exact 1 and 0 at the ends.
   * @param {number} num  points of the whole closed curve (a quarter is used)
   * @returns {{c: number[], s: number[]}} floor(num / 4) + 1 (at least 3) values each
   */
  function quadrant(num) {
    var n = Math.max(3, Math.floor(num / 4) + 1), c = [], s = [];
    for (var i = 0; i < n; i++) {
      var phi = 0.5 * Math.PI * i / (n - 1);
      c.push(i === 0 ? 1 : (i === n - 1 ? 0 : Math.cos(phi)));
      s.push(i === 0 ? 0 : (i === n - 1 ? 1 : Math.sin(phi)));
    }
    return {c: c, s: s};
  }

  /**
   * The L1 diamond ||w||_1 = t: exactly five points, the corners exact.
   * @param {number} t  size >= 0
   * @returns {{x: number[], y: number[]}} (t,0), (0,t), (-t,0), (0,-t), (t,0)
   */
  function diamond(t) { return {x: [t, 0, -t, 0, t], y: [0, t, 0, -t, 0]}; }

  /**
   * The circle ||w||_2 = t as a closed polyline; the four axis points are exact.
   * @param {number} t    radius >= 0
   * @param {number} num  about how many points (4 floor(num / 4) + 1, at least 9)
   * @returns {{x: number[], y: number[]}}
   */
  function circle(t, num) {
    var q = quadrant(num);
    return closedArc(q.c.map(function (v) { return t * v; }), q.s.map(function (v) { return t * v; }));
  }

  /**
   * The elastic-net boundary r ||w||_1 + (1 - r) ||w||_2^2 = t: along each direction
   * (cos, sin) the radius solves (1 - r) rho^2 + r (|cos| + |sin|) rho = t, taken in the
   * cancellation-free form rho = 2 t / (a + sqrt(a^2 + 4 (1 - r) t)), a = r (|cos| + |sin|).
   * The four axis points are exact.
   * @param {number} t    size >= 0
   * @param {number} r    mix in [0, 1]
   * @param {number} num  about how many points (4 floor(num / 4) + 1, at least 9)
   * @returns {{x: number[], y: number[]}}
   */
  function enBoundary(t, r, num) {
    var q = quadrant(num), qx = [], qy = [];
    for (var i = 0; i < q.c.length; i++) {
      var a = r * (q.c[i] + q.s[i]);
      var rho = t > 0 ? 2 * t / (a + Math.sqrt(a * a + 4 * (1 - r) * t)) : 0;
      qx.push(rho * q.c[i]);
      qy.push(rho * q.s[i]);
    }
    return closedArc(qx, qy);
  }

  // ------------------------------------------------------------------ level curves

  /**
   * Clip the line p + s d (all real s) to a rectangle.
   * @param {number} px
   * @param {number} py
   * @param {number} dx
   * @param {number} dy
   * @param {{x: number[], y: number[]}} view  [lo, hi] along each axis
   * @returns {number[][]|null} the two end points [[x, y], [x, y]], or null if it misses
   */
  function clipLine(px, py, dx, dy, view) {
    var lo = -Infinity, hi = Infinity, p = [px, py], d = [dx, dy], box = [view.x, view.y];
    for (var a = 0; a < 2; a++) {
      if (Math.abs(d[a]) < 1e-300) {
        if (p[a] < box[a][0] || p[a] > box[a][1]) { return null; }
        continue;
      }
      var s0 = (box[a][0] - p[a]) / d[a], s1 = (box[a][1] - p[a]) / d[a];
      lo = Math.max(lo, Math.min(s0, s1));
      hi = Math.min(hi, Math.max(s0, s1));
    }
    if (!(lo <= hi) || !isFinite(lo) || !isFinite(hi)) { return null; }
    return [[px + lo * dx, py + lo * dy], [px + hi * dx, py + hi * dy]];
  }

  /**
   * The J0 level curve through w, from the eigen-data. Rank 2: the ellipse
   * ols + V diag(sqrt(2 delta / e)) (cos s, sin s), delta = J0(w) - min J0, closed (num points,
   * the last equal to the first). Rank 1: the two lines parallel to the flat direction at
   * distance sqrt(2 delta / e2) from the OLS line, clipped to scene.view and separated by a
   * null (one line when delta = 0). Rank 0: J0 is constant, empty arrays.
   * @param {object} scene  scene bundle
   * @param {number[]} w    point [w1, w2] on the curve
   * @param {number} num    points of the ellipse (>= 3)
   * @returns {{x: Array, y: Array}}
   */
  function contourThrough(scene, w, num) {
    var V = scene.eigenvectors, e = scene.eigenvalues, o = scene.ols;
    var delta = Math.max(excess(scene, w), 0), x = [], y = [];
    if (scene.rank === 0) { return {x: x, y: y}; }
    if (scene.rank === 2) {
      num = Math.max(3, Math.floor(num));
      var ra = Math.sqrt(2 * delta / e[0]), rb = Math.sqrt(2 * delta / e[1]);
      for (var i = 0; i < num; i++) {
        var s = 2 * Math.PI * i / (num - 1), a = ra * Math.cos(s), b = rb * Math.sin(s);
        x.push(o[0] + V[0][0] * a + V[0][1] * b);
        y.push(o[1] + V[1][0] * a + V[1][1] * b);
      }
      x[num - 1] = x[0];
      y[num - 1] = y[0];
      return {x: x, y: y};
    }
    var off = Math.sqrt(2 * delta / e[1]);
    var sides = off === 0 ? [0] : [1, -1];
    sides.forEach(function (side) {
      var seg = clipLine(o[0] + side * off * V[0][1], o[1] + side * off * V[1][1], V[0][0], V[1][0], scene.view);
      if (!seg) { return; }
      if (x.length) { x.push(null); y.push(null); }
      x.push(seg[0][0], seg[1][0]);
      y.push(seg[0][1], seg[1][1]);
    });
    return {x: x, y: y};
  }

  // ------------------------------------------------------------------ data space

  /**
   * Fitted values of the model with weights w and the fitted intercept.
   * @param {object} scene   scene bundle (x_mean, y_mean)
   * @param {number[]} w     weights [w1, w2]
   * @param {number[]} phi1  first feature at the evaluation points, shape (m,)
   * @param {number[]} phi2  second feature, shape (m,)
   * @returns {number[]} yhat[i] = b(w) + w1 phi1[i] + w2 phi2[i], b(w) = y_mean - x_mean . w
   */
  function fitCurve(scene, w, phi1, phi2) {
    var b = scene.y_mean - (scene.x_mean[0] * w[0] + scene.x_mean[1] * w[1]);
    var out = new Array(phi1.length);
    for (var i = 0; i < phi1.length; i++) { out[i] = b + w[0] * phi1[i] + w[1] * phi2[i]; }
    return out;
  }

  var labMath = {
    l1Norm: l1Norm, l2Norm: l2Norm, enValue: enValue, J0: J0, excess: excess, gradient: gradient,
    lassoAt: lassoAt, ridgeAt: ridgeAt, lasso2d: lasso2d, elasticNetAt: elasticNetAt,
    equivalentLambda: equivalentLambda, l1ForT: l1ForT, l2ForT: l2ForT, elasticNetForT: elasticNetForT,
    diamond: diamond, circle: circle, enBoundary: enBoundary, contourThrough: contourThrough,
    fitCurve: fitCurve
  };
  root.labMath = labMath;
  if (typeof module !== 'undefined' && module.exports) { module.exports = labMath; }
}(typeof window !== 'undefined' ? window : this));
