"""A question naming the kind of sum it wants is answered by a sentence about that kind of sum."""

from bot.priced import sum_matcher


def test_a_salary_is_not_any_sum() -> None:
    states = sum_matcher("What annual salary did General Motors agree to pay Mary Barra?")
    assert states is not None
    assert not states("The government sold its shares, losing around $9 billion on the bailout.")
    assert states("Barra will be paid a salary of $1.6 million a year.")


def test_a_fee_may_be_told_by_what_was_received() -> None:
    states = sum_matcher("What fee did Aerosmith get for playing the dealers' party?")
    assert states is not None
    assert states("Aerosmith received $1 million (€700,000) to perform at the event.")
    assert not states("The band's concert drew 6,000 people who spent $40 on average.")


def test_a_bare_figure_beside_the_noun_is_a_sum() -> None:
    states = sum_matcher("What fine does the French bill provide for?")
    assert states is not None
    assert states("The bill provides for a 1-year prison sentence and a 45,000 fine.")
    assert not states("The bill was passed by 106 votes to 19.")


def test_a_budget_is_not_box_office_takings() -> None:
    states = sum_matcher("What was the production budget of Michael Moore's documentary Sicko?")
    assert states is not None
    assert not states("The documentary earned US$10,200 per screen, second in the weekend.")
    assert states("The film cost $9 million to make.")


def test_no_named_kind_of_sum_leaves_any_sum() -> None:
    assert sum_matcher("How much did Sicko earn in its first weekend?") is None
    assert sum_matcher("Which budget airline flew the route?") is None


def test_a_sum_per_unit_names_the_unit() -> None:
    states = sum_matcher("How much per share did Microsoft offer for Yahoo?")
    assert states is not None
    assert not states("Google and Yahoo bought DoubleClick for $3.1 billion.")
    assert states("Microsoft offered $31 a share, a 62% premium.")
    # (a trial's) a price in pence, per the company's share
    offer = sum_matcher("How much cash per share was Kraft offering Cadbury shareholders?")
    assert offer is not None
    assert offer("Kraft are offering 500p cash per Cadbury share, plus Kraft stock.")
    assert not offer("Kraft bid 10 billion pounds for Cadbury, whose shares rose 5p.")


def test_loose_words_and_counts_are_no_sum() -> None:
    fine = sum_matcher("What fine does the bill provide for?")
    assert fine is not None
    assert not fine("In order to settle, the bank set aside $5 million for legal costs.")
    assert not fine("He received 3 fines this year.")  # a count of fines
    assert not fine("fine " + "1," * 20000)  # (and quickly: the figure is not re-scanned)
    per_share = sum_matcher("How much per share did Microsoft offer for Yahoo?")
    assert per_share is not None
    assert not per_share("Microsoft offered $44.6 billion for Yahoo, whose shares had fallen.")
    asked_how_much = sum_matcher("How much was the fine?")
    assert asked_how_much is not None and asked_how_much("He was fined $500.")
