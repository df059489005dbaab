/*
 * The data panel in the browser (mirrors components/data_panel.py and data_figure.py): the
 * clientside callbacks `data_panel.moveFits` and `data_panel.collectControls`, and the
 * generator boxes' refusal of a comma. Pointer editing of the points is in data_edit.js,
 * keyboard editing in data_edit_keys.js.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  /** yhat on the scene's grid for weights w (data_figure.fit_curves). */
  function fitCurve(scene, w) {
    var g = scene.fit_grid;
    return window.labMath.fitCurve(scene, w, g.phi1, g.phi2);
  }

  /** The y range for targets ys (data_figure.y_range). */
  function yRange(ys) {
    var pad = lab.config().data.yPad;
    var lo = Math.min.apply(null, ys), hi = Math.max.apply(null, ys);
    var margin = Math.max(pad.fraction * (hi - lo), pad.least);
    return [lo - margin, hi + margin];
  }

  /*
   * A comma typed into a generator box (n, true w₁, w₂, noise σ, seed): Chromium's number input
   * drops it ("0,5" would become 5), so the comma is not typed and the data message asks for a
   * decimal point, as the λ box does (lambda_control.js).
   */
  function onComma(evt) {
    var config = lab.config ? lab.config() : null;
    if (evt.key !== ',' || !config || !evt.target) { return; }
    var ids = config.ids, boxes = [ids.generatorN, ids.generatorW1, ids.generatorW2, ids.generatorNoise, ids.generatorSeed];
    if (boxes.indexOf(evt.target.id) < 0) { return; }
    evt.preventDefault();
    lab.write('data_panel', 'dataMessage', lab.text('input.comma'));
  }

  if (typeof document !== 'undefined') { document.addEventListener('keydown', onComma, true); }

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.data_panel = {
    /**
     * Follows λ at rest (view-store): the fitted curves of OLS and of each region's touch
     * point. After a drag the server sent only the weight plane, so the points, their shapes
     * and the y range are brought in line with lab-state here too. Never while a point is
     * dragged (the panel is not redrawn under the pointer): then the view is published again,
     * to come back once λ rests after the drag.
     * @returns {object} data-plot figure Patch, or no_update
     */
    moveFits: function (view, scene, state, figure) {
      var nu = window.dash_clientside.no_update;
      if (!view || !scene) { return nu; }
      if (lab.state.drag) {
        lab.lambdaControl.publish(view, false);
        return nu;
      }
      var idx = lab.config().data.traceIndex, patch = new window.dash_clientside.Patch();
      if (scene.fit_grid) {
        var T = lab.weightPlane.touches(scene, view);
        lab.config().plane.regions.forEach(function (spec) {
          patch.merge(['data', idx[spec.key + '-fit']], {
            y: fitCurve(scene, T[spec.region].w), visible: view.shown.indexOf(spec.key) >= 0
          });
        });
        patch.merge(['data', idx['ols-fit']], {y: fitCurve(scene, scene.ols)});
      }
      var pts = state && state.source !== 'shape' ? state.points : null;
      var shapes = figure && figure.layout && figure.layout.shapes;
      if (pts && shapes && shapes.length === pts.x.length) {
        patch.merge(['data', idx['data-points']], {x: pts.x, y: pts.y});
        for (var i = 0; i < pts.x.length; i++) {
          patch.merge(['layout', 'shapes', i], {xanchor: pts.x[i], yanchor: pts.y[i]});
        }
        patch.assign(['layout', 'yaxis', 'range'], yRange(pts.y));
      }
      return patch.build();
    },

    /** The problem controls as one dict for the server (`problem-controls`). */
    collectControls: function (source, basis, rho, eccentricity, rotation) {
      return {source: source, basis: basis, rho: rho, eccentricity: eccentricity, rotation: rotation};
    }
  };
}());
