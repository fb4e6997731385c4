// The pools page: polls the pools JSON while the page is open and visible, updates the table, and charts the totals of
// every pool (emitted, claimed, pending) over the time the page has been open. Amounts are exact decimal strings; the chart
// alone turns them into floating point, to draw them.
(function () {
  "use strict";
  const chart = document.getElementById("chart");
  const source = chart.dataset.source;
  const refreshMs = Number(chart.dataset.refresh) * 1000;
  const series = [[], [], [], []];
  const columns = ["poolId", "emitted", "claimed", "pending", "remaining", "budget", "stakers", "ratePerSecond"];
  const plot = new uPlot({
    width: Math.min(900, window.innerWidth - 40), height: 260, title: "All pools (base units)",
    series: [{}, { label: "Emitted", stroke: "#1f77b4" }, { label: "Claimed", stroke: "#2ca02c" }, { label: "Pending", stroke: "#ff7f0e" }],
  }, series, chart);
  let timer = null;

  function total(pools, field) {
    return Number(pools.reduce((sum, p) => sum + BigInt(p[field]), 0n));
  }

  function render(snapshot) {
    document.getElementById("as-of").textContent = snapshot.asOf;
    const body = document.querySelector("#pools tbody");
    body.replaceChildren(...snapshot.pools.map(p => {
      const row = document.createElement("tr");
      for (const column of columns) {
        const cell = document.createElement("td");
        cell.textContent = String(p[column]);
        row.appendChild(cell);
      }
      const assets = document.createElement("td");
      assets.textContent = p.stakeAsset + " \u2192 " + p.rewardAsset;
      row.appendChild(assets);
      return row;
    }));
    series[0].push(Date.parse(snapshot.asOf) / 1000);
    series[1].push(total(snapshot.pools, "emitted"));
    series[2].push(total(snapshot.pools, "claimed"));
    series[3].push(total(snapshot.pools, "pending"));
    if (series[0].length > 600) { series.forEach(s => s.shift()); }
    plot.setData(series);
  }

  async function poll() {
    timer = null;
    try {
      const response = await fetch(source, { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) { render(await response.json()); }
    } finally {
      schedule();
    }
  }

  function schedule() {
    if (timer === null && document.visibilityState === "visible") { timer = setTimeout(poll, refreshMs); }
  }

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") { schedule(); } else if (timer !== null) { clearTimeout(timer); timer = null; }
  });
  poll();
})();
