/*
 * Data panel editing by mouse: a click on empty plot area adds a point, a double-click on
 * a point removes it (`add` / `remove` edits, written to the `data-edit` store with set_props).
 * Dragging a point is plotly's own shape editing (it draws the point under the pointer). The
 * positions go to `data-edit` as `move` edits from here (pointer events: mouse, touch and pen alike): while
 * the point is held (throttled, marked `live`) so the contours reshape as it moves, and on
 * release (the final position). Sending the release from the pointerup itself lets the server
 * start before plotly redraws the data panel for the moved shape; plotly's own report of the
 * move (relayoutData) is not used.
 */
(function () {
  'use strict';

  var CLICK_DELAY_MS = 280;   // a click waits this long so that a double-click does not also add
  var pendingClick = null;
  var stamp = 0;

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

  function send(op, pos) {
    if (!window.dash_clientside || !window.dash_clientside.set_props) { return; }
    stamp += 1;
    window.dash_clientside.set_props('data-edit', {data: {
      op: op, x: pos.x, y: pos.y, xscale: pos.xscale, yscale: pos.yscale, stamp: stamp
    }});
  }

  function onShape(target) {
    return !!(target.closest && target.closest('.shapelayer'));
  }

  document.addEventListener('click', function (evt) {
    var gd = graphDiv(evt.target);
    if (!gd || onShape(evt.target) || evt.target.closest('.legend, .modebar')) { return; }
    var pos = dataCoords(gd, evt);
    if (!pos) { return; }
    if (pendingClick) { clearTimeout(pendingClick); }
    pendingClick = setTimeout(function () { pendingClick = null; send('add', pos); }, CLICK_DELAY_MS);
  }, true);

  var LIVE_MS = 60;           // at most one live position per this many ms
  var MIN_DRAG_PX = 8;        // plotly's own threshold: a smaller move is a click, the shape stays
  var drag = null;
  var lastLive = 0;

  /** The dragged point's position for a pointer event, as a `move` edit (null: no move yet). */
  function dragMove(evt, live) {
    var moved = Math.max(Math.abs(evt.clientX - drag.x0), Math.abs(evt.clientY - drag.y0));
    if (!drag.moved && moved < MIN_DRAG_PX) { return null; }
    drag.moved = true;
    var pos = dataCoords(drag.gd, evt, true);
    if (!pos) { return null; }
    return shapeMove(drag.index, pos.x - drag.dx, pos.y - drag.dy, live);
  }

  /** A `move` edit: shape `index` anchored at (x, y), in plotly's relayout keys. */
  function shapeMove(index, x, y, live) {
    var move = live ? {op: 'move', live: true} : {op: 'move'};
    move['shapes[' + index + '].xanchor'] = x;
    move['shapes[' + index + '].yanchor'] = y;
    return move;
  }

  function sendDrag(move) {
    if (move && window.dash_clientside && window.dash_clientside.set_props) {
      stamp += 1;
      move.stamp = stamp;
      window.dash_clientside.set_props('data-edit', {data: move});
    }
  }

  /*
   * Fallback: plotly's own report of a shape move. It normally repeats the release sent above
   * (within a pixel) and is dropped; it is sent when the pointer stream was cut short (e.g. a
   * touch gesture the browser took over with pointercancel) so no release is ever lost.
   */
  var lastDrop = null;

  function onPlotlyRelayout(update) {
    var index = null, x = null, y = null;
    Object.keys(update || {}).forEach(function (key) {
      var m = /^shapes\[(\d+)\]\.([xy])anchor$/.exec(key);
      if (!m) { return; }
      index = Number(m[1]);
      if (m[2] === 'x') { x = update[key]; } else { y = update[key]; }
    });
    if (index === null || x === null || y === null) { return; }
    var drop = lastDrop;
    lastDrop = null;
    if (drop && drop.index === index && Math.abs(drop.x - x) <= 2 * drop.xscale &&
        Math.abs(drop.y - y) <= 2 * drop.yscale) { return; }
    sendDrag(shapeMove(index, x, y, false));
  }

  function watchRelayout(gd) {
    if (gd.__labRelayoutHook || !gd.on) { return; }
    gd.__labRelayoutHook = true;
    gd.on('plotly_relayout', onPlotlyRelayout);
  }

  document.addEventListener('pointerdown', function (evt) {
    var path = evt.target.closest ? evt.target.closest('#data-plot .shapelayer path') : null;
    var gd = graphDiv(evt.target);
    if (!path || !gd || !gd.layout || !gd.layout.shapes) { return; }
    var index = Number(path.getAttribute('data-index'));
    var shape = gd.layout.shapes[index];
    var pos = dataCoords(gd, evt);
    if (!shape || !pos) { return; }
    watchRelayout(gd);
    drag = {gd: gd, index: index, dx: pos.x - shape.xanchor, dy: pos.y - shape.yanchor,
            x0: evt.clientX, y0: evt.clientY, moved: false, xscale: pos.xscale, yscale: pos.yscale};
    window.labDragging = true;
  }, true);

  document.addEventListener('pointermove', function (evt) {
    if (!drag) { return; }
    var now = performance.now();
    if (now - lastLive < LIVE_MS) { return; }
    var move = dragMove(evt, true);
    if (move) {
      lastLive = now;
      sendDrag(move);
    }
  }, true);

  document.addEventListener('pointerup', function (evt) {
    if (drag) {
      var move = dragMove(evt, false);
      if (move) {
        lastDrop = {index: drag.index, xscale: drag.xscale, yscale: drag.yscale,
                    x: move['shapes[' + drag.index + '].xanchor'], y: move['shapes[' + drag.index + '].yanchor']};
      }
      drag = null;
      window.labDragging = false;
      sendDrag(move);     // before plotly (it listens to the mouseup/touchend that follow) redraws the data panel
    }
  }, true);

  document.addEventListener('pointercancel', function () {
    drag = null;
    window.labDragging = false;
  }, true);

  document.addEventListener('dblclick', function (evt) {
    var gd = graphDiv(evt.target);
    if (!gd) { return; }
    if (pendingClick) { clearTimeout(pendingClick); pendingClick = null; }
    var pos = dataCoords(gd, evt);
    if (pos) { send('remove', pos); }
  }, true);
}());
