/*
 * The p-norm ball's touch point in the browser: `labMath.lpForT` and `labMath.lpBoundary`, part
 * of `window.labMath` (lab_math.js has the scene fields and conventions). Mirrors
 * geometry.constrained.certified_lp_optimum (p < 1) and constrained_optimum(loss, "lp", t, p)
 * (p >= 1); tests/test_lp_node.py compares them under Node.
 *
 * The same certified search serves every p in [0.3, 4]: each quarter of the boundary
 * |w1|^p + |w2|^p = t^p is w(phi) = t (s1 cos(phi)^(2/p), s2 sin(phi)^(2/p)), phi in [0, pi/2].
 * Within a quarter the boundary bends one way only (towards 0 for p < 1, away from it for
 * p > 1), so the arc between two samples lies in the triangle of its chord and the tangents at
 * its ends (or, when the tangents are nearly parallel, of its chord and the corner of its box
 * on the bulging side). The minimum of the quadratic J0 over that triangle is exact, so it
 * bounds J0 on the arc from below; best-first splitting of the arc of lowest bound stops when
 * every bound is within the tolerance of the best sample, and a bracketed secant step on
 * dJ0/dphi polishes the best sample. Deliberate difference from geometry/: for p > 1 Python
 * solves for the touching angle (convex ball, one minimum); here the same search as for p < 1
 * runs, so the result carries a bound for every p. [Node test: J0 within the certified gaps.]
 */
(function (root) {
  'use strict';

  var M = root.labMath = root.labMath || {};
  var RTOL = 1e-11, INITIAL_ARCS = 64, MAX_SPLITS = 50000, HALF_PI = 0.5 * Math.PI;
  var QUADRANTS = [[1, 1], [-1, 1], [-1, -1], [1, -1]];

  /** cos and sin of phi in [0, pi/2], each from the side where it is accurate; exact at the ends. */
  function cosSin(phi) {
    if (phi <= 0) { return [1, 0]; }
    if (phi >= HALF_PI) { return [0, 1]; }
    if (phi <= 0.25 * Math.PI) { return [Math.cos(phi), Math.sin(phi)]; }
    return [Math.sin(HALF_PI - phi), Math.cos(HALF_PI - phi)];
  }

  /** A binary min-heap of arcs keyed by their lower bound. */
  function Heap() { this.items = []; }
  Heap.prototype.push = function (item) {
    var a = this.items, i = a.length;
    a.push(item);
    while (i > 0) {
      var up = (i - 1) >> 1;
      if (a[up].bound <= item.bound) { break; }
      a[i] = a[up];
      i = up;
    }
    a[i] = item;
  };
  Heap.prototype.pop = function () {
    var a = this.items, top = a[0], last = a.pop(), n = a.length, i = 0;
    if (!n) { return top; }
    for (;;) {
      var l = 2 * i + 1, r = l + 1, m = i, key = last.bound;
      if (l < n && a[l].bound < key) { m = l; key = a[l].bound; }
      if (r < n && a[r].bound < key) { m = r; }
      if (m === i) { break; }
      a[i] = a[m];
      i = m;
    }
    a[i] = last;
    return top;
  };

  /** The p-ball's boundary |w1|^p + |w2|^p = t^p, closed, with exact axis points, as
   * geometry.regions.region_boundary("lp", t, p=p, num=num) draws it. @returns {{x, y}} */
  function lpBoundary(t, p, num) {
    var per = Math.max(3, Math.floor(num / 4) + 1), qx = [], qy = [], i;
    for (i = 0; i < per; i++) {
      var phi = HALF_PI * i / (per - 1), c = Math.cos(phi), s = Math.sin(phi);
      if (i === 0) { c = 1; s = 0; }
      if (i === per - 1) { c = 0; s = 1; }
      qx.push(t * Math.pow(c, 2 / p));
      qy.push(t * Math.pow(s, 2 / p));
    }
    var xs = qx.slice(), ys = qy.slice();
    for (i = per - 2; i >= 0; i--) { xs.push(-qx[i]); ys.push(qy[i]); }
    for (i = 1; i < per; i++) { xs.push(-qx[i]); ys.push(-qy[i]); }
    for (i = per - 2; i >= 0; i--) { xs.push(qx[i]); ys.push(-qy[i]); }
    return {x: xs, y: ys};
  }

  /**
   * Global minimiser of J0 over the p-ball |w1|^p + |w2|^p <= t^p, certified.
   * @param {object} scene  scene bundle
   * @param {number} t      size >= 0
   * @param {number} p      exponent > 0 (the lab uses 0.3..4)
   * @returns {{w: number[], gap: number, inside: boolean}} the optimum (the OLS point when it
   *   fits the ball, 0 when t = 0) and the certified bound on J0(w) - min J0 over the ball
   */
  function lpForT(scene, t, p) {
    var o = scene.ols;
    if (Math.pow(Math.abs(o[0]), p) + Math.pow(Math.abs(o[1]), p) <= Math.pow(t, p)) {
      return {w: o.slice(), gap: 0, inside: true};
    }
    if (!(t > 0)) { return {w: [0, 0], gap: 0, inside: false}; }
    var H = scene.hessian, g = scene.linear, h11 = H[0][0], h12 = H[0][1], h22 = H[1][1], g1 = g[0], g2 = g[1];
    var e = 2 / p, fullRank = scene.rank === 2, convex = p > 1;
    var vMin = -0.5 * (g1 * o[0] + g2 * o[1]);
    var rounding = 1e-15 * (0.5 * (Math.abs(h11) + 2 * Math.abs(h12) + Math.abs(h22)) * t * t +
                            (Math.abs(g1) + Math.abs(g2)) * t);
    var tol = Math.max(RTOL * Math.max(-vMin, 0), 10 * rounding);

    function value(w1, w2) { return 0.5 * (h11 * w1 * w1 + 2 * h12 * w1 * w2 + h22 * w2 * w2) - g1 * w1 - g2 * w2; }
    function point(q, phi) { var cs = cosSin(phi); return [q[0] * t * Math.pow(cs[0], e), q[1] * t * Math.pow(cs[1], e)]; }
    function tangent(q, phi) {        // a positive multiple of dw/dphi, finite at the axes
      var cs = cosSin(phi);
      return convex ? [-q[0] * Math.pow(cs[1], 2 - e), q[1] * Math.pow(cs[0], 2 - e)]
                    : [-q[0] * Math.pow(cs[0], e - 2), q[1] * Math.pow(cs[1], e - 2)];
    }
    function segmentMin(a, b) {
      var d1 = b[0] - a[0], d2 = b[1] - a[1];
      var curv = h11 * d1 * d1 + 2 * h12 * d1 * d2 + h22 * d2 * d2;
      var slope = (h11 * a[0] + h12 * a[1] - g1) * d1 + (h12 * a[0] + h22 * a[1] - g2) * d2;
      var u = curv > 0 ? Math.min(Math.max(-slope / curv, 0), 1) : (slope >= 0 ? 0 : 1);
      return value(a[0] + u * d1, a[1] + u * d2);
    }
    function triangleMin(a, b, c) {   // J0 - const is convex: its minimum is on an edge or at the OLS point inside
      var best = Math.min(segmentMin(a, b), segmentMin(b, c), segmentMin(c, a));
      if (fullRank) {
        var side = function (u, v) { return (v[0] - u[0]) * (o[1] - u[1]) - (v[1] - u[1]) * (o[0] - u[0]); };
        var sab = side(a, b), sbc = side(b, c), sca = side(c, a);
        if ((sab >= 0 && sbc >= 0 && sca >= 0) || (sab <= 0 && sbc <= 0 && sca <= 0)) { best = Math.min(best, vMin); }
      }
      return best;
    }
    function lowerBound(q, pa, a, pb, b) {
      var ta = tangent(q, pa), tb = tangent(q, pb), cross = ta[0] * tb[1] - ta[1] * tb[0];
      var d1 = b[0] - a[0], d2 = b[1] - a[1];
      var lo1 = Math.min(a[0], b[0]), hi1 = Math.max(a[0], b[0]), lo2 = Math.min(a[1], b[1]), hi2 = Math.max(a[1], b[1]);
      // the box of a and b holds the arc (w1, w2 monotone along it); its corner on the bulging side spans a triangle holding it
      var inner = [Math.abs(a[0]) <= Math.abs(b[0]) ? a[0] : b[0], Math.abs(a[1]) <= Math.abs(b[1]) ? a[1] : b[1]];
      var apex = convex ? [a[0] + b[0] - inner[0], a[1] + b[1] - inner[1]] : inner;
      if (Math.abs(cross) > 1e-9 * Math.hypot(ta[0], ta[1]) * Math.hypot(tb[0], tb[1])) {
        var alpha = (d1 * tb[1] - d2 * tb[0]) / cross, c1 = a[0] + alpha * ta[0], c2 = a[1] + alpha * ta[1];
        var s1 = 1e-12 * (hi1 - lo1), s2 = 1e-12 * (hi2 - lo2);
        if (lo1 - s1 <= c1 && c1 <= hi1 + s1 && lo2 - s2 <= c2 && c2 <= hi2 + s2) { apex = [c1, c2]; }
      }
      return triangleMin(a, b, apex) - rounding;
    }

    var best = {v: Infinity, w: [0, 0], q: QUADRANTS[0], phi: 0, width: HALF_PI}, heap = new Heap();
    QUADRANTS.forEach(function (q) {
      var phis = [], pts = [];
      for (var k = 0; k <= INITIAL_ARCS; k++) {
        phis.push(HALF_PI * k / INITIAL_ARCS);
        pts.push(point(q, phis[k]));
        var v = value(pts[k][0], pts[k][1]);
        if (v < best.v) { best = {v: v, w: pts[k], q: q, phi: phis[k], width: HALF_PI / INITIAL_ARCS}; }
      }
      for (k = 0; k < INITIAL_ARCS; k++) {
        heap.push({bound: lowerBound(q, phis[k], pts[k], phis[k + 1], pts[k + 1]),
                   pa: phis[k], pb: phis[k + 1], q: q, a: pts[k], b: pts[k + 1]});
      }
    });
    for (var it = 0; it < MAX_SPLITS && heap.items.length; it++) {
      var arc = heap.items[0];
      if (arc.bound >= best.v - tol) { break; }
      heap.pop();
      var pm = 0.5 * (arc.pa + arc.pb), m = point(arc.q, pm), vm = value(m[0], m[1]);
      if (vm < best.v) { best = {v: vm, w: m, q: arc.q, phi: pm, width: arc.pb - arc.pa}; }
      if (pm <= arc.pa || pm >= arc.pb) { continue; }    // not splittable in floats
      heap.push({bound: lowerBound(arc.q, arc.pa, arc.a, pm, m), pa: arc.pa, pb: pm, q: arc.q, a: arc.a, b: m});
      heap.push({bound: lowerBound(arc.q, pm, m, arc.pb, arc.b), pa: pm, pb: arc.pb, q: arc.q, a: m, b: arc.b});
    }
    var lowest = heap.items.length ? heap.items[0].bound : best.v;

    // polish: a root of dJ0/dphi next to the best sample, kept if it lowers J0
    var q = best.q;
    function slope(ph) {
      var cs = cosSin(ph), c = cs[0], s = cs[1];
      var x1 = q[0] * t * Math.pow(c, e), x2 = q[1] * t * Math.pow(s, e);
      var d1 = -q[0] * t * e * Math.pow(c, e - 1) * s, d2 = q[1] * t * e * Math.pow(s, e - 1) * c;
      return (h11 * x1 + h12 * x2 - g1) * d1 + (h12 * x1 + h22 * x2 - g2) * d2;
    }
    [[Math.max(0, best.phi - best.width), best.phi], [best.phi, Math.min(HALF_PI, best.phi + best.width)]].forEach(function (br) {
      var lo = br[0], hi = br[1], flo = slope(lo), fhi = slope(hi);
      if (!(hi > lo) || !(flo < 0 && fhi > 0)) { return; }
      for (var k = 0; k < 100 && hi - lo > 1e-16 * HALF_PI; k++) {   // Illinois-free safeguarded secant
        var mid = lo - flo * (hi - lo) / (fhi - flo);
        if (!(mid > lo && mid < hi)) { mid = 0.5 * (lo + hi); }
        var fm = slope(mid);
        if (fm === 0) { lo = hi = mid; break; }
        if (fm < 0) { lo = mid; flo = fm; } else { hi = mid; fhi = fm; }
        if (k % 3 === 2) {               // a bisection now and then keeps the bracket shrinking
          var half = 0.5 * (lo + hi), fh = slope(half);
          if (fh < 0) { lo = half; flo = fh; } else { hi = half; fhi = fh; }
        }
      }
      var w = point(q, 0.5 * (lo + hi)), v = value(w[0], w[1]);
      if (v < best.v) { best = {v: v, w: w, q: q, phi: 0.5 * (lo + hi), width: best.width}; }
    });
    return {w: best.w.slice(), gap: Math.max(best.v - Math.min(lowest, best.v), 0), inside: false};
  }

  Object.assign(M, {lpForT: lpForT, lpBoundary: lpBoundary});
  if (typeof module !== 'undefined' && module.exports) { module.exports = M; }
}(typeof window !== 'undefined' ? window : globalThis));
