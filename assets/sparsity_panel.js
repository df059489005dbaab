/*
 * Sparsity statistics in the browser (mirrors components/sparsity_panel.py): the clientside
 * callback `sparsity_panel.gate` and the details' `open` mirror.
 *
 * - gate: writes the server's request (`sparsity-request`) only while the details are open and
 *   only when it changed: a control, the elastic net's mix r, or, with "use the lab's λ/λ_max"
 *   ticked, λ at rest (view-store) or λ_max (scene-store). The server then runs the Monte-Carlo.
 * - Dash's html.Details does not report the user's toggles: the `toggle` event (caught on its
 *   way down, it does not bubble) is written to its `open` property with lab.write.
 *
 * The pure function `request` builds what the gate compares and sends.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  /**
   * The request for a state of the controls (without its counter `n`).
   * @param {object} controls  {count, dim, rho, noise, lambda, follow: string[]}
   * @param {object} view      view-store dict
   * @param {object} scene     scene-store dict
   * @returns {object} {count, dim, rho, noise, lambda, l1_ratio, view?, lam_max?}
   */
  function request(controls, view, scene) {
    var out = {count: controls.count, dim: controls.dim, rho: controls.rho, noise: controls.noise,
               lambda: controls.lambda, l1_ratio: view && view.l1_ratio != null ? view.l1_ratio : lab.config().defaults.l1Ratio};
    if ((controls.follow || []).indexOf('lab') >= 0 && view && scene) {
      out.view = {slider: view.slider, mode: view.mode, shown: view.shown, l1_ratio: view.l1_ratio,
                  value: view.value, keep: view.keep};
      out.lam_max = scene.lambda_max;
    }
    return out;
  }

  function same(a, b) {
    if (!a || !b) { return false; }
    var x = Object.assign({}, a), y = Object.assign({}, b);
    delete x.n; delete y.n;
    return JSON.stringify(x) === JSON.stringify(y);
  }

  function onToggle(evt) {
    var config = lab.config ? lab.config() : null;
    if (!config || !evt.target || evt.target.id !== config.ids.sparsityDetails) { return; }
    lab.write('sparsity_panel', 'sparsityDetails', !!evt.target.open);
  }

  if (typeof document !== 'undefined' && document.addEventListener) {   // not under Node
    document.addEventListener('toggle', onToggle, true);
  }

  lab.sparsityPanel = {request: request, same: same};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.sparsity_panel = {
    /**
     * The server's request, only while the details are open and only when it changed.
     * @returns {object} request with a counter `n`, or no_update
     */
    gate: function (open, count, dim, rho, noise, lambda, follow, view, scene, last) {
      var nu = window.dash_clientside.no_update;
      if (!open) { return nu; }
      var next = request({count: count, dim: dim, rho: rho, noise: noise, lambda: lambda, follow: follow}, view, scene);
      if (same(next, last)) { return nu; }   // e.g. reopened with nothing changed: the figure is still right
      next.n = ((last && last.n) || 0) + 1;
      return next;
    }
  };
}());
