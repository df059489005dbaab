/*
 * Three weights in the browser (mirrors components/group_model.py and group_figure.py): the clientside callbacks
 * `group_panel.follow` and `group_panel.gate`, and `lab.groupPanel` (pure functions).
 *
 * The server sends, on each opening, the table (group-table) of the lab's three-weight model
 * (the fixed synthetic loss, or a data set's model on the plane's two features and a third):
 * the exact touch points, region sizes and J0 excesses of L1, L2 and the group norm at every
 * position of the λ slider's grid, the unit meshes, the loss's unit ellipsoid, and the model's
 * `key` (group_model.model_key).
 * - follow: on each λ step (current-view) and each change of the chooser, while open, looks the
 *   slider position up (exact on the grid, linear between grid positions for a typed λ), scales
 *   the unit meshes and patches the figure; the rotation stays (layout.uirevision);
 * - gate: when the data change (scene-store) while the panel is open and the table is not the
 *   model of the new data (modelKey), re-opens the panel (`open` = true again), which asks the
 *   server for the new table; closed, it does nothing (the next opening asks anyway).
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function fmt(v) { return window.labFormat.number(v); }

  /** The table's entry at slider position s: {w, size, excess, lam} (group_figure.table_entry). */
  function at(table, region, s) {
    var grid = table.grid, n = grid.length, rows = table.touch[region];
    s = Math.min(Math.max(s, grid[0]), grid[n - 1]);
    var lo = 0, hi = n - 1;
    while (hi - lo > 1) { var mid = (lo + hi) >> 1; if (grid[mid] <= s) { lo = mid; } else { hi = mid; } }
    var k = Math.min(lo, n - 2), frac = (s - grid[k]) / (grid[k + 1] - grid[k]);
    if (Math.abs(frac) < 1e-9) { frac = 0; } else if (Math.abs(frac - 1) < 1e-9) { k += 1; frac = 0; }
    function mix(a, b) { return frac === 0 ? a : a + frac * (b - a); }
    var w = rows.w[k].map(function (v, j) { return frac === 0 ? v : mix(v, rows.w[k + 1][j]); });
    return {w: w, size: frac === 0 ? rows.size[k] : mix(rows.size[k], rows.size[k + 1]),
            excess: frac === 0 ? rows.excess[k] : mix(rows.excess[k], rows.excess[k + 1]),
            lam: table.lambda_max * Math.pow(10, s)};
  }

  function fill(template, fields) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(fields, name) ? fields[name] : whole;
    });
  }

  /**
   * Which model a scene's panel draws, with the scene's language (group_model.model_key):
   * 'synthetic|en', or for a data set 'dataset:diabetes:2,8|en'.
   * @param {object} scene  scene-store dict
   * @returns {string}
   */
  function modelKey(scene) {
    scene = scene || {};
    var lang = scene.lang === 'zh' ? 'zh' : 'en', spec = scene.dataset || {};
    if (scene.source === 'dataset') {
      return 'dataset:' + spec.name + ':' + (spec.features || []).join(',') + '|' + lang;
    }
    return 'synthetic|' + lang;
  }

  /** The sentence under the figure (group_figure.group_text), from the table's strings and model label. */
  function sentence(table, region, s) {
    var a = at(table, region, s), w = a.w, S = table.strings, why;
    if (region === 'group') {
      why = fill(w[0] === 0 && w[1] === 0 ? S.why_group_zero : S.why_group_on, {thr: fmt(table.threshold)});
    } else if (region === 'l1') {
      var zeros = [];
      w.forEach(function (v, i) { if (v === 0) { zeros.push('w' + '₁₂₃'[i]); } });
      why = fill(S.why_l1, {zeros: zeros.length ? zeros.join(', ') : S.none});
    } else {
      why = S.why_l2;
    }
    return fill(S.sentence, {model: table.model, lam: fmt(a.lam), w1: fmt(w[0]), w2: fmt(w[1]), w3: fmt(w[2]), why: why});
  }

  function details() { return document.getElementById(lab.ids().groupDetails); }
  function onToggle(evt) {
    var el = details();
    if (!el || evt.target !== el) { return; }
    lab.write('group_panel', 'groupDetails', !!el.open);
  }
  if (typeof document !== 'undefined' && document.addEventListener) {
    document.addEventListener('toggle', onToggle, true);
  }

  /**
   * The figure's moving parts at slider position s (what follow patches): the region's mesh
   * scaled to its size, the ellipsoid through the touch point, the touch point.
   * @returns {{region: {x, y, z}, ellipsoid: {x, y, z}, touch: number[]}}
   */
  function moving(table, region, s) {
    var a = at(table, region, s), mesh = table.meshes[region], ell = table.ellipsoid, o = table.ols;
    var root = Math.sqrt(a.excess), size = a.size;
    function scaled(list) { return list.map(function (v) { return size * v; }); }
    function shifted(list, c) { return list.map(function (v) { return c + root * v; }); }
    return {region: {x: scaled(mesh.x), y: scaled(mesh.y), z: scaled(mesh.z)},
            ellipsoid: {x: shifted(ell.x, o[0]), y: shifted(ell.y, o[1]), z: shifted(ell.z, o[2])},
            touch: a.w};
  }

  /** Whether the panel must ask the server again: open, and its table is not the scene's model. */
  function stale(scene, open, table) {
    return !!open && !!scene && (!table || table.key !== modelKey(scene));
  }

  var latest = null;
  /** [sentence, figure Patch] for a view; `full`: with the mesh's triangles, colour and name. */
  function render(view, region, table, full) {
    region = table.touch[region] ? region : 'group';
    var idx = lab.config().group.traceIndex, m = moving(table, region, view.slider);
    var mesh = table.meshes[region], style = table.styles[region];
    var patch = new window.dash_clientside.Patch();
    var region_ = {x: m.region.x, y: m.region.y, z: m.region.z};
    if (full) { Object.assign(region_, {i: mesh.i, j: mesh.j, k: mesh.k, color: style.color, name: style.name}); }
    patch.merge(['data', idx['group-region-mesh']], region_);
    patch.merge(['data', idx['group-ellipsoid']], m.ellipsoid);
    patch.merge(['data', idx['group-touch']], {x: [m.touch[0]], y: [m.touch[1]], z: [m.touch[2]]});
    if (full) { patch.assign(['data', idx['group-touch'], 'marker', 'color'], style.color); }
    return [sentence(table, region, view.slider), patch.build()];
  }

  /** The plot came into view: draw the last λ step it skipped. */
  function catchUp() {
    var el = document.getElementById(lab.ids().groupDetails);
    if (!latest || !el || !el.open) { return; }
    var out = render(latest.view, latest.region, latest.table, false);
    lab.write('group_panel', 'groupText', out[0]);
    lab.write('group_panel', 'groupPlot', out[1]);
  }

  lab.groupPanel = {at: at, sentence: sentence, modelKey: modelKey, moving: moving, stale: stale};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.group_panel = {
    /** The sentence and the figure Patch for the view's slider position and the chosen region,
     * while open; a λ step out of sight is drawn when the plot comes into view. */
    follow: function (view, region, open, table) {
      var nu = window.dash_clientside.no_update;
      if (!open || !view || !table || !table.touch) { return [nu, nu]; }   // no table yet, or one that says why not
      var ids = lab.ids(), changed = lab.triggeredIds();
      // a λ step moves the vertices only; the triangles, colour and name change with the region
      var lambdaOnly = changed.length === 1 && changed[0] === ids.currentView;
      latest = {view: view, region: region, table: table};
      if (lambdaOnly && lab.outOfSight('groupPlot', catchUp)) {
        return [nu, nu];
      }
      return render(view, region, table, !lambdaOnly);
    },

    /** `open` = true again (the server then sends the new model's table) when the data changed
     * under an open panel to another model; no_update otherwise. */
    gate: function (scene, open, table) {
      return stale(scene, open, table) ? true : window.dash_clientside.no_update;
    }
  };
}());
