/* Funnel console: one page over the server's public JSON API. No build step, no dependencies but uPlot. */
(function () {
  "use strict";

  var COLORS = ["#0a58ca", "#d63384", "#1a7f37", "#fd7e14", "#6f42c1", "#0dcaf0", "#795548", "#6c757d"];
  var REFRESH_MS = 5000;
  var state = { health: null, charts: {}, loopTimer: null, lastSearch: null };

  // ---- helpers -------------------------------------------------------------------------------
  function el(tag, attrs) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        var v = attrs[k];
        if (v === null || v === undefined || v === false) return;
        if (k === "text") e.textContent = v;
        else if (k === "onclick") e.addEventListener("click", v);
        else e.setAttribute(k, v === true ? "" : String(v));
      });
    }
    for (var i = 2; i < arguments.length; i++) {
      var c = arguments[i];
      if (c === null || c === undefined) continue;
      if (Array.isArray(c)) c.forEach(function (x) { if (x) e.appendChild(typeof x === "string" ? document.createTextNode(x) : x); });
      else e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return e;
  }
  function $(id) { return document.getElementById(id); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); return node; }
  function fmt(x, digits) {
    if (x === null || x === undefined) return "–";
    if (typeof x !== "number") return String(x);
    if (Number.isInteger(x)) return x.toLocaleString("en-US");
    return x.toFixed(digits === undefined ? 3 : digits);
  }
  function short(s, n) { s = String(s); return s.length > n ? s.slice(0, n - 1) + "…" : s; }
  function message(id, text, isError) {
    var m = $(id);
    m.textContent = text || "";
    m.className = "message" + (isError ? " error" : "");
  }
  function api(method, path, body) {
    var opts = { method: method, headers: { "Accept": "application/json" } };
    if (body !== undefined) {
      opts.headers["Content-Type"] = "application/json";
      opts.body = JSON.stringify(body);
    }
    return fetch(path, opts).then(function (r) {
      return r.text().then(function (t) {
        var json = null;
        try { json = t ? JSON.parse(t) : null; } catch (e) { json = null; }
        if (!r.ok) {
          var why = json && json.error ? json.error : ("HTTP " + r.status);
          throw new Error(why);
        }
        return json;
      });
    });
  }

  // ---- tabs ----------------------------------------------------------------------------------
  var TABS = ["search", "loop", "models", "ope", "related"];
  function show(name, focus) {
    if (TABS.indexOf(name) < 0) name = "search";
    TABS.forEach(function (t) {
      var tab = $("tab-" + t);
      var on = t === name;
      tab.setAttribute("aria-selected", on ? "true" : "false");
      tab.tabIndex = on ? 0 : -1;
      $("panel-" + t).hidden = !on;
    });
    if (focus) $("tab-" + name).focus();
    if (location.hash !== "#" + name) history.replaceState(null, "", "#" + name);
    document.body.setAttribute("data-panel", name);
    if (name === "loop") startLoop(); else stopLoop();
    if (name === "models") loadModels();
    if (name === "ope") loadPolicies();
    if (name === "related") prepareRelated();
  }
  TABS.forEach(function (t, i) {
    var tab = $("tab-" + t);
    tab.addEventListener("click", function () { show(t, false); });
    tab.addEventListener("keydown", function (e) {
      var j = null;
      if (e.key === "ArrowRight") j = (i + 1) % TABS.length;
      else if (e.key === "ArrowLeft") j = (i + TABS.length - 1) % TABS.length;
      else if (e.key === "Home") j = 0;
      else if (e.key === "End") j = TABS.length - 1;
      if (j !== null) { e.preventDefault(); show(TABS[j], true); }
    });
  });
  window.addEventListener("hashchange", function () { show(location.hash.slice(1), false); });

  // ---- server status -------------------------------------------------------------------------
  function loadHealth() {
    return api("GET", "/health").then(function (h) {
      state.health = h;
      var s = h.loop_stats || {};
      $("server-status").textContent = fmt(h.items) + " items · bandit " + h.bandit_policy + " over " + (h.bandit_strategies || []).join(", ") +
        " · ranker " + s.ranker + (h.ranker_version ? " v" + h.ranker_version : "") + " · " + fmt(h.events_stored) + " events stored" +
        (h.related_items ? " · related items on" : "") + (h.decision_model ? " · decision model on" : "");
      return h;
    }).catch(function (e) { $("server-status").textContent = "server unreachable: " + e.message; });
  }

  // ---- search --------------------------------------------------------------------------------
  $("search-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var q = $("q").value.trim();
    if (!q) return;
    message("search-message", "searching…");
    api("POST", "/search", { query: q, k: parseInt($("k").value, 10) }).then(function (r) {
      state.lastSearch = r;
      renderSearch(r);
      message("search-message", r.items.length + " results in " + fmt(r.took_ms, 1) + " ms" + (r.partial ? " (partial: the deadline cut it short)" : ""));
    }).catch(function (err) { message("search-message", "search failed: " + err.message, true); });
  });

  function box(title, children) { return el("div", { "class": "box" }, el("h3", { text: title }), children); }

  function renderSearch(r) {
    var i = r.interpretation || {};
    var filters = Object.keys(i.filters || {}).map(function (k) { return k + " = " + i.filters[k]; }).join(", ");
    var spans = (i.spans || []).map(function (s) { return "“" + s.text + "” → " + s.field + ":" + s.value + " (" + fmt(s.confidence, 2) + ", " + s.source + ")"; });
    var d = r.decision || {};
    clear($("search-summary")).append(
      box("Interpretation", [el("div", { text: "type " + i.type }), el("div", { text: "residual “" + (i.residual || "") + "”" }),
        el("div", { text: "filters " + (filters || "none") }), el("div", { text: spans.length ? spans.join("; ") : "no spans" })]),
      box("Bandit decision", [el("div", { text: "policy " + d.policy }), el("div", { text: "action " + d.action }),
        el("div", { id: "propensity", text: "propensity " + fmt(d.propensity, 4) })]),
      box("Funnel", [el("div", { text: fmt(r.candidates_retrieved) + " candidates retrieved, " + fmt(r.candidates_ranked) + " ranked" }),
        el("div", { text: "ranker " + r.ranker }), el("div", { text: "server time " + fmt(r.took_ms, 1) + " ms" })]),
      box("Request", [el("div", { text: r.request_id }), el("div", { "class": "hint", text: "events below carry this id back to the loop" })])
    );
    var list = clear($("results"));
    r.items.forEach(function (item) { list.appendChild(renderItem(r, item)); });
  }

  function title(item) {
    var t = (item.fields && item.fields.text) || {};
    return t.title || Object.keys(t).map(function (k) { return t[k]; }).filter(Boolean)[0] || item.id;
  }

  function renderItem(r, item) {
    var f = item.fields || {};
    var dl = el("dl", { "class": "fields" });
    Object.keys(f.text || {}).forEach(function (k) {
      if (k === "title" || !f.text[k]) return;
      dl.append(el("dt", { text: k }), el("dd", { text: short(f.text[k], 160) }));
    });
    Object.keys(f.keywords || {}).forEach(function (k) {
      var vs = f.keywords[k] || [];
      dl.append(el("dt", { text: k }), el("dd", { text: vs.slice(0, 4).join(", ") + (vs.length > 4 ? " … (" + vs.length + " values)" : "") }));
    });
    Object.keys(f.numbers || {}).forEach(function (k) { dl.append(el("dt", { text: k }), el("dd", { text: fmt(f.numbers[k], 2) })); });
    var prov = el("table", { "class": "data provenance" },
      el("caption", { "class": "visually-hidden", text: "Provenance" }),
      el("thead", null, el("tr", null, el("th", { scope: "col", text: "found by" }), el("th", { scope: "col", "class": "num", text: "rank" }), el("th", { scope: "col", "class": "num", text: "raw score" }))),
      el("tbody", null, (item.provenance || []).map(function (p) {
        return el("tr", null, el("td", { text: p.strategy }), el("td", { "class": "num", text: fmt(p.rank) }), el("td", { "class": "num", text: fmt(p.raw_score, 3) }));
      })));
    var max = Math.max.apply(null, [1e-9].concat((item.why || []).map(function (w) { return Math.abs(w.contribution); })));
    var why = el("table", { "class": "data why" },
      el("caption", { "class": "visually-hidden", text: "Feature contributions" }),
      el("thead", null, el("tr", null, el("th", { scope: "col", text: "why (feature)" }), el("th", { scope: "col", "class": "num", text: "value" }), el("th", { scope: "col", text: "contribution to the score" }))),
      el("tbody", null, (item.why || []).map(function (w) {
        var width = Math.round(60 * Math.abs(w.contribution) / max);
        return el("tr", null, el("td", { text: w.feature }), el("td", { "class": "num", text: fmt(w.value, 3) }),
          el("td", null, el("span", { "class": "bar " + (w.contribution >= 0 ? "pos" : "neg"), style: "width:" + width + "px", "aria-hidden": "true" }), " " + (w.contribution >= 0 ? "+" : "") + fmt(w.contribution, 3)));
      })));
    var actions = el("div", { "class": "actions" },
      [["click", "Click"], ["add_to_cart", "Add to cart"], ["purchase", "Purchase"]].map(function (t) {
        return el("button", { type: "button", "class": "event", "data-type": t[0], "aria-label": t[1] + ": " + title(item), text: t[1],
          onclick: function (e) { sendEvent(r, item, t[0], e.currentTarget); } });
      }));
    if (state.health && state.health.related_items) {
      actions.appendChild(el("button", { type: "button", text: "Related items", onclick: function () { $("related-item").value = item.id; show("related", false); loadRelated(item.id); } }));
    }
    return el("li", { "class": "result", "data-id": item.id },
      el("h3", null, item.rank + ". " + short(title(item), 140)),
      el("div", { "class": "meta" }, "id " + item.id + " · score " + fmt(item.score, 4), el("div", { "class": "chips", "aria-label": "found by" },
        (item.found_by || []).map(function (s) { return el("span", { "class": "chip", text: s }); }))),
      el("div", null, dl, why), el("div", { "class": "table-wrap" }, prov), actions);
  }

  function sendEvent(r, item, type, button) {
    button.disabled = true;
    api("POST", "/events", { type: type, request_id: r.request_id, item_id: item.id, position: item.rank, timestamp: new Date().toISOString(), query: r.query })
      .then(function (res) {
        button.textContent = button.textContent + " ✓";
        button.setAttribute("data-sent", "true");
        message("search-message", type.replace(/_/g, " ") + " on " + item.id + " stored (events in the log: " + fmt(res.stored_total) + "); the loop learns from it");
      })
      .catch(function (e) { button.disabled = false; message("search-message", "event failed: " + e.message, true); });
  }

  // ---- loop ----------------------------------------------------------------------------------
  var CHARTS = [
    { id: "chart-searches", y: "searches / min", series: function (t) { return [{ label: "searches per minute", values: t.searches_per_min }]; } },
    { id: "chart-rates", y: "% of searches", series: function (t) {
      return [{ label: "click-through rate %", values: pct(t.ctr) }, { label: "conversion rate %", values: pct(t.conversion_rate) }]; } },
    { id: "chart-actions", y: "% of bandit decisions", range: [0, 100], series: function (t) {
      return t.actions.names.map(function (n, i) { return { label: n, values: pct(t.actions.share[i]) }; }); } },
    { id: "chart-reward", y: "share of reward (0–1)", range: [0, 1], series: function (t) {
      return t.reward_share.names.map(function (n, i) { return { label: n, values: t.reward_share.values[i] }; }); } },
    { id: "chart-candidates", y: "candidates / search", series: function (t) { return [{ label: "candidates per search", values: t.candidates_per_search }]; } },
    { id: "chart-latency", y: "milliseconds", series: function (t) {
      return [{ label: "p50 ms", values: t.latency_p50_ms }, { label: "p99 ms", values: t.latency_p99_ms }]; } },
    { id: "chart-ranker", y: "count / version", stepped: true, series: function (t) {
      return [{ label: "accepted retrainings", values: t.retrainings }, { label: "live ranker version", values: t.ranker_version }]; } },
    { id: "chart-memory", y: "query–item keys", series: function (t) { return [{ label: "memory keys with feedback", values: t.memory_keys }]; } }
  ];
  function pct(xs) { return xs.map(function (x) { return x === null ? null : 100 * x; }); }

  function startLoop() {
    if (state.loopTimer) return;
    refreshLoop();
    state.loopTimer = setInterval(refreshLoop, REFRESH_MS);
  }
  function stopLoop() { if (state.loopTimer) { clearInterval(state.loopTimer); state.loopTimer = null; } }

  function plotWidth(fig) { return Math.max(240, fig.clientWidth - 18); }

  function refreshLoop() {
    api("GET", "/stats/timeline?minutes=60").then(function (t) {
      var last = t.points ? new Date(t.time[t.points - 1] * 1000) : null;
      $("loop-status").textContent = t.points + " points, one per " + t.period_seconds + " s" +
        (last ? "; last at " + last.toLocaleTimeString() : "; the first arrives within " + t.period_seconds + " s");
      $("panel-loop").setAttribute("data-points", String(t.points));
      if (!t.points) return;
      CHARTS.forEach(function (c) { drawChart(c, t); });
    }).catch(function (e) { $("loop-status").textContent = "timeline unavailable: " + e.message; });
  }

  function drawChart(c, t) {
    var fig = $(c.id);
    var series = c.series(t);
    var key = series.map(function (s) { return s.label; }).join("|");
    var data = [t.time].concat(series.map(function (s) { return s.values; }));
    var filled = series.length ? series[0].values.filter(function (v) { return v !== null; }).length : 0;
    fig.setAttribute("data-series-points", String(filled));
    var existing = state.charts[c.id];
    if (existing && existing.key === key) { existing.plot.setData(data); return; }
    if (existing) existing.plot.destroy();
    var plotDiv = clear(fig.querySelector(".plot"));
    var opts = {
      width: plotWidth(fig), height: 220,
      scales: c.range ? { x: { time: true }, y: { range: c.range } } : { x: { time: true }, y: { range: function (u, lo, hi) { return [0, hi > 0 ? hi * 1.1 : 1]; } } },
      axes: [{ label: "time (local)", labelSize: 20, size: 56 }, { label: c.y, labelSize: 20, size: 60 }],
      legend: { live: true },
      series: [{ label: "time" }].concat(series.map(function (s, i) {
        var o = { label: s.label, stroke: COLORS[i % COLORS.length], width: 2, spanGaps: false, points: { show: t.points < 60 } };
        if (c.stepped && uPlot.paths && uPlot.paths.stepped) o.paths = uPlot.paths.stepped({ align: 1 });
        return o;
      }))
    };
    state.charts[c.id] = { key: key, plot: new uPlot(opts, data, plotDiv) };
    fig.setAttribute("data-axis-labels", opts.axes.map(function (a) { return a.label; }).join("|"));
    plotDiv.setAttribute("role", "img");
    plotDiv.setAttribute("aria-label", fig.querySelector("figcaption").textContent + ", " + c.y + " against time, series: " + key.replace(/\|/g, ", "));
  }

  window.addEventListener("resize", function () {
    Object.keys(state.charts).forEach(function (id) {
      var fig = $(id);
      state.charts[id].plot.setSize({ width: plotWidth(fig), height: 220 });
    });
  });

  // ---- models --------------------------------------------------------------------------------
  function loadModels() {
    loadHealth().then(function () { return api("GET", "/models"); }).then(function (m) {
      var r = m.ranker;
      $("models-status").textContent = "serving: " + r.serving + (r.live_version ? " version " + r.live_version : " (" + (r.live_version_reason || "no version") + ")") +
        " · " + r.versions.length + " versions kept" + lastRetraining();
      var body = clear($("versions").querySelector("tbody"));
      if (!r.versions.length) {
        body.appendChild(el("tr", null, el("td", { colspan: 7, text: "No LambdaMART version yet: the first comes from an accepted retraining (after about 20 engaged searches) or from serve --ranker FILE." })));
      }
      r.versions.forEach(function (v) {
        var p = v.provenance;
        var metrics = Object.keys(v.metrics || {}).map(function (k) { return k + " " + fmt(v.metrics[k], 4); });
        body.appendChild(el("tr", { "data-version": v.version },
          el("th", { scope: "row", text: "v" + v.version }),
          el("td", { text: v.origin + (v.source ? " (" + short(v.source, 60) + ")" : "") }),
          el("td", { text: v.created_at.replace("T", " ").replace(/\.\d+Z$/, "Z") }),
          el("td", { text: fmt(p.rows) + " rows, " + fmt(p.groups) + " requests" + (p.from ? ", " + p.from.slice(0, 10) + " – " + (p.to || "").slice(0, 10) : "") }),
          el("td", null, metrics.length ? metrics.map(function (x) { return el("div", { text: x }); }) : "none recorded"),
          el("td", null, el("details", null, el("summary", { text: "details" }), el("pre", { text:
            "source: " + p.source + "\nseed: " + p.seed + "\nlibrary: " + p.library + "\nposition bias: " + p.position_bias + "\nparams: " + p.params + "\nsha256: " + v.sha256 }))),
          el("td", null, v.live ? el("span", { "class": "live", text: "live" }) :
            el("button", { type: "button", "class": "activate", text: "Activate v" + v.version, onclick: function (e) { activate(v.version, e.currentTarget); } }))));
      });
    }).catch(function (e) { $("models-status").textContent = "models unavailable: " + e.message; });
    api("GET", "/models/decision").then(renderDecision).catch(function (e) { clear($("decision")).appendChild(el("p", { text: "decision model unavailable: " + e.message })); });
  }

  function lastRetraining() {
    var l = state.health && state.health.loop_stats ? state.health.loop_stats.last_retraining : null;
    if (!l) return " · no retraining attempt yet";
    return " · last retraining " + l.outcome + " in " + fmt(l.duration_ms, 0) + " ms at " + l.finished_at.replace("T", " ").replace(/\.\d+Z$/, "Z") +
      (l.detail ? " (" + l.detail + ")" : "");
  }

  function activate(version, button) {
    button.disabled = true;
    api("POST", "/models/ranker/" + version + "/activate").then(function (r) {
      $("models-status").textContent = "activated v" + r.activated + (r.previous ? " (was v" + r.previous + ")" : "");
      loadModels();
      loadHealth();
    }).catch(function (e) { button.disabled = false; $("models-status").textContent = "activation failed: " + e.message; });
  }

  function renderDecision(d) {
    var box = clear($("decision"));
    if (!d.loaded) { box.appendChild(el("p", { "class": "hint", id: "decision-none", text: d.reason })); return; }
    box.appendChild(el("p", { text: d.scorer + " over " + (d.features || []).join(", ") + " · method " + d.method + " · model " + d.model }));
    var tables = d.tables.filter(function (t) { return t.reachable; }).sort(function (a, b) { return a.target_precision - b.target_precision; });
    if (!tables.length) { box.appendChild(el("p", { text: "No target precision is reachable with this model." })); return; }
    var bins = tables[0].bins.length;
    var lines = [];
    for (var b = 0; b < bins; b++) {
      var pts = tables.map(function (t) { return [t.bins[b] ? t.bins[b].threshold : null, t.target_precision]; }).filter(function (p) { return p[0] !== null; });
      var bin = tables[0].bins[b];
      lines.push({ label: "uncertainty " + (bin.uncertainty_from === null ? "< " + fmt(bin.uncertainty_to, 3) : bin.uncertainty_to === null ? "≥ " + fmt(bin.uncertainty_from, 3) : fmt(bin.uncertainty_from, 3) + "–" + fmt(bin.uncertainty_to, 3)), points: pts });
    }
    box.appendChild(svgPlot("decision-plot", lines, "score threshold (predicted conversion)", "positive rate of accepted items (target precision)",
      "Threshold table: for each uncertainty bin, the score an item needs to reach each target precision"));
  }

  // A small SVG line plot with labelled axes: lines = [{label, points: [[x, y], ...]}].
  function svgPlot(id, lines, xLabel, yLabel, title) {
    var W = 640, H = 320, L = 64, R = 16, T = 16, B = 48;
    var xs = [], ys = [];
    lines.forEach(function (l) { l.points.forEach(function (p) { xs.push(p[0]); ys.push(p[1]); }); });
    var x0 = Math.min.apply(null, xs), x1 = Math.max.apply(null, xs), y0 = Math.min.apply(null, ys.concat([0])), y1 = Math.max.apply(null, ys.concat([1]));
    if (x1 === x0) { x0 -= 0.05; x1 += 0.05; }
    var sx = function (x) { return L + (x - x0) / (x1 - x0) * (W - L - R); };
    var sy = function (y) { return H - B - (y - y0) / (y1 - y0) * (H - T - B); };
    var ns = "http://www.w3.org/2000/svg";
    function s(tag, attrs, text) {
      var e = document.createElementNS(ns, tag);
      Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
      if (text !== undefined) e.textContent = text;
      return e;
    }
    var svg = s("svg", { id: id, viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", "aria-label": title, style: "max-width:" + W + "px" });
    svg.appendChild(s("title", {}, title));
    svg.appendChild(s("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#57606a" }));
    svg.appendChild(s("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#57606a" }));
    for (var i = 0; i <= 4; i++) {
      var xv = x0 + (x1 - x0) * i / 4, yv = y0 + (y1 - y0) * i / 4;
      svg.appendChild(s("text", { x: sx(xv), y: H - B + 16, "text-anchor": "middle", "font-size": 11 }, xv.toFixed(3)));
      svg.appendChild(s("text", { x: L - 6, y: sy(yv) + 4, "text-anchor": "end", "font-size": 11 }, yv.toFixed(2)));
      svg.appendChild(s("line", { x1: L, y1: sy(yv), x2: W - R, y2: sy(yv), stroke: "#eaeef2" }));
    }
    svg.appendChild(s("text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle", "font-size": 12 }, xLabel));
    svg.appendChild(s("text", { x: 14, y: (T + H - B) / 2, "text-anchor": "middle", "font-size": 12, transform: "rotate(-90 14 " + (T + H - B) / 2 + ")" }, yLabel));
    lines.forEach(function (l, k) {
      var c = COLORS[k % COLORS.length];
      var pts = l.points.slice().sort(function (a, b) { return a[0] - b[0]; });
      if (pts.length > 1) svg.appendChild(s("polyline", { points: pts.map(function (p) { return sx(p[0]) + "," + sy(p[1]); }).join(" "), fill: "none", stroke: c, "stroke-width": 2 }));
      pts.forEach(function (p) { svg.appendChild(s("circle", { cx: sx(p[0]), cy: sy(p[1]), r: 3, fill: c })); });
      svg.appendChild(s("text", { x: L + 10, y: T + 14 + 14 * k, "font-size": 11, fill: c }, l.label));
    });
    return svg;
  }

  // ---- off-policy ----------------------------------------------------------------------------
  function loadPolicies(select) {
    return api("GET", "/ope/policies").then(function (p) {
      var sel = $("ope-policy");
      var keep = select || sel.value;
      clear(sel);
      p.policies.forEach(function (x) {
        sel.appendChild(el("option", { value: x.name, text: x.name + (x.policy ? " (" + x.policy + (x.updates !== null && x.updates !== undefined ? ", " + fmt(x.updates) + " updates" : "") + ")" : x.description ? " (" + x.description + ")" : "") }));
      });
      if (keep && p.policies.some(function (x) { return x.name === keep; })) sel.value = keep;
      if (!p.decision_log_exists) message("ope-message", "No decision log yet: decisions are logged when their reward is known (a click, cart or purchase, or 1,000 later searches).");
    }).catch(function (e) { message("ope-message", "policies unavailable: " + e.message, true); });
  }
  $("ope-save").addEventListener("click", function () {
    api("POST", "/ope/policies").then(function (r) { message("ope-message", "saved the live bandit as " + r.name); return loadPolicies(r.name); })
      .catch(function (e) { message("ope-message", "save failed: " + e.message, true); });
  });
  $("ope-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var policy = $("ope-policy").value;
    message("ope-message", "evaluating " + policy + " on the decision log…");
    api("POST", "/ope", { policy: policy }).then(function (r) { message("ope-message", ""); renderOpe(r); })
      .catch(function (err) { message("ope-message", "evaluation failed: " + err.message, true); });
  });

  function renderOpe(r) {
    var out = clear($("ope-result"));
    (r.warnings || []).forEach(function (w) { out.appendChild(el("div", { "class": "warning", role: "alert", text: "⚠ " + w })); });
    out.appendChild(el("p", { id: "ope-summary", text: fmt(r.rounds) + " logged decisions · effective sample size " + fmt(r.effective_sample_size, 1) +
      " (trust needs ≥ " + fmt(r.min_effective_sample_size) + ") · live policy " + r.live_policy }));
    if (!r.estimators) { out.appendChild(el("p", { text: r.reason })); return; }
    var rows = [];
    Object.keys(r.estimators).forEach(function (k) { rows.push({ name: k.toUpperCase() + " estimate of the candidate", e: r.estimators[k] }); });
    rows.push({ name: "live policy (logged mean)", e: r.live });
    out.appendChild(el("h2", { text: "Candidate " + r.policy + " against the live " + r.live_policy + " policy" }));
    out.appendChild(el("div", { "class": "table-wrap" }, el("table", { "class": "data", id: "ope-table" },
      el("caption", { "class": "visually-hidden", text: "Off-policy estimates" }),
      el("thead", null, el("tr", null, el("th", { scope: "col", text: "estimate of" }), el("th", { scope: "col", "class": "num", text: "mean reward" }), el("th", { scope: "col", "class": "num", text: "95% interval" }))),
      el("tbody", null, rows.map(function (x) {
        return el("tr", null, el("th", { scope: "row", text: x.name }), el("td", { "class": "num", text: fmt(x.e.estimate, 4) }),
          el("td", { "class": "num", text: x.e.ci95 ? "[" + fmt(x.e.ci95[0], 4) + ", " + fmt(x.e.ci95[1], 4) + "]" : (x.e.reason || "–") }));
      })))));
    out.appendChild(intervalPlot(rows.filter(function (x) { return x.e.ci95; }), r.reward_range));
  }

  function intervalPlot(rows, range) {
    var W = 640, L = 230, R = 20, T = 10, rowH = 30, B = 44, H = T + rowH * rows.length + B;
    var lo = range ? range[0] : 0, hi = range ? range[1] : 1;
    var sx = function (x) { return L + (x - lo) / (hi - lo || 1) * (W - L - R); };
    var ns = "http://www.w3.org/2000/svg";
    function s(tag, attrs, text) { var e = document.createElementNS(ns, tag); Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); if (text !== undefined) e.textContent = text; return e; }
    var svg = s("svg", { id: "ope-plot", viewBox: "0 0 " + W + " " + H, width: "100%", role: "img", style: "max-width:" + W + "px", "aria-label": "Estimates with 95% intervals" });
    svg.appendChild(s("title", {}, "Estimated mean reward per decision with 95% intervals"));
    for (var i = 0; i <= 4; i++) {
      var v = lo + (hi - lo) * i / 4;
      svg.appendChild(s("line", { x1: sx(v), y1: T, x2: sx(v), y2: H - B, stroke: "#eaeef2" }));
      svg.appendChild(s("text", { x: sx(v), y: H - B + 16, "text-anchor": "middle", "font-size": 11 }, v.toFixed(2)));
    }
    svg.appendChild(s("text", { x: (L + W - R) / 2, y: H - 8, "text-anchor": "middle", "font-size": 12 }, "mean reward per decision (attributed reward, 0–1)"));
    rows.forEach(function (x, k) {
      var y = T + rowH * k + rowH / 2, c = k === rows.length - 1 ? "#1a7f37" : COLORS[k % COLORS.length];
      svg.appendChild(s("text", { x: L - 8, y: y + 4, "text-anchor": "end", "font-size": 11 }, short(x.name, 36)));
      svg.appendChild(s("line", { x1: sx(x.e.ci95[0]), y1: y, x2: sx(x.e.ci95[1]), y2: y, stroke: c, "stroke-width": 3 }));
      svg.appendChild(s("circle", { cx: sx(x.e.estimate), cy: y, r: 5, fill: c }));
    });
    return svg;
  }

  // ---- related items -------------------------------------------------------------------------
  function prepareRelated() {
    var ready = state.health ? Promise.resolve(state.health) : loadHealth();
    ready.then(function (h) {
      var on = h && h.related_items;
      $("related-button").disabled = !on;
      $("related-item").disabled = !on;
      if (!on) message("related-message", "No graph model is loaded: start the server with --graph-model FILE (from funnel train graph); the demo trains one on the Amazon catalog's also-bought edges.");
    });
  }
  $("related-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var id = $("related-item").value.trim();
    if (id) loadRelated(id);
  });
  function loadRelated(id) {
    message("related-message", "looking up " + id + "…");
    var out = clear($("related-result"));
    api("GET", "/graph/nodes/" + encodeURIComponent(id)).then(function (n) {
      if (!n.node) { message("related-message", id + ": " + n.reason); return null; }
      return api("GET", "/related/" + encodeURIComponent(id) + "?k=10").then(function (r) {
        message("related-message", "");
        out.appendChild(el("p", { id: "related-degrees", text: id + " · in-degree " + fmt(n.in_degree) + " (items bought before it) · out-degree " + fmt(n.out_degree) +
          " (items bought after it)" + (n.reason ? " · " + n.reason : "") + " · graph of " + fmt(n.nodes) + " nodes" }));
        var max = Math.max.apply(null, [1e-9].concat(r.items.map(function (x) { return Math.abs(x.score); })));
        out.appendChild(el("div", { "class": "table-wrap" }, el("table", { "class": "data", id: "related-table" },
          el("caption", { "class": "visually-hidden", text: "Related items" }),
          el("thead", null, el("tr", null, el("th", { scope: "col", "class": "num", text: "rank" }), el("th", { scope: "col", text: "item" }), el("th", { scope: "col", text: "BLADE score (source·target embedding)" }))),
          el("tbody", null, r.items.map(function (x) {
            return el("tr", null, el("td", { "class": "num", text: fmt(x.rank) }),
              el("td", null, el("button", { type: "button", text: x.id, "aria-label": "related items of " + x.id, onclick: function () { $("related-item").value = x.id; loadRelated(x.id); } })),
              el("td", null, el("span", { "class": "bar pos", style: "display:inline-block;height:.7em;width:" + Math.round(120 * Math.abs(x.score) / max) + "px;background:#0a58ca", "aria-hidden": "true" }), " " + fmt(x.score, 4)));
          })))));
      });
    }).catch(function (e) { message("related-message", "related items failed: " + e.message, true); });
  }

  // ---- start ---------------------------------------------------------------------------------
  loadHealth().then(function () { show(location.hash.slice(1) || "search", false); });
  setInterval(loadHealth, 15000);
})();
