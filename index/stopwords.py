"""Words a question shares with most articles: left out of a question's search terms (they
match everything and say nothing about the answer), yet kept in the index, as their stems can
be other words' stems ("news" and "new"). English function words, plus the words people wrap
a news question in ("latest", "according", "happened")."""

# One string, split: a word a line would make this list the longest thing in the package.
STOPWORDS = frozenset(
    """
    a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for
    from further had has have having he her here hers herself him himself his how i if in
    into is it its itself just me more most my myself no nor not now of off on once only
    or other our ours out over own same she should so some such than that the their theirs
    them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom whose why will with would you your yours
    yourself yourselves done say said tell told according latest recent news happened
    happen happens happening newest developments concerning regarding
    """.split()  # noqa: SIM905
)
