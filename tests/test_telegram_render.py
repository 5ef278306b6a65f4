"""Telegram HTML rendering and the access rules, without a network.

Rendered HTML is checked with the fake server's own parser (fake_telegram_html.parse_html, the
same rules as Telegram), so "valid" here means what the end-to-end tests mean by it.
"""

from __future__ import annotations

import logging
from datetime import datetime

import pytest
from fake_telegram_html import parse_html, utf16_len
from telegram import Chat, Message, MessageEntity, User

from bot.answer import ABSTAIN, Answer, Citation
from bot.config import TelegramConfig
from bot.redact import OneLineLibraryErrors, RedactSecrets
from bot.telegram_access import Access, RateLimiter
from bot.telegram_message import command_argument, question_for_bot, shorten, strip_mention
from bot.telegram_render import (
    MAX_MESSAGE,
    render_answer,
    render_sources,
    split_message,
    split_plain,
    visible_length,
)

NASTY = 'Q&A <b>bold</b> <troops> "quoted" & more'


def cite(n: int, url: str | None = None, title: str = NASTY, article: str = "a1") -> Citation:
    return Citation(n, article, title, "2025-05-05", "/srv/corpus/a.txt", f"{NASTY} {n}", url)


def answer(*citations: Citation, text: str = f"{NASTY} [1]") -> Answer:
    return Answer("did <Mexico> & co accept?", text, False, list(citations))


def valid(part: str) -> str:
    """The text Telegram would show; raises like Telegram's 400 if the HTML is invalid."""
    text, _ = parse_html(part)
    assert utf16_len(text.strip()) <= MAX_MESSAGE
    return text


def test_every_piece_of_text_is_escaped() -> None:
    parts = render_answer(answer(cite(1, "https://example.org/a?b=1&c=<2>")))
    assert len(parts) == 1
    shown = valid(parts[0])
    assert f"{NASTY} [1]" in shown
    assert f"[1] {NASTY} — 2025-05-05" in shown
    assert "<troops>" not in parts[0] and "&lt;troops&gt;" in parts[0]


def test_title_is_linked_only_when_the_citation_has_a_url() -> None:
    linked = render_answer(answer(cite(1, "https://example.org/story")))[0]
    assert '<a href="https://example.org/story">' in linked
    _, entities = parse_html(linked)
    assert any(e["type"] == "text_link" for e in entities)
    for url in (None, "", "file:///srv/a.txt", "javascript:alert(1)"):
        plain = render_answer(answer(cite(1, url)))[0]
        assert "<a " not in plain
        assert "/srv/corpus" not in plain  # server paths are not shown to Telegram users


def test_quotes_from_one_article_share_a_source_line() -> None:
    part = render_answer(answer(cite(1), cite(2), cite(3, article="a2", title="Other")))[0]
    assert "[1][2] " in part and "[3] Other" in part


def test_abstention_reads_naturally_and_cites_nothing() -> None:
    abstained = Answer("q", ABSTAIN, True, [cite(1)])
    assert render_answer(abstained) == ["I couldn't find this in the articles."]
    assert render_sources(abstained) == ["The last answer cited no sources."]


def test_note_comes_first_in_italics() -> None:
    part = render_answer(answer(cite(1)), note="Long & cut")[0]
    assert part.startswith("<i>Long &amp; cut</i>\n\n")
    valid(part)


def test_sources_show_quotes_and_the_escaped_question() -> None:
    (part,) = render_sources(answer(cite(1), cite(2)))
    shown = valid(part)
    assert "did <Mexico> & co accept?" in shown
    assert part.count("<blockquote>") == 2 and f"{NASTY} 2" in shown
    assert render_sources(None) == ["No sources yet: ask a question first."]


def test_long_answers_split_between_paragraphs_within_the_limit() -> None:
    paragraphs = [f"<b>{i}</b> " + "&amp;x " * 500 for i in range(12)]  # ~1,500 visible each
    parts = split_message(paragraphs)
    assert len(parts) == 6
    for part in parts:
        text = valid(part)
        assert visible_length(part) == utf16_len(text) <= MAX_MESSAGE
        assert part.count("<b>") == part.count("</b>")  # no tag straddles two messages
    assert "\n\n".join(parts) == "\n\n".join(p.strip() for p in paragraphs)


def test_limit_is_measured_after_entities_and_in_utf16() -> None:
    emoji = "😀" * 2048  # 4,096 UTF-16 units in 2,048 code points
    assert split_message([emoji]) == [emoji]
    assert len(split_message([emoji + "x"])) == 2
    escaped = "&amp;" * 4096  # 20,480 characters of HTML, 4,096 once parsed
    assert split_message([escaped]) == [escaped]


def test_an_oversized_paragraph_is_cut_between_words_and_stays_valid() -> None:
    huge = "<b>" + " ".join(f"w&lt;{i}" for i in range(3000)) + "</b>"
    parts = split_message([huge, "<i>after</i>"])
    assert len(parts) >= 5
    for part in parts:
        valid(part)
    assert parts[-1].endswith("<i>after</i>")
    words = " ".join(valid(p) for p in parts[:-1]).split() + valid(parts[-1]).split()[:-1]
    assert words == [f"w<{i}" for i in range(3000)]


def test_split_plain_cuts_a_huge_word_without_breaking_surrogates() -> None:
    pieces = split_plain("a " + "😀" * 3000, 4096)
    assert [utf16_len(p) for p in pieces] == [1, 4096, 1904]


# -- access rules ----------------------------------------------------------------------------

BOT = User(7, "Newsbot", True, username="newsbot_test_bot")
ALICE = User(11, "Alice", False)


def message(text: str, chat_type: str = "private", reply_to: Message | None = None) -> Message:
    chat = Chat(11 if chat_type == "private" else -100, chat_type)
    entities = [MessageEntity("mention", text.index("@"), len("@newsbot_test_bot"))] \
        if "@newsbot_test_bot" in text else []
    return Message(1, datetime.now(), chat, from_user=ALICE, text=text, entities=entities,
                   reply_to_message=reply_to)


def test_private_text_is_always_a_question() -> None:
    assert question_for_bot(message("  did Mexico accept? "), BOT.id, BOT.username) == \
        "did Mexico accept?"


def test_group_messages_only_when_addressed() -> None:
    assert question_for_bot(message("hi all", "group"), BOT.id, BOT.username) is None
    mention = message("@newsbot_test_bot, did Mexico accept?", "supergroup")
    assert question_for_bot(mention, BOT.id, BOT.username) == "did Mexico accept?"
    bots = Message(5, datetime.now(), Chat(-100, "group"), from_user=BOT, text="answer")
    reply = message("and then?", "group", reply_to=bots)
    assert question_for_bot(reply, BOT.id, BOT.username) == "and then?"
    humans = Message(6, datetime.now(), Chat(-100, "group"), from_user=ALICE, text="x")
    assert question_for_bot(message("and?", "group", reply_to=humans), BOT.id, "b") is None


def test_mention_stripping_and_command_arguments() -> None:
    assert strip_mention("what did @NewsBot_Test_Bot: say", "newsbot_test_bot") == "what did say"
    assert command_argument("/ask@newsbot_test_bot did\nMexico accept?") == "did\nMexico accept?"
    assert command_argument("/ask") == ""


def test_allowlists_and_admins() -> None:
    assert Access(TelegramConfig()).allowed(1, 1)
    access = Access(TelegramConfig(admins=[9], allowed_users=[1], allowed_chats=[-5]))
    assert access.allowed(1, 1) and access.allowed(1, -77)  # an allowed user, anywhere
    assert access.allowed(2, -5)  # anyone in an allowed chat
    assert not access.allowed(2, 2) and not access.allowed(None, 2)
    assert access.allowed(9, 9) and access.is_admin(9) and not access.is_admin(1)


def test_rate_limit_per_user_per_minute() -> None:
    now = [1000.0]
    limiter = RateLimiter(2, clock=lambda: now[0])
    assert limiter.wait_time(1) == 0 and limiter.wait_time(1) == 0
    assert limiter.wait_time(1) == pytest.approx(60)
    assert limiter.wait_time(2) == 0  # per user
    now[0] += 30
    assert limiter.wait_time(1) == pytest.approx(30)
    now[0] += 30
    assert limiter.wait_time(1) == 0
    assert RateLimiter(0).wait_time(1) == 0  # 0 = no limit


def test_shorten_long_questions() -> None:
    assert shorten("short", 1000) == ("short", False)
    text, cut = shorten("word " * 2000, 1000)
    assert cut and len(text) <= 1000 and text.endswith("word")


def test_token_is_redacted_from_messages_and_tracebacks(caplog: pytest.LogCaptureFixture
                                                       ) -> None:
    token = "123456789:AAF-secret_part_0123456789"
    redact = RedactSecrets([token, token.partition(":")[2]])
    logger = logging.getLogger("test.telegram.redact")
    caplog.handler.addFilter(redact)
    try:
        logger.warning("GET https://api/bot%s/getMe", token)
        try:
            raise RuntimeError(f"failed: {token}")
        except RuntimeError:
            logger.exception("boom %s", "AAF-secret_part_0123456789")
    finally:
        caplog.handler.removeFilter(redact)
    assert token not in caplog.text and "secret_part" not in caplog.text
    assert "bot[token]/getMe" in caplog.text and "failed: [token]" in caplog.text


def test_a_library_error_is_one_line_and_a_newsbot_one_keeps_its_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """A Bot API server answering HTML or a 502 made PTB log a full traceback every poll."""
    one_line = OneLineLibraryErrors(RedactSecrets([]))
    caplog.handler.addFilter(one_line)
    try:
        for name in ("telegram.request.BaseRequest", "newsbot.telegram"):
            try:
                raise ValueError("Can not load invalid JSON data: '<html>\n502'")
            except ValueError:
                logging.getLogger(name).exception("request failed")
    finally:
        caplog.handler.removeFilter(one_line)
    library, ours = caplog.records
    assert library.exc_info is None and library.getMessage() == (
        "request failed (ValueError: Can not load invalid JSON data: '<html> 502')"
    )
    assert ours.exc_info is not None


@pytest.mark.parametrize("at", range(150, 215, 8))
def test_a_token_cut_with_a_long_line_is_redacted_before_the_cut(
    caplog: pytest.LogCaptureFixture, at: int
) -> None:
    """An HTML error page that echoes the request path: the cut at 200 characters once fell
    inside the token, which the redactor then no longer matched."""
    token = "123456789:AAHdqTcvCH1vGWJxfSeo_secret_part"
    redact = RedactSecrets([token, token.partition(":")[2]])
    page = "x" * at + f" No backend for POST /bot{token}/getMe " + "y" * 300
    caplog.handler.addFilter(OneLineLibraryErrors(redact))
    try:
        try:
            raise RuntimeError(page)
        except RuntimeError:
            logging.getLogger("telegram.ext.Updater").exception("%s", page)
    finally:
        caplog.handler.removeFilter(caplog.handler.filters[-1])
    assert "AAHdqTcvCH1vGW" not in caplog.text and "123456789:" not in caplog.text
    assert len(caplog.records[0].getMessage().splitlines()) == 1


def test_any_bot_token_is_redacted_even_one_it_was_not_told_of() -> None:
    assert RedactSecrets([]).redact("GET /bot987654321:AAF-another_bots_secret_x/getMe") == (
        "GET /bot[token]/getMe")


def test_a_token_echoed_lower_cased_or_percent_encoded_is_redacted() -> None:
    # A Bot API server's error that repeats the request URL: "Bad url /bot123…%3aaafake…"
    token = "123456789:AAFakeFakeSecretTokenXYZ_trialU"
    redactor = RedactSecrets([token, token.partition(":")[2]])
    encoded = "".join(f"%{b:02x}" for b in f"/bot{token}/getMe".encode())  # every byte
    for echoed in ("Bad url /bot123456789%3aaafakefakesecrettokenxyz_trialu/sendmessage",
                   f"No such method {encoded}", f"double {encoded.replace('%', '%25')}",
                   "Bad url /bot123456789%3AAAFakeFakeSecretTokenXYZ_trialU/sendMessage",
                   "unknown secret aafakefakesecrettokenxyz_trialu"):
        assert "fakesecret" not in redactor.redact(echoed).lower(), echoed
    # and a token it was not told of, encoded the same way
    assert RedactSecrets([]).redact("/bot987654321%3aaaf-another_bots_secret_x/x") == (
        "/bot[token]/x")


def test_a_line_without_a_secret_is_logged_as_written() -> None:
    # (decoding every line turned "%0a" into a line break of its own: a forged log line)
    line = "reindex: 100%25 done, file a%20b.txt, bytes %ff, %0aFAKE ERROR line"
    assert RedactSecrets(["123456789:AAFakeFakeSecretTokenXYZ_trialU"]).redact(line) == line
