// The stylesheet of report.html: large type and strong contrast, so it reads when projected at a workshop.
// A long rule continues on the next line after a `\`, which the string does not contain (one rule, one line).
export const REPORT_CSS = `
:root { --ink: #0f172a; --muted: #475569; --line: #cbd5e1; --bg: #f8fafc; --card: #ffffff; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink); \
font: 18px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 1320px; margin: 0 auto; padding: 28px 32px 64px; }
h1 { font-size: 36px; margin: 0 0 4px; }
h2 { font-size: 27px; margin: 44px 0 14px; padding-bottom: 6px; border-bottom: 3px solid var(--ink); }
h3 { font-size: 21px; margin: 26px 0 4px; }
.sub { color: var(--muted); margin: 0 0 12px; }
.chips { display: flex; gap: 12px; flex-wrap: wrap; }
.chip { display: inline-flex; align-items: center; gap: 8px; font-weight: 600; }
.chip::before { content: ""; width: 18px; height: 18px; border-radius: 4px; background: var(--c); }
.card { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 18px 22px; }
.verdict { font-size: 23px; font-weight: 650; margin: 0 0 10px; padding-left: 16px; border-left: 8px solid var(--c); }
.steady { margin: 4px 0 16px; padding-left: 24px; color: var(--muted); }
.steady.bad { color: #b91c1c; font-weight: 600; }
.warnings { background: #fef3c7; border: 2px solid #d97706; border-radius: 10px; padding: 10px 18px; margin-top: 14px; }
.warnings p { margin: 4px 0; font-weight: 600; }
.tiles { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 14px; }
.tile { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 14px 18px; }
.tile h3 { margin: 0 0 8px; font-size: 16px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.tile .row { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; \
border-left: 6px solid var(--c); padding-left: 10px; margin: 6px 0; }
.tile .who { font-size: 16px; color: var(--muted); overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.tile .value { font-size: 34px; font-weight: 750; color: var(--c); font-variant-numeric: tabular-nums; }
.value.na { color: #94a3b8; font-size: 24px; font-weight: 600; }
.tile .value .range { display: block; font-size: 14px; font-weight: 500; color: var(--muted); text-align: right; }
.chart-row { background: var(--card); border: 1px solid var(--line); border-radius: 10px; padding: 8px 18px 14px; \
margin: 0 0 22px; }
.chart-row .note { color: var(--muted); margin: 0 0 6px; font-size: 16px; }
.panel-title { font-weight: 700; margin: 12px 0 2px; }
.chart { width: 100%; min-height: 120px; }
.chart svg { width: 100%; height: auto; }
.uplot { font-family: inherit; }
.u-legend { font-size: 16px; }
.u-legend .u-marker { width: 22px; height: 8px; }
.bar-row { display: grid; grid-template-columns: 240px 1fr; gap: 16px; align-items: center; margin: 10px 0; }
.bar { display: flex; height: 40px; border-radius: 6px; overflow: hidden; background: #e2e8f0; }
.bar span { display: flex; align-items: center; justify-content: center; color: #fff; font-weight: 700; \
white-space: nowrap; overflow: hidden; }
.bar .intact { background: #15803d; } .bar .lost { background: #dc2626; } .bar .indeterminate { background: #64748b; }
.legend-line { color: var(--muted); font-size: 16px; }
.lost-nodes { margin: 2px 0 12px 256px; color: var(--muted); }
table { border-collapse: collapse; width: auto; min-width: 720px; background: var(--card); margin: 8px 0 18px; \
font-variant-numeric: tabular-nums; }
th, td { border: 1px solid var(--line); padding: 7px 12px; text-align: right; }
th { background: #e2e8f0; }
th:first-child, td:first-child { text-align: left; }
table.text td { text-align: left; }
dl { display: grid; grid-template-columns: 260px 1fr; gap: 8px 18px; }
dt { font-weight: 700; } dd { margin: 0; }
@media (max-width: 900px) { .tiles { grid-template-columns: repeat(2, minmax(0, 1fr)); } }
`;
