"""Figures of the analyst brief, drawn with matplotlib (Agg) as SVG text: the actor network of
claimants and what they speak about, and attention over time (reports per day, by stance)."""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from collections.abc import Iterable, Mapping

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

__all__ = ["STANCE_COLOURS", "attention_svg", "network_svg"]

STANCE_COLOURS = {"asserts": "#1b7837", "denies": "#c51b7d", "questions": "#e08214", "predicts": "#2166ac"}


def _svg(fig) -> str:
    buffer = io.StringIO()
    matplotlib.rcParams["svg.hashsalt"] = "newsgraph"
    fig.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(fig)
    text = buffer.getvalue()
    return text[text.index("<svg"):]


def network_svg(edges: Iterable[tuple[str, str, str]], title: str = "Who says what about whom") -> str:
    """``edges``: (claimant, subject, stance). Node size = degree; edge colour = stance."""
    graph = nx.MultiDiGraph()
    for source, target, stance in edges:
        graph.add_edge(source, target, stance=stance)
    fig, ax = plt.subplots(figsize=(7, 5))
    ax.set_title(title)
    ax.axis("off")
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, "no claimants or actors found", ha="center", va="center")
        return _svg(fig)
    pos = nx.spring_layout(nx.Graph(graph), seed=7, k=1.2)
    sizes = [300 + 200 * graph.degree(n) for n in graph.nodes]
    nx.draw_networkx_nodes(graph, pos, ax=ax, node_size=sizes, node_color="#dddddd", edgecolors="#555555")
    nx.draw_networkx_labels(graph, pos, ax=ax, font_size=8)
    handles = []
    for stance, colour in STANCE_COLOURS.items():
        chosen = [(u, v) for u, v, d in graph.edges(data=True) if d["stance"] == stance]
        if chosen:
            nx.draw_networkx_edges(graph, pos, edgelist=chosen, ax=ax, edge_color=colour, arrows=True,
                                   arrowsize=14, width=2, node_size=sizes, connectionstyle="arc3,rad=0.08")
            handles.append(Line2D([0], [0], color=colour, lw=2, label=stance))
    if handles:
        ax.legend(handles=handles, loc="best", fontsize=8, frameon=True, framealpha=0.8)
    return _svg(fig)


def attention_svg(reports: Iterable[Mapping[str, str | None]], title: str = "Attention over time") -> str:
    """``reports``: dicts with ``day`` (YYYY-MM-DD) and ``stance``; one bar per day, stacked."""
    counts: Counter[tuple[str, str]] = Counter((r["day"], r.get("stance") or "asserts") for r in reports if r.get("day"))
    fig, ax = plt.subplots(figsize=(7, 3))
    ax.set_title(title)
    if not counts:
        ax.text(0.5, 0.5, "no dated reports", ha="center", va="center", transform=ax.transAxes)
        ax.axis("off")
        return _svg(fig)
    days = sorted({d for d, _ in counts})
    xs = [dt.date.fromisoformat(d) for d in days]
    bottom = [0] * len(days)
    for stance, colour in STANCE_COLOURS.items():
        heights = [counts.get((d, stance), 0) for d in days]
        if any(heights):
            ax.bar(xs, heights, bottom=bottom, color=colour, label=stance, width=0.8 if len(xs) > 1 else 0.5)
            bottom = [b + h for b, h in zip(bottom, heights)]
    ax.set_xlim(min(xs) - dt.timedelta(days=2), max(xs) + dt.timedelta(days=2))
    ax.xaxis.set_major_locator(mdates.AutoDateLocator(minticks=3, maxticks=8))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m-%d"))
    ax.set_ylabel("reports")
    ax.yaxis.get_major_locator().set_params(integer=True)
    fig.autofmt_xdate()
    ax.legend(fontsize=8, frameon=False)
    return _svg(fig)
