/*
 * Data panel editing by pointer (mouse, touch and pen alike), sent to the `data-edit` store
 * with set_props: a click on empty plot area adds a point (`add`), a double-click on a point
 * removes it (`remove`), and dragging a point moves it (`move`).
 * Points are plotly shapes, but plotly does not drag them (the data panel's config has no
 * `edits.shapePosition`): when a plotly shape drag ends, plotly redraws the whole panel before
 * anything else can run, which delayed the release by ~40 ms. Here the dragged shape is moved
 * with an SVG transform, and its position goes to the `data-drag` store while the point is held
 * (throttled: the server answers with the weight plane alone, so the contours reshape as it
 * moves) and at the release, when it also goes to `data-edit` (the new state and scene); the
 * data panel itself is redrawn later, once the weight plane has drawn (`lab.moveFits`).
 */
(function () {
  'use strict';

  var CLICK_DELAY_MS = 280;   // a click waits this long so that a double-click does not also add
  var pendingClick = null;
  var stamp = 0;

  /*
   * Every edit is sent with the most recent ones before it. When a second edit comes before the
   * server's answer to the first, Dash sends it with the same, older lab-state and drops the
   * first answer; the server skips the edits the state already has (by stamp) and applies the
   * rest (data_panel.pending_events), so no edit is lost.
   */
  var KEPT_EDITS = 20;
  var recentEdits = [];

  /** Stamp an edit and return the `data-edit` value that carries it: {edits: [..., edit]}. */
  function recordEdit(edit, editStamp) {
    recentEdits.push(Object.assign({stamp: editStamp}, edit));
    if (recentEdits.length > KEPT_EDITS) { recentEdits.shift(); }
    return {edits: recentEdits.slice()};
  }

  window.labEdits = {
    /** Stamp an edit; the `data-edit` value to send (also for the OLS centre: lab.centerMoves). */
    record: function (edit) { stamp += 1; return recordEdit(edit, stamp); },
    /** True while a click waits to become an `add` (or the first half of a double-click). */
    clickPending: function () { return pendingClick !== null; }
  };

  function graphDiv(target) {
    var host = target && target.closest ? target.closest('#data-plot') : null;
    return host ? host.querySelector('.js-plotly-plot') : null;
  }

  /**
   * Data coordinates of a mouse or pointer event inside the plot area, or null outside it; with `clamp`,
   * a position outside is moved to the nearest edge of the plot area instead.
   */
  function dataCoords(gd, evt, clamp) {
    var full = gd._fullLayout;
    if (!full || !full.xaxis || !full.yaxis) { return null; }
    var xa = full.xaxis, ya = full.yaxis;
    var box = gd.getBoundingClientRect();
    var px = evt.clientX - box.left - xa._offset;
    var py = evt.clientY - box.top - ya._offset;
    if (px < 0 || py < 0 || px > xa._length || py > ya._length) {
      if (!clamp) { return null; }
      px = Math.min(Math.max(px, 0), xa._length);
      py = Math.min(Math.max(py, 0), ya._length);
    }
    return {
      x: xa.p2d(px), y: ya.p2d(py),
      // data units per pixel: the server measures "nearest point" in pixels
      xscale: Math.abs(xa.p2d(1) - xa.p2d(0)), yscale: Math.abs(ya.p2d(1) - ya.p2d(0))
    };
  }

  /** The server draws an edit with `current-view`, which follows a λ step once the plane has drawn. */
  function viewUpToDate() {
    if (window.labClient && window.labClient.flushCurrentView) { window.labClient.flushCurrentView(); }
  }

  function send(op, pos) {
    if (!window.dash_clientside || !window.dash_clientside.set_props) { return; }
    viewUpToDate();
    window.dash_clientside.set_props('data-edit', {data: window.labEdits.record({
      op: op, x: pos.x, y: pos.y, xscale: pos.xscale, yscale: pos.yscale
    })});
  }

  function onShape(target) {
    return !!(target.closest && target.closest('.shapelayer'));
  }

  document.addEventListener('click', function (evt) {
    var gd = graphDiv(evt.target);
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
    if (pendingClick) { clearTimeout(pendingClick); }
    pendingClick = setTimeout(function () { pendingClick = null; send('add', pos); }, CLICK_DELAY_MS);
  }, true);

  var LIVE_MS = 60;           // at most one position per this many ms while the point is held
  var MIN_DRAG_PX = 8;        // a smaller move is a click: the point stays
  var drag = null;
  var lastLive = 0;

  /** Draw the dragged point at (x, y) (data units): a transform the next redraw drops. */
  function placePoint(d, x, y) {
    var xa = d.gd._fullLayout.xaxis, ya = d.gd._fullLayout.yaxis;
    d.path.setAttribute('transform', 'translate(' + (xa.d2p(x) - d.px0) + ',' + (ya.d2p(y) - d.py0) + ')');
  }

  /** Shape `index` anchored at (x, y), in plotly's relayout keys. */
  function shapeMove(index, x, y) {
    var move = {};
    move['shapes[' + index + '].xanchor'] = x;
    move['shapes[' + index + '].yanchor'] = y;
    return move;
  }

  /** Follow the pointer: the point's new position {x, y}, or null before it has moved MIN_DRAG_PX. */
  function follow(evt) {
    var moved = Math.max(Math.abs(evt.clientX - drag.x0), Math.abs(evt.clientY - drag.y0));
    if (!drag.moved && moved < MIN_DRAG_PX) { return null; }
    drag.moved = true;
    var pos = dataCoords(drag.gd, evt, true);
    var at = {x: pos.x - drag.dx, y: pos.y - drag.dy};
    placePoint(drag, at.x, at.y);
    return at;
  }

  /**
   * A dragged point's position: to `data-drag` (the server answers with the weight plane alone)
   * while held and at the release, and at the release also to `data-edit` as a `move` (the
   * server answers with the new state and scene).
   */
  function sendDrag(index, x, y, released) {
    if (!window.dash_clientside || !window.dash_clientside.set_props) { return; }
    viewUpToDate();
    stamp += 1;
    var move = shapeMove(index, x, y);
    // with the recent edits: an earlier edit whose answer has not come yet is drawn too
    // (`release` marks the last position: its answer is the whole plane, with hover texts)
    var message = Object.assign({stamp: stamp, edits: recentEdits.slice()}, released ? {release: true} : {}, move);
    window.dash_clientside.set_props('data-drag', {data: message});
    if (released) {
      window.dash_clientside.set_props('data-edit', {data: recordEdit(Object.assign({op: 'move'}, move), stamp)});
    }
  }

  document.addEventListener('pointerdown', function (evt) {
    var path = evt.target.closest ? evt.target.closest('#data-plot .shapelayer path') : null;
    var gd = graphDiv(evt.target);
    if (!path || !gd || !gd.layout || !gd.layout.shapes || evt.button > 0) { return; }
    var index = Number(path.getAttribute('data-index'));
    var shape = gd.layout.shapes[index];
    var pos = dataCoords(gd, evt);
    if (!shape || !pos) { return; }
    var full = gd._fullLayout;
    drag = {gd: gd, path: path, index: index, dx: pos.x - shape.xanchor, dy: pos.y - shape.yanchor,
            px0: full.xaxis.d2p(shape.xanchor), py0: full.yaxis.d2p(shape.yanchor),
            x0: evt.clientX, y0: evt.clientY, moved: false, sent: null};
    // keep receiving this pointer's events when it leaves the page (synthetic pointers have none)
    try { path.setPointerCapture(evt.pointerId); } catch (err) { /* not an active pointer */ }
    window.labDragging = true;
  }, true);

  document.addEventListener('pointermove', function (evt) {
    if (!drag) { return; }
    var at = follow(evt);
    var now = performance.now();
    if (at && now - lastLive >= LIVE_MS) {
      lastLive = now;
      drag.sent = at;
      sendDrag(drag.index, at.x, at.y, false);
    }
  }, true);

  document.addEventListener('pointerup', function (evt) {
    if (!drag) { return; }
    var at = follow(evt), index = drag.index;
    drag = null;
    window.labDragging = false;
    if (at) { sendDrag(index, at.x, at.y, true); }
  }, true);

  document.addEventListener('pointercancel', function () {
    // The browser took the gesture over (no position comes with this event): the point stays
    // where it was last sent, as its release; if nothing was sent yet, it goes back.
    if (!drag) { return; }
    var d = drag;
    drag = null;
    window.labDragging = false;
    if (!d.sent) { d.path.removeAttribute('transform'); return; }
    placePoint(d, d.sent.x, d.sent.y);
    sendDrag(d.index, d.sent.x, d.sent.y, true);
  }, true);

  document.addEventListener('dblclick', function (evt) {
    var gd = graphDiv(evt.target);
    if (!gd) { return; }
    if (pendingClick) { clearTimeout(pendingClick); pendingClick = null; }
    var pos = dataCoords(gd, evt);
    if (pos) { send('remove', pos); }
  }, true);
}());
