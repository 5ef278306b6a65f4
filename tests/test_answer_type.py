"""Answer typing: what a question asks for and whether a sentence holds it. The strict kinds
lower the engine's confidence when the best sentence lacks them, so on-topic questions the
articles cannot answer ("how much was she paid?") end in an honest abstention."""

from __future__ import annotations

import pytest
from conftest import assert_quotes_verbatim, engine_fixture

from bot.answer import AnswerEngine
from bot.answer_phrase import answer_words, holds
from bot.answer_type import HARD, STRICT, answer_type
from bot.focus import focus, names_focus
from bot.truecase import names_in
from index.terms import query_terms, stem_all


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How much money did the UN ask donors for?", "money"),
        ("How big was the IMF loan approved for Georgia?", "money"),
        ("How much were the minister's memoirs sold for?", "money"),
        ("By how much did the economy shrink in 2009?", "quantity"),
        ("What was the official winning margin in the vote?", "quantity"),
        ("What share of voters backed the plan?", "percent"),
        ("What was the vote tally when the House approved it?", "tally"),
        ("What was the final score?", "tally"),
        # (a trial's) the vote of a ruling
        ("What was the vote in the Supreme Court's December 2008 ruling on the lawsuits?",
         "tally"),
        ("Russia will destroy the warheads by the end of which year?", "time"),
        ("The talks resume in which month?", "time"),
        ("Who was named as the man who blew himself up?", "called"),
        ("Who was named as the new captain?", "person"),  # an appointment
        ("Who replaced Linton Brooks at the agency?", "successor"),
        ("Who became prime minister after Thaksin Shinawatra?", "successor"),
        ("Who was named interim leader when André Boisclair quit?", "successor"),
        ("Who took over as chairman?", "successor"),
        ("Who became prime minister after the election?", "person"),  # not after someone
        ("Who won after Obama spoke?", "person"),
        ("Who makes the replacement parts for the reactor?", "person"),
        ("Who took over the embassy?", "person"),  # a seizure
        ("Who became famous after Woodstock?", "person"),
        ("Who was named after Bill Clinton?", "person"),
        ("How many percent voted yes?", "percent"),
        ("How much debt will be cancelled under the deal?", "money"),
        ("What pay rise did the union accept?", "quantity"),  # often a percentage
        ("What was the wage increase?", "quantity"),
        ("Which union rejected the pay rise?", "name"),
        ("How many people died in the riots?", "count"),
        ("How old is Mary Barra?", "age"),
        ("What is the population of Nauru?", "count"),
        ("At what age did he join the company?", "age"),
        ("For how long was the decree meant to remain in force?", "duration"),
        ("How many days had the families prayed?", "duration"),
        ("When did the troops leave?", "time"),
        ("Which magazine revealed the source?", "name"),
        ("Who chaired the mediation?", "person"),
        ("What did the minister say about the talks?", None),
        ("Did Mexico accept troops?", None),
        # phrasings of other stories: a change is a quantity even when it is about money
        ("How much did the price of oil fall?", "quantity"),
        ("By how much did the budget deficit grow?", "quantity"),
        ("How much did the club pay for the striker?", "money"),
        ("How long is the new bridge?", "duration"),
        ("On what date was the treaty signed?", "time"),
        ("In which year did the share price peak?", "time"),
        ("Which party won a majority?", "name"),
        ("What did the High Court rule?", None),
        ("What was the death toll of the earthquake?", "count"),
        # a noun naming a sum of money, with or without "how much"
        ("What annual salary did the company agree to pay its new chief?", "money"),
        ("Which fine did the court impose on the bank?", "money"),
        ("What was the ransom?", "money"),
        ("What did the budget include?", None),
        ("What was the outcome of the bail hearing?", None),
        ("What bail conditions were set?", None),
        ("What damages the crops?", None),
        ("What is the annual defence budget of Japan?", "money"),
        # a price asked with words between "what" and "price"
        ("What was the US launch price of the phone?", "money"),
        ("What was the price of oil?", "money"),
        ("What is the estimated price tag of the hotel?", "money"),
        ("What did Ned Price say?", None),
        # "when" after a preposition still asks for a time
        ("What is the latest word on when the troops will leave?", "time"),
        ("What is known about when the talks resume?", "time"),
        ("Who will decide on when the elections are held?", "person"),
        # what something is called: the answer stands in a naming phrase
        ("What did the kidnappers call themselves?", "called"),
        ("What was the code name of the operation?", "called"),
        ("What was the storm called?", "called"),
        ("What is the publisher's service that lets readers comment on drafts called?", "called"),
        ("What will the new party be called?", "called"),
        ("What name was given to the new party?", "called"),
        # a person's name asked by the noun for them: strict, as "who" is
        ("What is the name of the man who shot him?", "person"),
        ("What was the name of the police officer who fired?", "person"),
        ("What was Zimbabwe's inflation rate in March 2008?", "quantity"),  # a possessive
        # (a trial's: damages sought, and a company's income, are sums)
        ("How much in damages is Oklahoma seeking in the poultry lawsuit?", "money"),
        ("What was Web.com's net income in the second quarter?", "money"),
        ("How much did the film earn?", "money"),
        # (a trial's: a hyphenated word or a rarer person noun before the name asked)
        ("What is the name of the 27-year-old man who handed himself in?", "person"),
        ("What was the name of the prosecutor in the case?", "person"),
        ("What is the name of the ship?", "name"),
        ("What is the name of the director's new film?", "name"),  # a review's cases
        ("What is the name of the student union?", "name"),
        ("Whose killing set off the riots?", "person"),
        ("Who called the election?", "person"),
        ("Who called him after the attack?", "person"),
        ("Which leader called it a victory?", "person"),  # a noun for people
        ("What title did the champion win?", None),
        # a reason: a cause, or what happened just before
        ("Why was the jazz festival cancelled?", "reason"),
        ("What was the reason for the delay?", "reason"),
    ],
)
def test_question_kinds(question: str, kind: str | None) -> None:
    assert answer_type(question) == kind


@pytest.mark.parametrize(
    ("kind", "sentence", "expected"),
    [
        ("money", "The IMF approved a US$750 million loan.", True),
        ("money", "He would sue for 20 million zlotys.", True),
        ("money", "The memoirs were sold for £300,000.", True),
        ("money", "He was joined by two other members of the mediation team.", False),
        ("count", "At least 250 people were killed.", True),
        ("count", "Thousands of refugees fled the town.", True),
        ("count", "The six-day war killed many and uprooted thousands.", False),
        ("count", "Troops entered the city on August 10, 2008.", False),
        ("count", "A 30-year-old man was arrested.", False),
        ("duration", "The decree is valid for 15 days.", True),
        ("duration", "He took emergency powers on Tuesday.", False),
        ("time", "The troops left on Monday.", True),
        ("quantity", "Output fell by 40 percent.", True),
        ("count", "Four marines and 20 mourners were hurt.", True),
        ("count", "2000 protesters marched.", True),
        ("count", "On 5 March the talks resumed.", False),
        ("duration", "The 50 km tunnel opened.", True),
        ("count", 'Doctors recorded "more than 900" injured.', True),
        ("count", "The walrus count rose to 77.", True),
        ("count", "The death toll stood at about 300 on Monday.", True),
        ("count", "The number of talks rose sharply.", False),
        ("reason", "The archbishop resigned after admitting he had worked for the police.", True),
        ("reason", "The festival was cancelled because of a flood.", True),
        ("reason", "The festival has been cancelled this year.", False),
        # a side's own case for what it does (a trial's "Why does Microsoft refuse …?")
        ("reason", "Microsoft argues that to do this breaches its intellectual property "
                   "rights.", True),
        ("reason", "The ceremony was held on the grounds of the White House.", False),
        # an age said of a person (a trial's "How old will Sai Baba be on November 23rd?")
        ("age", "Sai Baba, who will be 81 on November 23rd, is to celebrate.", True),
        ("age", "She turned 80 last week.", True),
        ("age", "He was 5 percent ahead in the polls.", False),
        # a currency's code is a sum ("AUD 12,270" was none, a held-out question's answer)
        ("money", "It spent at least AUD 12,270 of taxpayer funds.", True),
        ("money", "The AUDIT found 12 errors.", False),
        ("called", "The operation was called Jaque by the army.", True),
        ("called", "The gunmen, who call themselves the Brigades, set a deadline.", True),
        ("called", "The storm, dubbed “Katrina”, hit land.", True),
        ("called", "He called for calm.", False),
        # (a trial's "What time did the test happen?") a clock time is a time
        ("time", "A magnitude 4.2 event was recorded at 01:35:27 (UTC).", True),
        ("time", "The blast came at 9 a.m. local time.", True),
        ("time", "The side won 2:1 at home.", False),
        ("time", "Several years of fighting ended.", False),  # (a review's) whole words only
        ("time", "The weekend was quiet.", False),
        ("time", "The protests drew 12500 people.", False),
        # (a trial's "and what did China call it?") a word said of something, quoted
        ("called", 'China used its harshest language yet, calling the test "brazen".', True),
        ("called", "He called the plan a failure.", False),
        ("called", "She was named in the report.", False),
        ("called", "Trump called Sheinbaum on Monday.", False),
        ("called", "The group identified the bomber as Alaa Zaakik, 25.", True),
        ("called", "Police identified the body on Monday.", False),
        ("percent", "Saakashvili won 52.8% of the vote.", True),
        ("percent", "The plan is backed by 70 per cent of voters.", True),
        ("percent", "In over a third of constituencies there is one candidate.", False),
        ("person", "He resigned in a telecast on Tuesday, April 4.", False),
        ("person", "He was succeeded by Alfredo Palacio.", True),
        ("successor", "He was succeeded by Alfredo Palacio.", True),
        ("successor", "Akerson will be replaced by current director Theodore Solso.", True),
        ("successor", "He resigned, giving his post to the minister, Jose Ramos Horta.", True),
        ("successor", "Samuel Bodman asked for Brooks' resignation.", False),
        ("successor", "The process to select his successor will begin in Parliament.", False),
        ("successor", "He was once elected to the Quebec National Assembly.", False),
        # (a review's) the name's apposition is no distance
        ("successor", "Jane Doe, a 25-year veteran of the company who most recently ran its"
         " European operations, was named chief executive.", True),
        # a word of taking a post far from the only name: someone else's post
        (
            "successor",
            "He later became a cabinet minister twice; from 1996 to 2001 under PQ premier"
            " Lucien Bouchard.",
            False,
        ),
        ("successor", "Brooks resigned and moved to New York last week.", False),
    ],
)
def test_sentence_holds_the_kind(kind: str, sentence: str, expected: bool) -> None:
    assert holds(kind, sentence, set()) is expected


def test_a_name_the_question_already_gives_is_not_an_answer() -> None:
    asked = set(stem_all(["Sheinbaum"]))
    assert not holds("name", "Yesterday Sheinbaum declined.", asked)
    assert holds("name", "Yesterday Sheinbaum met Trump.", asked)
    # ... nor is one the question gives in another form ("Egyptian" → "Egypt")
    asked = set(stem_all(["Egyptian", "resort", "Mugabe"]))
    assert not holds("name", "As a summit began in Egypt today, Mugabe took his seat.", asked)
    assert holds("name", "Mugabe arrived in the city of Sharm el-Sheikh on Monday.", asked)
    assert not holds("name", "Officials in China said so.", set(stem_all(["Chinese", "city"])))
    assert not holds("name", "The rebels were backed by Iraq.", set(stem_all(["Iraqi", "group"])))
    # ... while a different place that merely shares letters is one
    assert holds("name", "They lost to Austria.", set(stem_all(["Australian", "team"])))
    assert holds("name", "Talks were hosted by Interpol.", set(stem_all(["international"])))


def test_a_weekday_or_the_questions_own_abbreviation_spelled_out_names_nobody_new() -> None:
    asked = set(stem_all(["US", "nuclear", "agency", "Brooks", "replace"]))
    assert not holds("person", "The head of the United States agency, Brooks, resigned.", asked)
    # ... but an abbreviation in the sentence may be another body ("the AP" for "which agency")
    assert holds("name", "The photos were published by the AP.", set(stem_all(["agency"])))
    # a who-answer may open the sentence; "The" or "After" opens no name
    assert holds("person", "Chavez resigned on Tuesday.", set(stem_all(["resigned"])))
    assert not holds("person", "The minister resigned on Tuesday.", set(stem_all(["resigned"])))


def test_a_first_word_names_a_person_only_if_the_article_writes_it_as_a_name() -> None:
    article = (
        "Police officer Epaminondas Korkoneas was arrested. Two police officers have been"
        " charged. Presidential elections were postponed. Korkoneas denied it. Charges were"
        " brought against two men."
    )
    names = names_in([article])
    asked = set(stem_all(["police", "officer", "shot", "Grigoropoulos"]))
    assert holds("person", "Korkoneas denied it.", asked, names)
    # "Two" and "Presidential" open sentences; the article never writes them inside one
    assert not holds("person", "Two police officers have been charged.", asked, names)
    assert not holds("person", "Presidential elections were postponed.", asked, names)
    # without the article's names, a first word outside the stopwords still counts (unless
    # it is an office's word: "Presidential")
    assert holds("person", "Renewed elections were postponed.", asked)
    assert not holds("person", "Presidential elections were postponed.", asked)


def test_strict_kinds_are_the_ones_a_sentence_rarely_holds_by_chance() -> None:
    assert {
        "money", "duration", "count", "percent", "time", "called", "person", "age", "successor",
        "penalty", "clock", "tally",
    } == STRICT


def test_on_topic_question_about_a_sum_the_article_never_gives_abstains(
    engine: AnswerEngine,
) -> None:
    # The seed article is all about the troops offer, but names no sum of money.
    answer = engine.ask("How much did Trump offer to pay Mexico for the troops?")
    assert_quotes_verbatim(engine, answer)
    assert answer.abstained, answer.answer


RECALL = {
    "recall.txt": (
        " date 2007-09-04 Toy maker recalls more toys over lead paint\n"
        "Toy maker Brightwell announced today that it is recalling more toys over fears of "
        "dangerous levels of lead in their paint.\n"
        "The lead paint was traced to an unauthorised supplier, which has been closed down.\n"
        "Brightwell said 850,000 toys were affected by the latest lead paint recall.\n"
        "How much the lead paint recall will cost Brightwell is not yet known, the company "
        "said.\n"
    ),
}
recall_engine = engine_fixture(RECALL)


def test_a_sum_no_quote_holds_is_no_answer_however_close_the_words(
    recall_engine: AnswerEngine,
) -> None:
    # (a held-out set's) "How much did the lead-paint recalls cost Mattel?" was answered at
    # 0.544 by three sentences on the recall, none with a sum: how much, how many, how long
    # and what share are answered only by a quote that gives one
    answer = recall_engine.ask("How much did the lead paint recall cost Brightwell?")
    assert answer.abstained, answer.answer
    answer = recall_engine.ask("How many toys did the lead paint recall affect?")
    assert not answer.abstained and "850,000" in answer.answer, answer.answer
    assert {"money", "count", "duration", "percent"} <= HARD and "age" not in HARD


def test_an_age_the_article_never_gives_abstains(engine: AnswerEngine) -> None:
    # "How old is she?" after the README's question: the article gives nobody's age
    answer = engine.ask("How old is she?", context="did Mexico accept troops?")
    assert answer.abstained, answer.answer


def test_a_name_asked_by_the_noun_for_a_person_needs_a_person_named(
    engine: AnswerEngine,
) -> None:
    # "the name of" is how the question asks, not a word to find ("name" cost the answering
    # sentence a share of its coverage)
    assert query_terms("What is the name of the president?") == ["president"]
    assert query_terms("Whose killing set off the riots?") == ["killing", "set", "riots"]
    answer = engine.ask("What is the name of the Mexican president who declined Trump's offer?")
    assert not answer.abstained and "Sheinbaum" in answer.answer
    # the article names no commander: a sentence about the troops is no name of one
    answer = engine.ask("What is the name of the US commander who would lead the troops?")
    assert answer.abstained, answer.answer


def test_a_figure_the_question_gives_is_no_quantity_asked_for() -> None:
    asked = set(stem_all(["iPhone", "3GS", "G8"]))
    assert not holds("quantity", "Fans queued for the iPhone 3GS at the G8 store.", asked)
    assert holds("quantity", "The iPhone 3GS sold 17 million.", asked)


def test_the_same_topic_without_a_sum_is_still_answered(engine: AnswerEngine) -> None:
    answer = engine.ask("Did Sheinbaum accept Trump's offer of troops?")
    assert not answer.abstained
    assert answer.verdict == "no"


@pytest.mark.parametrize(
    ("kind", "sentence", "asked", "words"),
    [
        ("name", "The truce was signed by Saakashvili after a meeting with Condoleezza Rice.",
         {"saakashvili", "truce"}, ["condoleezza", "rice"]),
        ("count", "Romania kept its 860 troops in Iraq.", {"troop"}, ["860"]),
        ("time", "The blockade began on August 10.", {"blockad"}, ["august"]),
        ("reason", "He resigned after admitting the affair.", set(), []),
        (None, "Anything at all.", set(), []),
    ],
)
def test_answer_words_are_what_makes_a_sentence_an_answer(
    kind: str | None, sentence: str, asked: set[str], words: list[str]
) -> None:
    assert answer_words(kind, sentence, asked) == words


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("Which actor provides the voice on the advert?", "actor"),
        ("Under which Texas law were doctors able to switch off his life support?", "law"),
        ("What kind of aircraft did the minister say Georgia had flown?", "aircraft"),
        ("Which American official was with Saakashvili?", "offici"),
        ("What did the kidnappers call themselves?", None),  # no noun names the answer
        ("What happened to the hostages?", None),  # a verb, not a noun
        ("What caused the fire?", None),
        ("Which of the hostages did they ask the captors to let go first?", None),  # a set
        # (a trial's) "who was the judge …?": the role beside the name ("The Judge Neil Ross")
        ("Who was the judge in the Granny Peace Brigade case?", "judg"),
        ("Who is the new finance minister?", "minist"),
        ("Who was the first to arrive?", None),
        # (a trial's) a place's role, asked with a time: "Prime Minister Geir Haarde"
        ("Who was Iceland's prime minister when the coalition fell apart?", "minist"),
        ("Who was Germany's defence minister during the controversy?", "minist"),
    ],
)
def test_the_noun_a_question_names_its_answer_by(question: str, noun: str | None) -> None:
    assert focus(question) == noun


def test_the_focus_noun_beside_a_new_name_marks_the_answer() -> None:
    asked = set(stem_all(["actor", "voice", "Costa", "advert"]))
    assert names_focus("The advert features a voiceover by actor Bill Nighy.", "actor", asked)
    assert not names_focus("Costa said the actor was paid well.", "actor", asked)  # Costa: asked
    assert not names_focus("An actor spoke on Monday.", "actor", set())  # a weekday is no name
    # (a trial's) a name a verb takes is not the noun's: "airliners approaching Britain"
    assert not names_focus("They check airliners approaching Britain.", "jet", set())
    assert names_focus("It was a jet called Blue Falcon.", "jet", set())
    # ... or a word news uses for it: "which border area" — "the border region of Doumeira"
    asked = set(stem_all(["border", "area", "Djibouti", "Eritrea"]))
    assert names_focus("Violence erupted in the border region of Doumeira.", "area", asked)
    assert not names_focus("Violence erupted in the border region.", "area", asked)


@pytest.mark.parametrize(
    ("sentence", "expected", "years"),
    [
        ("Barra, 51, will be the first woman to lead a carmaker.", True, ["51"]),
        ("The boy, a 15-year-old student, was shot by police.", True, ["15"]),
        ("Gladys Powers died aged 109 in Canada.", True, ["109"]),
        ("He started at the age of 23 in the Quebec riding of Gouin.", True, ["23"]),
        ("She has been with General Motors for 33 years.", False, []),  # a tenure, no age
        ("In 2004, 83 candidates stood, 12 more than before.", False, []),
    ],
)
def test_an_age_is_a_number_written_as_an_age(
    sentence: str, expected: bool, years: list[str]
) -> None:
    assert holds("age", sentence, set()) is expected
    assert answer_words("age", sentence, set()) == years
