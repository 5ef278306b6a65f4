"""Which sentences an answer quotes: the best one and close runners-up of the same article,
each taken for what it adds rather than for repeating the others; the answering one first,
the rest in the order written."""

from __future__ import annotations

from conftest import candidates_of, passage_of

from bot.rank import Candidate, lead_with, pick_quotes

SENTENCES = [
    "Outside the Hotel Timor today, police stopped two gangs about to storm the hotel.",
    "Police stopped the two gangs outside the Hotel Timor before they could storm it.",
    "The men numbered around 30, carrying machetes, knives and spears.",
    "Elsewhere in Dili the night was quiet.",
]


def _quoted(chosen: list[Candidate]) -> list[str]:
    return [c.passage.article_text[c.start : c.end] for c in chosen]


def test_a_runner_up_that_repeats_the_best_sentence_gives_way_to_one_that_adds() -> None:
    p = passage_of("a", SENTENCES)
    ranked = candidates_of(p, [1.00, 0.95, 0.90, 0.40])
    assert _quoted(pick_quotes(ranked, 2)) == [SENTENCES[0], SENTENCES[2]]


def test_quotes_come_in_article_order_and_only_from_close_runners_up() -> None:
    p = passage_of("a", SENTENCES)
    ranked = candidates_of(p, [0.80, 0.75, 1.00, 0.40])
    assert _quoted(pick_quotes(ranked, 3)) == SENTENCES[:3]  # 0.40 is not close to 1.00


def test_quotes_never_mix_articles() -> None:
    a, b = passage_of("a", SENTENCES[:2]), passage_of("b", SENTENCES[2:])
    ranked = sorted(candidates_of(a, [1.0, 0.5]) + candidates_of(b, [0.99, 0.98]),
                    key=lambda c: c.score, reverse=True)
    assert _quoted(pick_quotes(ranked, 3)) == [SENTENCES[0]]


STORY = [
    "The three kidnapped journalists arrived in Bucharest yesterday afternoon.",
    "The journalists were kidnapped in Baghdad on March 28 by an armed group.",
    "The kidnappers had threatened to kill the journalists.",
    "Their families thanked the government.",
]


def test_a_question_about_a_development_quotes_the_lead_however_it_scores() -> None:
    # "What is the latest on the journalists kidnapped in Baghdad?": the background shares
    # the question's words, the lead says what happened.
    p = passage_of("a", STORY)
    ranked = candidates_of(p, [0.30, 1.00, 0.90, 0.20])
    assert _quoted(pick_quotes(ranked, 2, lead=True)) == STORY[:2]
    assert _quoted(pick_quotes(ranked, 2)) == STORY[1:3]
    assert _quoted(pick_quotes(ranked, 1, lead=True)) == [STORY[1]]  # the best one comes first


UN = [
    "Opposition leader Morgan Tsvangirai pulled out of the run-off on Sunday.",
    "UN Secretary-General Ban Ki-moon spoke to reporters in New York.",
    "He said that he strongly supports the election being postponed.",
    "Mugabe said the vote would go ahead.",
]


def test_a_best_quote_opening_on_a_pronoun_brings_the_sentence_that_names_the_person() -> None:
    # "Did the UN call for the run-off to be postponed?"
    p = passage_of("a", UN)
    ranked = candidates_of(p, [0.30, 0.20, 1.00, 0.50])
    assert _quoted(pick_quotes(ranked, 2)) == UN[1:3]
    assert _quoted(pick_quotes(ranked, 1)) == [UN[2]]  # no room: the best one alone
    # who "he" is takes no runner-up's place: the evidence quoted is as much as without him
    # (an answer naming the president invited had given way to the sentence naming the
    # speaker of the best one)
    ranked = candidates_of(p, [0.30, 0.20, 1.00, 0.90])
    assert _quoted(pick_quotes(ranked, 2)) == UN[1:4]
    ranked = candidates_of(p, [0.30, 0.20, 0.90, 1.00])  # "Mugabe said …" needs no antecedent
    assert _quoted(pick_quotes(ranked, 2)) == UN[2:4]
    # only the sentence right before it names him: not one further back (a long article's
    # sentence in between may not be among the candidates)
    ranked = [c for c in candidates_of(p, [0.30, 0.20, 1.00, 0.10]) if c.index != 1]
    assert _quoted(pick_quotes(ranked, 2, window=0.5)) == UN[2:3]


def test_the_answering_quote_comes_first_and_the_rest_in_the_order_written() -> None:
    p = passage_of("a", SENTENCES)
    ranked = candidates_of(p, [0.80, 0.75, 1.00, 0.40])
    chosen = pick_quotes(ranked, 3)
    assert _quoted(lead_with(chosen, ranked[0])) == [SENTENCES[2], SENTENCES[0], SENTENCES[1]]


def test_the_sentence_naming_whom_the_answer_opens_on_stays_before_it() -> None:
    p = passage_of("a", UN)
    ranked = candidates_of(p, [0.30, 0.20, 1.00, 0.90])
    chosen = pick_quotes(ranked, 3)
    assert _quoted(lead_with(chosen, ranked[0])) == [UN[1], UN[2], UN[3]]
    # "Mugabe said …" opens on no pronoun: first, and the rest as written
    assert _quoted(lead_with(chosen, ranked[1])) == [UN[3], UN[1], UN[2]]


JAILED = [
    "Opposition leader Ales Marek has been jailed for 15 days for an unsanctioned rally.",
    "Protesters say their protest was on authorised sites and was not unlawful.",
    "Other opposition leaders were also jailed on the same day.",
]


def test_a_no_leads_with_the_quote_that_says_no() -> None:
    # (a trial's) "Was Milinkievič the only opposition leader jailed that day?" was a "No."
    # that led with his own jailing, which alone says yes
    from bot.judge import decide, leading
    from bot.question import analyse

    question = "Was Ales Marek the only opposition leader jailed that day?"
    p = passage_of("a", JAILED)
    ranked = candidates_of(p, [1.00, 0.90, 0.80])
    chosen = pick_quotes(ranked, 3)
    info = analyse(question)
    verdict = decide(question, info, chosen)
    assert verdict == "no"
    assert _quoted([leading(question, info, chosen, ranked[0], verdict)]) == [JAILED[2]]
    # a yes keeps its judge
    question = "Was Ales Marek jailed?"
    info = analyse(question)
    verdict = decide(question, info, chosen)
    assert verdict == "yes"
    assert _quoted([leading(question, info, chosen, ranked[0], verdict)]) == [JAILED[0]]
