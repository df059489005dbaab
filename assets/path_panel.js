/*
 * The regularization path in the browser (mirrors components/path_panel.py and path_figure.py):
 * `lab.pathPanel` and the clientside callbacks `path_panel.gate` and `path_panel.followLambda`.
 *
 * - gate: asks the server for the curves (`path-request`) only while the details are open: when
 *   they open, when the data change, when the regions shown or the mix r change;
 * - followLambda: moves the `path-now` line to the λ of each step the weight plane has drawn
 *   (current-view), while the details are open; nothing goes to the server;
 * - a click in the plot's area sets λ there: the λ slider is written (lab.write), and the plane
 *   and the other panels follow it as for any slider move.
 *
 * State (lab.state.path, made on first use: stores.js makes lab.state when it loads, after
 * this file): the last scene the gate saw (`scene`), for clicks.
 * The pure functions (lassoAt, nowLambda, sliderForLambda) work for any number of weights;
 * tests/test_path_panel.py holds them to their Python twins under Node.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function st() {
    if (!lab.state.path) { lab.state.path = {scene: null}; }
    return lab.state.path;
  }
  function LC() { return lab.lambdaControl; }

  /**
   * Exact lasso optimum at lam from the homotopy's breakpoints (scene.lasso_path), any d:
   * linear interpolation between the two knots around lam (geometry.paths.LassoPath.at).
   * @param {{lambdas: number[], weights: number[][]}} path  lambdas strictly decreasing
   * @param {number} lam  >= 0
   * @returns {number[]} the d weights (all 0 for lam >= lambdas[0])
   */
  function lassoAt(path, lam) {
    var L = path.lambdas, W = path.weights, k = L.length;
    if (lam >= L[0]) { return W[0].map(function () { return 0; }); }
    if (lam <= L[k - 1]) { return W[k - 1].slice(); }
    var lo = 0, hi = k - 1;                                    // L[lo] > lam > L[hi]
    while (hi - lo > 1) {
      var mid = (lo + hi) >> 1;
      if (L[mid] >= lam) { lo = mid; } else { hi = mid; }
    }
    var th = (L[lo] - lam) / (L[lo] - L[hi]);
    return W[lo].map(function (a, j) { return a + th * (W[hi][j] - a); });
  }

  /** The x-axis' λ range: the slider's range times λ_max (path_model.lambda_range). */
  function lambdaRange(scene) {
    var s = lab.config().slider;
    return [scene.lambda_max * Math.pow(10, s.min), scene.lambda_max * Math.pow(10, s.max)];
  }

  /**
   * The λ the path-now line marks for a view (path_model.now_lambda): the view's λ (penalized),
   * the L1 touch point's equivalent λ (constrained). A view that keeps its value keeps it on a
   * new scene (components/view.py::view_for_scene).
   * @param {object} scene  scene-store dict
   * @param {object} view   {slider, mode, shown, l1_ratio, value?, keep?}
   * @returns {number}
   */
  function nowLambda(scene, view) {
    var v = Object.assign({}, view, {slider: LC().sliderForScene(scene, view, view)});
    if (v.mode === 'constrained') { return lab.weightPlane.touches(scene, v).l1.lam; }
    return LC().sliderToValue(scene, 'penalized', v.slider);
  }

  /**
   * The λ slider's position for a λ, clamped into the slider's range: log10(lam / λ_max)
   * (penalized); in constrained mode log10(t / ||w_OLS||_1) with t = ||w_lasso(lam)||_1, the
   * size whose L1 touch point has this λ.
   * @param {object} scene  scene-store dict
   * @param {string} mode   'penalized' | 'constrained'
   * @param {number} lam    > 0
   * @returns {number}
   */
  function sliderForLambda(scene, mode, lam) {
    var range = lab.config().slider, v;
    if (mode === 'constrained') {
      var t = lassoAt(scene.lasso_path, lam).reduce(function (s, w) { return s + Math.abs(w); }, 0);
      var ref = scene.ols.reduce(function (s, w) { return s + Math.abs(w); }, 0);
      v = Math.log10(t / ref);
    } else {
      v = Math.log10(lam / scene.lambda_max);
    }
    return isNaN(v) ? range.min : Math.min(Math.max(v, range.min), range.max);
  }

  /** x of the path-now line: nowLambda clamped into the axis' range. */
  function lineX(scene, view) {
    var r = lambdaRange(scene), lam = nowLambda(scene, view);
    return Math.min(Math.max(lam, r[0]), r[1]);
  }

  /** The path plot's plotly div if `target` is inside it. */
  function pathGraph(target) {
    var host = target && target.closest ? target.closest('#' + lab.ids().pathPlot) : null;
    return host ? host.querySelector('.js-plotly-plot') : null;
  }

  /** A click in the plot's area (not on the legend or the tool bar): λ there goes to the slider. */
  function onClick(evt) {
    var gd = pathGraph(evt.target), scene = st().scene;
    if (!gd || !scene || !scene.lasso_path || evt.target.closest('.legend, .modebar')) { return; }
    var xa = gd._fullLayout && gd._fullLayout.xaxis;
    if (!xa || xa.type !== 'log') { return; }                 // the empty figure before the curves
    var box = gd.getBoundingClientRect(), px = evt.clientX - box.left - xa._offset;
    var ya = gd._fullLayout.yaxis, py = evt.clientY - box.top - ya._offset;
    if (px < 0 || px > xa._length || py < 0 || py > ya._length) { return; }
    var lam = Math.pow(10, xa.p2l(px)), shown = LC().shownView();
    var mode = (shown && shown.mode) || lab.config().defaults.mode;
    lab.write('path_panel', 'lambdaSlider', sliderForLambda(scene, mode, lam));
  }

  /**
   * The details opened or closed: Dash's html.Details does not report it, so the script writes
   * its `open` property (the gate and the λ line read it). `toggle` does not bubble: caught on
   * its way down.
   */
  function onToggle(evt) {
    var config = lab.config ? lab.config() : null;
    if (!config || !evt.target || evt.target.id !== config.ids.pathDetails) { return; }
    lab.write('path_panel', 'pathDetails', !!evt.target.open);
  }

  if (typeof document !== 'undefined' && document.addEventListener) {   // not under Node
    document.addEventListener('click', onClick);
    document.addEventListener('toggle', onToggle, true);
  }

  lab.pathPanel = {lassoAt: lassoAt, lambdaRange: lambdaRange, nowLambda: nowLambda, sliderForLambda: sliderForLambda,
                   lineX: lineX};

  /** The figure Patch that moves the path-now line to the view's λ, or no_update. */
  function nowPatch(view, scene) {
    var nu = window.dash_clientside.no_update, gd = lab.graph('pathPlot');
    if (!gd || !gd.data) { return nu; }
    var idx = lab.config().path.traceIndex['path-now'], trace = gd.data[idx];
    if (!trace || trace.uid !== 'path-now') { return nu; }     // the curves are not drawn yet
    var x = lineX(scene, view);
    if (trace.x && trace.x[0] === x) { return nu; }
    var patch = new window.dash_clientside.Patch();
    patch.assign(['layout', 'transition'], {duration: 0});    // plotly redraws the traces only
    patch.assign(['data', idx, 'x'], [x, x]);
    return patch.build();
  }

  /** The plot came into view: the line moves to the last λ it was not drawn at. */
  function catchUp() {
    var latest = st().latest, el = document.getElementById(lab.ids().pathDetails);
    if (!latest || !el || !el.open) { return; }
    var patch = nowPatch(latest.view, latest.scene);
    if (patch !== window.dash_clientside.no_update) { lab.write('path_panel', 'pathPlot', patch); }
  }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.path_panel = {
    /**
     * The request for the server's curves, only while the details are open: on opening, on a
     * new scene, and when the regions shown or the mix change (view-store: λ at rest).
     * @param {object} view      view-store dict
     * @param {boolean} open     the details' state
     * @param {object} scene     scene-store dict (kept for clicks)
     * @param {object} request   the last request, or null
     * @returns {object} {shown, l1_ratio, n}, or no_update
     */
    gate: function (view, open, scene, request) {
      var nu = window.dash_clientside.no_update;
      if (scene) { st().scene = scene; }
      if (!open || !view || !scene) { return nu; }
      var shown = (view.shown || []).slice().sort(), changed = lab.triggeredIds(), ids = lab.ids();
      var fresh = changed.indexOf(ids.pathDetails) >= 0 || changed.indexOf(ids.sceneStore) >= 0 || !request;
      if (!fresh && request.l1_ratio === view.l1_ratio && (request.shown || []).join() === shown.join()) { return nu; }
      return {shown: shown, l1_ratio: view.l1_ratio, n: ((request && request.n) || 0) + 1};
    },

    /**
     * Move the path-now line to the λ of the drawn view, while the details are open and the plot
     * on screen (a step out of sight is drawn when the plot comes into view).
     * @param {object} view   current-view dict
     * @param {object} scene  scene-store dict
     * @param {boolean} open  the details' state
     * @returns {object} path-plot figure Patch, or no_update
     */
    followLambda: function (view, scene, open) {
      var nu = window.dash_clientside.no_update;
      if (!open || !view || !scene) { return nu; }
      st().latest = {view: view, scene: scene};
      if (lab.outOfSight('pathPlot', catchUp)) {    // drawn when it comes into view
        return nu;
      }
      return nowPatch(view, scene);
    }
  };
}());
