"""Yes/no answers said in other words, each a trial's case: courts that let a law stand, seeking
as looking for, being pleased or not, a first since someone, an answer's "No," to a question it
quotes, frames that plan nothing of what was asked."""

from __future__ import annotations

import pytest

from bot.yesno import UNCLEAR, predicate_stems, verdict


@pytest.mark.parametrize(
    ("question", "said", "expected"),
    [
        # a court that let a law stand did not throw it out (and the reverse)
        ("Did the High Court throw out the ban for inmates serving over three years?",
         "Ms Roache's challenge to laws which banned inmates serving terms longer than three "
         "years was unsuccessful, with the court upholding them.", "no"),
        ("Did the court uphold the ruling?", "The court overturned the ruling.", "no"),
        ("Did the court overturn the ruling?", "The court upheld the ruling.", "no"),
        ("Did the court uphold the ruling?", "The court upheld the ruling.", "yes"),
        # ... but someone remaining somewhere is no law left standing
        ("Did the judge throw out the charges?",
         "The judge threw out the charges, but Smith will remain in custody on other counts.",
         "yes"),
        # (trials') charges called unfounded are not accepted; a budget overrun was not kept
        ("Did Goldman Sachs accept the SEC's fraud charges?",
         'The bank said that "The SEC\'s charges are completely unfounded in law and fact and '
         'we will vigorously contest them."', "no"),
        ("Did the Lotschberg tunnel stay within its original budget?",
         "The cost of building the tunnel has already overrun budget by US$3 billion.", "no"),
        ("Did the tunnel stay within its budget?", "The tunnel was finished within its budget.",
         "yes"),
        # (a trial's) a deed named as a thing is not asked about: the describing is
        ("Did the military describe the president's killing as a coup?",
         "The president was killed by the army, a military spokesman said, insisting that "
         '"this was not a coup d\'etat."', "no"),
        ("Did the army kill the president?", "The president was killed by the army.", "yes"),
        # (a trial's) what the asked verb is done to is no claim of its own: upholding the
        # death sentence does not overturn it
        ("Did the Supreme Court overturn the death sentences on the foreign medics?",
         "The Supreme Court has upheld the death sentence for five nurses.", "no"),
        ("Was the death penalty imposed?", "He was given life imprisonment.", "no"),
        # (trials') gone ahead as scheduled was not cancelled; released is let out; "never
        # before" makes a first
        ("Did the writers' strike force the cancellation of the Academy Awards?",
         "The end to the strike means the Academy Awards can go ahead as scheduled.", "no"),
        ("Was the concert cancelled?", "The concert was cancelled on Monday.", "yes"),
        ("Was Madoff let out the same day he was arrested?",
         "Mr. Madoff was released on his own recognizance on the same day of his arrest.",
         "yes"),
        ("Was the ICC warrant for al-Bashir the first it had issued for a sitting head of "
         "state?", "The ICC has never before issued an arrest warrant for a head of state "
         "while they were still in power.", "yes"),
        # (a trial's) halted is not kept going
        ("Did the agency keep sending aid shipments into Gaza after the second seizure?",
         "The agency has halted aid shipments to the Gaza Strip after the ministry confiscated "
         "ten truck loads of flour.", "no"),
        ("Did the strike continue?", "The strike continued on Monday.", "yes"),
        # what is still to come had not happened already
        ("Had the new king's coronation already been held when he gave his speech?",
         "The new king gave his accession speech, and celebrations are planned for the "
         "coronation which is due to take place in the autumn.", "no"),
        ("Had the merger already been cleared by regulators when it was announced?",
         "If approved by shareholders and regulators, the merger would create the largest "
         "telecommunications company in the country.", "no"),
        ("Has the treaty already been signed?", "The treaty was signed on Monday.", "yes"),
        # (a review's) the rules above, where they must not fire
        ("Did the first round of talks end in a deal?",
         "The two sides had never met before, and the first round of talks ended without a "
         "deal.", "no"),
        ("Has the company already paid the fine?",
         "It paid the $5 million fine last week, but a second case is pending.", "yes"),
        ("Did the project stay on budget?",
         "The project stalled since rebels overran the site in May.", "yes"),
        ("Was the launch postponed?", "The launch did not go as planned.", "no"),
        # moving away is leaving, which staying contradicts
        ("Will Aquantive move away from Seattle after the takeover?",
         "Aquantive will remain at its base in Seattle with its current staff.", "no"),
        # seeking is looking for; released is let go
        ("Is the Iraqi tourism board looking for investors for a resort island?",
         "The board are seeking investors for a resort island.", "yes"),
        ("Is the Iraqi tourism board looking for investors for a resort island?",
         "The board are not seeking investors for the island.", "no"),
        ("Were any of the kidnapped aid workers let go?",
         "Six of the aid workers have been released, he said.", "yes"),
        # a denial of one thing and an admission of the very thing asked
        ("Did Burundi's FRODEBU party admit any kind of collaboration with the FNL?",
         'FRODEBU denied the charges, but admitted "political collaboration" with the group.',
         "yes"),
        ("Did FRODEBU admit the charges?",
         'FRODEBU denied the charges, but admitted "political collaboration" with the group.',
         "no"),
        # ... but a denial of the very thing asked stands
        ("Did Chen admit taking bribes?", "Chen denied taking bribes, but admitted taking gifts.",
         "no"),
        # a negation of what follows only: "rather than", "instead of", "escaped being"
        ("Did the judge let Madoff go home on bail while he waits to be sentenced?",
         "The judge ordered that Madoff be remanded, rather than letting him out on bail and "
         "allowing him to return to his apartment.", "no"),
        ("Was Smith chosen as captain?", "Smith was chosen as captain rather than Jones.", "yes"),
        ("Was Jones chosen as captain?", "Smith was chosen as captain rather than Jones.", "no"),
        ("Did the board approve the takeover?",
         "The board approved the takeover instead of the merger.", "yes"),
        ("Was Noordin Top captured in the raid?",
         "Police raided the house, where Top narrowly escaped being captured.", "no"),
        ("Did he avoid being arrested?", "He avoided being arrested.", "yes"),
        ("Did he avoid being arrested?", "He escaped being arrested.", "yes"),
        # ... and only what follows them: the deed before stands
        ("Did he die?", "He died in hospital after doctors were unable to save him.", "yes"),
        ("Did he win?", "He won, escaping being knocked out in the first round.", "yes"),
        ("Was the suspect arrested?",
         "The suspect was arrested at the border after evading being caught for weeks.", "yes"),
        # a contrary said of something else is no contrary
        ("Did Obama condemn the attack?",
         "Obama praised the security forces who foiled the attack.", "yes"),
        # put off is no going ahead; strengthening no weakening; defending no criticising;
        # unable is not able
        ("Are Nauru's presidential elections still going ahead in June 2007?",
         "Presidential elections in Nauru were supposed to be held in June, but have been "
         "postponed until the end of 2007.", "no"),
        ("Did the concert go ahead?", "The concert went ahead despite the rain.", "yes"),
        ("Does Carter think the Iraq invasion weakened al-Qaeda?",
         "Carter also said the invasion of Iraq had strengthened al-Qaeda.", "no"),
        ("Did Senator Trent Lott criticize the NSA wiretapping?",
         "Senator Trent Lott defended the NSA directive.", "no"),
        ("Could police prosecute drivers who had only ecstasy in their system?",
         "Police tested for ecstasy, despite being unable to prosecute those driving under its "
         "influence alone.", "no"),
        # open to is willing to
        ("Did Saakashvili say he was open to outside mediation?",
         'Saakashvili continued by saying that "I am willing to have international mediation; '
         'I am willing to have international separation of forces."', "yes"),
        ("Was the government open to talks?", "The government said it was unwilling to talk.",
         "no"),
        # pleased or not, backing, admitting, opposing, ruling out
        ("Was Israel happy with Egypt letting the pilgrims through Rafah?",
         "Egypt has allowed 2000 pilgrims through the Rafah crossing, a move which Israel says "
         "violates an understanding between the two countries.", "no"),
        ("Was Israel happy with the deal?", "Israel said it was happy with it.", "yes"),
        ("Did the ACT party back the local loop unbundling bill?",
         "The ACT party voted against the bill.", "no"),
        ("Did the US government admit it made a mistake?",
         "The State Department recognized that a professional fault had been made.", "yes"),
        ("Did Scotland's First Minister oppose Trump's golf plans?",
         "Scottish First Minister Jack McConnell welcomed the announcement.", "no"),
        ("Has Halonen ruled out Finland ever joining NATO?",
         "Halonen does not outrule the possibility of Finland becoming a member in the future.",
         "no"),
        # a condition of the question is not what it asks; "without penalty" answers it
        ("Will customers under contract be penalised if they leave instead of migrating?",
         "Customers under contract who wished to leave would be able to do so without penalty.",
         "no"),
        # saying no more is no "no" (a failure to identify still is one)
        ("Was the gunman identified?", "Police did not identify the gunman.", "no"),
        # a frame a verb takes as its object plans nothing of the word before that verb
        ("Was the Security Council vote on the Israel-Lebanon ceasefire unanimous?",
         "The United Nations Security Council has unanimously approved calling for a full "
         "cessation of hostilities in the Israeli-Lebanon war.", "yes"),
        ("Did Ukraine bar Russian warships?", "Ukraine threatened to bar Russian warships.",
         UNCLEAR),
        # a relative clause's "tries to" frames its own verb, not the order
        ("Did Putin order the army to seal off Nalchik?",
         "Putin has ordered the army to seal off the city and shoot any insurgent who tries to "
         "escape.", "yes"),
        # a first since someone before is no first ever
        ("Is Jindal the first non-white governor Louisiana has ever had?",
         "He is the first non-white governor of Louisiana since P. B. S. Pinchback in 1872.",
         "no"),
        # an answer's "No," to a question it quotes is no "no" to this one
        ("Did Pat Robertson end up apologizing for the remark?",
         'He later apologized: "Is it right to call for assassination? No, and I apologize for '
         'that statement."', "yes"),
    ],
)
def test_a_verdict_said_in_other_words(question: str, said: str, expected: str) -> None:
    assert verdict(question, said) == expected


def test_saying_no_more_says_no_no() -> None:
    question = "Did President Basescu say the kidnapped journalists were still alive?"
    said = "Băsescu did not elaborate on the details of the journalists' release."
    assert verdict(question, said) != "no"


def test_a_release_sought_frees_no_one() -> None:
    assert predicate_stems("Did Romania act to secure the journalists' freedom?")(
        "Romanian authorities have been trying to secure the release of the journalists."
    ) == set()
