/*
 * Editing the data points by pointer (mouse, touch and pen alike; mirrors
 * components/data_edit.py, which applies the edits): `lab.dataEdit`.
 *
 * A click on empty plot area adds a point (`{op: 'add', x, y}`), a double-click on a point
 * removes it (`{op: 'remove', index}`), and dragging a point moves it. Each edit goes to
 * `data-edit` with the recent ones before it (`{edits: [...]}`, each stamped): when Dash drops
 * the answer to an edit because a newer one overtook it, the server still finds the older edit
 * there (components/edit_sync.py).
 *
 * Plotly does not drag the points (it would redraw the whole panel when the drag ends): the
 * dragged shape is moved here with an SVG transform, and its position `{index, x, y}` goes to
 * `data-drag` while the point is held (throttled to one per LIVE_MS: the server answers with
 * the weight plane alone) and at the release, when it also goes to `data-edit` as a `move`.
 * The data panel itself is redrawn once λ rests (data_panel.moveFits). A dragged point stays
 * inside the data window (the dotted lines, trace `data-window`).
 *
 * A click waits CLICK_DELAY_MS for a possible double-click; a click elsewhere (more than
 * NEAR_PX away) sends the waiting one at once, so quick clicks at several places add them all.
 *
 * From the keyboard (the plot is focusable): arrows or n / p select a point (outlined; its
 * coordinates go to the data message, a live region), Shift+arrows move it, Delete or Backspace
 * removes it, a or Insert adds one (next to the selected point, or at the plot's centre),
 * Escape lets go. Pointing at or dragging a point also shows its coordinates there.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};
  var CLICK_DELAY_MS = 280;   // a click waits this long so that a double-click does not also add
  var KEPT_EDITS = 20;        // recent edits resent with each new one
  var LIVE_MS = 60;           // at most one held position per this many ms
  var MIN_DRAG_PX = 8;        // a smaller move is a click: the point stays
  var NEAR_PX = 6;            // a second click nearer than this to a waiting one is a double-click

  function edits() { return lab.state.edits; }

  /** Stamp an edit and keep it with the recent ones; the `data-edit` value that carries them. */
  function record(edit) {
    var e = edits();
    e.stamp += 1;
    e.recent.push(Object.assign({stamp: e.stamp}, edit));
    if (e.recent.length > KEPT_EDITS) { e.recent.shift(); }
    return {edits: e.recent.slice()};
  }

  /** Send an edit to the server (drawn with the λ on screen: current-view is written first). */
  function send(edit) {
    if (!window.dash_clientside || !window.dash_clientside.set_props) { return; }
    lab.lambdaControl.flush();
    lab.write('data_edit', 'dataEdit', record(edit));
  }

  /** The data panel's plotly div if `target` is inside it. */
  function panelGraph(target) {
    var host = target && target.closest ? target.closest('#' + lab.ids().dataPlot) : null;
    return host ? host.querySelector('.js-plotly-plot') : null;
  }

  /**
   * Data coordinates of a pointer event inside the plot area, or null outside it; with `clamp`,
   * a position outside is moved to the nearest edge of the plot area instead.
   */
  function dataCoords(gd, evt, clamp) {
    var full = gd._fullLayout;
    if (!full || !full.xaxis || !full.yaxis) { return null; }
    var xa = full.xaxis, ya = full.yaxis, box = gd.getBoundingClientRect();
    var px = evt.clientX - box.left - xa._offset, py = evt.clientY - box.top - ya._offset;
    if (px < 0 || py < 0 || px > xa._length || py > ya._length) {
      if (!clamp) { return null; }
      px = Math.min(Math.max(px, 0), xa._length);
      py = Math.min(Math.max(py, 0), ya._length);
    }
    return {x: xa.p2d(px), y: ya.p2d(py), px: px, py: py};
  }

  /** Index of the point nearest to pixel (px, py) within config.data.removeReachPx, or null. */
  function nearestPoint(gd, px, py) {
    var full = gd._fullLayout, shapes = (gd.layout && gd.layout.shapes) || [], reach = lab.config().data.removeReachPx;
    var best = null, bestDist = reach * reach;
    shapes.forEach(function (shape, i) {
      var dx = full.xaxis.d2p(shape.xanchor) - px, dy = full.yaxis.d2p(shape.yanchor) - py, d = dx * dx + dy * dy;
      if (d <= bestDist) { best = i; bestDist = d; }
    });
    return best;
  }

  function onShape(target) { return !!(target.closest && target.closest('.shapelayer')); }

  /** The data window [lo, hi] in x: the `data-window` trace's lines (data_figure.py). */
  function dataWindow(gd) {
    var t = gd.data && gd.data[lab.config().data.traceIndex['data-window']];
    return t && t.x ? [t.x[0], t.x[t.x.length - 1]] : [-Infinity, Infinity];
  }

  /** x moved into the data window. */
  function intoWindow(gd, x) {
    var w = dataWindow(gd);
    return Math.min(Math.max(x, w[0]), w[1]);
  }

  /** A point's position for people: "x = 0.12, y = −1.3", with a note at the window's edge. */
  function describe(gd, x, y) {
    var num = window.labFormat.number, w = dataWindow(gd);
    var edge = x <= w[0] || x >= w[1] ? lab.text('edit.edge', {low: num(w[0]), high: num(w[1])}) : '';
    return 'x = ' + num(x) + ', y = ' + num(y) + edge;
  }

  /** "Point 3: x = 0.12, y = −1.3" in the page's language (point `index`, counted from 0). */
  function pointSays(gd, index, x, y) {
    return lab.text('edit.point', {n: index + 1, where: describe(gd, x, y)});
  }

  /** Say something in the data message (a live region; the server writes it after each edit). */
  function say(text) {
    if (window.dash_clientside && window.dash_clientside.set_props) { lab.write('data_edit', 'dataMessage', text); }
  }

  document.addEventListener('click', function (evt) {
    var gd = panelGraph(evt.target), e = edits();
    if (!gd) { return; }
    if (onShape(evt.target)) {
      // plotly would "activate" the clicked shape and redraw them all: the second click of a
      // double-click would then land on a new element and the browser would fire no dblclick
      evt.stopPropagation();
      return;
    }
    if (evt.target.closest('.legend, .modebar')) { return; }
    var pos = dataCoords(gd, evt);
    if (!pos) { return; }
    var waiting = e.clickTimer ? e.clickAt : null;
    if (waiting && Math.abs(waiting.px - pos.px) <= NEAR_PX && Math.abs(waiting.py - pos.py) <= NEAR_PX) {
      // plotly dispatches a copy of each click (same place, same click count `detail`): only a
      // second click (detail 2) is half of a double-click, and the dblclick event follows
      if (evt.detail >= 2) { clearTimeout(e.clickTimer); e.clickTimer = null; }
      return;
    }
    if (waiting) {   // a click elsewhere: the waiting one was no double-click
      clearTimeout(e.clickTimer);
      e.clickTimer = null;
      sendAdd(gd, waiting);
    }
    e.clickAt = pos;
    e.clickTimer = setTimeout(function () { e.clickTimer = null; sendAdd(gd, pos); }, CLICK_DELAY_MS);
  }, true);

  /** Add a point at a clicked position, inside the data window. */
  function sendAdd(gd, pos) {
    send({op: 'add', x: intoWindow(gd, pos.x), y: pos.y});
  }

  document.addEventListener('dblclick', function (evt) {
    var gd = panelGraph(evt.target), e = edits();
    if (!gd) { return; }
    if (e.clickTimer) { clearTimeout(e.clickTimer); e.clickTimer = null; }
    var pos = dataCoords(gd, evt);
    if (pos) { send({op: 'remove', index: nearestPoint(gd, pos.px, pos.py)}); }
  }, true);

  // ------------------------------------------------------------------ dragging a point

  /** Draw the dragged point at (x, y) (data units): a transform the next redraw drops. */
  function placePoint(d, x, y) {
    var xa = d.gd._fullLayout.xaxis, ya = d.gd._fullLayout.yaxis;
    d.path.setAttribute('transform', 'translate(' + (xa.d2p(x) - d.px0) + ',' + (ya.d2p(y) - d.py0) + ')');
  }

  /** Follow the pointer: the point's new position {x, y}, or null before it has moved MIN_DRAG_PX. */
  function follow(d, evt) {
    var moved = Math.max(Math.abs(evt.clientX - d.x0), Math.abs(evt.clientY - d.y0));
    if (!d.moved && moved < MIN_DRAG_PX) { return null; }
    d.moved = true;
    var pos = dataCoords(d.gd, evt, true), at = {x: intoWindow(d.gd, pos.x - d.dx), y: pos.y - d.dy};
    placePoint(d, at.x, at.y);
    return at;
  }

  /**
   * A dragged point's position to `data-drag` (with the recent edits: one whose answer has not
   * come yet is drawn too; `release` marks the last position, whose answer is the whole plane),
   * and at the release also to `data-edit` as a `move`.
   */
  function sendDrag(index, at, released) {
    if (!window.dash_clientside || !window.dash_clientside.set_props) { return; }
    lab.lambdaControl.flush();
    var e = edits(), move = {index: index, x: at.x, y: at.y};
    var message = Object.assign({stamp: e.stamp + 1, edits: e.recent.slice()}, released ? {release: true} : {}, move);
    lab.write('data_edit', 'dataDrag', message);
    if (released) {
      lab.write('data_edit', 'dataEdit', record(Object.assign({op: 'move'}, move)));   // stamp: the message's
    } else {
      e.stamp += 1;
    }
  }

  document.addEventListener('pointerdown', function (evt) {
    var path = evt.target.closest ? evt.target.closest('#' + lab.ids().dataPlot + ' .shapelayer path') : null;
    var gd = panelGraph(evt.target);
    if (!path || !gd || !gd.layout || !gd.layout.shapes || evt.button > 0) { return; }
    var index = Number(path.getAttribute('data-index')), shape = gd.layout.shapes[index], pos = dataCoords(gd, evt);
    if (!shape || !pos) { return; }
    var full = gd._fullLayout;
    lab.state.drag = {gd: gd, path: path, index: index, dx: pos.x - shape.xanchor, dy: pos.y - shape.yanchor,
                      px0: full.xaxis.d2p(shape.xanchor), py0: full.yaxis.d2p(shape.yanchor),
                      x0: evt.clientX, y0: evt.clientY, moved: false, sent: null};
    // keep receiving this pointer's events when it leaves the page (synthetic pointers have none)
    try { path.setPointerCapture(evt.pointerId); } catch (err) { /* not an active pointer */ }
  }, true);

  document.addEventListener('pointermove', function (evt) {
    var d = lab.state.drag, e = edits();
    if (!d) { return; }
    var at = follow(d, evt), now = performance.now();
    if (at && now - e.lastLive >= LIVE_MS) {
      e.lastLive = now;
      d.sent = at;
      sendDrag(d.index, at, false);
      say(pointSays(d.gd, d.index, at.x, at.y));
    }
  }, true);

  document.addEventListener('pointerup', function (evt) {
    var d = lab.state.drag;
    if (!d) { return; }
    var at = follow(d, evt);
    lab.state.drag = null;
    if (at) { sendDrag(d.index, at, true); }
  }, true);

  document.addEventListener('pointercancel', function () {
    // The browser took the gesture over (no position comes with this event): the point stays
    // where it was last sent, as its release; if nothing was sent yet, it goes back.
    var d = lab.state.drag;
    if (!d) { return; }
    lab.state.drag = null;
    if (!d.sent) { d.path.removeAttribute('transform'); return; }
    placePoint(d, d.sent.x, d.sent.y);
    sendDrag(d.index, d.sent, true);
  }, true);

  // ------------------------------------------------------------------ pointing at a point

  /** The data panel's point shape `path` (an SVG path in its shape layer), or null. */
  function pointPath(target) {
    return target && target.closest ? target.closest('#' + lab.ids().dataPlot + ' .shapelayer path') : null;
  }

  document.addEventListener('pointerover', function (evt) {
    var path = pointPath(evt.target), gd = path && panelGraph(path);
    if (!gd || lab.state.drag) { return; }
    var index = Number(path.getAttribute('data-index')), shape = gd.layout.shapes && gd.layout.shapes[index];
    if (shape) { say(pointSays(gd, index, shape.xanchor, shape.yanchor)); }
  }, true);

  lab.dataEdit = {
    /** Stamp an edit; the `data-edit` value that carries it (weight_plane.centerMoves uses it). */
    record: record,
    /** True while a click waits to become an `add` (or the first half of a double-click). */
    clickPending: function () { return edits().clickTimer !== null; },
    /** The point selected from the keyboard (index), or null. */
    selected: function () { return edits().selected == null ? null : edits().selected; },
    // for the keyboard (data_edit_keys.js): the same edits, drags and messages as the pointer's
    send: send,
    sendDrag: sendDrag,
    placePoint: placePoint,
    say: say,
    describe: describe,
    pointSays: pointSays,
    dataWindow: dataWindow,
    intoWindow: intoWindow
  };
}());
