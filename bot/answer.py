"""The one answer engine: question → retrieve → rank sentences → a short extractive answer of
verbatim sentences, each cited, or an honest abstention. The CLI, Telegram and `newsbot eval`
all call `AnswerEngine.ask`, so they can never disagree."""

from __future__ import annotations

import logging
import re
import threading
import time
from pathlib import Path

import numpy as np

from bot.answer_type import asks_for_a_person, must_hold
from bot.confidence import confidence
from bot.config import Config
from bot.digest import digest, wants_digest
from bot.first_report import first_report
from bot.followup import (
    a_name_of_its_own,
    about,
    about_whom,
    answer_names,
    antecedent,
    is_time,
    mentions,
    names_its_own,
    needs_context,
    referents,
    resolved,
    stands_alone,
)
from bot.judge import decide, leading
from bot.language import looks_foreign, valid_text
from bot.outcome import asked_outcome
from bot.question import QuestionInfo, analyse, spoken_day
from bot.rank import (
    Candidate,
    Weights,
    held,
    idf_of,
    lead_with,
    pick_quotes,
    prefer_dated,
    score_passages,
    score_sentences,
    sentence_sims,
)
from bot.reply import (  # noqa: F401 - the front ends' names for them
    ABSTAIN,
    NOT_ENGLISH,
    Answer,
    Citation,
    cite,
    no_match,
    not_in_filtered,
    passage_rows,
    sources_missing,
)
from bot.spelling import corrected, vocabulary
from bot.timeline import story_words, timeline_quotes, wants_timeline
from bot.truecase import lower_typed, truecased
from bot.when import dated
from bot.yesno import UNCLEAR
from index.embed import QueryEncoder, load_query_encoder
from index.model_path import resolve_model
from index.search import Filters, Index, Passage, diversify
from index.store import IndexPaths
from index.terms import query_terms, stem_all

log = logging.getLogger("newsbot.answer")
_REPEATED_MARKS = re.compile(r"[?!.]{2,}(?=\s|$)")

# A yes/no question the best article leaves open goes to the next one, this far below at most.
SETTLE_MARGIN = 0.3
TRUECASE_FROM = 8  # passages whose capitals name a lower-case question's names
# Share of its weight a word keeps in term coverage when only a follow-up's context (the
# previous question) brought it in.
CONTEXT_WEIGHT = 0.15


class AnswerEngine:
    """Holds the query encoder and the open index. `reload` swaps in a newer index generation
    without reloading the model, and every question first checks for one (an `index update`
    run beside a chat or the bot is answered from as soon as it is published); `ask` is safe
    to call from worker threads."""

    def __init__(self, cfg: Config, index: Index, encoder: QueryEncoder) -> None:
        self.cfg = cfg
        self.index = index
        self.encoder = encoder
        self.weights = Weights()
        self._lock = threading.Lock()
        self._reload_lock = threading.Lock()
        self._unreadable: Path | None = None  # a newer generation that failed to open
        # the English words the model knows: a word neither they nor the articles hold is
        # taken for a typo (bot/spelling.py)
        self.known_words = vocabulary(str(resolve_model(cfg.model_path)))

    @classmethod
    def open(cls, cfg: Config) -> AnswerEngine:
        index = Index(
            cfg.index_dir, cfg.embed.model, cfg.index.ivf_nprobe, cfg.index.hnsw_ef_search
        )
        encoder = load_query_encoder(cfg.model_path, cfg.embed.query_encoder)
        return cls(cfg, index, encoder)

    def reload(self) -> bool:
        """Open the current generation if it is not the open one; True when it changed. One
        thread opens at a time (a 1M-chunk index is ~1.5 GB: a burst of questions after an
        update must not open a copy each), and only the generation still current when the
        open ends is swapped in, so a slow open never replaces a newer one."""
        with self._reload_lock:
            current = IndexPaths(self.cfg.index_dir).current_generation()
            if current is not None and current == self.index.generation:
                return False
            fresh = Index(
                self.cfg.index_dir,
                self.cfg.embed.model,
                self.cfg.index.ivf_nprobe,
                self.cfg.index.hnsw_ef_search,
            )
            if fresh.generation == self.index.generation:
                fresh.close()
                return False
            with self._lock:
                # The old index is not closed here: a question being answered right now still
                # holds it, and its connection closes when the last holder lets go of it.
                self.index = fresh
            return True

    def follow(self) -> bool:
        """Answer from the newest published generation: a symlink read per question, an index
        opened only when it changed. A newer one that cannot be opened (damaged, pruned,
        written by a newsbot this one cannot read) is tried once and named in the log; the
        open one keeps answering. True when it changed."""
        current = IndexPaths(self.cfg.index_dir).current_generation()
        if current is None or current == self.index.generation or current == self._unreadable:
            return False
        try:
            return self.reload()
        except Exception as exc:  # noqa: BLE001 - any failure to open: keep answering
            self._unreadable = current
            log.warning("cannot open the new index %s (%s); answering from %s",
                        current.name, exc, self.index.generation.name)
            return False

    def stats(self) -> dict:
        return self.index.stats()

    # -- retrieval -------------------------------------------------------------------------

    def retrieve(
        self,
        question: str,
        k: int,
        filters: Filters,
        context: str | None = None,
        info: QuestionInfo | None = None,
    ) -> tuple[Index, QuestionInfo, list[Passage], dict[str, float], np.ndarray]:
        """Ranked candidate passages (all of them, best first) for the question; `info`, its
        analysis when the caller has it already."""
        query = f"{context} {question}" if context else question
        info = info or analyse(question, context)
        qvec = self.encoder.encode([query])[0]
        with self._lock:
            index = self.index
        cands = index.candidates(
            qvec,
            query,
            self.cfg.search.candidates,
            self.cfg.search.rrf_k,
            (self.cfg.search.dense_weight, self.cfg.search.keyword_weight),
            filters,
        )
        idf = idf_of(index.doc_freq(info.terms), max(1, len(index.vectors)))
        for stem in info.context_stems:
            # "what did she stress?" after "Who declined Trump's offer of troops?": the
            # earlier words find the story, the follow-up's own say which sentence answers.
            idf[stem] = idf.get(stem, 0.0) * CONTEXT_WEIGHT
        score_passages(cands, info, qvec, idf, self.weights)
        cands.sort(key=lambda p: p.score, reverse=True)
        if info.wants_latest or info.wants_earliest:
            cands = prefer_dated(cands, latest=info.wants_latest)
        return index, info, cands, idf, qvec

    # -- answering -------------------------------------------------------------------------

    def ask(
        self,
        question: str,
        k: int | None = None,
        since: str | None = None,
        until: str | None = None,
        source: str | None = None,
        context: str | None = None,
    ) -> Answer:
        """Answer one question. `context` is the previous question of the same conversation,
        used to resolve follow-ups such as "what did her father do?"."""
        t0 = time.perf_counter()
        # One spelling for the model: "did Mexico accept troops??" or "?!" moved the
        # question's vector enough to tip the README's own example into an abstention.
        asked = question = valid_text(question)
        # (the chat's last line may have had bytes that are not UTF-8 too)
        context = valid_text(context) if context else None
        question = _REPEATED_MARKS.sub(lambda m: m.group(0)[0], " ".join(question.split()))
        k = k or self.cfg.answer.k
        self.follow()
        with self._lock:
            index = self.index
        question = corrected(question, index.doc_freq, self.known_words)  # "lattest" → "latest"
        filters = Filters(since, until, source)
        if lower_typed(question) and query_terms(question):  # "was peter andren …?": names
            question = truecased(question, [p.text for p in self.retrieve(
                question, k, filters, context)[2][:TRUECASE_FROM]])
        rewritten = about(question, context) if context else None
        other = about_whom(question) if rewritten else None
        if other and is_time(other):
            other = None  # "what about 2023?": the time is searched for, not a name to check
        if rewritten:
            question, context = rewritten, None  # its own form: "how many", not "what about"
        dropped = None
        if context and not needs_context(question):
            dropped, context = context, None
        people = ""
        if context:
            people = referents(question, context)
            context = antecedent(question, context)
        info = analyse(question, context, people)
        if wants_digest(info):  # a time and nothing else: its articles, no search
            with self._lock:
                index = self.index
            answer, top = digest(index, question, info, filters, k)
            t1 = time.perf_counter()
        else:
            index, info, cands, idf, qvec = self.retrieve(question, k, filters, context, info)
            top = diversify(cands, k, self.cfg.search.per_article)
            t1 = time.perf_counter()
            if not cands and filters.active():
                # Not "I couldn't find this": nothing was searched.
                answer = Answer(question, no_match(since, until, source), True)
            else:
                answer = self._compose(index, question, info, top, idf, qvec, cands)
            own = bool(context) and names_its_own(question, context)
            alone_too = answer.abstained and (
                stands_alone(question) or a_name_of_its_own(question, context or ""))
            if context and (alone_too or own):
                # "Who appointed the mediator?" after "Who is Marta Quintero?": short enough to
                # be taken for a follow-up, and abstaining as one; asked alone, it is answered.
                # One that names two things of its own ("and what did sheinbaum say?") is
                # read both ways, the surer reading kept.
                found, alone, alone_top = self._read(question, k, filters)
                if not found.abstained and (
                    answer.abstained or found.confidence > answer.confidence
                ):
                    answer, info, context, top = found, alone, None, alone_top
            if dropped and answer.abstained:
                # "who kept the defense post?" after "who is Lebanon's finance minister?":
                # words of its own, yet only the story asked about before answers it. Taken
                # only if the answer holds them all (the context picks a story, not words).
                near = antecedent(question, dropped)
                found, near_info, near_top = self._read(
                    question, k, filters, near, referents(question, dropped))
                own = stem_all(query_terms(question))
                if not found.abstained and len(held(own, found.answer)) == len(own):
                    answer, info, context, top = found, near_info, near, near_top
        if other and not answer.abstained and not mentions(index, answer.citations, other):
            # "What about Georgia?" after a question on Kenya's violence quoted a Kenya
            # figure: an answer about X must come from an article that names X.
            answer = Answer(question, ABSTAIN, True, confidence=answer.confidence)
        t2 = time.perf_counter()
        if answer.abstained and answer.answer == ABSTAIN and looks_foreign(asked):
            answer.answer = NOT_ENGLISH
        elif answer.abstained and answer.answer == ABSTAIN and filters.active():
            answer.answer = not_in_filtered(since, until, source)
        answer.passages = passage_rows(top)
        answer.question = asked  # as typed, not as normalised for the model
        answer.resolved = resolved(question, context, answer.named)
        answer.timings_ms = {
            "retrieve": round((t1 - t0) * 1000, 1),
            "answer": round((t2 - t1) * 1000, 1),
            "total": round((t2 - t0) * 1000, 1),
        }
        return answer

    def _read(
        self, question: str, k: int, filters: Filters, context: str | None = None,
        people: str = "",
    ) -> tuple[Answer, QuestionInfo, list[Passage]]:
        """The question answered once more, alone or in a context."""
        info = analyse(question, context, people)
        index, info, cands, idf, qvec = self.retrieve(question, k, filters, context, info)
        top = diversify(cands, k, self.cfg.search.per_article)
        return self._compose(index, question, info, top, idf, qvec, cands), info, top

    def _compose(
        self,
        index: Index,
        question: str,
        info: QuestionInfo,
        top: list[Passage],
        idf: dict[str, float],
        qvec: np.ndarray,
        cands: list[Passage],
    ) -> Answer:
        if not top:
            return Answer(question, ABSTAIN, True)
        if wants_timeline(info):
            told = timeline_quotes(index, info, cands, idf, qvec)
            if told:
                return self._timeline(question, info, told, top[0])
        # Sentences come from the best two articles only (a quote from a weaker passage is
        # more likely to cite the wrong story than to add anything), but from all of their
        # chunks: the answering sentence often sits outside the chunk that matched best.
        best_score: dict[str, float] = {}
        for p in top:
            best_score.setdefault(p.article_id, p.score)
        # "What is the latest ...": the answer is the newest development, from that article
        # (and "when ... first ..." the oldest).
        n_articles = 1 if info.wants_latest or info.wants_earliest else 2
        if info.answer_type == "role":  # "Who is Marta Quintero?": whichever report says
            n_articles = len(top)  # what she is, "Union leader Marta Quintero said …"
        pool = index.article_passages(
            list(best_score)[:n_articles], qvec, keep=frozenset(p.chunk_id for p in top)
        )
        for p in pool:
            p.score = best_score[p.article_id]  # the article's rank decides, not the chunk's
            sentence_sims(p, qvec)
        # (what a person is may be said by any report of the story: no article outranks)
        ranked = score_sentences(pool, info, idf, prior=0.0 if info.answer_type == "role" else 1.0)
        if not ranked:
            return Answer(question, ABSTAIN, True)
        best = ranked[0]
        confidence = self.confidence(best, top[0], info, ranked[1:4])
        if confidence < self.cfg.answer.min_confidence:
            return Answer(question, ABSTAIN, True, confidence=confidence)
        # A fact a later report repeats as background is cited from the report that broke it.
        earlier = first_report(index, info, top, best, idf, qvec)
        if earlier:
            ranked = earlier
        chosen = pick_quotes(ranked, self.cfg.answer.max_sentences, lead=info.development)
        if must_hold(info.text, info.answer_type) and not any(c.typed for c in chosen):
            # "Who replaced Brooks?" quoted only by "Brooks was forced to resign": the report
            # of the leaving, never of who came next.
            return Answer(question, ABSTAIN, True, confidence=confidence)
        quotes = [c.passage.article_text[c.start : c.end] for c in chosen]
        outcome = asked_outcome(info.text)
        if outcome and not info.yes_no and not outcome.reported_by(quotes):
            # "How many years was Madoff eventually sentenced to?" — "Madoff is facing 150
            # years": the story's start, not its end (bot/outcome.py).
            return Answer(question, ABSTAIN, True, confidence=confidence)
        verdict = None
        if info.yes_no:
            verdict = decide(question, info, chosen)
            other = [c for c in ranked if c.passage.article_id != best.passage.article_id]
            if verdict == UNCLEAR and other and other[0].score >= best.score - SETTLE_MARGIN:
                # "Did union members approve the agreement?" — "members will vote on Friday"
                # does not say; the other article read, a later report, may: "approved the
                # pay agreement by 1,214 votes to 389".
                settled = pick_quotes(other, self.cfg.answer.max_sentences)
                if (found := decide(question, info, settled, complete=True)) != UNCLEAR:
                    chosen, verdict = settled, found
                    quotes = [c.passage.article_text[c.start : c.end] for c in chosen]
        if not info.development:  # (a story's lead is its news: said first, as written)
            chosen = lead_with(chosen, leading(question, info, chosen, ranked[0], verdict))
        citations, text = cite([(c.passage, c.start, c.end) for c in chosen])
        if info.yes_no:
            if verdict == UNCLEAR and outcome and not outcome.reported_by(quotes):
                return Answer(question, ABSTAIN, True, confidence=confidence)
            if verdict == UNCLEAR:
                verdict, text = None, f"The articles don't say outright. {text}"
            else:
                text = f"{verdict.capitalize()}. {text}"
        if info.answer_type == "time" and not info.yes_no:  # "on Tuesday": which Tuesday
            best_first = sorted(chosen, key=lambda c: c.score, reverse=True)
            day = dated([(c.passage.article_text[c.start : c.end], c.passage.date)
                         for c in best_first], info.text)
            text = f"{day} {text}" if day else text
        named = ""
        if asks_for_a_person(question, info.answer_type):  # "Which MP …?": who "he" is
            said = sorted(chosen, key=lambda c: c.score, reverse=True)
            named = answer_names(question, [c.passage.article_text[c.start : c.end] for c in said])
        return Answer(
            question, text, False, citations, confidence=confidence, verdict=verdict, named=named
        )

    def _timeline(
        self, question: str, info: QuestionInfo, told: list[Candidate], top: Passage
    ) -> Answer:
        """"How did … change?": each report's quote under its date, oldest first."""
        confidence = self.confidence(max(told, key=lambda c: c.score), top, story_words(info))
        if confidence < self.cfg.answer.min_confidence:
            return Answer(question, ABSTAIN, True, confidence=confidence)
        citations, _ = cite([(c.passage, c.start, c.end) for c in told])
        text = " ".join(f"On {spoken_day(c.date)}: {c.quote} [{c.n}]" for c in citations)
        return Answer(question, text, False, citations, confidence=confidence)

    confidence = staticmethod(confidence)  # the front ends' and the tools' name for it

