"""The Gradio web chat: streamed answers with numbered footnotes, feedback, and the tables.

A thin layer: it calls ``Assistant.ask`` and ``export_table`` and only formats.
User text and answer text are escaped before rendering, so nothing a user
types (or a passage says) can become HTML in the page.
"""

from __future__ import annotations

import html
import tempfile
import time
from collections import Counter, OrderedDict
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import gradio as gr

from assistant import Answer, Assistant
from corpus import STATES, TABLE_NAMES, Corpus, PortentryError, export_table

from ._feedback import FeedbackStore

__all__ = ["create_chat"]

_REMEMBERED = 2000  # answers kept for like/dislike (recent ones; older votes are stored without citations)
TRAVELER_EXAMPLES = [
    "Is San Ysidro a port of entry?",
    "What happens at secondary inspection?",
    "Is CBP open on July 5, 2027?",
    "Is there preclearance in Dublin?",
]
TRADER_EXAMPLES = [
    "Which port supervises the Otay Mesa customs station?",
    "Which Center handles auto parts imports?",
    "Which ports have a drawback office?",
    "Can a vessel be entered at a Customs station?",
]
# A tile map: each state at (row, column) of a grid shaped roughly like the US.
_TILES = {
    "AK": (0, 0), "ME": (0, 10), "VT": (1, 9), "NH": (1, 10), "WA": (2, 0), "ID": (2, 1), "MT": (2, 2),
    "ND": (2, 3), "MN": (2, 4), "WI": (2, 5), "MI": (2, 7), "NY": (2, 8), "MA": (2, 9), "RI": (2, 10),
    "OR": (3, 0), "NV": (3, 1), "WY": (3, 2), "SD": (3, 3), "IA": (3, 4), "IL": (3, 5), "IN": (3, 6),
    "OH": (3, 7), "PA": (3, 8), "NJ": (3, 9), "CT": (3, 10), "CA": (4, 0), "UT": (4, 1), "CO": (4, 2),
    "NE": (4, 3), "MO": (4, 4), "KY": (4, 5), "WV": (4, 6), "VA": (4, 7), "MD": (4, 8), "DE": (4, 9),
    "AZ": (5, 1), "NM": (5, 2), "KS": (5, 3), "AR": (5, 4), "TN": (5, 5), "NC": (5, 6), "SC": (5, 7),
    "DC": (5, 8), "OK": (6, 3), "LA": (6, 4), "MS": (6, 5), "AL": (6, 6), "GA": (6, 7), "HI": (7, 0),
    "TX": (7, 3), "FL": (7, 8), "PR": (7, 10), "VI": (6, 10),
}  # fmt: skip


def _escape(text: str) -> str:
    """Text shown literally: no HTML, no Markdown markup."""
    escaped = html.escape(text, quote=False)
    return escaped.replace("*", "\\*").replace("_", "\\_").replace("`", "\\`").replace("#", "\\#")


def render(answer: Answer) -> str:
    """Markdown for one answer: text, then numbered footnotes linking to eCFR with the quote."""
    prefix = "ℹ️ " if answer.abstained else ""
    parts = [prefix + _escape(answer.answer)]
    if answer.note:
        parts.append(f"_{_escape(answer.note)}_")
    if answer.citations:
        lines = ["**Sources**"]
        for c in answer.citations:
            label = _escape(c.ref)
            link = f"[{label}]({c.url})" if c.url.startswith("https://") else label
            quote = _escape(" ".join(c.quote.split()))
            lines.append(f"{c.n}. {link}: {_escape(c.title)}\n   > {quote[:500]}{'…' if len(quote) > 500 else ''}")
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def _plain(content: Any) -> str:
    text = content if isinstance(content, str) else str(content)
    return text.split("\n\n**Sources**")[0]


def _state_map(corpus: Corpus) -> str:
    counts = Counter(x.state for x in corpus.listings)
    cells = []
    for state, code in STATES.items():
        if code not in _TILES:
            continue
        row, col = _TILES[code]
        n = counts.get(state, 0)
        shade = 0 if n == 0 else min(90, 25 + n * 3)
        cells.append(
            f'<div class="pe-tile" title="{html.escape(state)}: {n} ports of entry" '
            f'style="grid-row:{row + 1};grid-column:{col + 1};background:hsl(210,60%,{100 - shade}%);'
            f'color:{"#fff" if shade > 55 else "#123"}"><b>{code}</b><span>{n}</span></div>'
        )
    return (
        "<style>.pe-map{display:grid;grid-template-columns:repeat(11,minmax(28px,1fr));gap:4px;max-width:640px}"
        ".pe-tile{border-radius:4px;padding:4px 2px;text-align:center;font:12px/1.2 sans-serif}"
        ".pe-tile span{display:block;font-size:11px}</style>"
        f'<div class="pe-map" role="img" aria-label="Ports of entry per state">{"".join(cells)}</div>'
        "<p>Ports of entry listed under each state heading in 19 CFR 101.3(b)(1).</p>"
    )


def create_chat(bot: Assistant, feedback: FeedbackStore) -> gr.Blocks:
    """The web chat as a Gradio Blocks app (not launched)."""
    answers: OrderedDict[str, Answer] = OrderedDict()  # rendered answer -> the answer, for feedback

    def respond(message: str, history: list[dict[str, Any]]) -> Iterator[tuple[list[dict[str, Any]], str]]:
        history = list(history or [])
        if not message or not message.strip():
            yield history, ""
            return
        turns = [{"role": str(m["role"]), "content": _plain(m["content"])} for m in history[-20:]]
        history.append({"role": "user", "content": _escape(message)})
        try:
            answer = bot.ask(message, turns)
            text = render(answer)
            answers[text] = answer
            if len(answers) > _REMEMBERED:  # a long-running server must not keep every answer ever given
                answers.popitem(last=False)
        except PortentryError as exc:
            text = f"⚠️ {_escape(str(exc))}"
        history.append({"role": "assistant", "content": ""})
        words = text.split(" ")
        for end in range(0, len(words), 12):  # stream the answer in short steps
            history[-1] = {"role": "assistant", "content": " ".join(words[: end + 12])}
            yield history, ""
            time.sleep(0.01)
        history[-1] = {"role": "assistant", "content": text}
        yield history, ""

    def vote(data: gr.LikeData, history: list[dict[str, Any]]) -> None:
        index = data.index[0] if isinstance(data.index, list | tuple) else data.index
        text = str(history[index]["content"]) if 0 <= index < len(history) else ""
        answer = answers.get(text)
        question = next((str(m["content"]) for m in reversed(history[:index]) if m["role"] == "user"), "")
        citations = answer.to_dict()["citations"] if answer else []
        feedback.add(question=question, answer=_plain(text), citations=citations, vote="up" if data.liked else "down")  # type: ignore[arg-type]

    def show_table(name: str, state: str, year: float | None) -> tuple[list[list[str]], list[str], str | None, str]:
        try:
            table = export_table(
                bot.corpus, name, state=state.strip() or None, year=int(year) if name == "holidays" and year else None
            )
        except PortentryError as exc:
            return [], ["error"], None, f"⚠️ {exc}"
        rows = table.text_rows()
        path = Path(tempfile.mkdtemp(prefix="portentry-")) / f"{name}.csv"
        path.write_text(table.to_csv(), encoding="utf-8")
        return rows, list(table.columns), str(path), f"{table.title} ({len(rows)} rows)"

    demo = gr.Blocks(title="portentry: US ports of entry, cited")
    with demo:
        gr.Markdown(
            "# portentry\nExact answers about US ports of entry, each citing the paragraph of **19 CFR Part 101** "
            "(or the explainer article) it rests on. Offline; no account."
        )
        with gr.Tab("Ask"):
            chatbot = gr.Chatbot(height=520, label="portentry", elem_id="pe-chat", feedback_options=("Like", "Dislike"))
            with gr.Row():
                box = gr.Textbox(
                    placeholder="Ask about a port, a Customs station, CBP hours, preclearance...", show_label=False,
                    max_length=2000, scale=8, elem_id="pe-question",
                )  # fmt: skip
                send = gr.Button("Ask", variant="primary", scale=1, elem_id="pe-send")
            gr.Examples(TRAVELER_EXAMPLES, inputs=box, label="Travelers")
            gr.Examples(TRADER_EXAMPLES, inputs=box, label="Traders and brokers")
            box.submit(respond, [box, chatbot], [chatbot, box])
            send.click(respond, [box, chatbot], [chatbot, box])
            chatbot.like(vote, [chatbot], None)
        with gr.Tab("Ports & stations"):
            gr.HTML(_state_map(bot.corpus))
            with gr.Row():
                name = gr.Dropdown(list(TABLE_NAMES), value="ports", label="Table")
                state = gr.Textbox(label="State (name or code)", placeholder="e.g. ND")
                year = gr.Number(label="Year (holidays)", value=None, precision=0)
                show = gr.Button("Show")
            caption = gr.Markdown()
            grid = gr.Dataframe(interactive=False, wrap=True)
            download = gr.File(label="Download CSV")

            def update(n: str, s: str, y: float | None) -> tuple[Any, Any, str]:
                rows, columns, path, title = show_table(n, s, y)
                return gr.Dataframe(value=rows, headers=columns), path, title

            show.click(update, [name, state, year], [grid, download, caption])
    return demo
