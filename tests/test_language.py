"""A question in another language abstains saying so, in every front end."""

from __future__ import annotations

import pytest
from conftest import ABSTAIN_TEXT, SEED_QUESTION

from bot.answer import NOT_ENGLISH, Answer, AnswerEngine
from bot.language import looks_foreign
from bot.telegram_render import render_answer


@pytest.mark.parametrize("question", [
    "¿Aceptó México las tropas de Trump?",
    "Le Mexique a-t-il accepté les troupes?",
    "Wer hat die Truppen abgelehnt?",
    "Il Messico ha accettato le truppe?",
    "Мексика приняла войска?",
    "墨西哥接受了军队吗？",
    "Qui a gagné l'élection à Westbrook ?",  # a trial's: "qui" alone was one word of two
    "Was ist im März 2024 passiert?",  # and "ist" alone against the English "was"
    "Was hat Putin in München kritisiert?",  # a trial's: "was" and "in" are German too
])
def test_a_question_plainly_in_another_language_is_told_apart(question: str) -> None:
    assert looks_foreign(question)


@pytest.mark.parametrize("question", [
    SEED_QUESTION,
    "Kibaki Odinga deal?",  # names alone
    "What did Le Pen say about the EU?",
    "Did El Niño cause the floods in Peru?",
    "Did the Partido de los Trabajadores win?",
    "How did Le Monde report it?",
    "Mexico troops?",
    "El Salvador election results?",  # names that open with a foreign article
    "Der Spiegel report?",
    "Los Angeles Las Vegas flights?",
    "Mortality per capita in Chad?",
    "Del Ponte indictment?",
    "What did the café owner say about the résumé?",  # accents English keeps
    "Did the über-rich pay more tax?",
    "Did Nestlé recall crème brûlée?",  # accents without a foreign function word
    "Did Ursula von der Leyen visit Kyiv?",  # "von der" inside a name
    "Was the hat in the photo criticised?",  # English "was", "in" and "hat"
    "Who was in charge of the Treuhandanstalt privatisation?",
    "was el chapo in los angeles?",  # names typed in lower case, no German beside "was"
])
def test_english_with_foreign_names_is_english(question: str) -> None:
    assert not looks_foreign(question)


def test_a_spanish_question_abstains_asking_for_english(engine: AnswerEngine) -> None:
    """It said "I couldn't find this", and the user went looking for an article that was
    there."""
    answer = engine.ask("¿Aceptó México las tropas de Trump?")
    assert answer.abstained and answer.answer == NOT_ENGLISH and not answer.citations
    assert NOT_ENGLISH.startswith(ABSTAIN_TEXT)
    assert engine.ask("Who won the 1998 World Cup?").answer == ABSTAIN_TEXT  # English: as was


def test_telegram_shows_the_engines_abstention() -> None:
    assert render_answer(Answer("q", NOT_ENGLISH, True)) == [NOT_ENGLISH]
