/*
 * The norm family in the browser (mirrors components/norm_panel.py): the clientside callbacks
 * `norm_panel.gate` and `norm_panel.follow`, and `lab.normPanel` (pure functions).
 *
 * - gate: asks the server for the whole figure (`norm-request`) only while the details are open:
 *   on opening, on new data, when λ rests (view-store), when the region chooser or p change;
 * - follow: on each λ step (current-view), while open, moves the region to the lab's t (the L1
 *   touch point's intercept) and, for the convex regions L1, L2 and elastic net, the touch point
 *   and the contour through it, with the exact math of assets/lab_math*.js. The p-norm ball is
 *   scaled to t; its touch point comes from the server's certified search (figure
 *   layout.meta.norm) and is hidden while t differs from the t it was computed for.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function M() { return window.labMath; }

  /** The p-ball's boundary |w1|^p + |w2|^p = t^p, closed, with exact axis points (labMath.lpBoundary). */
  function lpBoundary(t, p, num) { return M().lpBoundary(t, p, num); }

  /** The lab's t for a view: the L1 touch point's intercept (the slider's t in constrained mode). */
  function labT(scene, view) {
    var v = Object.assign({}, view);
    v.slider = lab.lambdaControl.sliderForScene(scene, view, view);
    return lab.weightPlane.touches(scene, v).l1.t;
  }

  /**
   * The moving parts for a region at t: {region: {x, y}, touch: [w1, w2] | null}.
   * @param {object} scene  scene-store dict
   * @param {string} region 'l1' | 'l2' | 'elasticnet' | 'lp'
   * @param {number} t      the region's intercept
   * @param {number} r      elastic-net mix
   * @param {number} p      the p-norm's p
   * @param {number} num    points per outline
   */
  function regionAt(scene, region, t, r, p, num) {
    var m = M();
    if (region === 'l1') { return {region: m.diamond(t), touch: m.l1ForT(scene, t).w}; }
    if (region === 'l2') { return {region: m.circle(t, num), touch: m.l2ForT(scene, t).w}; }
    if (region === 'elasticnet') {
      var b = m.enBudget(t, r);
      return {region: m.enBoundary(b, r, num), touch: m.elasticNetForT(scene, b, r).w};
    }
    return {region: lpBoundary(t, p, num), touch: m.lpForT(scene, t, p).w};
  }

  function details() { return document.getElementById(lab.ids().normDetails); }

  function onToggle(evt) {
    var el = details();
    if (!el || evt.target !== el) { return; }
    lab.write('norm_panel', 'normDetails', !!el.open);
  }
  if (typeof document !== 'undefined' && document.addEventListener) {
    document.addEventListener('toggle', onToggle, true);   // toggle does not bubble: capture it
  }

  var latest = null;
  /** The figure Patch for a λ step: the region at the view's t and its touch point; or no_update. */
  function stepPatch(view, scene) {
    var nu = window.dash_clientside.no_update, gd = lab.graph('normFamilyPlot');
    if (!gd || !gd.layout || !gd.layout.meta || !gd.layout.meta.norm) { return nu; }
    var model = gd.layout.meta.norm, cfg = lab.config().norm, idx = cfg.traceIndex;
    if (!gd.data || !gd.data[idx['norm-touch']] || gd.data[idx['norm-touch']].uid !== 'norm-touch') { return nu; }
    var t = labT(scene, view), r = view.l1_ratio, at = regionAt(scene, model.region, t, r, model.p, cfg.curvePoints);
    var touch = at.touch;
    if (model.region === 'elasticnet' && r !== model.r) {
      touch = null;            // the mix moved: the server's answer for the new mix comes at rest
    }
    var patch = new window.dash_clientside.Patch();
    patch.assign(['layout', 'transition'], {duration: 0});
    patch.merge(['data', idx['norm-ball']], {x: at.region.x, y: at.region.y});
    patch.merge(['data', idx['norm-touch']], {x: touch ? [touch[0]] : [], y: touch ? [touch[1]] : []});
    var through = touch ? M().contourThrough(scene, touch, cfg.curvePoints) : {x: [], y: []};
    patch.merge(['data', idx['norm-touch-contour']], {x: through.x, y: through.y});
    return patch.build();
  }

  /** The plot came into view: draw the last λ step it skipped. */
  function catchUp() {
    var el = details();
    if (!latest || !el || !el.open) { return; }
    var patch = stepPatch(latest.view, latest.scene);
    if (patch !== window.dash_clientside.no_update) { lab.write('norm_panel', 'normFamilyPlot', patch); }
  }

  lab.normPanel = {lpBoundary: lpBoundary, regionAt: regionAt, labT: labT};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.norm_panel = {
    /** One p for the panel's slider and the weight plane's: the one the user moved, to both. */
    syncP: function (panelP, planeP) {
      var nu = window.dash_clientside.no_update, ids = lab.ids(), changed = lab.triggeredIds();
      var v = changed.indexOf(ids.planePSlider) >= 0 ? planeP : panelP;
      if (typeof v !== 'number' || !isFinite(v)) { return [nu, nu]; }
      return [panelP === v ? nu : v, planeP === v ? nu : v];
    },

    /** The server's request while open: {view, region, p, n}; no_update otherwise or when nothing changed. */
    gate: function (view, open, scene, region, p, request) {
      var nu = window.dash_clientside.no_update;
      if (!open || !view || !scene) { return nu; }
      var changed = lab.triggeredIds(), ids = lab.ids();
      var fresh = !request || changed.indexOf(ids.normDetails) >= 0 || changed.indexOf(ids.sceneStore) >= 0;
      if (!fresh && request.region === region && request.p === p && JSON.stringify(request.view) === JSON.stringify(view)) {
        return nu;
      }
      return {view: view, region: region, p: p, n: ((request && request.n) || 0) + 1};
    },

    /** Move the region and its touch point to the t of each λ step, while open and on screen
     * (out of sight the step is drawn when the plot comes into view). */
    follow: function (view, scene, open) {
      var nu = window.dash_clientside.no_update;
      if (!open || !view || !scene) { return nu; }
      latest = {view: view, scene: scene};
      if (lab.outOfSight('normFamilyPlot', catchUp)) {
        return nu;
      }
      return stepPatch(view, scene);
    }
  };
}());
