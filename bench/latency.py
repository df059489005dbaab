"""Interaction latency of the lab in real headless Chromium, against trivial floor apps.

    python bench/latency.py [--steps 120] [--cases key live release] [--open-lessons [ID ...]] [--query Q]

Measures in the page (performance.now()), over --steps steps each, the time until the graph is
redrawn, two ways (see WAIT_PLOT_JS): until the new picture is drawn (the target's measure), and
until plotly's event for the redraw (``plotly_afterplot``, or ``plotly_transitioned`` when plotly
redraws only the traces, which the lab's λ steps and held drags do).
1. λ key-step on ``lambda-slider`` -> ``weight-plane`` redrawn, against the floor: a key-step
   on a slider whose clientside callback moves one marker (``bench/floor_app.py``).
   Target: median ratio <= 1.3. Also timed, as diagnoses: the floor app redrawing only its
   traces, as the lab does (``--redraw traces``); the floor app showing the lab's weight-plane
   figure and moving its moving traces (``--figure lab``), which splits the ratio into what the
   figure costs and what the rest of the lab's page costs.
2. data drag -> server callback -> ``weight-plane`` redrawn, against a floor whose trivial
   server callback moves one marker. Target: median ratio <= 1.5. Two parts:
   a. while the button is held: a drag position written to ``data-drag`` (what
      ``assets/data_edit.js`` sends every 60 ms while a point is dragged) against the floor's
      ``floor-drag`` (and, as a diagnosis, the floor redrawing only its traces);
   b. the release: pointer and mouse events drag a point of ``data-plot`` and let go; release ->
      ``weight-plane`` redrawn, against the same drag of the floor's ``floor-data`` shape, which
      plotly drags (its shape move -> relayoutData -> server). The lab drags points itself
      (``assets/data_edit.js``), so its data panel is redrawn only later.
Floor and lab run side by side, each in its own headless Chromium, and take turns every
``BLOCK`` steps (after ``WARMUP`` untimed steps on each fresh page), so the machine's drift
hits both alike. Prints median, p95 and the ratios; asserts nothing.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from devtools.browser import chrome_driver, start_server, stop  # noqa: E402

# Times each redraw of `gd` two ways, from t0 (the input event):
# - drawn: when the graph's plot area first shows the picture it ends with. A MutationObserver on
#   the plot area notes when each batch of DOM changes is over, with a signature of the traces'
#   SVG (path data, marker positions); the first batch whose signature is the final one is when
#   the new picture was there to be painted. Plotly draws the picture in one go either way; this
#   is what the two sides have in common, whichever way plotly redraws.
# - event: plotly's own event for the end of the redraw. A whole redraw fires plotly_afterplot at
#   its end, in the same task; a traces-only redraw (plotly's transition path, which the lab's λ
#   steps take: assets/lab_clientside.js) fires plotly_transitioned from a timer after it, so
#   usually after the browser has already painted the new frame.
# (And frame: the first animation frame after the drawing, the one that paints it; the A/B of
# two versions of the lab, bench/latency_ab.py, prints it too.)
# One listener set per graph, installed by the first block. Both times are taken in the handlers:
# polling by animation frames would round every time up to the next frame (16.7 ms), the size of
# the floor itself.
WAIT_PLOT_JS = """
if (!gd.__bench) {
  gd.__bench = {count: 0, at: [], batches: []};
  const note = () => { gd.__bench.count += 1; gd.__bench.at.push(performance.now()); };
  gd.on('plotly_afterplot', note);
  gd.on('plotly_transitioned', note);
  gd.__bench.frames = [];
  const layer = gd.querySelector('.cartesianlayer');
  new MutationObserver(() => {
    const t = performance.now();
    gd.__bench.batches.push([t, signature()]);
    requestAnimationFrame(() => gd.__bench.frames.push([t, performance.now()]));
  }).observe(layer, {attributes: true, childList: true, subtree: true});
}
function signature() {
  return Array.from(gd.querySelectorAll('.scatterlayer path, .scatterlayer .point'))
    .map(e => (e.getAttribute('d') || '') + '@' + (e.getAttribute('transform') || '')).join('|');
}
const B = gd.__bench;
// resolves [drawn, event, frame] in ms after t0 once the redraw's event has fired; frame: the
// first animation frame after the drawing (the one that paints it; null if none came in 0.5 s)
function waitPlot(before, t0) {
  return new Promise((resolve, reject) => {
    function poll() {
      if (B.count > before) {
        const event = B.at[before] - t0, last = signature();
        const batch = B.batches.find(b => b[0] >= t0 && b[1] === last);
        B.batches = B.batches.filter(b => b[0] >= t0 - 1000);   // keep the lists short
        const drawn = batch ? batch[0] : B.at[before];
        (function frame() {
          const f = B.frames.find(f => f[0] === drawn);
          if (f || !batch || performance.now() - t0 > 500) {
            B.frames = B.frames.filter(f => f[0] >= t0 - 1000);
            resolve([drawn - t0, event, f ? f[1] - t0 : null]);
          } else {
            requestAnimationFrame(frame);
          }
        })();
        return;
      }
      if (performance.now() - t0 > 10000) { reject(new Error('no redraw')); return; }
      requestAnimationFrame(poll);
    }
    poll();
  });
}
"""

# Steps a slider by dispatching keys to its thumb and times each redraw of a graph.
KEY_STEPS_JS = (
    """
const [sliderId, graphId, start, steps, done] = arguments;
const thumb = document.querySelector('#' + sliderId + ' [role=slider]');
const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
const times = [];
"""
    + WAIT_PLOT_JS
    + """
(async () => {
  thumb.focus();
  for (let i = start; i < start + steps; i++) {
    const key = (Math.floor(i / 20) % 2 === 0) ? 'ArrowRight' : 'ArrowLeft';
    const before = B.count;
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
const [srcId, graphId, start, steps, index, dy, done] = arguments;
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
    let last = B.count, since = performance.now();
    (function poll() {
      if (B.count !== last) { last = B.count; since = performance.now(); }
      if (performance.now() - since >= ms) { resolve(); return; }
      requestAnimationFrame(poll);
    })();
  });
}
(async () => {
  for (let i = start; i < start + steps; i++) {
    const path = src.querySelector('.shapelayer path[data-index="' + index + '"]');
    const box = path.getBoundingClientRect();
    const x = box.left + box.width / 2, y = box.top + box.height / 2;
    const y1 = y + (i % 2 === 0 ? dy : -dy);
    mouse('mousedown', path, x, y);
    mouse('mousemove', document, x, y1);
    await quiet(150);
    const before = B.count;
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
const [storeId, graphId, start, steps, keyX, keyY, extra, x, y0, dy, done] = arguments;
const gd = document.querySelector('#' + graphId + ' .js-plotly-plot');
const times = [];
"""
    + WAIT_PLOT_JS
    + """
(async () => {
  if (window.lab) { window.lab.state.drag = {index: 3}; }   // what the mousedown on a point sets: the data panel waits
  for (let i = start; i < start + steps; i++) {
    const move = Object.assign({}, extra);
    move[keyX] = x;
    move[keyY] = y0 + dy * ((i % 10) - 5) / 5;
    const before = B.count;
    const t0 = performance.now();
    window.dash_clientside.set_props(storeId, {data: move});
    times.push(await waitPlot(before, t0));
    await new Promise(r => setTimeout(r, 60));
  }
  if (window.lab) { window.lab.state.drag = null; }
  done(times);
})().catch(e => done(String(e)));
"""
)


#: ``--open-lessons [ID ...]``: open the lab's collapsed panels (all, or those whose id starts
#: with one of the given names, e.g. ``kink optimizer``) and tick KKT before timing
OPEN_LESSONS = {"on": False, "names": []}
OPEN_ALL_JS = """
const names = arguments[0], opened = [];
document.querySelectorAll('.lab details').forEach(d => {
  const wanted = !names.length || names.some(n => (d.id || '').startsWith(n));
  if (wanted && !d.open) { d.querySelector('summary').click(); opened.push(d.id || d.className); }
});
const kkt = document.querySelector("input[value='kkt']");
if (kkt && !kkt.checked) { kkt.click(); }
return opened;
"""


def open_page(driver, url: str, graph: str) -> None:
    driver.get(url)
    deadline = time.time() + 60
    while time.time() < deadline:
        if driver.execute_script(
            f"const g = document.querySelector('#{graph} .js-plotly-plot'); return !!(g && g._fullData);"
        ):
            time.sleep(0.5)  # let the first callbacks of the page settle before timing (not a test)
            if OPEN_LESSONS["on"] and graph == "weight-plane":
                driver.execute_script(OPEN_ALL_JS, OPEN_LESSONS["names"])
                time.sleep(3.0)  # let the opened panels draw before timing (not a test)
            return
        time.sleep(0.05)
    raise RuntimeError(f"{url}: #{graph} never drew")


def median(values) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def stats(name: str, times) -> float:
    times = sorted(times)
    med = median(times)
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
    print(f"  {name:<44} median {med:7.1f} ms   p95 {p95:7.1f} ms   (n = {len(times)})")
    return med


#: steps run (untimed) on each freshly loaded page before the timed blocks: JIT warm-up,
#: first-draw caches
WARMUP = 5
#: steps per block; floor and lab alternate block by block
BLOCK = 10
#: pause after each block: what a block sets off after its last redraw (the lab's data panel
#: and readout follow λ ~120 ms after it rests) must be over before the other side runs
SETTLE_S = 0.4


def lab_point(driver) -> tuple[float, float]:
    """Where the lab's fourth data point is (the one the drag benchmarks move)."""
    return driver.execute_script(
        "const l = document.querySelector('#data-plot .js-plotly-plot').layout.shapes[3]; return [l.xanchor, l.yanchor];"
    )


def step_scripts() -> dict:
    """For each case, ``{side: run}`` with functions ``run(driver, start, steps) -> [[drawn, event], ...]``
    (ms); the sides are ``floor`` and ``lab``, for the λ step and the held drag also ``traces``
    (the floor app redrawing only its traces, as the lab does), and for the λ step ``figure``
    (the floor app showing the lab's weight-plane figure: what the figure alone costs)."""
    keys = ("x", "y")  # data-drag: {index, x, y} (assets/data_edit.js)

    def floor_keys(d, i, n):
        return d.execute_async_script(KEY_STEPS_JS, "floor-slider", "floor-graph", i, n)

    def floor_live(d, i, n):
        return d.execute_async_script(LIVE_STEPS_JS, "floor-drag", "floor-graph", i, n, "x", "y", {}, 0.4, 0.4, 0.2)

    return {
        "key": {
            "floor": floor_keys,
            "traces": floor_keys,
            "figure": floor_keys,
            "lab": lambda d, i, n: d.execute_async_script(KEY_STEPS_JS, "lambda-slider", "weight-plane", i, n),
        },
        "live": {
            "floor": floor_live,
            "traces": floor_live,
            "lab": lambda d, i, n: d.execute_async_script(
                LIVE_STEPS_JS, "data-drag", "weight-plane", i, n, *keys, {"index": 3}, *lab_point(d), 0.4
            ),
        },
        "release": {
            "floor": lambda d, i, n: d.execute_async_script(RELEASE_STEPS_JS, "floor-data", "floor-graph", i, n, 0, 24),
            "lab": lambda d, i, n: d.execute_async_script(RELEASE_STEPS_JS, "data-plot", "weight-plane", i, n, 3, 24),
        },
    }


CASES = {
    "key": (
        "λ key-step -> weight plane redrawn",
        "slider -> clientside marker move",
        "lambda-slider -> weight-plane",
        1.3,
    ),
    "live": (
        "data drag, while the button is held -> server -> weight plane redrawn",
        "drag position -> server marker move",
        "drag position -> weight-plane",
        1.5,
    ),
    "release": (
        "data drag, the release -> server -> weight plane redrawn",
        "shape released -> server marker move",
        "data point released -> weight-plane",
        1.5,
    ),
}


def measure(drivers: dict, urls: dict, steps: int, cases=tuple(CASES)) -> dict:
    """Times of every case. The sides (floor, lab; for the λ step also the figure floor) are open
    side by side, each in its own browser, and take turns in blocks of :data:`BLOCK` steps, so a
    change in the machine's speed (this VM's changes by up to 2x within minutes) hits them alike.
    Returns ``{(case, side): [[ms, ...], ...]}``, one list per block in the order they ran (round k
    = block k of each side)."""
    graphs = {"floor": "floor-graph", "traces": "floor-graph", "figure": "floor-graph", "lab": "weight-plane"}
    times: dict = {}
    for case, runs in step_scripts().items():
        if case not in cases:
            continue
        for side, run in runs.items():
            open_page(drivers[side], urls[side], graphs[side])
            check(case, side, run(drivers[side], 0, WARMUP))
        done = 0
        while done < steps:
            for side, run in runs.items():
                out = check(case, side, run(drivers[side], WARMUP + done, BLOCK))
                times.setdefault((case, side), []).append(out)
                time.sleep(SETTLE_S)  # not a test: let the page finish what the block set off
            done += BLOCK
        for side in runs:
            drivers[side].get("about:blank")  # nothing left running beside the next case
    return times


def check(case: str, side: str, out):
    if isinstance(out, str):
        raise RuntimeError(f"{case} {side}: {out}")
    return out


#: the two times of each redraw (see WAIT_PLOT_JS); the target is judged on the first
MEASURES = (
    "until the new picture is drawn (the same moment for both sides; the target's measure)",
    "until plotly's event for the redraw (afterplot; transitioned for a traces-only redraw)",
)


def main() -> None:
    parser = argparse.ArgumentParser(description="lab latency vs floor apps")
    parser.add_argument("--steps", type=int, default=120, help="timed steps per case and side")
    parser.add_argument("--cases", nargs="+", choices=list(CASES), default=list(CASES), help="which cases to run")
    parser.add_argument(
        "--open-lessons",
        nargs="*",
        metavar="ID",
        help="open the lab's collapsed panels before timing (all, or those whose id starts with an ID) and tick KKT",
    )
    parser.add_argument(
        "--query", default="", help="the lab's page opens with this link query, e.g. 'show=l1_l2_lp&p=0.5'"
    )
    args = parser.parse_args()
    OPEN_LESSONS.update(on=args.open_lessons is not None, names=args.open_lessons or [])
    servers = {"lab": start_server("app.py"), "floor": start_server("bench/floor_app.py")}
    if {"key", "live"} & set(args.cases):
        servers["traces"] = start_server("bench/floor_app.py", "--redraw", "traces")
    if "key" in args.cases:
        servers["figure"] = start_server("bench/floor_app.py", "--figure", "lab")
    drivers = {side: chrome_driver(script_timeout=600) for side in servers}
    try:
        urls = {side: url + (f"?{args.query.lstrip('?')}" if side == "lab" and args.query else "") for side, (_, url) in servers.items()}
        times = measure(drivers, urls, args.steps, args.cases)
    finally:
        for driver in drivers.values():
            driver.quit()
        for proc, _ in servers.values():
            stop(proc)
    for case, (title, floor_name, lab_name, target) in CASES.items():
        if case not in args.cases:
            continue
        print(f"{title} (floor and lab side by side, alternating every {BLOCK} steps)")
        for which, what in enumerate(MEASURES):
            print(f" {what}")
            report(times, case, which, floor_name, lab_name, target if which == 0 else None)


def report(times: dict, case: str, which: int, floor_name: str, lab_name: str, target: float | None) -> None:
    """Print medians, p95 and ratios of one measure (index ``which`` of each step's times)."""

    def blocks(side):
        return [[t[which] for t in block] for block in times[(case, side)]]

    floor_blocks, lab_blocks = blocks("floor"), blocks("lab")
    floor_med = stats(f"floor: {floor_name}", [t for block in floor_blocks for t in block])
    lab_med = stats(f"lab: {lab_name}", [t for block in lab_blocks for t in block])
    print(f"  ratio lab/floor (median) = {lab_med / floor_med:.2f}" + (f"   (target <= {target})" if target else ""))
    # each round's lab block against the floor block next to it in time: how far one run's
    # ratio can be trusted
    pairs = [(median(floor), median(lab) / median(floor)) for floor, lab in zip(floor_blocks, lab_blocks)]
    rounds = sorted(ratio for _, ratio in pairs)
    q = len(rounds) // 4
    print(
        f"  ratio per round of {BLOCK}+{BLOCK} steps: median {median(rounds):.2f}, "
        f"quartiles {rounds[q]:.2f}-{rounds[-1 - q]:.2f} over {len(rounds)} rounds"
    )
    by_speed = sorted(pairs)  # by the floor's time in that round: the machine's speed then
    half = len(by_speed) // 2
    print(
        f"  ratio in the rounds with the faster / slower half of floor times: "
        f"{median([r for _, r in by_speed[:half]]):.2f} / {median([r for _, r in by_speed[half:]]):.2f}"
    )
    if (case, "traces") in times:
        traces_med = stats("floor redrawing only its traces", [t for b in blocks("traces") for t in b])
        print(f"  (diagnosis) lab / this floor = {lab_med / traces_med:.2f}")
    if (case, "figure") in times:
        figure_med = stats("figure floor: slider -> the lab's figure", [t for b in blocks("figure") for t in b])
        print(
            f"  (diagnosis) the figure alone: figure floor/floor = {figure_med / floor_med:.2f}; "
            f"the rest of the lab's page: lab/figure floor = {lab_med / figure_med:.2f}"
        )


if __name__ == "__main__":
    main()
