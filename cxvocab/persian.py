"""Persian text for matching and display (DESIGN §3).

Learners type on Persian, Arabic and English keyboards: the same word can arrive as کیفیت or
كيفيت, with a ZWNJ, a space or nothing between می and the verb, and with ۲, ٢ or 2.
:func:`normalize` folds all of that away before answers or searches are compared.
"""

from __future__ import annotations

import re

ZWNJ = "\u200c"
_LETTERS = str.maketrans(
    {
        "\u064a": "\u06cc",  # Arabic yeh -> Persian yeh
        "\u0649": "\u06cc",  # alef maksura -> Persian yeh
        "\u0643": "\u06a9",  # Arabic kaf -> Persian kaf
        "\u0629": "\u0647",  # teh marbuta -> heh
        "\u0623": "\u0627",  # alef with hamza above -> alef
        "\u0625": "\u0627",  # alef with hamza below -> alef
        "\u0671": "\u0627",  # alef wasla -> alef
    }
)
_TO_LATIN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
_TO_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
# Harakat, tatweel and the invisible joiners and direction marks.
_IGNORED = re.compile("[\u064b-\u065f\u0670\u0640\u200c\u200d\u200e\u200f\u2066-\u2069]")


def normalize(text: str) -> str:
    """A key for comparing what someone typed: Persian letters, Latin digits, no harakat, no
    joiners, lower case, single spaces. «می‌کنم», «می کنم» and «میکنم» give the same key."""
    if text.isascii():  # nothing Persian to fold (most English answers and names)
        return " ".join(text.casefold().split())
    text = text.translate(_LETTERS).translate(_TO_LATIN_DIGITS)
    # A ZWNJ and a space are both ways of not joining: treat them, and their absence, alike
    # between a Persian prefix and its word (می کنم / می‌کنم / میکنم).
    text = re.sub("(?<=[\u0600-\u06ff])[ \u200c]+(?=[\u0600-\u06ff])", lambda m: "" if _joins(m) else " ", text)
    text = _IGNORED.sub("", text)
    return " ".join(text.casefold().split())


def _joins(match: re.Match[str]) -> bool:
    """Whether a space or ZWNJ sits where Persian spelling varies (after می/نمی, before ها/های,
    or a ZWNJ anywhere); a plain space between two ordinary words stays a word break."""
    if ZWNJ in match.group():
        return True
    before = match.string[: match.start()]
    after = match.string[match.end() :]
    return bool(re.search("(?:^|[^\u0600-\u06ff])ن?می$", before) or re.match("(?:ها|های|هایی|تر|ترین)(?:$|[^\u0600-\u06ff])", after))


def persian_digits(text: str) -> str:
    """Latin digits as Persian ones, for numbers shown inside Persian text."""
    return text.translate(_TO_PERSIAN_DIGITS)


def to_latin_digits(text: str) -> str:
    """Persian and Arabic digits as Latin ones (a number typed on a Persian keyboard), and the
    Persian decimal separator as a point."""
    return text.translate(_TO_LATIN_DIGITS).replace("٫", ".")
