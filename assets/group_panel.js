/*
 * Three weights in the browser (mirrors components/group_panel.py): the clientside callback
 * `group_panel.follow` and `lab.groupPanel` (pure functions).
 *
 * The server sends, when the panel first opens, the table (group-table): the exact touch
 * points, region sizes and J0 excesses of L1, L2 and the group norm at every position of the λ
 * slider's grid, the unit meshes and the loss's unit ellipsoid. On each λ step (current-view)
 * and each change of the chooser, while open, `follow` looks the slider position up (exact on
 * the grid, linear between grid positions for a typed λ), scales the unit meshes and patches the
 * figure; the rotation stays (layout.uirevision).
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};

  function fmt(v) { return window.labFormat.number(v); }

  /** The table's entry at slider position s: {w, size, excess, lam} (group_panel._at). */
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

  /** The sentence under the figure (group_panel.group_text), from the table's strings. */
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
    return fill(S.sentence, {lam: fmt(a.lam), w1: fmt(w[0]), w2: fmt(w[1]), w3: fmt(w[2]), why: why});
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

  lab.groupPanel = {at: at, sentence: sentence};

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.group_panel = {
    /** The sentence and the figure Patch for the view's slider position and the chosen region, while open. */
    follow: function (view, region, open, table) {
      var nu = window.dash_clientside.no_update;
      if (!open || !view || !table) { return [nu, nu]; }      // the table comes with the first figure
      region = table.touch[region] ? region : 'group';
      var idx = lab.config().group.traceIndex, a = at(table, region, view.slider), mesh = table.meshes[region];
      var ell = table.ellipsoid, o = table.ols, root = Math.sqrt(a.excess), size = a.size, style = table.styles[region];
      function scaled(list) { return list.map(function (v) { return size * v; }); }
      function shifted(list, c) { return list.map(function (v) { return c + root * v; }); }
      var patch = new window.dash_clientside.Patch();
      patch.merge(['data', idx['group-region-mesh']], {x: scaled(mesh.x), y: scaled(mesh.y), z: scaled(mesh.z),
        i: mesh.i, j: mesh.j, k: mesh.k, color: style.color, name: style.name});
      patch.merge(['data', idx['group-ellipsoid']], {x: shifted(ell.x, o[0]), y: shifted(ell.y, o[1]), z: shifted(ell.z, o[2])});
      patch.merge(['data', idx['group-touch']], {x: [a.w[0]], y: [a.w[1]], z: [a.w[2]]});
      patch.assign(['data', idx['group-touch'], 'marker', 'color'], style.color);
      return [sentence(table, region, view.slider), patch.build()];
    }
  };
}());
