// Runs in the browser, inlined into report.html after the Vega runtime: draws
// every chart from the data inlined in the page (no request of any kind),
// shows a tooltip for the point under the pointer, and in a sweep report
// switches the fan charts to the point chosen in the selector. When all
// charts are drawn it sets <body data-charts="done"> (or "failed"), which
// the browser tests wait for.
(() => {
  const payload = JSON.parse(document.getElementById("spiral-report-data").textContent);
  // Run reports: one table of months for every time chart.
  const rows = payload.columns ? toRows(payload.columns) : [];
  // Sweep reports: one table of months per point, for the fan charts.
  const pointRows = (payload.points ?? []).map((p) => toRows(p.columns));
  const select = document.getElementById("point-select");
  const bandViews = [];
  const tooltip = makeTooltip();
  const drawn = payload.charts.map((chart) => draw(chart).catch((err) => fail(chart, err)));
  Promise.all(drawn).then((ok) => {
    document.body.dataset.charts = ok.every(Boolean) ? "done" : "failed";
  });
  select?.addEventListener("change", () => {
    for (const view of bandViews) view.data("bands", chosenPoint()).runAsync();
  });

  async function draw(chart) {
    const container = document.getElementById(`view-${chart.id}`);
    const view = new vega.View(vega.parse(chart.spec), {
      renderer: "svg",
      container,
      hover: true,
      tooltip: tooltip.show,
    });
    // Each view gets its own copies of the rows: Vega tags the objects it ingests.
    if (chart.time) {
      view.data("series", copy(rows));
      view.data("phases", copy(payload.phases));
      view.data("crises", copy(payload.crises));
    }
    if (chart.bands) {
      view.data("bands", chosenPoint());
      bandViews.push(view);
    }
    await view.runAsync();
    container.dataset.rendered = "true";
    return true;
  }

  function chosenPoint() {
    return copy(pointRows[Number(select?.value ?? 0)] ?? []);
  }

  function copy(list) {
    return list.map((r) => ({ ...r }));
  }

  function fail(chart, err) {
    const container = document.getElementById(`view-${chart.id}`);
    container.textContent = `This chart could not be drawn: ${err?.message ?? err}`;
    container.classList.add("failed");
    console.error(`chart ${chart.id}:`, err);
    return false;
  }

  function toRows(columns) {
    const names = Object.keys(columns);
    const n = names.length > 0 ? columns[names[0]].length : 0;
    const out = new Array(n);
    for (let i = 0; i < n; i++) {
      const row = {};
      for (const name of names) row[name] = columns[name][i];
      out[i] = row;
    }
    return out;
  }

  function makeTooltip() {
    const box = document.createElement("div");
    box.id = "spiral-tooltip";
    box.setAttribute("role", "tooltip");
    box.hidden = true;
    document.body.appendChild(box);
    const show = (_handler, event, _item, value) => {
      if (value === null || value === undefined || value === "") {
        box.hidden = true;
        return;
      }
      box.replaceChildren();
      const entries = typeof value === "object" ? Object.entries(value) : [["", value]];
      const table = document.createElement("table");
      for (const [key, text] of entries) {
        const tr = table.insertRow();
        const th = document.createElement("th");
        th.textContent = key;
        tr.appendChild(th);
        tr.insertCell().textContent = String(text);
      }
      box.appendChild(table);
      box.hidden = false;
      const pad = 14;
      const { innerWidth, innerHeight } = window;
      const { width, height } = box.getBoundingClientRect();
      let x = event.clientX + pad;
      let y = event.clientY + pad;
      if (x + width > innerWidth) x = event.clientX - pad - width;
      if (y + height > innerHeight) y = event.clientY - pad - height;
      box.style.left = `${Math.max(0, x)}px`;
      box.style.top = `${Math.max(0, y)}px`;
    };
    return { show };
  }
})();
