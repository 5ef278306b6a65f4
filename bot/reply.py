"""What an answer is, as every front end receives it: the text with its `[n]` markers, the
citations, and the fixed sentences said when there is nothing to answer. Apart from the
engine so that the modules composing answers (bot/answer.py, bot/digest.py) share one form."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from index.search import Passage

ABSTAIN = "I couldn't find this in the articles."
# Said instead when the question is plainly in another language (bot/language.py).
NOT_ENGLISH = f"{ABSTAIN} Ask in English: the articles are searched in English only."


@dataclass
class Citation:
    n: int
    article_id: str
    title: str
    date: str | None
    source: str
    quote: str
    url: str | None = None


@dataclass
class Answer:
    question: str
    answer: str
    abstained: bool
    citations: list[Citation] = field(default_factory=list)
    passages: list[dict] = field(default_factory=list)
    timings_ms: dict[str, float] = field(default_factory=dict)
    confidence: float = 0.0
    verdict: str | None = None  # "yes" / "no" for yes/no questions the quotes settle
    # what the question was taken as (a follow-up with what it leans on): the next follow-up's
    # context, so a chain of them keeps its subject
    resolved: str = ""
    named: str = ""  # the people a "who" answer named, whom the next question's "he" means

    def to_dict(self) -> dict:
        """The fixed machine-readable form used by every `--json`."""
        return {
            "question": self.question,
            "answer": self.answer,
            "abstained": self.abstained,
            "citations": [
                {k: v for k, v in asdict(c).items() if k != "url"} for c in self.citations
            ],
            "passages": self.passages,
            "timings_ms": self.timings_ms,
        }


def no_match(since: str | None, until: str | None, source: str | None) -> str:
    """What every front end says when the filters leave no article to search."""
    return (f"No article matches the filters ({_filters(since, until, source)}), so there was "
            "nothing to search.")


def not_in_filtered(since: str | None, until: str | None, source: str | None) -> str:
    """An abstention under filters, which says what was searched: "--source wikinews" left
    out every article without a wikinews URL, and the abstention looked like the corpus's."""
    return (f"I couldn't find this in the articles the filters keep "
            f"({_filters(since, until, source)}).")


def _filters(since: str | None, until: str | None, source: str | None) -> str:
    parts = [f"from {since}"] if since else []
    parts += [f"until {until}"] if until else []
    parts += [f'source containing "{source}"'] if source else []
    return ", ".join(parts)


def sources_missing(answer: Answer | None) -> str | None:
    """What `/sources` says when there is nothing to list, the same in every front end."""
    if answer is None:
        return "No sources yet: ask a question first."
    if answer.abstained or not answer.citations:
        return "The last answer cited no sources."
    return None


def cite(quotes: list[tuple[Passage, int, int]]) -> tuple[list[Citation], str]:
    """Citations of the quotes (passage, start, end), and the answer text marking each."""
    citations, parts = [], []
    for n, (p, start, end) in enumerate(quotes, 1):
        quote = p.article_text[start:end]
        citations.append(Citation(n, p.article_id, p.title, p.date, p.source, quote, p.url))
        parts.append(f"{quote} [{n}]")
    return citations, " ".join(parts)


def passage_rows(top: list[Passage]) -> list[dict]:
    """The passages an answer was drawn from, as `--json` and `/sources` show them."""
    return [
        {
            "rank": i + 1,
            "score": round(p.score, 4),
            "article_id": p.article_id,
            "title": p.title,
            "date": p.date,
            "source": p.source,
            "text": p.text,
        }
        for i, p in enumerate(top)
    ]
