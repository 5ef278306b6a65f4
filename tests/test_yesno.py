"""Yes or no from the evidence: a refusal answers "did X accept ...?" with no and "did X
reject ...?" with yes; a contradicting report ("he resigned") is a no."""

from __future__ import annotations

import pytest

from bot.yesno import UNCLEAR, predicate_stems, verdict

DECLINED = "Sheinbaum declined, emphasizing Mexican sovereignty."
REJECTED = ("Mexican President Sheinbaum rejected the offer, asserting that Mexican sovereignty "
            "was not negotiable.")
OFFER = "U.S. President Donald Trump proposed sending American troops to Mexico."
NEVER = "She said that foreign troops on Mexican soil will never be accepted."


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("Did Mexico accept troops?", DECLINED, "no"),
        # (a trial's) support and opposition; a change to another figure than the one asked
        ("Did the French government support the bill?",
         "The French government however opposes the bill.", "no"),
        ("Did the French government oppose the bill?",
         "The French government however opposes the bill.", "yes"),
        ("Did the senators oppose the treaty?", "Most senators voted for the treaty.", "no"),
        # (a review's) "supporters" is no support, and a stance must be the subject's
        ("Did Obama oppose the war?", "Obama told supporters that the war was a mistake.", "yes"),
        ("Does Pelosi support the bill?", "Many Democrats oppose the bill, Pelosi said.", "yes"),
        ("Did the talks produce a deal?", "The talks ended without any kind of a deal.", "no"),
        ("Was Smith sentenced to 10 years?", "Smith was sentenced to ten years in prison.", "yes"),
        ("Did the bank cut rates to 1 percent?",
         "The bank cut rates to one percent and pledged to buy up to 300 billion of bonds.", "yes"),
        ("Did the death toll rise to 100?", "The death toll rose to 80.", "no"),
        ("Did the central bank raise rates to 6 percent?",
         "The Federal Reserve raised the rate by 25 basis points to 4.75%.", "no"),
        ("Did the central bank raise rates to 4.75 percent?",
         "The Federal Reserve raised the rate by 25 basis points to 4.75%.", "yes"),
        # (a trial's) the question's own words only in a condition or a plan leave it open,
        # whatever names the sentence repeats
        ("Did NASA name the module after Colbert?",
         "NASA insiders said if they choose not to name the module after the comedian, they "
         "may consider naming a toilet after him instead.", UNCLEAR),
        # (a trial's) standing again is standing down's contrary
        ("Is Prescott standing again at the next election?",
         "Prescott is to stand down as a Member of Parliament after the next election.", "no"),
        ("Will Smith run again?", "Smith said he will run again in 2010.", "yes"),
        # (a trial's) "without" negates what follows it, not the test it follows
        ("Did North Korea conduct a nuclear test?",
         "The country conducted an underground nuclear test successfully without any"
         " radioactive leakage.", "yes"),
        ("Was the match played with fans?", "The match was played without fans.", "no"),
        ("Did Ahern admit wrongdoing?", "Ahern resigned without admitting any wrongdoing.", "no"),
        # responding positively is welcoming (and its contrary)
        ("Did Ian Paisley respond positively to the report?",
         "Ian Paisley, the party's leader, also welcomed the report.", "yes"),
        ("Did the minister react favourably to the plan?",
         "The minister condemned the plan on Tuesday.", "no"),
        ("Did Mexico reject the troops?", DECLINED, "yes"),
        ("Did Mexico refuse the offer of troops?", DECLINED, "yes"),
        ("Did Mexico turn down the offer?", DECLINED, "yes"),
        ("Did Mexico say yes to Trump's troops?", DECLINED, "no"),
        ("Did the union accept the offer?", "The union said no to the offer.", "no"),
        ("Did van Dam accept the new contract?",
         "The board offered van Dam a new contract, but he turned it down.", "no"),
        ("Did Mexico reject the offer?", "Mexico accepted the offer on Monday.", "no"),
        ("Did Mexico reject the offer?", "Mexico did not reject the offer.", "no"),
        # ruling something out is said by a plain "not" of it, unless the "not" is of the
        # ruling out
        ("Did Rice rule out a US attack on North Korea?",
         "Rice said for the first time that the United States would not attack North Korea.",
         "yes"),
        ("Did Rice rule out military action?", "Rice did not rule out military action.", "no"),
        ("Did Rice rule out an attack?", "Rice said the US would not attack.", "yes"),
        ("Did the union refuse to sign?", "The union said it would never sign the deal.", "yes"),
        ("Did the union refuse to sign?", "If the deal is not changed, the union will sign.",
         UNCLEAR),
        # ... but a "not" of something else is no refusal
        ("Did the board deny the allegations?", "The board did not comment on the allegations.",
         "no"),
        ("Did Mexico reject the US troops?",
         "Mexico has not yet responded to the offer of US troops.", "no"),
        ("Did Iran accept the deal?", "Iran is ruling out the deal.", "no"),
        ("Did the prime minister remain in office?", "The prime minister has resigned.", "no"),
        ("Did the UN pull staff out?", "The UN evacuated hundreds of staff.", "yes"),
        ("Did the UN pull staff out?", "The UN will evacuate hundreds of staff.", UNCLEAR),
        ("Was the report dismissed?", "The White House dismissed the report.", "yes"),
        ("Did the White House accept the report?", "The White House dismissed the report.",
         "no"),
        # the question's own predicate, repeated: the "not" of another clause is no "no"
        ("Did Mexico reject troops?", REJECTED, "yes"),
        ("Did Mexico reject troops?", NEVER, "yes"),  # a contradiction denied
        ("Did Mexico accept troops?", NEVER, "no"),
        # a negation counts in the predicate's own clause, and only there
        ("Did Mexico accept the troops?", "Mexico will accept no foreign troops.", "no"),
        ("Did the council approve the plan?", "The council approved nothing, officials said.",
         "no"),
        ("Did X accept the offer?", "Although Y did not object, X rejected the offer.", "no"),
        ("Did the prime minister remain in office?",
         "The prime minister remained in office, but he did not attend.", "yes"),
        # "decline" refuses only as a verb with an object or "to": a fall is no refusal
        ("Did he comment on the report?", "He declined to comment.", "no"),
        ("Did the economy shrink more than forecast?",
         "The plunge was larger than the 3.2% decline predicted by economists.", "yes"),
        # wanting, allowing and welcoming are met by a refusal; a wish asked about is no want
        ("Does Mexico want US troops?", DECLINED, "no"),
        ("Will Mexico allow US forces on its soil?", DECLINED, "no"),
        ("Did the city welcome the plan?", "The city rejected the plan.", "no"),
        ("Did Trump want Mexico to accept US troops?", OFFER, "yes"),
        ("Did the union accept the offer?", "The union rejected the offer.", "no"),
        ("Did the rebels win?", "The army defeated the rebels.", "no"),
        # "without" after the predicate is how it was done, not that it was not
        ("Did the Commission approve the deal?",
         "The Commission on Monday approved the takeover without conditions.", "yes"),
        # still to happen, or the subject of what is planned: neither yes nor no
        ("Did the Commission approve the deal?",
         "The sale still needs approval from the Commission.", UNCLEAR),
        ("Did the workers go on strike?", "The strike is planned to begin on November 3.",
         UNCLEAR),
        # a vote or a reaction that goes the other way
        ("Did parliament approve the motion to censure Rudd?",
         "The censure motion was defeated along party lines.", "no"),
        ("Did the Senate pass the bill?", "The Senate passed the bill on Tuesday.", "yes"),
        ("Did Washington welcome the release?",
         'US officials described the release as "disappointing."', "no"),
        # a ban is met by "no …": the bylaw against spitting is a law of "no spitting"
        ("Has the bylaw banning spitting got through its second reading?",
         "A new law that proposes no spitting in public passed its second reading.", "yes"),
        ("Did the city ban smoking in bars?", "The city did not ban smoking in bars.", "no"),
        ("Did Russia ban grain exports?", "No ban on grain exports was imposed.", "no"),
        ("Did the council ban the march?", "The council has made no decision on the march.",
         "no"),
        # the other side's vote or reaction is not the question's subject's
        ("Did the Senate pass the bill?", "Most Republicans voted against the bill.", "yes"),
        ("Did Britain praise the verdict?", "The verdict sparked protests in Cairo.", "yes"),
        # admitting and denying contradict each other
        ("Did Iran admit it was late with payments?",
         "Iran denied that Tehran had been late with its payments.", "no"),
        ("Did the ministry deny the report?", "The ministry confirmed the report.", "no"),
        ("Did the minister deny the claims?",
         "The minister dismissed the claims, which were later confirmed by police.", "yes"),
        # a leading clause is background: the main clause asks
        ("After French and Dutch voters rejected the EU constitution, did Ireland still intend "
         "to hold its own vote?",
         "The constitution was agreed upon by EU heads of state earlier this year.", "yes"),
        # a question's own "without" agrees with the evidence's negated noun, not with a
        # negated verb
        ("Was the cut achieved without any levy or regulation?",
         'The result came from voluntary action: "no regulations, no levies".', "yes"),
        ("Did the match go ahead without fans?", "The match did not go ahead.", "no"),
        ("Was the concert held without an audience?", "The concert was never held.", "no"),
        # figures: a rise contradicts a fall and the other way round, said of the subject;
        # any word of a direction repeats it
        ("Did the shares rise?", "The shares declined by 4% on Monday.", "no"),
        ("Did the pound fall against the dollar?", "The pound rose against the dollar.", "no"),
        ("Did the pound fall against the dollar?", "The pound fell sharply.", "yes"),
        ("Did exports fall?", "Exports fell while imports rose.", "yes"),
        ("Did oil prices rise?", "Oil prices rose 3% as the dollar fell.", "yes"),
        ("Did the shares rise?", "The shares rose 5%, after falling 2% on Monday.", "yes"),
        ("Did oil prices fall?", "Oil prices declined to their lowest level in a decade.", "yes"),
        ("Did wages grow?", "Wages declined in real terms.", "no"),
        ("Did Sheinbaum decline the offer?", "Sheinbaum rejected the offer as tensions rose.",
         "yes"),
        ("Did the government fall?",
         "The government collapsed after support for the opposition rose.", "yes"),
        # lexicon stems take short endings only: "sign" is not "significant"
        ("Did the significant vote pass?", "The significant vote did not pass.", "no"),
        # "X but Y": Y is what the sentence ends up saying when X is marked as superseded
        ("Did Beijing let the ships dock in Hong Kong?",
         "Beijing gave no reason for the first refusal but said the ships may dock in "
         "Hong Kong.", "yes"),
        ("Did Beijing let the ships dock?",
         "Beijing initially refused to let the ships dock but later allowed them.", "yes"),
        ("Did he resign?", "He did not resign but stayed on as an adviser.", "no"),
        ("Did the rebels free the hostages?", "They refused but talks go on.", "no"),
        ("Did the army withdraw from the town?",
         "The soldiers did not pull back but kept firing.", "no"),
        # "opposition" is no refusal; being alive contradicts being killed
        ("Did Kibaki and Odinga sign a power sharing agreement?",
         "President Kibaki and opposition leader Raila Odinga signed the agreement.", "yes"),
        ("Did the kidnappers kill the journalists?",
         "The journalists are all still alive, even though the kidnappers said they would kill "
         "them.", "no"),
        # a negation in a side clause is about something else; the question's own is no "no"
        ("Did the Senate pass the bill?",
         "The Senate passed the bill, though no Democrats voted for it.", "yes"),
        ("Did the minister resign?", "The minister, who never gave interviews, resigned.", "yes"),
        ("Did the company report a profit?",
         "The company reported a profit despite not raising prices.", "yes"),
        ("Did the talks fail?", "The talks failed.", "yes"),
        ("Did Iran agree not to enrich uranium?", "Iran agreed not to enrich uranium.", "yes"),
        ("Did the minister resign?", "The minister said he would not resign.", "no"),
        ("Has Russia withdrawn its troops?", "Russia has yet to withdraw its troops.", "no"),
        # a repeated predicate outweighs a contradiction of someone or something else
        ("Was the suspect captured?",
         "The suspect, who escaped last year, was captured on Monday.", "yes"),
        ("Did the minister remain in office?",
         "The minister remained in office while his deputy resigned.", "yes"),
        # phrases take their own endings; more predicates with what contradicts them
        ("Did the protesters leave the square?", "The protesters stayed in the square.", "no"),
        ("Did the troops pull out?", "The troops pulled out, leaving no soldiers behind.", "yes"),
        ("Did the president sign the bill?", "The president vetoed the bill.", "no"),
        ("Did the hostages survive?", "The hostages were killed.", "no"),
        ("Did the opposition boycott the election?",
         "The opposition took part in the election.", "no"),
        ("Did the ceasefire hold?", "The ceasefire collapsed within hours.", "no"),
        ("Did the airline resume flights?", "The airline suspended flights.", "no"),
        ("Did the party keep its majority?", "The party lost its majority.", "no"),
        # the future answers a question about the future, and is only a plan otherwise
        ("Will Russia withdraw its troops?", "Russia announced its troops will remain.", "no"),
        ("Will Russia withdraw its troops?", "Russia announced it will withdraw its troops.",
         "yes"),
        ("Did Iran accept the deal?", "Iran is expected to reject the deal.", UNCLEAR),
        ("Did the PM remain in office?", "The PM threatened to resign if the bill fails.",
         UNCLEAR),
        ("Did Greece leave the euro?", "Greece would leave the euro if the bailout collapsed.",
         UNCLEAR),
        ("Did the rebels sign the accord?", "The rebels hope to sign the accord on Monday.",
         UNCLEAR),
        ("Did the army withdraw?", "", UNCLEAR),  # no evidence at all
        # a refusal denies only what it refuses; a "but" clause is no side remark
        ("Did Paisley accept the nomination?",
         "Plans to restart the assembly failed today as Paisley rejected the nomination.", "no"),
        ("Did the prime minister stay in office?", "She refused to step down.", "yes"),
        ("Did Uruguay agree to stop building the mills?",
         "Nin said they will monitor the mills, but that halting construction was not an "
         "option.", "no"),
        ("Did the hostages get released?", "The hostages were released, not harmed.", "yes"),
        ("Did the minister resign?", "The minister resigned on Friday, a move nobody expected.",
         "yes"),
        # words that are also adjectives frame nothing: "the proposed law", "plant workers"
        ("Did the president sign the law?",
         "The proposed law was signed by the president on Monday.", "yes"),
        ("Was the merger approved?", "The planned merger was approved on Friday.", "yes"),
        ("Did the workers agree to the deal?", "Plant workers agreed to the deal.", "yes"),
        # ... for predicates outside the lexicon too, unless the question asks about the plan
        ("Did the US send troops to Mexico?", OFFER, UNCLEAR),
        ("Did Trump offer to send troops to Mexico?", OFFER, "yes"),
        ("Did Trump want Mexico to accept US troops?", OFFER, "yes"),
        ("Did the US send troops to Mexico?",
         "The US, which had threatened to send troops, sent them to Mexico on Monday.", "yes"),
        # a quote of two sentences: the first one's "nobody" does not deny the second's refusal
        ("Did the prime minister agree to the invitation?",
         '"Nobody has conveyed such invitations. Both are rejected before they arrive," said '
         "his office.", "no"),
        # ... but an initial's or an abbreviation's stop ends no sentence
        ("Did the U.S. Navy dock in Hong Kong?",
         "The U.S. Navy did not dock in Hong Kong.", "no"),
        ("Did Odinga accept the offer?", "Mr. Odinga did not accept the offer.", "no"),
        # losing, said of the question's side (a trial's "Yes. Calder Rovers beat …")
        ("Did Calder Rovers lose the cup final?",
         "Calder Rovers beat Westbrook Athletic 4-1 in the county cup final on Sunday.", "no"),
        ("Did Westbrook Athletic lose the cup final?",
         "Calder Rovers beat Westbrook Athletic 4-1 in the county cup final on Sunday.", "yes"),
        ("Did Calder Rovers lose the final?", "Calder Rovers were beaten 4-1 by Westbrook.", "yes"),
        ("Did the Liberals lose the election?", "The Liberals won a majority of 29 seats.",
         "no"),
        ("Did Calder Rovers lose the final?", "Calder Rovers have been beaten in the final.",
         "yes"),
        ("Did Calder Rovers lose the final?", "Calder Rovers, beaten 4-1 by Westbrook, flew home.",
         "yes"),
        ("Did Calder Rovers lose the final?", "Calder Rovers defeated Westbrook 4-1.", "no"),
        ("Did the senator lose her seat?", "The senator wondered whether to run again.", "yes"),
    ],
)
def test_verdict(question: str, evidence: str, expected: str) -> None:
    assert verdict(question, evidence) == expected


def test_a_quoted_refusal_answers_even_when_another_quote_is_most_about_the_question() -> None:
    quotes = [DECLINED, OFFER, NEVER]
    assert verdict("Did Mexico agree to US troops?", OFFER, quotes) == "no"
    assert verdict("Did Trump offer to send troops to Mexico?", OFFER, quotes) == "yes"
    threat = ("The kidnappers said they would kill the journalists if Romania does not withdraw "
              "its troops.")
    quotes = [threat, "Romania declined to withdraw the troops."]
    assert verdict("Did Romania withdraw its troops?", threat, quotes) == "no"
    assert verdict("Did Romania withdraw its troops?", threat) == UNCLEAR


def test_a_long_quote_is_judged_in_linear_time() -> None:
    """Every match used to rescan its clause from the start: 14 s for a 30,000-character quote
    repeating the predicate, 22 s for 8,000 refusals (each looked back over all before it)."""
    import time

    start = time.perf_counter()
    verdict("Did they withdraw?", "withdraw " * 20_000)
    verdict("Did the US send troops?", "troops " * 20_000)
    verdict("Did they accept?", "rejected " * 8_000)
    assert time.perf_counter() - start < 5


def test_a_refusal_speaks_to_the_predicate_it_never_repeats() -> None:
    answered = predicate_stems("Did Sheinbaum accept the troops?")
    assert answered(DECLINED) == {"accept"}
    assert answered("Sheinbaum visited the border.") == set()


def test_a_verdict_needs_evidence_from_the_time_the_question_names() -> None:
    import numpy as np

    from bot.judge import settles
    from bot.question import analyse
    from bot.rank import Candidate
    from index.search import Passage

    said = "The strike at the port ended on Thursday."
    report = Passage(0, "a", "Strike ends", "2025-03-20", "t", None, "t.txt", None, said,
                     [(0, len(said))], np.zeros((1, 4), dtype=np.float32))
    judge = Candidate(report, 0, 0, len(said), 1.0, 0.8, 1.0)
    assert settles(analyse("Did the strike end in March 2025?"), judge, said)
    assert not settles(analyse("Did the strike end in 2019?"), judge, said)
    ended_2019 = "The strike of 2019 ended on Thursday."
    assert settles(analyse("Did the strike end in 2019?"), judge, ended_2019)
    mayor = "The mayor said the strike had ended."  # "mayor" does not name May
    assert not settles(analyse("Did the strike end in May 2024?"), judge, mayor)


def test_no_longer_answers_a_still_question_from_any_quote_about_its_subject() -> None:
    question = "Is Dell still selling Itanium servers?"
    past = "Last year Dell sold only 1,371 Itanium servers."  # most about the question
    ended = "An Intel spokesperson confirmed that Dell would no longer be offering them."
    assert verdict(question, past, [past, ended]) == "no"
    assert verdict(question, past, [past]) == "yes"
    # ... not a "no longer" about something else
    other = "HP no longer offers them."
    assert verdict(question, past, [past, other]) == "yes"
    assert verdict("Is Dell still selling Itanium servers?", "Dell still sells them.") == "yes"


@pytest.mark.parametrize(
    ("question", "evidence", "expected"),
    [
        ("Did the OSCE find the election free of violations?",
         "The OSCE called the election consistent with most standards, but also noted "
         "violations at certain polling stations.", "no"),
        ("Did the match go ahead without fans?",
         "The match was played in front of 30,000 fans on Sunday.", "no"),
        ("Did the match go ahead without fans?",
         "The match was played with no fans in the stadium.", "yes"),
        ("Was the cut achieved without any levy?",
         "The cut was achieved free of any levy or regulation.", "yes"),
    ],
)
def test_a_question_asking_something_absent_is_answered_by_its_mention(
    question: str, evidence: str, expected: str
) -> None:
    assert verdict(question, evidence) == expected

