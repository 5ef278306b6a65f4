"""Yes or no when the quote says the contrary in other words: a contrary modifier of the
question's own noun ("a low turnout" for "a big turnout?"), a verdict or target the other way
("acquitted", "fell short", "rescind"), a denial aimed at the question's object while the
asked verb is said of something else, a plan postponed, and neither one nor the other. A
"not" of a contrary word agrees ("not at all afraid" for "safe")."""

from __future__ import annotations

import pytest

from bot.contrary import contrary_modifier, contrary_prefix
from bot.yesno import verdict


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        # a contrary modifier of the noun asked about
        ("Was there a big turnout of protesters at the refineries?",
         "Action started at 6am this morning, with a low turnout of protesters at refineries.",
         "no"),
        ("Does the Agni-III use the same boosters as the earlier Agni missiles?",
         "Boosters for the earlier two missiles had been provided by ISRO, however, the "
         "Agni-III uses an entirely new booster vehicle.", "no"),
        ("Was there a big turnout?", "Turnout was big, though a low turnout had been feared.",
         "yes"),
        ("Was there a big turnout?", "There was a big turnout in the capital.", "yes"),
        # (a review's) a contrary modifier feared, forecast or said of somewhere else
        ("Was there a big turnout?", "Organisers had feared a low turnout, but thousands came.",
         "yes"),
        ("Was there a big turnout in Paris?",
         "Turnout was huge in Paris, though a low turnout was reported in Lyon.", "yes"),
        ("Did the storm bring heavy rain to the city?",
         "Forecasters had predicted only light rain, but the storm dumped torrential rain on "
         "the city.", "yes"),
        # the negative form of the question's adjective, or the plain form of its negative one
        ("Did the Supreme Court rule that the disputed elections were valid?",
         "The court chairman told parliament that the court had declared the elections "
         "invalid.", "no"),
        ("Did the directors find that Wolfowitz had acted unethically?",
         "The directors accepted that all parties had acted ethically and in good faith.",
         "no"),
        ("Were the elections valid?", "The court declared the elections valid.", "yes"),
        # (a name is no plain form; a question that negates is left to the negations)
        ("Was the law unconstitutional?",
         "The Constitutional Court ruled the law unconstitutional on Monday.", "yes"),
        ("Was Dudley the first chief executive who was not British?",
         "Dudley is the first non-British chief executive of the company.", "yes"),
        # verdicts, targets and deals the other way
        ("Were any of the Granny Peace Brigade members convicted?",
         "18 members of the Granny Peace Brigade were acquitted on charges of disorderly "
         "conduct.", "no"),
        ("Was the driver convicted?", "The driver was convicted of manslaughter.", "yes"),
        # (a review's) what a verdict is of repeats nothing: "acquitted of murder"
        ("Was he convicted of murder?", "He was acquitted of murder.", "no"),
        ("Was the man convicted of killing the teenager?",
         "The man was acquitted of killing the teenager.", "no"),
        ("Was he convicted of murder?", "He was convicted of murder on Friday.", "yes"),
        ("Did Thompson reach his $5 million fundraising goal?",
         "Recently Thompson raised just over $3 million dollars, but that fell short of the "
         "$5 million committee aim.", "no"),
        ("Did Web.com complete its acquisition of WebSource Media?",
         "The company filed to rescind its acquisition of WebSource media.", "no"),
        ("Did Web.com complete its acquisition of WebSource Media?",
         "Web.com completed its acquisition of WebSource Media in May.", "yes"),
        # the contrary verb aimed at the question's object decides over the asked verb said of
        # something else; the asked verb on the object itself still agrees
        ("Did Chen Shui-bian admit any wrongdoing?",
         "Chen has publicly admitted that his wife wired tens of millions of dollars "
         "overseas, but denies any wrongdoing.", "no"),
        ("Did Chen admit the payments?", "Chen admitted the payments but denies any wrongdoing.",
         "yes"),
        # (a review's) a denial of something else: reports of the deaths, a link of the layoffs
        ("Did the government confirm the deaths?",
         "The government confirmed on Monday that 12 soldiers died, but denied reports of deaths "
         "among civilians.", "yes"),
        ("Did the company confirm the layoffs?",
         "The company confirmed yesterday it will cut 500 jobs, but denied the layoffs were "
         "linked to the merger.", "yes"),
        # neither confirmed nor denied is not confirmed
        ("Has Israel confirmed the Syrian reports about its planes?",
         "Israel has neither confirmed or denied the reports.", "no"),
        # a plan put off
        ("Did Tsvangirai return to Zimbabwe on May 17 as planned?",
         "Tsvangirai had originally planned to return on May 17, but this was postponed.", "no"),
        ("Did the match go ahead as planned?", "The match was postponed because of snow.", "no"),
        # (a review's) a delay of something else, or before it went ahead as planned
        ("Did the summit take place as planned?",
         "The summit took place as planned, after a delayed start.", "yes"),
        ("Did the launch go ahead as scheduled?",
         "The launch went ahead as scheduled on Tuesday after being postponed twice last "
         "month.", "yes"),
        ("Did the election take place as scheduled?",
         "Voting went ahead despite long delays at polling stations.", "yes"),
        # (a seventeenth trial's) a synonym of the asked claim repeats it; the contrary said
        # right after the question's subject decides over the asked verb said of others; a
        # quoted question asks, it does not say; an accusation is no welcome; a threat to quit
        # is no quitting, and staying contradicts it
        ("Did the BND admit that its agents were in Iraq during the war?",
         "The BND confirmed that two of its agents operated in Iraq during the war but denied "
         "all other reports.", "yes"),
        ("Was Saddam Hussein killed in the restaurant strike?",
         "Hussein escaped, but twelve civilians were killed.", "no"),
        ("Was the hostage killed?", "The hostage was killed after the kidnappers escaped.",
         "yes"),
        ("Did Ian Paisley accept the nomination as First Minister?",
         'Asked by the Speaker, "Dr. Paisley, do you accept the nomination as First '
         'Minister?"', "unclear"),
        ("Did John Howard welcome Beazley's plan to scrap AWAs?",
         "Howard accused Mr Beazley of giving in to union pressure.", "no"),
        ("Is Prince Harry going to quit the army?",
         "Despite Prince Harry's previous threats to quit the army if he was not deployed, he "
         "will stay in the army.", "no"),
        ("Did the factory close?", "The plan to close the factory was approved on Monday.",
         "unclear"),
        # a possibility is no event; "the only" one is not when others did it too
        ("Did Greece default on its debt?",
         "Investors are more concerned about the possible default of Greece.", "unclear"),
        ("Was Milinkievič the only opposition leader jailed that day?",
         "Other opposition leaders Alexander Bukhvostov and Sergei Kalyakin were also jailed on "
         "the same day.", "no"),
        ("Was he the only candidate?", "He was also the only candidate to run twice.", "yes"),
        # "quit" is a word of leaving; "quite" is none
        ("Did he stay in office?", "He quit on Monday.", "no"),
        ("Did Lena Ostrova stay in the race?", "Ostrova said she felt quite safe.", "yes"),
        # a "not" of the contrary word agrees
        ("Did Tsvangirai say he felt safe coming back to Zimbabwe?",
         'Mr. Tsvangirai has told reporters that he feels "quite safe" and "not at all '
         'afraid".', "yes"),
        ("Did Tsvangirai say he felt safe?", "Tsvangirai said he did not feel safe.", "no"),
    ],
)
def test_contrary_words_answer(question: str, evidence: str, expected: str) -> None:
    assert verdict(question, evidence) == expected


def test_others_too_in_any_quote_answer_the_only_one() -> None:
    # (a trial's) the quote repeating "jailed" decided, though the third said others were too
    question = "Was Milinkievič the only opposition leader jailed that day?"
    first = "The opposition leader, Alaksandar Milinkievič, has been jailed for 15 days."
    others = ["Other opposition leaders were also jailed on the same day."]
    assert verdict(question, first) == "yes"
    assert verdict(question, first, [first, *others]) == "no"


def test_a_contrary_modifier_must_be_of_the_same_noun() -> None:
    assert not contrary_modifier("Was there a big turnout?", "A small crowd saw low prices.")
    assert contrary_modifier("Was it a peaceful protest?", "It was a violent protest.")


def test_a_contrary_the_question_concedes_is_no_answer() -> None:
    """"Even though they lost the election, did they win the popular vote?" grants the loss:
    a quote that reports it is background, the one about the popular vote answers."""
    question = ("Even though they lost the New Brunswick election, did Bernard Lord's "
                "Progressive Conservatives win more of the popular vote?")
    vote = ("While the Tories edged the Liberals in the popular vote by a margin of 47.65% to "
            "47.00%, the Liberals will form a majority government.")
    loss = ("Voters in New Brunswick narrowly defeated the Progressive Conservative "
            "government of Premier Bernard Lord.")
    assert verdict(question, vote, [loss]) == "yes"
    # a concession of something else leaves the other quotes' say
    assert verdict("Although he was charged, was he convicted?", "He was charged in May.",
                   ["He was acquitted of all charges in June."]) == "no"
    # not conceded, the loss is the asker's mistake to correct
    assert verdict("Did Bernard Lord's Progressive Conservatives win the election?", vote,
                   [loss]) == "no"


def test_only_a_negating_prefix_makes_a_contrary() -> None:
    """"inform" is no negative of "form", nor "invaluable" of "valuable"; "unclear" is of
    "clear"."""
    assert not contrary_prefix("Did they file a formal complaint?", "They will inform police.")
    assert not contrary_prefix("Was his help valuable?", "His help was invaluable.")
    assert contrary_prefix("Was it clear who won?", "It was unclear who won.")
    # (a review's) "unless" is no negative "less", nor "untold" of "told"
    assert not contrary_prefix("Did the airline carry less cargo?",
                               "Cargo will fall unless demand recovers.")
    assert not contrary_prefix("Was the witness told about the raid?",
                               "The raid caused untold damage.")
    assert not contrary_prefix("Did they form a committee?", "They will inform police.")
