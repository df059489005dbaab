/*
 * Exact 2-D regularization geometry in the browser (window.labMath).
 *
 * Pure functions of the scene bundle made by geometry/scene.py::scene_bundle (stored in
 * `scene-store`). They mirror the Python `geometry` package and agree with it to ~1e-12;
 * tests/browser/test_js_math.py checks that in Chromium.
 *
 * Scene fields used: hessian [[h11,h12],[h12,h22]], linear [g1,g2], min_value, ols [w1,w2],
 * eigenvalues [e1,e2] (ascending), eigenvectors (row-major V, columns are eigenvectors),
 * rank, lambda_max, lasso_path {lambdas (decreasing, to 0), weights}, x_mean, y_mean,
 * view {x: [lo,hi], y: [lo,hi]}.
 */
(function (root) {
  'use strict';

  function l1Norm(w) { return Math.abs(w[0]) + Math.abs(w[1]); }
  function l2Norm(w) { return Math.hypot(w[0], w[1]); }
  /** r‖w‖₁ + (1−r)‖w‖₂². */
  function enValue(w, r) { return r * l1Norm(w) + (1 - r) * (w[0] * w[0] + w[1] * w[1]); }

  /** J0(w) = min J0 + ½ (w − w_ols)ᵀ H (w − w_ols), without cancellation. */
  function J0(scene, w) {
    var H = scene.hessian, d0 = w[0] - scene.ols[0], d1 = w[1] - scene.ols[1];
    return scene.min_value + 0.5 * (H[0][0] * d0 * d0 + 2 * H[0][1] * d0 * d1 + H[1][1] * d1 * d1);
  }

  /** ∇J0(w) = H w − g, as [d1, d2]. */
  function gradient(scene, w) {
    var H = scene.hessian, g = scene.linear;
    return [H[0][0] * w[0] + H[0][1] * w[1] - g[0], H[0][1] * w[0] + H[1][1] * w[1] - g[1]];
  }

  /**
   * Exact lasso optimum at lam by linear interpolation of the homotopy breakpoints.
   * @param {object} scene
   * @param {number} lam >= 0
   * @returns {number[]} [w1, w2]; exactly [0, 0] for lam >= lambda_max
   */
  function lassoAt(scene, lam) {
    var L = scene.lasso_path.lambdas, W = scene.lasso_path.weights, k = L.length;
    if (lam >= L[0]) { return [0, 0]; }
    if (lam <= L[k - 1]) { return W[k - 1].slice(); }
    var i = 0;
    while (i < k - 2 && L[i + 1] > lam) { i += 1; }        // L[i] >= lam > L[i+1]
    var hi = L[i], lo = L[i + 1], th = (hi - lam) / (hi - lo);
    return [W[i][0] + th * (W[i + 1][0] - W[i][0]), W[i][1] + th * (W[i + 1][1] - W[i][1])];
  }

  /**
   * Ridge optimum w(lam) = V diag(1/(e + 2 lam)) Vᵀ g (zero-curvature directions dropped).
   * @returns {number[]} [w1, w2]
   */
  function ridgeAt(scene, lam) {
    var V = scene.eigenvectors, e = scene.eigenvalues, g = scene.linear, top = Math.max(e[1], 0);
    var w = [0, 0];
    for (var k = 0; k < 2; k++) {
      var positive = top > 0 && e[k] > 1e-13 * 2 * top;
      var denom = e[k] + 2 * lam;
      if (!(positive || (lam > 0 && denom > 0))) { continue; }
      var c = (V[0][k] * g[0] + V[1][k] * g[1]) / denom;
      w[0] += V[0][k] * c;
      w[1] += V[1][k] * c;
    }
    return w;
  }

  /**
   * Exact minimiser of ½wᵀHw − gᵀw + lam‖w‖₁ for a positive definite 2×2 H, by KKT cases.
   * @param {number[][]} H
   * @param {number[]} g
   * @param {number} lam
   * @returns {number[]|null} [w1, w2], or null if H is not safely definite
   */
  function lasso2d(H, g, lam) {
    var h11 = H[0][0], h12 = H[0][1], h22 = H[1][1], g1 = g[0], g2 = g[1];
    if (lam >= Math.max(Math.abs(g1), Math.abs(g2))) { return [0, 0]; }
    var det = h11 * h22 - h12 * h12;
    if (!(det > 1e-10 * h11 * h22 && h11 > 0 && h22 > 0)) { return null; }
    var slack = lam * (1 + 1e-12), w1, w2;
    if (Math.abs(g1) > lam) {
      w1 = Math.sign(g1) * (Math.abs(g1) - lam) / h11;
      if (Math.abs(g2 - h12 * w1) <= slack) { return [w1, 0]; }
    }
    if (Math.abs(g2) > lam) {
      w2 = Math.sign(g2) * (Math.abs(g2) - lam) / h22;
      if (Math.abs(g1 - h12 * w2) <= slack) { return [0, w2]; }
    }
    var signs = [[1, 1], [1, -1], [-1, 1], [-1, -1]];
    for (var i = 0; i < 4; i++) {
      var s1 = signs[i][0], s2 = signs[i][1], r1 = g1 - lam * s1, r2 = g2 - lam * s2;
      w1 = (h22 * r1 - h12 * r2) / det;
      w2 = (h11 * r2 - h12 * r1) / det;
      if (w1 * s1 > 0 && w2 * s2 > 0) { return [w1, w2]; }
    }
    return null;
  }

  /**
   * Elastic-net optimum of J0 + lam (r‖w‖₁ + (1−r)‖w‖₂²): a lasso on H + 2 lam (1−r) I.
   * @returns {number[]} [w1, w2]
   */
  function elasticNetAt(scene, lam, r) {
    if (r >= 1) { return lassoAt(scene, lam); }
    if (r <= 0 || lam === 0) { return r <= 0 ? ridgeAt(scene, lam) : lassoAt(scene, 0); }
    var H = scene.hessian, shift = 2 * lam * (1 - r);
    var w = lasso2d([[H[0][0] + shift, H[0][1]], [H[0][1], H[1][1] + shift]], scene.linear, lam * r);
    return w || [0, 0];
  }

  /** Equivalent λ of a constrained optimum w: −∇J0·w / (w·∂P(w)) (0 at the OLS point). */
  function equivalentLambda(scene, w, r) {
    var gr = gradient(scene, w), scale = Math.max(Math.abs(scene.linear[0]), Math.abs(scene.linear[1]), 1e-300);
    if (Math.max(Math.abs(gr[0]), Math.abs(gr[1])) <= 1e-12 * scale) { return 0; }
    var l1 = l1Norm(w);
    if (l1 === 0) { return r > 0 ? Math.max(Math.abs(gr[0]), Math.abs(gr[1])) / r : Infinity; }
    var euler = r * l1 + 2 * (1 - r) * (w[0] * w[0] + w[1] * w[1]);
    return Math.max(0, -(gr[0] * w[0] + gr[1] * w[1]) / euler);
  }

  /**
   * Minimiser of J0 over ‖w‖₁ ≤ t: exact inversion of the piecewise-linear ‖w(λ)‖₁ on the path.
   * @returns {{w: number[], lam: number}}
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
   * Minimiser of J0 over ‖w‖₂ ≤ t: the secular equation ‖w(μ)‖ = t by safeguarded Newton.
   * @returns {{w: number[], lam: number}}
   */
  function l2ForT(scene, t) {
    if (l2Norm(scene.ols) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: Infinity}; }
    var V = scene.eigenvectors, e = scene.eigenvalues, g = scene.linear;
    var c = [V[0][0] * g[0] + V[1][0] * g[1], V[0][1] * g[0] + V[1][1] * g[1]];
    function norm(mu) {
      var s = 0, ds = 0;
      for (var k = 0; k < 2; k++) {
        if (c[k] === 0) { continue; }
        var den = e[k] + 2 * mu;
        s += c[k] * c[k] / (den * den);
        ds += -4 * c[k] * c[k] / (den * den * den);
      }
      return [Math.sqrt(s), ds];
    }
    var lo = 0, hi = Math.max(Math.abs(c[0]), Math.abs(c[1])) / t;
    while (norm(hi)[0] > t) { lo = hi; hi *= 2; }
    var mu = lo > 0 ? lo : (e[0] > 0 || c[0] === 0 ? 0 : 0.5 * hi);
    for (var it = 0; it < 100; it++) {
      var nd = norm(mu), n = nd[0];
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
      w[0] += V[0][k] * coef;
      w[1] += V[1][k] * coef;
    }
    var scale = t / l2Norm(w);
    return {w: [w[0] * scale, w[1] * scale], lam: mu};
  }

  /**
   * Minimiser of J0 over r‖w‖₁ + (1−r)‖w‖₂² ≤ t: the penalized elastic net at the multiplier
   * whose optimum has penalty t (monotone), by bisection to machine precision.
   * @returns {{w: number[], lam: number}}
   */
  function elasticNetForT(scene, t, r) {
    if (r >= 1) { return l1ForT(scene, t); }
    if (r <= 0) { return l2ForT(scene, Math.sqrt(t)); }
    if (enValue(scene.ols, r) <= t) { return {w: scene.ols.slice(), lam: 0}; }
    if (t <= 0) { return {w: [0, 0], lam: scene.lambda_max / r}; }
    var lo = 0, hi = Math.max(scene.lambda_max, 1e-300);
    while (enValue(elasticNetAt(scene, hi, r), r) > t) { lo = hi; hi *= 2; }
    var mu = 0.5 * (lo + hi), w = elasticNetAt(scene, mu, r);
    for (var it = 0; it < 200; it++) {
      var v = enValue(w, r) - t;
      if (v > 0) { lo = mu; } else { hi = mu; }
      if (Math.abs(v) <= 1e-14 * t || hi - lo <= 1e-15 * hi) { break; }
      mu = 0.5 * (lo + hi);
      w = elasticNetAt(scene, mu, r);
    }
    return {w: w, lam: mu};
  }

  function closedArc(qx, qy) {
    // first-quadrant arc from (+a, 0) to (0, +b) mirrored into a closed curve
    var x = [], y = [], n = qx.length, i;
    for (i = 0; i < n; i++) { x.push(qx[i]); y.push(qy[i]); }
    for (i = n - 2; i >= 0; i--) { x.push(-qx[i]); y.push(qy[i]); }
    for (i = 1; i < n; i++) { x.push(-qx[i]); y.push(-qy[i]); }
    for (i = n - 2; i >= 0; i--) { x.push(qx[i]); y.push(-qy[i]); }
    x[x.length - 1] = x[0];
    y[y.length - 1] = y[0];
    return {x: x, y: y};
  }

  function quadrant(num) {
    var n = Math.max(3, Math.floor(num / 4) + 1), c = [], s = [];
    for (var i = 0; i < n; i++) {
      var phi = 0.5 * Math.PI * i / (n - 1);
      c.push(i === n - 1 ? 0 : Math.cos(phi));
      s.push(i === 0 ? 0 : (i === n - 1 ? 1 : Math.sin(phi)));
    }
    c[0] = 1;
    return {c: c, s: s};
  }

  /** The L1 diamond of size t: exactly five points with exact corners. */
  function diamond(t) { return {x: [t, 0, -t, 0, t], y: [0, t, 0, -t, 0]}; }

  /** Circle of radius t as a closed polyline of about num points (axis points exact). */
  function circle(t, num) {
    var q = quadrant(num);
    return closedArc(q.c.map(function (v) { return t * v; }), q.s.map(function (v) { return t * v; }));
  }

  /** Boundary of r‖w‖₁ + (1−r)‖w‖₂² ≤ t (axis points exact). */
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
    if (lo > hi) { return null; }
    return [[px + lo * dx, py + lo * dy], [px + hi * dx, py + hi * dy]];
  }

  /**
   * The J0 level curve through w: a closed ellipse (rank 2), two parallel lines clipped to the
   * view and separated by null (rank 1), or nothing (rank 0).
   * @returns {{x: Array, y: Array}}
   */
  function contourThrough(scene, w, num) {
    var V = scene.eigenvectors, e = scene.eigenvalues, o = scene.ols;
    var d0 = w[0] - o[0], d1 = w[1] - o[1], H = scene.hessian;
    var delta = 0.5 * (H[0][0] * d0 * d0 + 2 * H[0][1] * d0 * d1 + H[1][1] * d1 * d1);
    var x = [], y = [];
    if (scene.rank === 0) { return {x: x, y: y}; }
    if (scene.rank === 2) {
      var ra = Math.sqrt(2 * Math.max(delta, 0) / e[0]), rb = Math.sqrt(2 * Math.max(delta, 0) / e[1]);
      for (var i = 0; i < num; i++) {
        var s = 2 * Math.PI * i / (num - 1), a = ra * Math.cos(s), b = rb * Math.sin(s);
        x.push(o[0] + V[0][0] * a + V[0][1] * b);
        y.push(o[1] + V[1][0] * a + V[1][1] * b);
      }
      x[num - 1] = x[0];
      y[num - 1] = y[0];
      return {x: x, y: y};
    }
    var off = Math.sqrt(2 * Math.max(delta, 0) / e[1]);
    var signs = off === 0 ? [0] : [1, -1];
    signs.forEach(function (sg) {
      var seg = clipLine(o[0] + sg * off * V[0][1], o[1] + sg * off * V[1][1], V[0][0], V[1][0], scene.view);
      if (!seg) { return; }
      if (x.length) { x.push(null); y.push(null); }
      x.push(seg[0][0], seg[1][0]);
      y.push(seg[0][1], seg[1][1]);
    });
    return {x: x, y: y};
  }

  /**
   * Fitted values ŷ = b(w) + w1 φ1 + w2 φ2 with b(w) = ȳ − x̄·w.
   * @returns {number[]}
   */
  function fitCurve(scene, w, phi1, phi2) {
    var b = scene.y_mean - scene.x_mean[0] * w[0] - scene.x_mean[1] * w[1];
    var out = new Array(phi1.length);
    for (var i = 0; i < phi1.length; i++) { out[i] = b + w[0] * phi1[i] + w[1] * phi2[i]; }
    return out;
  }

  var labMath = {
    l1Norm: l1Norm, l2Norm: l2Norm, enValue: enValue, J0: J0, gradient: gradient,
    lassoAt: lassoAt, ridgeAt: ridgeAt, lasso2d: lasso2d, elasticNetAt: elasticNetAt,
    equivalentLambda: equivalentLambda, l1ForT: l1ForT, l2ForT: l2ForT, elasticNetForT: elasticNetForT,
    diamond: diamond, circle: circle, enBoundary: enBoundary, contourThrough: contourThrough,
    fitCurve: fitCurve
  };
  root.labMath = labMath;
  if (typeof module !== 'undefined' && module.exports) { module.exports = labMath; }
}(typeof window !== 'undefined' ? window : this));
