"""The registry's tools as LangChain tools, for a language model to call.

Each tool's arguments (a pydantic model) are read into the same slots the
default planner reads from a question, the same tool function runs, and its
result is worded by the same composer; every piece of evidence gets an id
("E3") kept in the ``Toolbox``, so a model's "[E3]" can be turned back into
a verified citation. A model never sees a fact without the evidence it rests
on.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.tools import BaseTool, StructuredTool

from corpus import PortentryError

from ._planner import Planner
from ._records import Evidence, Statement
from ._registry import TOOLS, Context, Request, Retrieved, Tool
from ._render import render
from ._understand import Slots

__all__ = ["Toolbox"]


@dataclass
class Toolbox:
    """The tools for one conversation turn, and the evidence they have handed out."""

    planner: Planner
    retrieve: Callable[[str], list[Retrieved]]
    today: dt.date
    evidence: dict[str, Evidence] = field(default_factory=dict)
    used: list[str] = field(default_factory=list)

    def request(self, args: dict[str, Any]) -> Request:
        """A model's arguments read as the slots of a question."""
        words = []
        for key, value in args.items():
            if value is None or key in ("n", "query"):
                continue
            if key == "month" and isinstance(value, int) and 1 <= value <= 12:
                value = calendar.month_name[value]
            words.append(str(value))
        text = " , ".join(words)
        slots = self.planner.reader.slots(text, today=self.today) if text else Slots()
        if isinstance(args.get("n"), int) and args["n"] != 0:
            slots = replace(slots, numbers=(abs(args["n"]),), direction=1 if args["n"] > 0 else -1)
        if args.get("name") and not (slots.places or slots.unknown):
            slots = replace(slots, unknown=(str(args["name"]),))
        return Request(slots, str(args.get("query") or text))

    def _render(self, tool: Tool, statements: list[Statement]) -> str:
        """Statements as text, each piece of evidence given an id the model must cite."""
        self.used.append(tool.name)
        if not statements:
            return "Nothing in the sources matches."
        lines = []
        for st in statements:
            ids = []
            for ev in st.evidence:
                key = next((k for k, v in self.evidence.items() if v == ev), "")
                if not key:
                    key = f"E{len(self.evidence) + 1}"
                    self.evidence[key] = ev
                ids.append(key)
            refs = "; ".join(f"[{k}] {self.evidence[k].ref}: “{self.evidence[k].quote[:300]}”" for k in ids)
            lines.append(f"- {st.text.strip()}" + (f"\n  evidence: {refs}" if refs else ""))
        return "\n".join(lines)

    def call(self, tool: Tool, args: dict[str, Any]) -> str:
        """Run one tool for the model and word its result with evidence ids."""
        p = self.planner
        ctx = Context(p.corpus, p.gazetteer, p.calendar, self.today, self.retrieve)
        try:
            request = self.request(args)
            result = tool.run(request, ctx)
        except PortentryError as exc:
            return f"Error: {exc}"
        said = render(result, p.corpus, question=request.text, vocabulary=p.vocabulary) if result else []
        return self._render(tool, said)

    def tools(self) -> list[BaseTool]:
        """Every registry tool, bound to this toolbox."""
        out: list[BaseTool] = []
        for t in TOOLS.values():

            def run(_tool: Tool = t, **kwargs: Any) -> str:
                return self.call(_tool, kwargs)

            out.append(StructuredTool.from_function(run, name=t.name, description=t.description, args_schema=t.args))
        return out
