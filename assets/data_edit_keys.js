/*
 * Editing the data points from the keyboard (part of the data edit module: data_edit.js does
 * the pointer, components/data_edit.py applies the edits).
 *
 * Tab to the data plot; arrows (or n / p) select a point, outlined and announced in the data
 * message (a live region); Shift+arrows move it by KEY_STEP of the axis; Delete or Backspace
 * removes it; a or Insert adds one next to it (or at the centre); Escape lets go. The edits are
 * the pointer's: `{op: 'move' | 'remove' | 'add', ...}` through lab.dataEdit.
 */
(function () {
  'use strict';

  var lab = window.lab = window.lab || {};
  var KEY_STEP = 0.02;        // Shift+arrow moves the selected point by this fraction of the axis
  var SELECTED_COLOR = '#f08c00';   // the keyboard's selected point: outlined in orange

  function D() { return lab.dataEdit; }
  function edits() { return lab.state.edits; }


  /** The data panel's container (focusable), or null before the layout is on the page. */
  function panelHost() {
    var config = lab.config ? lab.config() : null;   // stores.js loads after this module
    return config ? document.getElementById(config.ids.dataPlot) : null;
  }

  /** The points as the panel shows them: [{x, y}] in shape order. */
  function shownPoints(gd) {
    return ((gd.layout && gd.layout.shapes) || []).map(function (s) { return {x: s.xanchor, y: s.yanchor}; });
  }

  /** Outline the selected point (plotly redraws drop it: called again after each redraw). */
  function showSelection(gd) {
    var selected = edits().selected;
    gd.querySelectorAll('.shapelayer path').forEach(function (path) {
      var on = Number(path.getAttribute('data-index')) === selected, kept = path.getAttribute('data-lab-stroke');
      if (on && kept === null) {   // plotly's own outline, put back when the point is let go
        path.setAttribute('data-lab-stroke', path.style.stroke + '|' + path.style.strokeWidth);
        path.style.stroke = SELECTED_COLOR;
        path.style.strokeWidth = '4px';
      } else if (!on && kept !== null) {
        path.style.stroke = kept.split('|')[0];
        path.style.strokeWidth = kept.split('|')[1];
        path.removeAttribute('data-lab-stroke');
      }
    });
  }

  /** Select point `index` (wrapped around; null: none) and say where it is. */
  function select(gd, index) {
    var pts = shownPoints(gd), e = edits();
    e.selected = index === null || !pts.length ? null : ((index % pts.length) + pts.length) % pts.length;
    showSelection(gd);
    if (e.selected !== null) {
      var p = pointAt(gd, e.selected);
      D().say(lab.text('edit.selected', {n: e.selected + 1, count: pts.length, where: D().describe(gd, p.x, p.y)}));
    }
  }

  /** One axis step of the keyboard: KEY_STEP of the axis's shown range. */
  function keyStep(axis) { return KEY_STEP * Math.abs(axis.range[1] - axis.range[0]); }

  /** Point `index` where the page shows it: a keyboard move not redrawn yet counts. */
  function pointAt(gd, index) {
    var moved = edits().keyAt;
    return moved && moved.index === index ? moved : shownPoints(gd)[index];
  }

  /** Move the selected point by (dx, dy) axis steps: sent as a drag released at once. */
  function nudge(gd, dx, dy) {
    var e = edits(), full = gd._fullLayout, shape = gd.layout.shapes[e.selected];
    var p = e.selected == null ? null : pointAt(gd, e.selected);
    if (!p || !shape) { return; }
    var at = {x: D().intoWindow(gd, p.x + dx * keyStep(full.xaxis)), y: p.y + dy * keyStep(full.yaxis)};
    var path = gd.querySelector('.shapelayer path[data-index="' + e.selected + '"]');
    if (path) {   // shown there until the panel redraws (data_panel.moveFits, once λ rests)
      D().placePoint({gd: gd, path: path, px0: full.xaxis.d2p(shape.xanchor), py0: full.yaxis.d2p(shape.yanchor)}, at.x, at.y);
    }
    e.keyAt = {index: e.selected, x: at.x, y: at.y};
    D().sendDrag(e.selected, at, true);
    D().say(D().pointSays(gd, e.selected, at.x, at.y));
  }

  var KEYS = {
    ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowUp: [0, 1], ArrowDown: [0, -1]
  };

  document.addEventListener('keydown', function (evt) {
    var host = panelHost(), gd = host && host.querySelector('.js-plotly-plot');
    if (!gd || document.activeElement !== host || evt.ctrlKey || evt.metaKey || evt.altKey) { return; }
    var e = edits(), key = evt.key, dir = KEYS[key];
    if (e.selected === undefined) { e.selected = null; }
    if (dir && evt.shiftKey) {
      nudge(gd, dir[0], dir[1]);
    } else if (dir || key === 'n' || key === 'p') {
      var forward = key === 'n' || (dir && (dir[0] > 0 || dir[1] < 0));
      select(gd, e.selected === null ? (forward ? 0 : -1) : e.selected + (forward ? 1 : -1));
    } else if ((key === 'Delete' || key === 'Backspace') && e.selected !== null) {
      D().send({op: 'remove', index: e.selected});
      e.selected = null;
    } else if (key === 'a' || key === 'Insert') {
      var full = gd._fullLayout, pts = shownPoints(gd), p = e.selected !== null ? pts[e.selected] : null;
      var x = p ? p.x + 3 * keyStep(full.xaxis) : (full.xaxis.range[0] + full.xaxis.range[1]) / 2;
      var y = p ? p.y : (full.yaxis.range[0] + full.yaxis.range[1]) / 2;
      if (p && x > D().dataWindow(gd)[1]) { x = p.x - 3 * keyStep(full.xaxis); }
      e.selected = pts.length;   // the new point, once the panel shows it
      D().send({op: 'add', x: D().intoWindow(gd, x), y: y});
    } else if (key === 'Escape') {
      select(gd, null);
    } else {
      return;
    }
    evt.preventDefault();
  }, true);

  /** Make the panel focusable and keep the selection outlined across redraws, once it is drawn. */
  function arm() {
    var host = panelHost(), gd = host && host.querySelector('.js-plotly-plot');
    if (!gd || !gd.on || !lab.state) { return false; }
    if (!host.hasAttribute('tabindex')) { host.setAttribute('tabindex', '0'); }
    if (edits().armed !== gd) {
      edits().armed = gd;
      gd.on('plotly_afterplot', function () {
        var e = edits();
        e.keyAt = null;   // the panel shows lab-state's points again
        if (e.selected != null && e.selected >= shownPoints(gd).length) { e.selected = null; }
        showSelection(gd);
        // the server's answer to a keyboard edit cleared the message: say where the point is now
        var message = document.getElementById(lab.ids().dataMessage);
        if (e.selected != null && document.activeElement === panelHost() && message && !message.textContent) {
          select(gd, e.selected);
        }
      });
    }
    return true;
  }

  new MutationObserver(function (records, observer) { if (arm()) { observer.disconnect(); } })
    .observe(document.documentElement, {childList: true, subtree: true});
}());
