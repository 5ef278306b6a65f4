"""The lexicon of news predicates a yes/no verdict reads: the words that assert a predicate
and the words that contradict it ("Did the prime minister remain in office?" — "he
resigned"), as regular expressions built once. Data more than logic: bot/yesno.py decides."""

from __future__ import annotations

import re
from typing import NamedTuple

# Refusals: a "no" to "did X accept ...?", but a "yes" to "did X reject ...?".
REFUSAL = re.compile(
    r"\b(refus\w*|reject\w*|declin\w*|den(?:y|ied|ies)|dismiss\w*|rul(?:e|ed|es|ing) out|outrul\w*|"
    r"turn(?:s|ed|ing)?(?: (?:it|them|this|that))? down)\b",
    re.I,
)


class Predicate(NamedTuple):
    """A news predicate, the words that assert it and the words that contradict it, matched as
    word prefixes in the question and the evidence: "Did the prime minister remain in office?"
    — "he resigned"."""

    claims: tuple[str, ...]
    contradictions: tuple[str, ...]
    # A figure's direction, said of many things in one sentence ("Exports fell while imports
    # rose"): any of its words repeats the question's, and a word of either direction counts
    # only right after the question's subject ("oil prices rose", not "… as the dollar fell").
    figure: bool = False
    # Contradictions that do not count in a relative or concessive clause ("dismissed the
    # claims, which were later confirmed by police" is not the minister confirming).
    main_clause_only: bool = False
    # Claims that say one thing in other words: any of them repeats the question's ("Did the
    # BND admit …?" — "The BND confirmed …").
    synonyms: bool = False


_UP = ("rise", "rose", "risen", "grew", "grown", "grow", "increas", "climb", "gone up", "go up",
       "went up", "goes up", "doubl")
# ("contracted by 5.8%", not "contracted Deloitte to audit")
_DOWN = ("fell", "fall", "drop", "declin", "decreas", "shrank", "shrunk", "shrink",
         "contracted by", "contraction", "halved", "gone down", "go down", "went down")
# Verbs that move a figure by an object ("raised the minimum price"): only for a question that
# asks with one of them ("Did Russia lower vodka prices?"), never for "did profits rise?",
# which "the company cut 500 jobs" does not answer.
_RAISE = ("raise", "raising", "hike", "hiking")
_LOWER = ("lower", "cut", "reduc", "slash")
_ADMIT = ("admit", "confess", "acknowledg", "confirm", "recognized that", "recognised that")
_DENY = ("deny", "denied", "denies")
CONTRADICTS = [
    Predicate(
        ("remain", "stay", "keep", "kept", "retain"),
        ("resign", "quit$", "quits$", "quitt", "left", "leave", "ousted", "withdr", "pull",
         "step down", "lost"),
    ),
    Predicate(
        ("withdr", "pull out", "pulled out", "leave", "left", "stay out", "stayed out", "quit$",
         "quits$", "quitt", "move away", "moved away", "moves away", "relocat"),  # (not "quite")
        ("remain", "stay in", "keep", "will not withdraw", "marched into", "entered", "advanced"),
    ),
    # ("oppose", not "oppos": "opposition leader Odinga signed the agreement" is no refusal)
    Predicate(
        ("accept", "agree", "approv", "sign", "pass", "allow", "want", "welcom", "say yes",
         "said yes"),
        # ("The SEC's charges are completely unfounded": no acceptance of them)
        ("reject", "refus", "declin", "dismiss", "oppose", "veto", "say no", "said no",
         "unfounded", "baseless", "without merit"),
    ),
    Predicate(
        ("reject", "refus", "declin", "deny", "denied", "dismiss", "turn down", "turned down",
         "rule out", "ruled out", "outrul"),
        ("accept", "agreed", "approv", "welcom", "embrac"),
    ),
    Predicate(
        ("death penalty", "death sentence", "sentenced to death", "executed"),
        ("life in prison", "life imprisonment", "acquitted", "years in prison", "spared"),
    ),
    # A budget kept or overrun: "Did the tunnel stay within its budget?" — "has already
    # overrun budget by US$3 billion".
    Predicate(
        ("within budget", "within its budget", "within the budget", "within its original budget",
         "on budget"),
        ("overrun budget", "overrun its budget", "overran its budget", "budget overrun",
         "cost overrun", "over budget", "over its budget", "exceeded its budget",
         "exceeded the budget", "exceeded its original budget"),
    ),
    # A court that let a law stand: "Did the High Court throw out the ban?" — "the court
    # upheld the ruling", "the ban remains in force" (not "Smith will remain in custody").
    Predicate(
        ("throw out", "threw out", "thrown out", "strike down", "struck down", "overturn",
         "overrul", "quash", "annul", "invalidat"),
        ("upheld", "uphold", "remain in force", "remains in force", "remain in place",
         "remains in place", "left intact"),
        main_clause_only=True,
    ),
    Predicate(
        ("upheld", "uphold"),
        ("overturn", "struck down", "strike down", "threw out", "thrown out", "quash", "annul",
         "overrul", "invalidat"),
        main_clause_only=True,
    ),
    # A vote that went the other way, said of its outcome ("the motion was defeated along
    # party lines"; "most Republicans voted against it" is some members, not the vote).
    Predicate(
        ("approv", "pass", "adopt", "ratif"),
        ("defeated", "voted down", "threw out", "thrown out"),
        main_clause_only=True,
    ),
    # A reaction the other way: "Washington called the release disappointing"; responding
    # positively is welcoming ("Did Paisley respond positively?" — "Paisley welcomed it").
    Predicate(
        ("welcom", "prais", "applaud", "hail", "endors", "respond positiv", "react positiv",
         "respond favour", "respond favor", "react favour", "react favor"),
        ("disappoint", "condemn", "criticis", "criticiz", "deplor", "denounc", "accused"),
        main_clause_only=True,
    ),
    # Pleased or not: "Was Israel happy with Egypt letting the pilgrims through?" — "Israel said
    # the move violates an understanding".
    Predicate(
        ("happy", "pleased", "satisfied", "delighted", "content with"),
        ("unhappy", "displeased", "dissatisfied", "angr", "anger", "violat", "condemn",
         "criticis", "criticiz", "protest", "complain", "deplor", "denounc", "disappoint"),
    ),  # (in any clause: "a move which Israel says violates an understanding")
    # Support and opposition: "Did the French government support the bill?" — "The French
    # government however opposes the bill" (a trial's "don't say outright").
    # (verbs only, "supporters" is none; and said of the question's subject, right after it:
    # "Many Democrats oppose the bill, Pelosi said" is no stance of Pelosi's)
    Predicate(
        ("support$", "supports$", "supported$", "supporting$", "endorse", "back$", "backs$",
         "backed$"),
        ("oppose", "objects to", "objected to", "voted against"),
        figure=True,
    ),
    Predicate(
        ("oppose", "object to", "objected to"),
        ("supports$", "supported$", "endorses", "endorsed", "backs$", "backed$", "voted for",
         "welcomed"),
        figure=True,
    ),
    # Standing again is standing down's contrary: "Is Prescott standing again?" — "is to stand
    # down as a Member of Parliament after the next general election" (a trial's "Yes.").
    Predicate(
        ("stand again", "stood again", "run again", "ran again", "seek re-election",
         "seek reelection", "seek another term", "sought re-election"),
        ("stand down", "stood down", "step down", "stepped down", "retire", "not stand",
         "not run", "not seek"),
    ),
    Predicate(("win", "won", "elected"), ("lost", "defeated", "conceded")),
    # Losing, said of the question's side only: "Did Calder Rovers lose the final?" — "Calder
    # Rovers beat Westbrook 4-1" (but "Westbrook beat Calder Rovers" is a loss).
    # (Claims are read first: "beaten", "were defeated" are losses, though "beat" and
    # "defeated" begin them; "won" alone would meet "won't" and "wondered".)
    Predicate(
        ("lose", "lost", "beaten", "was defeated", "were defeated", "been defeated"),
        ("beat", "defeated", "won the", "won a", "won by", "won their", "won its"),
        figure=True,
    ),
    Predicate(("arrest", "captur"), ("escaped", "released", "freed")),
    Predicate(("convict", "found guilty"), ("acquit", "found not guilty", "cleared of")),
    # A target missed: "Did Thompson reach his $5 million goal?" — "fell short of the $5
    # million committee aim".
    Predicate(("reach", "achiev", "attain", "meet$", "met$", "hit$"),
              ("fell short", "fall short", "falls short", "falling short")),
    # A deal undone: "Did Web.com complete its acquisition?" — "filed to rescind its
    # acquisition".
    Predicate(("complet", "finalis", "finaliz"),
              ("rescind", "abandon", "call off", "called off", "scrap", "fell through",
               "fall through", "collaps")),
    Predicate(
        ("kill", "murder"),
        ("alive", "survived", "unharmed", "released", "freed", "rescued", "escaped"),
    ),
    Predicate(("surviv",), ("killed", "died", "dead", "lost", "defeated")),
    # ... a government's survival ends in a collapse of its own, not of a mine's roof
    Predicate(("surviv",), ("collaps", "toppled"), figure=True),
    Predicate(("hold", "held"), ("collaps", "broke down", "broken down")),
    Predicate(("boycott",), ("took part", "take part", "participat")),
    Predicate(("resum", "restart", "reopen"), ("suspend", "halt", "call off", "postpon")),
    # Going on, or stopped: "Did UNRWA keep sending aid?" — "aid will be halted".
    Predicate(("keep", "kept", "continu", "carry on", "carried on", "went on", "go on"),
              ("suspend", "halt", "stopp", "ceas", "call off", "called off")),
    # Going ahead, or put off: "Are the elections still going ahead in June?" — "were supposed
    # to be held in June, but have been postponed".
    Predicate(("go ahead", "going ahead", "went ahead", "goes ahead", "gone ahead",
               "take place", "taking place", "took place", "takes place"),
              ("postpon", "cancel", "call off", "called off", "calling off", "scrap", "put off"),
              synonyms=True),  # (not a delay: "after a delayed start" it still took place)
    # ... and the other way: "Did the strike force the cancellation of the Academy Awards?" —
    # "the Academy Awards can go ahead as scheduled".
    Predicate(("cancel", "cancellation", "call off", "called off", "calling off", "scrap",
               "postpon"),
              ("go ahead", "going ahead", "went ahead", "goes ahead", "gone ahead")),
    # A verb and its contrary: "Did the invasion weaken al-Qaeda?" — "had strengthened
    # al-Qaeda"; "Did Lott criticize it?" — "Lott defended the directive".
    # (the verbs only: "undermined the president's authority" may be of another thing)
    Predicate(("weaken",), ("strengthen", "bolster")),
    Predicate(("strengthen",), ("weaken",)),
    Predicate(("improv",), ("worsen", "deteriorat")),
    Predicate(("worsen", "deteriorat"), ("improv",)),
    # (not "praised": "Obama praised the forces who foiled the attack" for "did he condemn it?")
    Predicate(("criticis", "criticiz", "condemn", "denounc"),
              ("defended", "defends", "defending"), main_clause_only=True),
    # Looking for something in other words: "Is the board looking for investors?" — "The
    # board are seeking investors".
    Predicate(("look for", "looking for", "looked for", "seek", "sought", "search for",
               "searching for", "searched for", "hunt for", "hunting for"), (), synonyms=True),
    # Freed in other words: "Were any of the workers let go?" — "6 of them have been released".
    # (verbs only: "secure the release of", "their freedom" is no one freed)
    Predicate(("let go", "let them go", "let out", "released$", "releasing$", "freed$",
               "set free", "set them free"), (), synonyms=True),
    # Willing in other words: "Was he open to outside mediation?" — "I am willing to have
    # international mediation".
    Predicate(("open to", "willing to", "ready to", "prepared to", "receptive to"),
              ("unwilling", "reluctant to", "not willing", "not prepared", "not ready"),
              synonyms=True),
    Predicate(_ADMIT, _DENY, main_clause_only=True, synonyms=True),
    Predicate(_DENY, _ADMIT, main_clause_only=True, synonyms=True),
    Predicate(_UP, _DOWN, figure=True),  # "Did exports rise?" — "exports fell 4%"
    Predicate(_DOWN, _UP, figure=True),
    Predicate(_RAISE, _LOWER, figure=True),
    Predicate(_LOWER, _RAISE, figure=True),
]


def word_pattern(stem: str) -> str:
    """A lexicon stem as a word with a short ending: "sign" meets "signed" and "signing", not
    "significant"; "withdr" meets "withdrawing"; in a phrase every word takes one ("stay in"
    meets "stayed in", "pull out" "pulled out")."""
    *lead, last = stem.split()
    ending = r"\b" if last.endswith("$") else r"\w{0,5}\b"  # "support$": not "supporters"
    return r"\b" + "".join(rf"{w}\w{{0,3}} " for w in lead) + last.rstrip("$") + ending


# Per predicate group: the claim and contradiction words together.
GROUPS = [
    re.compile("|".join(word_pattern(w) for w in p.claims + p.contradictions)) for p in CONTRADICTS
]
