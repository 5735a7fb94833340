"""One page of `make bench`'s figures: var/bench/figures.jsonl -> var/bench/report.html.

`bench/report.py [figures.jsonl] [report.html]`. A figure with a numeric `ratio` and `goal`
(and `better`: "lower", the default, or "higher") is drawn as a bar against its goal, green
when it meets it and red when it does not; every figure is also listed in full below. Inline
SVG and CSS only: the page opens on a closed network, with no CDN.
"""

from __future__ import annotations

import html
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_IN = ROOT / "var/bench/figures.jsonl"
WIDTH, ROW, LABEL = 760, 34, 300


def read_figures(path: Path) -> list[dict[str, Any]]:
    figures = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("{"):
            figures.append(json.loads(line))
    return figures


def _number(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def ratios(figures: list[dict[str, Any]]) -> list[dict[str, Any]]:
    out = []
    for figure in figures:
        ratio, goal = _number(figure.get("ratio")), _number(figure.get("goal"))
        if ratio is None or goal is None:
            continue
        higher = figure.get("better") == "higher"
        label = str(figure.get("figure", "?"))
        for key in ("url", "users", "size"):
            if key in figure:
                label += f" {key}={figure[key]}"
        out.append(
            {
                "label": label,
                "ratio": ratio,
                "goal": goal,
                "higher": higher,
                "met": ratio >= goal if higher else ratio <= goal,
            }
        )
    return out


def bars_svg(rows: list[dict[str, Any]]) -> str:
    if not rows:
        return "<p>No figure with a ratio and a goal in this run.</p>"
    scale_max = max(max(r["ratio"], r["goal"]) for r in rows) * 1.1
    span = WIDTH - LABEL - 70
    height = ROW * len(rows) + 30
    parts = [
        f'<svg role="img" aria-label="Ratios against their goals" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg">'
    ]
    for i, row in enumerate(rows):
        y = 10 + i * ROW
        width = max(1.0, row["ratio"] / scale_max * span)
        goal_x = LABEL + row["goal"] / scale_max * span
        colour = "#1a7f37" if row["met"] else "#b42318"
        sign = "≥" if row["higher"] else "≤"
        parts += [
            f'<text x="{LABEL - 8}" y="{y + 17}" text-anchor="end" font-size="12">'
            f"{html.escape(row['label'])}</text>",
            f'<rect x="{LABEL}" y="{y + 4}" width="{width:.1f}" height="18" fill="{colour}">'
            f"<title>{html.escape(row['label'])}: {row['ratio']:g} (goal {sign} "
            f"{row['goal']:g})</title></rect>",
            f'<line x1="{goal_x:.1f}" x2="{goal_x:.1f}" y1="{y}" y2="{y + 26}" '
            'stroke="#111" stroke-width="2" stroke-dasharray="3 2"/>',
            f'<text x="{LABEL + width + 6:.1f}" y="{y + 17}" font-size="12">'
            f"{row['ratio']:g}× (goal {sign} {row['goal']:g})</text>",
        ]
    parts.append("</svg>")
    return "\n".join(parts)


def _details(figure: dict[str, Any]) -> str:
    return json.dumps({k: v for k, v in figure.items() if k != "figure"}, ensure_ascii=False)


def render(figures: list[dict[str, Any]]) -> str:
    rows = ratios(figures)
    met = sum(r["met"] for r in rows)
    listing = "\n".join(
        f"<tr><th scope=row>{html.escape(str(f.get('figure', '?')))}</th><td><code>"
        f"{html.escape(_details(f))}</code></td></tr>"
        for f in figures
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>make bench: figures</title>
<style>
body {{ font-family: sans-serif; margin: 2rem; max-width: 60rem; color: #111; }}
table {{ border-collapse: collapse; font-size: 12px; }}
th, td {{ border-top: 1px solid #ccc; padding: 4px 8px; text-align: left; vertical-align: top; }}
code {{ white-space: pre-wrap; word-break: break-all; }}
</style></head>
<body>
<h1>make bench</h1>
<p>{met} of {len(rows)} ratios meet their goal. Each bar is a ratio measured in the same run
against its baseline; the dashed line is the goal (green: met, red: not met).</p>
{bars_svg(rows)}
<h2>Every figure</h2>
<table>{listing}</table>
</body></html>
"""


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_IN
    target = Path(sys.argv[2]) if len(sys.argv) > 2 else source.with_name("report.html")
    target.write_text(render(read_figures(source)), encoding="utf-8")
    print(f"# report: {target}", file=sys.stderr)


if __name__ == "__main__":
    main()
