"""Interaction latency of the lab in real headless Chromium, against trivial floor apps.

    python bench/latency.py [--steps 120]

Measures in the page (performance.now()), over --steps steps each:
1. λ key-step on ``lambda-slider`` -> ``plotly_afterplot`` of ``weight-plane``, against the
   floor: a key-step on a slider whose clientside callback moves one marker.
   Target: median ratio <= 1.3.
2. data drag -> server callback -> ``plotly_afterplot`` of ``weight-plane``, against a floor
   whose trivial server callback moves one marker. Target: median ratio <= 1.5. Two parts:
   a. while the button is held: a drag position written to ``data-edit`` as a live ``move``
      (what ``assets/data_edit.js`` sends every 60 ms while a point is dragged) against the floor's
      ``floor-drag``;
   b. the release: pointer and mouse events drag a point of ``data-plot`` and let go; release ->
      ``weight-plane`` redrawn, against the same drag of the floor's ``floor-data`` shape, which
      plotly drags (its shape move -> relayoutData -> server). The lab drags points itself
      (``assets/data_edit.js``), so its data panel is redrawn only later.
Prints median, p95 and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.browser import chrome_driver, start_server, stop  # noqa: E402

# Counts plotly_afterplot events of `gd`, notes when each one fired, and waits (by animation
# frames) for the next one. The time is taken in the event handler: polling by frames alone
# would round every time up to the next frame (16.7 ms), the size of the floor itself.
WAIT_PLOT_JS = """
let count = 0;
const plottedAt = [];
gd.on('plotly_afterplot', () => { count += 1; plottedAt.push(performance.now()); });
function waitPlot(before, t0) {
  return new Promise((resolve, reject) => {
    function poll() {
      if (count > before) { resolve(plottedAt[before] - t0); return; }
      if (performance.now() - t0 > 10000) { reject(new Error('no afterplot')); return; }
      requestAnimationFrame(poll);
    }
    poll();
  });
}
"""

# Steps a slider by dispatching keys to its thumb and times each redraw of a graph.
KEY_STEPS_JS = (
    """
const [sliderId, graphId, steps, done] = arguments;
const thumb = document.querySelector('#' + sliderId + ' [role=slider]');
const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
const times = [];
"""
    + WAIT_PLOT_JS
    + """
(async () => {
  thumb.focus();
  for (let i = 0; i < steps; i++) {
    const key = (Math.floor(i / 20) % 2 === 0) ? 'ArrowRight' : 'ArrowLeft';
    const before = count;
    const t0 = performance.now();
    thumb.dispatchEvent(new KeyboardEvent('keydown', {key: key, bubbles: true}));
    times.push(await waitPlot(before, t0));
    await new Promise(r => setTimeout(r, 30));
  }
  done(times);
})().catch(e => done(String(e)));
"""
)

# Drags one shape of a graph with pointer and mouse events (down, a move of dy pixels, up) and times each
# release: mouseup -> the next redraw of the target graph. Before each release it waits until
# the target has been quiet for 150 ms, so what the move itself set off (the lab's live drag
# update) is over.
RELEASE_STEPS_JS = (
    """
const [srcId, graphId, steps, index, dy, done] = arguments;
const src = document.querySelector('#' + srcId + ' .js-plotly-plot');
const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
const times = [];
"""
    + WAIT_PLOT_JS
    + """
// What a browser sends for a mouse: the pointer event, then the mouse event.
function mouse(type, target, x, y) {
  const init = {clientX: x, clientY: y, bubbles: true, cancelable: true, view: window, button: 0,
                buttons: type === 'mouseup' ? 0 : 1};
  target.dispatchEvent(new PointerEvent(type.replace('mouse', 'pointer'),
                                        Object.assign({pointerType: 'mouse', isPrimary: true}, init)));
  target.dispatchEvent(new MouseEvent(type, init));
}
function quiet(ms) {
  return new Promise(resolve => {
    let last = count, since = performance.now();
    (function poll() {
      if (count !== last) { last = count; since = performance.now(); }
      if (performance.now() - since >= ms) { resolve(); return; }
      requestAnimationFrame(poll);
    })();
  });
}
(async () => {
  for (let i = 0; i < steps; i++) {
    const path = src.querySelector('.shapelayer path[data-index="' + index + '"]');
    const box = path.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const y1 = y + (i % 2 === 0 ? dy : -dy);
    mouse('mousedown', path, x, y);
    mouse('mousemove', document, x, y1);
    await quiet(150);
    const before = count;
    const t0 = performance.now();
    mouse('mouseup', document, x, y1);
    times.push(await waitPlot(before, t0));
    await quiet(150);
  }
  done(times);
})().catch(e => done(String(e)));
"""
)


# Writes drag positions into a store, as assets/data_edit.js does while a point is dragged
# (throttled to one per 60 ms), and times each redraw of a graph.
LIVE_STEPS_JS = (
    """
const [storeId, graphId, steps, keyX, keyY, extra, x, y0, dy, done] = arguments;
const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
const times = [];
"""
    + WAIT_PLOT_JS
    + """
(async () => {
  window.labDragging = true;   // what the mousedown on a point sets: the data panel waits
  for (let i = 0; i < steps; i++) {
    const move = Object.assign({}, extra);
    move[keyX] = x;
    move[keyY] = y0 + dy * ((i % 10) - 5) / 5;
    const before = count;
    const t0 = performance.now();
    window.dash_clientside.set_props(storeId, {data: move});
    times.push(await waitPlot(before, t0));
    await new Promise(r => setTimeout(r, 60));
  }
  window.labDragging = false;
  done(times);
})().catch(e => done(String(e)));
"""
)


def open_page(driver, url: str, graph: str) -> None:
    driver.get(url)
    deadline = time.time() + 60
    while time.time() < deadline:
        if driver.execute_script(
            f"const g = document.querySelector('#{graph} .js-plotly-plot'); return !!(g && g._fullData);"
        ):
            time.sleep(0.5)  # let the first callbacks of the page settle before timing (not a test)
            return
        time.sleep(0.05)
    raise RuntimeError(f"{url}: #{graph} never drew")


def stats(name: str, times) -> float:
    if isinstance(times, str):
        raise RuntimeError(f"{name}: {times}")
    times = sorted(times)
    med = times[len(times) // 2]
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"  {name:<44} median {med:7.1f} ms   p95 {p95:7.1f} ms   (n = {len(times)})")
    return med


#: steps run before the timed ones after each page load (JIT warm-up, first-draw caches)
WARMUP = 5


def lab_point(driver) -> tuple[float, float]:
    """Where the lab's fourth data point is (the one the drag benchmarks move)."""
    return driver.execute_script(
        "const l = document.querySelector('#data-plot .js-plotly-plot').layout.shapes[3]; return [l.xanchor, l.yanchor];"
    )


def measure(driver, urls: dict, rounds: int, steps: int) -> dict:
    """Times of every case, floor and lab alternating round by round (so drift in the machine's
    load hits both alike), each run after :data:`WARMUP` untimed steps. Returns ``{(case, "floor"|"lab"): [ms, ...]}``."""
    keys = ("shapes[3].xanchor", "shapes[3].yanchor")
    steps += WARMUP
    cases = {
        "key": (
            lambda d: d.execute_async_script(KEY_STEPS_JS, "floor-slider", "floor-graph", steps),
            lambda d: d.execute_async_script(KEY_STEPS_JS, "lambda-slider", "weight-plane", steps),
        ),
        "live": (
            lambda d: d.execute_async_script(
                LIVE_STEPS_JS, "floor-drag", "floor-graph", steps, "x", "y", {}, 0.4, 0.4, 0.2
            ),
            lambda d: d.execute_async_script(
                LIVE_STEPS_JS,
                "data-edit",
                "weight-plane",
                steps,
                *keys,
                {"op": "move", "live": True},
                *lab_point(d),
                0.4,
            ),
        ),
        "release": (
            lambda d: d.execute_async_script(RELEASE_STEPS_JS, "floor-data", "floor-graph", steps, 0, 24),
            lambda d: d.execute_async_script(RELEASE_STEPS_JS, "data-plot", "weight-plane", steps, 3, 24),
        ),
    }
    graphs = {"floor": "floor-graph", "lab": "weight-plane"}
    times: dict = {}
    for _ in range(rounds):
        for case, runs in cases.items():
            for side, run in zip(("floor", "lab"), runs):
                open_page(driver, urls[side], graphs[side])
                out = run(driver)
                if isinstance(out, str):
                    raise RuntimeError(f"{case} {side}: {out}")
                times.setdefault((case, side), []).extend(out[WARMUP:])
    return times


CASES = {
    "key": ("λ key-step -> plotly_afterplot", "slider -> clientside marker move", "lambda-slider -> weight-plane", 1.3),
    "live": (
        "data drag, while the button is held -> server -> plotly_afterplot",
        "drag position -> server marker move",
        "drag position -> weight-plane",
        1.5,
    ),
    "release": (
        "data drag, the release -> server -> plotly_afterplot",
        "shape released -> server marker move",
        "data point released -> weight-plane",
        1.5,
    ),
}


def main() -> None:
    parser = argparse.ArgumentParser(description="lab latency vs floor apps")
    parser.add_argument("--steps", type=int, default=120, help="steps per case and side (split into rounds)")
    parser.add_argument("--rounds", type=int, default=4, help="floor/lab alternations per case")
    args = parser.parse_args()
    lab, lab_url = start_server("app.py")
    floor, floor_url = start_server("bench/floor_app.py")
    driver = chrome_driver(script_timeout=600)
    try:
        per_round = max(10, args.steps // args.rounds)
        times = measure(driver, {"floor": floor_url, "lab": lab_url}, args.rounds, per_round)
    finally:
        driver.quit()
        stop(lab)
        stop(floor)
    for case, (title, floor_name, lab_name, target) in CASES.items():
        print(f"{title} ({args.rounds} rounds x {per_round} steps, floor and lab alternating)")
        floor_med = stats(f"floor: {floor_name}", times[(case, "floor")])
        lab_med = stats(f"lab: {lab_name}", times[(case, "lab")])
        print(f"  ratio lab/floor (median) = {lab_med / floor_med:.2f}   (target <= {target})")


if __name__ == "__main__":
    main()
