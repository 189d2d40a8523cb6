#!/usr/bin/env python3
"""regzoo's pages in headless Chromium (run by scripts/ui-e2e.sh): the runs page, a run's page, the comparison of a
study's runs and a live run's page. The charts' drawn points are checked against each run's metrics.json read from
disk, the browser console must stay free of errors, and each page is saved as a screenshot."""

import argparse
import json
import os
import sys
import time
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ui_browser import Chromium  # noqa: E402

READY = "window.regzoo !== undefined && regzoo.ready()"


def api(base, path):
    with urllib.request.urlopen(base + "/regzoo/api/" + path, timeout=30) as answer:
        return json.load(answer)


def metrics(run):
    with open(os.path.join(run["path"], "metrics.json")) as f:
        return json.load(f)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def expect_points(drawn, expected, what):
    check(drawn == expected, f"{what}: the chart draws {drawn}, metrics.json has {expected}")


def run_series(epochs):
    """What a run's page must draw, chart by chart, from metrics.json's epochs."""
    def column(field):
        return [[e["epoch"], e[field]] for e in epochs]
    return {
        "loss": {"train loss": column("train_loss"), "validation loss": column("val_loss")},
        "accuracy": {"validation accuracy": column("val_accuracy")},
        "gap": {"validation loss − train loss": [[e["epoch"], e["val_loss"] - e["train_loss"]] for e in epochs]},
        "lr": {"learning rate": column("lr")},
        "speed": {"images/s": column("images_per_s")},
    }


def drawn_by_label(series):
    return {s["label"]: s["points"] for s in series}


def finish(page, out, name, log):
    errors = page.console_errors()
    check(not errors, f"{page.url}: the browser console shows errors: {errors}")
    page.screenshot(os.path.join(out, name + ".png"))
    page.close()
    log(f"{name}: console clean, screenshot {out}/{name}.png")


def runs_page(browser, base, out, expected_notes, log):
    catalog = api(base, "runs")
    page = browser.page(base + "/regzoo", READY)
    rows = page.eval("Array.from(document.querySelectorAll('#runs tbody tr')).map(function (tr) {"
                     " return {id: tr.getAttribute('data-run'), cells: Array.from(tr.cells).map(function (c) {"
                     " return c.innerText; })}; })")
    check([r["id"] for r in rows] == [r["id"] for r in catalog["runs"]],
          f"the runs page lists {[r['id'] for r in rows]}, the server {[r['id'] for r in catalog['runs']]}")
    for row, run in zip(rows, catalog["runs"]):
        check(row["cells"][3] == run["status"], f"{run['label']}: status {row['cells'][3]!r}, expected "
                                                f"{run['status']!r}")
        if os.path.isfile(os.path.join(run["path"], "metrics.json")) and run["status"] != "unreadable":
            check(row["cells"][4] == str(len(metrics(run)["epochs"])),
                  f"{run['label']}: {row['cells'][4]} epochs shown, metrics.json has {len(metrics(run)['epochs'])}")
    text = page.eval("document.getElementById('runs').innerText")
    for note in expected_notes:
        check(note in text, f"the runs page does not say {note!r}")
    finish(page, out, "runs", log)
    log(f"runs page: {len(rows)} rows as the server lists them; notes shown: {expected_notes}")
    return catalog


def run_page(browser, base, out, run, log):
    m = metrics(run)
    page = browser.page(base + "/regzoo/run/" + run["id"], READY)
    series = page.eval("regzoo.series()")
    markers = page.eval("regzoo.markers()")
    for chart, expected in run_series(m["epochs"]).items():
        drawn = drawn_by_label(series[chart])
        check(set(drawn) == set(expected), f"{chart}: series {sorted(drawn)}, expected {sorted(expected)}")
        for label, points in expected.items():
            expect_points(drawn[label], points, f"{run['label']} {chart} / {label}")
        check(markers[chart] == [m["best_epoch"]], f"{chart}: best-epoch marker at {markers[chart]}, metrics.json "
                                                   f"says {m['best_epoch']}")
    finish(page, out, "run", log)
    log(f"run page {run['label']}: {len(series)} charts, {len(m['epochs'])} epochs each equal to metrics.json, "
        f"best epoch {m['best_epoch']} marked")


def compare_page(browser, base, out, study, log):
    members = [r for r in api(base, "study/" + study["id"])["members"] if r["status"] != "not a run"]
    check(len(members) >= 2, f"study {study['label']} has {len(members)} runs; a comparison needs 2")
    page = browser.page(base + "/regzoo/compare?study=" + study["id"], READY)
    series = page.eval("regzoo.series()")
    for chart, field in (("val_loss", "val_loss"), ("val_accuracy", "val_accuracy"), ("train_loss", "train_loss")):
        drawn = drawn_by_label(series[chart])
        check(sorted(drawn) == sorted(r["label"] for r in members),
              f"{chart}: runs {sorted(drawn)}, the study has {sorted(r['label'] for r in members)}")
        for run in members:
            expect_points(drawn[run["label"]], [[e["epoch"], e[field]] for e in metrics(run)["epochs"]],
                          f"comparison {chart} / {run['label']}")
    rows = page.eval("document.querySelectorAll('#finals tbody tr').length")
    check(rows == len(members), f"the final numbers have {rows} rows for {len(members)} runs")
    finish(page, out, "compare", log)
    log(f"comparison of study {study['label']}: {len(members)} runs preselected, {len(series)} charts equal to "
        f"their metrics.json, {rows} rows of final numbers")


def live_page(browser, base, out, log, timeout):
    deadline = time.time() + timeout
    running = []
    while not running:
        running = [r for r in api(base, "runs")["runs"] if r["status"] == "running"]
        check(running or time.time() < deadline, "no run of the training process is listed as running")
        time.sleep(0 if running else 0.5)
    run = running[0]
    page = browser.page(base + "/regzoo/run/" + run["id"], READY)
    page.eval("window.e2eSameDocument = true")
    count = "regzoo.series().loss[0].points.length"
    first = page.eval(count)
    started = time.time()
    page.wait(count + " > " + str(first), max(1, deadline - time.time()))
    check(page.eval("window.e2eSameDocument === true"), "the page was reloaded instead of updated")
    drawn = drawn_by_label(page.eval("regzoo.series()")["loss"])
    epochs = metrics(run)["epochs"]
    expect_points(drawn["train loss"], [[e["epoch"], e["train_loss"]] for e in epochs[:len(drawn["train loss"])]],
                  f"live {run['label']} train loss")
    finish(page, out, "live", log)
    log(f"live run {run['label']}: its open page went from {first} to {len(drawn['train loss'])} epochs "
        f"in {time.time() - started:.0f} s without a reload, points equal to metrics.json")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ui", required=True, help="base address of 'regzoo ui', e.g. http://localhost:9310")
    parser.add_argument("--study", required=True, help="label of the study to compare (its folder's name)")
    parser.add_argument("--expect-note", action="append", default=[], help="text the runs page must show")
    parser.add_argument("--live", help="base address of a 'regzoo train --ui' that is training")
    parser.add_argument("--live-timeout", type=float, default=300)
    parser.add_argument("--out", required=True, help="folder for screenshots and Chromium's log")
    parser.add_argument("--chromium", default="chromium")
    args = parser.parse_args()

    def log(line):
        print("ui-e2e: " + line, flush=True)

    browser = Chromium(args.chromium, os.path.join(args.out, "chromium-pages.log"))
    try:
        if args.live:  # first, while the run is young
            live_page(browser, args.live, args.out, log, args.live_timeout)
        catalog = runs_page(browser, args.ui, args.out, args.expect_note, log)
        study = next((s for s in catalog["studies"] if s["label"] == args.study), None)
        check(study is not None, f"no study {args.study!r} among {[s['label'] for s in catalog['studies']]}")
        first = next(r for r in catalog["runs"] if r["study"] == study["id"] and r["status"] != "not a run")
        run_page(browser, args.ui, args.out, first, log)
        compare_page(browser, args.ui, args.out, study, log)
    finally:
        browser.close()


if __name__ == "__main__":
    main()
