"""The optional LLM path, driven by LangChain's fake chat models scripting tool calls (no network).

The model must call the tools, cite the evidence ids they return, and pass
the same verbatim check; anything else and the built-in engine answers, with
a note saying why.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Sequence
from typing import Any

import pytest
from langchain_core.language_models import BaseChatModel
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage

from assistant import Assistant, verify
from corpus import ConfigurationError, Corpus, Settings

TODAY = dt.date(2026, 11, 22)


class ScriptedModel(GenericFakeChatModel):
    """A fake chat model that accepts tools, as real tool-calling models do, and plays a script."""

    seen: list[list[BaseMessage]] = []

    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> ScriptedModel:  # type: ignore[override]
        return self

    def invoke(self, input: Any, config: Any = None, **kwargs: Any) -> AIMessage:  # type: ignore[override]
        self.seen.append(list(input))
        return super().invoke(input, config, **kwargs)  # type: ignore[return-value]


def scripted(*replies: AIMessage) -> ScriptedModel:
    return ScriptedModel(messages=iter(replies), seen=[])


def call(tool: str, **args: Any) -> AIMessage:
    return AIMessage(content="", tool_calls=[{"name": tool, "args": args, "id": f"call-{tool}"}])


def bot(corpus: Corpus, model: BaseChatModel, *, timeout_s: float = 5.0) -> Assistant:
    return Assistant(corpus, index=None, llm=lambda: model, llm_timeout_s=timeout_s, today=lambda: TODAY)


def test_the_model_calls_a_tool_and_its_cited_answer_is_verified(corpus: Corpus) -> None:
    model = scripted(
        call("lookup_place", name="Otay Mesa"),
        AIMessage(content="Otay Mesa is a Customs station supervised by the San Diego port of entry [E1]."),
    )
    answer = bot(corpus, model).ask("Who supervises Otay Mesa?")
    assert answer.answer == "Otay Mesa is a Customs station supervised by the San Diego port of entry [1]."
    assert answer.tools == ("llm", "lookup_place") and not answer.note
    assert [c.ref for c in answer.citations] == ["19 CFR 101.4(c)(2)"] and answer.citations[
        0
    ].quote == "Otay MesaSan Diego."
    verify(answer.citations, corpus)
    tool_result = model.seen[-1][-1]
    assert "[E1] 19 CFR 101.4(c)(2)" in str(tool_result.content)  # the model saw the evidence id it cited


def test_typed_tool_arguments_reach_the_tables(corpus: Corpus) -> None:
    model = scripted(
        call("holidays", year=2027),
        AIMessage(content="In 2027 Independence Day is observed on Monday, July 5 [E7]."),
    )
    answer = bot(corpus, model).ask("When is July 4th observed in 2027?")
    assert {c.ref for c in answer.citations} <= {"19 CFR 101.6(a)", "19 CFR 101.6(a)(5)"}
    assert answer.tools == ("llm", "holidays")


def test_abbreviations_do_not_split_a_cited_sentence(corpus: Corpus) -> None:
    model = scripted(
        call("hours"), AIMessage(content="CBP offices are open from 8:30 a.m. to 5 p.m. [E1]. Not on Sundays [E2].")
    )
    answer = bot(corpus, model).ask("When is CBP open?")
    assert answer.answer == "CBP offices are open from 8:30 a.m. to 5 p.m. [1] Not on Sundays [2]."


def test_the_model_may_say_the_sources_do_not_answer(corpus: Corpus) -> None:
    model = scripted(call("search_passages", query="duty free allowance"), AIMessage(content="NOT IN SOURCES"))
    answer = bot(corpus, model).ask("What is the duty-free allowance?")
    assert answer.abstained and answer.citations == ()


@pytest.mark.parametrize(
    ("reply", "why"),
    [
        (AIMessage(content="Otay Mesa is supervised by Los Angeles [E9]."), "evidence no tool gave"),
        (AIMessage(content="Otay Mesa is supervised by San Diego."), "cites nothing"),
    ],
)
def test_an_answer_that_does_not_cite_correctly_is_replaced(corpus: Corpus, reply: AIMessage, why: str) -> None:
    model = scripted(call("lookup_place", name="Otay Mesa"), reply)
    answer = bot(corpus, model).ask("Which port supervises the Otay Mesa customs station?")
    assert why in answer.note and "built-in engine" in answer.note
    assert "San Diego" in answer.answer and answer.tools == ("station_supervisor",)
    verify(answer.citations, corpus)


class Unreachable(GenericFakeChatModel):
    def bind_tools(self, tools: Sequence[Any], **kwargs: Any) -> Unreachable:  # type: ignore[override]
        return self

    def invoke(self, input: Any, config: Any = None, **kwargs: Any) -> AIMessage:  # type: ignore[override]
        raise ConnectionRefusedError("connection refused")


class Hanging(Unreachable):
    release: threading.Event = threading.Event()

    def invoke(self, input: Any, config: Any = None, **kwargs: Any) -> AIMessage:  # type: ignore[override]
        self.release.wait(10)  # bounded: the test releases it
        return AIMessage(content="too late")


def test_an_unreachable_model_falls_back_with_a_note(corpus: Corpus) -> None:
    answer = bot(corpus, Unreachable(messages=iter([]))).ask("ports of entry in Montana")
    assert "could not be reached" in answer.note and "Sweetgrass" in answer.answer
    assert answer.to_dict()["note"] == answer.note


@pytest.fixture()
def hanging() -> Iterator[Hanging]:
    model = Hanging(messages=iter([]))
    yield model
    model.release.set()


def test_a_hanging_model_times_out_then_the_default_engine_answers(corpus: Corpus, hanging: Hanging) -> None:
    answer = bot(corpus, hanging, timeout_s=0.3).ask("What are CBP's business hours?")
    assert "did not answer within 0.3 s" in answer.note and "8:30 a.m." in answer.answer


@pytest.mark.parametrize(
    ("value", "message"),
    [("llama3.1", "must look like"), ("nosuchprovider:x", "PORTENTRY_LLM")],
)
def test_a_misconfigured_llm_is_a_note_not_a_crash(corpus: Corpus, value: str, message: str) -> None:
    from assistant._llm import chat_model

    with pytest.raises(ConfigurationError, match=message):
        chat_model(Settings(llm=value))
    answer = Assistant(corpus, llm=lambda: chat_model(Settings(llm=value)), today=lambda: TODAY).ask(
        "Is CBP open on July 5, 2027?"
    )
    assert message in answer.note and "Independence Day" in answer.answer


@pytest.mark.parametrize("value", ["0", "-3", "soon"])
def test_llm_timeout_setting_is_checked(value: str) -> None:
    with pytest.raises(ConfigurationError, match="PORTENTRY_LLM_TIMEOUT"):
        Settings.from_env({"PORTENTRY_LLM_TIMEOUT": value})
