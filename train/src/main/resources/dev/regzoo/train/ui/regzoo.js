/*
 * regzoo's pages in DL4J's training UI: the runs (/regzoo), one run (/regzoo/run/ID) and runs compared
 * (/regzoo/compare?runs=ID,ID or ?study=ID). Data from /regzoo/api/..., charts drawn with the jQuery and Flot that
 * DL4J's UI serves from its jar. window.regzoo exposes what the charts hold, for scripts/ui-e2e.sh.
 */
(function () {
    "use strict";

    var API = "/regzoo/api/";
    var RUN_POLL_MS = 2000;
    var LIST_POLL_MS = 5000;
    var COLORS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
        "#bcbd22", "#17becf"];
    var charts = {};
    var state = {ready: false, updates: 0};

    window.regzoo = {
        /** Every chart's drawn points: {chart: [{label: ..., points: [[x, y], ...]}]}. */
        series: function () {
            var out = {};
            Object.keys(charts).forEach(function (name) {
                out[name] = charts[name].getData().map(function (s) {
                    var points = [];
                    var p = s.datapoints.points;
                    for (var i = 0; i < p.length; i += s.datapoints.pointsize) {
                        points.push([p[i], p[i + 1]]);
                    }
                    return {label: s.label, points: points};
                });
            });
            return out;
        },
        /** The x of each chart's vertical markers (the best epoch). */
        markers: function () {
            var out = {};
            Object.keys(charts).forEach(function (name) {
                out[name] = (charts[name].getOptions().grid.markings || []).map(function (m) {
                    return m.xaxis.from;
                });
            });
            return out;
        },
        /** Whether the page has drawn its data once. */
        ready: function () {
            return state.ready;
        },
        /** How many times the page has drawn new data. */
        updates: function () {
            return state.updates;
        }
    };

    // ---------------------------------------------------------------- helpers

    /** An element with attributes and children (strings become text, never HTML). */
    function el(tag, attrs, children) {
        var node = document.createElement(tag);
        Object.keys(attrs || {}).forEach(function (k) {
            if (k === "onclick" || k === "onchange") {
                node[k] = attrs[k];
            } else if (attrs[k] !== null && attrs[k] !== undefined && attrs[k] !== false) {
                node.setAttribute(k, attrs[k] === true ? "" : attrs[k]);
            }
        });
        [].concat(children === undefined ? [] : children).forEach(function (c) {
            if (c !== null && c !== undefined) {
                node.appendChild(typeof c === "object" ? c : document.createTextNode(String(c)));
            }
        });
        return node;
    }

    function num(x, digits) {
        return x === null || x === undefined ? "–" : Number(x).toFixed(digits);
    }

    function percent(x) {
        return x === null || x === undefined ? "–" : (100 * x).toFixed(2) + "%";
    }

    function seconds(x) {
        return x === null || x === undefined ? "–" : x < 120 ? x.toFixed(0) + " s" : (x / 60).toFixed(1) + " min";
    }

    function statusBadge(status) {
        return el("span", {"class": "status " + status.replace(/ /g, "-")}, status);
    }

    function chips(settings) {
        if (!settings.length) {
            return el("span", {"class": "quiet"}, "none");
        }
        return el("span", {}, settings.map(function (s) {
            return el("span", {"class": "chip"}, s.value === "true" ? s.name : s.name + " " + s.value);
        }));
    }

    function notes(list) {
        return el("div", {}, list.map(function (n) {
            return el("div", {"class": "note"}, n);
        }));
    }

    function getJson(url) {
        return fetch(url, {cache: "no-store"}).then(function (r) {
            if (!r.ok) {
                throw new Error(url + " answered HTTP " + r.status);
            }
            return r.json();
        });
    }

    /** Calls render with url's JSON now and every ms milliseconds while keepGoing(data) says so. */
    function poll(url, render, ms, keepGoing) {
        getJson(url).then(function (data) {
            render(data);
            if (!keepGoing || keepGoing(data)) {
                setTimeout(function () {
                    poll(url, render, ms, keepGoing);
                }, ms);
            }
        }, problem);
    }

    function problem(error) {
        var box = document.getElementById("problem") || document.getElementById("main")
            .insertBefore(el("div", {id: "problem", "class": "card note"}), document.getElementById("main").firstChild);
        box.textContent = "The server did not answer (" + error.message + "); is regzoo ui still running?";
    }

    function markNav(name) {
        $("nav a[data-nav]").each(function () {
            $(this).toggleClass("current", this.getAttribute("data-nav") === name);
        });
    }

    function drawn() {
        state.ready = true;
        state.updates += 1;
    }

    // ---------------------------------------------------------------- charts

    var tooltip = null;

    /** Draws series into a new chart card in grid; marks epoch `best` with a vertical line. */
    function chart(grid, name, title, series, best, caption) {
        var plotDiv = el("div", {"class": "plot", "data-chart": name});
        grid.appendChild(el("div", {"class": "card chart"}, [el("h3", {}, title), plotDiv,
            caption ? el("div", {"class": "caption"}, caption) : null]));
        var epochs = [].concat.apply([], series.map(function (s) {
            return s.data.map(function (p) {
                return p[0];
            });
        }));
        charts[name] = $.plot($(plotDiv), series, {
            colors: COLORS,
            series: {lines: {show: true, lineWidth: 2}, points: {show: true, radius: 3}},
            // a little room either side, so that a best-epoch line on the first or last epoch shows
            xaxis: {tickDecimals: 0, minTickSize: 1, min: Math.min.apply(null, epochs.concat([1])) - 0.2,
                max: Math.max.apply(null, epochs.concat([1])) + 0.2},
            yaxis: {tickFormatter: function (v) {
                return String(+v.toPrecision(4));
            }},
            grid: {hoverable: true, borderWidth: 1, borderColor: "#c8ced3",
                markings: best ? [{xaxis: {from: best, to: best}, color: "#9aa0a6", lineWidth: 2}] : []},
            legend: {position: "ne", backgroundOpacity: 0.6}
        });
        $(plotDiv).on("plothover", function (event, pos, item) {
            if (!tooltip) {
                tooltip = document.body.appendChild(el("div", {id: "tooltip"}));
            }
            if (item) {
                tooltip.textContent = item.series.label + ", epoch " + item.datapoint[0] + ": "
                    + (+item.datapoint[1].toPrecision(6));
                $(tooltip).css({top: item.pageY - 28, left: item.pageX + 8}).show();
            } else {
                $(tooltip).hide();
            }
        });
    }

    function column(history, field) {
        return history.map(function (e) {
            return [e.epoch, e[field]];
        });
    }

    function gap(history) {
        return history.map(function (e) {
            return [e.epoch, e.val_loss === null || e.train_loss === null ? null : e.val_loss - e.train_loss];
        });
    }

    // ---------------------------------------------------------------- the runs page

    function runsPage() {
        markNav("runs");
        var selected = {};

        function compareButton() {
            var ids = Object.keys(selected).filter(function (id) {
                return selected[id];
            });
            return el("button", {
                id: "compare-selected", disabled: ids.length < 2,
                onclick: function () {
                    location.href = "/regzoo/compare?runs=" + ids.join(",");
                }
            }, "Compare selected runs (" + ids.length + ")");
        }

        function render(data) {
            var main = document.getElementById("main");
            main.textContent = "";
            main.appendChild(el("h1", {}, "Runs"));
            if (!data.runs.length) {
                main.appendChild(el("p", {"class": "quiet"}, "No runs to show: give 'regzoo ui' run folders, a study "
                    + "folder or a folder of runs, or train with 'regzoo train --ui'."));
            }
            if (data.studies.length) {
                main.appendChild(el("div", {"class": "card", id: "studies"}, [el("h2", {}, "Studies and folders of runs")]
                    .concat(data.studies.map(function (s) {
                        return el("div", {}, [el("a", {href: "/regzoo/compare?study=" + s.id}, "Compare " + s.label),
                            " (" + s.runs.length + " folders) ", el("span", {"class": "path"}, s.path)]);
                    }))));
            }
            var bar = el("p", {}, compareButton());
            main.appendChild(bar);
            var rows = data.runs.map(function (r) {
                var isRun = r.status !== "not a run";
                return el("tr", {"data-run": r.id}, [
                    el("td", {}, isRun ? el("input", {
                        type: "checkbox", checked: !!selected[r.id], "aria-label": "select " + r.label,
                        onchange: function () {
                            selected[r.id] = this.checked;
                            bar.replaceChild(compareButton(), bar.firstChild);
                        }
                    }) : null),
                    el("td", {}, [isRun ? el("a", {href: "/regzoo/run/" + r.id}, r.label) : r.label,
                        el("div", {"class": "path"}, r.path)]),
                    el("td", {}, r.recipe || "–"),
                    el("td", {}, statusBadge(r.status)),
                    el("td", {"class": "num"}, isRun ? r.epochs : ""),
                    el("td", {"class": "num"}, r.bestEpoch || "–"),
                    el("td", {"class": "num"}, percent(r.bestValAccuracy)),
                    el("td", {"class": "num"}, num(r.bestValLoss, 4)),
                    el("td", {"class": "num"}, percent(r.testAccuracy)),
                    el("td", {}, isRun ? chips(r.regularization) : null),
                    el("td", {}, notes(r.notes))
                ]);
            });
            main.appendChild(el("table", {"class": "data", id: "runs"}, [
                el("thead", {}, el("tr", {}, ["", "run", "recipe", "status", "epochs", "best epoch", "best val acc",
                    "val loss at best", "test acc", "regularization", "notes"].map(function (h, i) {
                    return el("th", {"class": i >= 4 && i <= 8 ? "num" : null}, h);
                }))),
                el("tbody", {}, rows)]));
            drawn();
        }

        poll(API + "runs", render, LIST_POLL_MS);
    }

    // ---------------------------------------------------------------- a run's page

    /** Makes the run's session DL4J's current one, then opens DL4J's overview. */
    function openInDl4j(session) {
        fetch("/train/sessions/set/" + encodeURIComponent(session), {cache: "no-store"}).then(function (r) {
            if (!r.ok) {
                throw new Error("DL4J's UI does not know session " + session + " (HTTP " + r.status + ")");
            }
            location.href = "/train/overview";
        }).catch(problem);
    }

    function runPage(id) {
        markNav(null);
        var shown = null;

        function render(run) {
            var key = run.history.length + "|" + run.status + "|" + run.sessions.length;
            if (key === shown) {
                return;
            }
            shown = key;
            charts = {};
            document.title = run.label + " · regzoo";
            var main = document.getElementById("main");
            main.textContent = "";
            var session = run.sessions.length ? run.sessions[run.sessions.length - 1] : null;
            main.appendChild(el("div", {"class": "card"}, [
                el("h1", {}, [run.label, " ", statusBadge(run.status)]),
                el("div", {"class": "path"}, run.path),
                el("p", {}, ["Recipe ", el("b", {}, run.recipe || "unknown"), ". Regularization: ",
                    chips(run.regularization)]),
                el("table", {"class": "data", id: "facts"}, el("tbody", {}, [
                    ["epochs", run.epochs],
                    ["best epoch" + (run.monitor ? " (by " + run.monitor + ")" : ""), run.bestEpoch || "–"],
                    ["validation accuracy at best", percent(run.bestValAccuracy)],
                    ["validation loss at best", num(run.bestValLoss, 4)],
                    ["test accuracy (best model)", percent(run.testAccuracy)],
                    ["wall time", seconds(run.seconds)],
                    ["stopped", run.termination && run.status !== "running" ? run.termination : "–"]
                ].map(function (row) {
                    return el("tr", {}, [el("th", {}, row[0]), el("td", {}, String(row[1]))]);
                }))),
                el("p", {}, [el("button", {
                    id: "dl4j", disabled: !session, onclick: function () {
                        openInDl4j(session);
                    }
                }, "DL4J's pages for this run"), " ", el("span", {"class": "quiet"},
                    "score per iteration, parameters and updates, system")]),
                notes(run.notes)
            ]));
            var h = run.history;
            var best = run.bestEpoch;
            var grid = el("div", {"class": "charts"});
            main.appendChild(grid);
            chart(grid, "loss", "Loss", [{label: "train loss", data: column(h, "train_loss")},
                {label: "validation loss", data: column(h, "val_loss")}], best,
                "Train loss: the mean minibatch loss of the epoch, with the regularization penalties; the grey line "
                + "is the best epoch.");
            chart(grid, "accuracy", "Validation accuracy", [{label: "validation accuracy",
                data: column(h, "val_accuracy")}], best);
            chart(grid, "gap", "Train–validation gap", [{label: "validation loss − train loss", data: gap(h)}], best,
                "Grows as the model overfits.");
            chart(grid, "lr", "Learning rate", [{label: "learning rate", data: column(h, "lr")}], best,
                "At the end of each epoch.");
            chart(grid, "speed", "Throughput", [{label: "images/s", data: column(h, "images_per_s")}], best);
            main.appendChild(el("h2", {}, "Epochs"));
            main.appendChild(el("table", {"class": "data", id: "epochs"}, [
                el("thead", {}, el("tr", {}, ["epoch", "train loss", "val loss", "gap", "val acc", "lr", "images/s",
                    "seconds"].map(function (x) {
                    return el("th", {"class": "num"}, x);
                }))),
                el("tbody", {}, h.map(function (e) {
                    return el("tr", {"class": e.epoch === best ? "best" : null}, [
                        e.epoch + (e.epoch === best ? " (best)" : ""), num(e.train_loss, 4), num(e.val_loss, 4),
                        e.val_loss === null || e.train_loss === null ? "–" : num(e.val_loss - e.train_loss, 4),
                        percent(e.val_accuracy), Number(e.lr).toPrecision(3), num(e.images_per_s, 0),
                        num(e.seconds, 1)].map(function (x) {
                        return el("td", {"class": "num"}, x);
                    }));
                }))]));
            drawn();
        }

        poll(API + "run/" + encodeURIComponent(id), render, RUN_POLL_MS, function (run) {
            return run.status === "running";
        });
    }

    // ---------------------------------------------------------------- the comparison

    function comparePage() {
        markNav("compare");
        var params = new URLSearchParams(location.search);
        var selected = (params.get("runs") || "").split(",").filter(Boolean);
        var study = params.get("study");
        var main = document.getElementById("main");
        main.textContent = "";
        main.appendChild(el("h1", {}, "Compare runs"));
        var picker = el("div", {"class": "card picker", id: "picker"});
        var view = el("div", {id: "comparison"});
        main.appendChild(el("div", {"class": "layout"}, [picker, view]));
        var timer = null;

        function pick(catalog) {
            var byStudy = {};
            catalog.studies.forEach(function (s) {
                byStudy[s.id] = s.label;
            });
            picker.textContent = "";
            picker.appendChild(el("div", {"class": "quiet"}, "Pick the runs to overlay:"));
            var lastGroup;
            catalog.runs.filter(function (r) {
                return r.status !== "not a run";
            }).forEach(function (r) {
                var group = r.study ? byStudy[r.study] : "other runs";
                if (group !== lastGroup) {
                    picker.appendChild(el("div", {"class": "group"}, group));
                    lastGroup = group;
                }
                picker.appendChild(el("label", {}, [el("input", {
                    type: "checkbox", value: r.id, checked: selected.indexOf(r.id) >= 0,
                    onchange: function () {
                        selected = $(picker).find("input:checked").map(function () {
                            return this.value;
                        }).get();
                        history.replaceState(null, "", "/regzoo/compare?runs=" + selected.join(","));
                        refresh();
                    }
                }), " ", r.label, " ", statusBadge(r.status)]));
            });
        }

        function refresh() {
            clearTimeout(timer);
            Promise.all(selected.map(function (id) {
                return getJson(API + "run/" + encodeURIComponent(id));
            })).then(function (runs) {
                draw(runs);
                if (runs.some(function (r) {
                    return r.status === "running";
                })) {
                    timer = setTimeout(refresh, LIST_POLL_MS);
                }
            }, problem);
        }

        function draw(runs) {
            charts = {};
            view.textContent = "";
            if (runs.length === 0) {
                view.appendChild(el("p", {"class": "quiet"}, "Pick two or more runs."));
                drawn();
                return;
            }
            var grid = el("div", {"class": "charts"});
            view.appendChild(grid);
            function overlay(field, of) {
                return runs.map(function (r) {
                    return {label: r.label, data: of ? of(r.history) : column(r.history, field)};
                });
            }
            chart(grid, "val_loss", "Validation loss", overlay("val_loss"));
            chart(grid, "val_accuracy", "Validation accuracy", overlay("val_accuracy"));
            chart(grid, "train_loss", "Train loss", overlay("train_loss"));
            chart(grid, "gap", "Train–validation gap (validation − train loss)", overlay(null, gap));
            view.appendChild(el("h2", {}, "Final numbers"));
            view.appendChild(el("table", {"class": "data", id: "finals"}, [
                el("thead", {}, el("tr", {}, ["run", "recipe", "status", "epochs", "best epoch", "best val acc",
                    "val loss at best", "last gap", "test acc", "wall time", "regularization"].map(function (h, i) {
                    return el("th", {"class": i >= 3 && i <= 9 ? "num" : null}, h);
                }))),
                el("tbody", {}, runs.map(function (r) {
                    return el("tr", {"data-run": r.id}, [
                        el("td", {}, el("a", {href: "/regzoo/run/" + r.id}, r.label)),
                        el("td", {}, r.recipe || "–"),
                        el("td", {}, statusBadge(r.status)),
                        el("td", {"class": "num"}, r.epochs),
                        el("td", {"class": "num"}, r.bestEpoch || "–"),
                        el("td", {"class": "num"}, percent(r.bestValAccuracy)),
                        el("td", {"class": "num"}, num(r.bestValLoss, 4)),
                        el("td", {"class": "num"}, num(r.lastGap, 4)),
                        el("td", {"class": "num"}, percent(r.testAccuracy)),
                        el("td", {"class": "num"}, seconds(r.seconds)),
                        el("td", {}, chips(r.regularization))]);
                }))]));
            drawn();
        }

        getJson(API + "runs").then(function (catalog) {
            var preselect = study ? getJson(API + "study/" + encodeURIComponent(study)).then(function (s) {
                s.members.forEach(function (r) {
                    if (r.status !== "not a run" && selected.indexOf(r.id) < 0) {
                        selected.push(r.id);
                    }
                });
            }) : Promise.resolve();
            return preselect.then(function () {
                pick(catalog);
                refresh();
            });
        }).catch(problem);
    }

    // ---------------------------------------------------------------- which page

    var path = location.pathname.replace(/\/+$/, "");
    if (path.indexOf("/regzoo/run/") === 0) {
        runPage(decodeURIComponent(path.substring("/regzoo/run/".length)));
    } else if (path === "/regzoo/compare") {
        comparePage();
    } else {
        runsPage();
    }
}());
