// The trend chart of the anomaly dashboard: flagged cases by month, one line per stage.
// The data comes from the page's JSON script tag (no inline script: CSP); ECharts is vendored.
const holder = document.getElementById("anomalies-trend");
const source = document.getElementById("anomalies-trend-data");
const echarts = globalThis.echarts;
if (holder && source && echarts) {
  const trend = JSON.parse(source.textContent);
  const chart = echarts.init(holder);
  chart.setOption({
    tooltip: { trigger: "axis" },
    legend: { data: trend.series.map((s) => s.name) },
    xAxis: { type: "category", data: trend.months },
    yAxis: { type: "value", minInterval: 1 },
    series: trend.series.map((s) => ({ name: s.name, type: "line", data: s.data })),
  });
  window.addEventListener("resize", () => chart.resize());
}
