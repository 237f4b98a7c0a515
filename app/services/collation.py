"""Text in the order a reader expects, without Qt, for reports and the CLI.

The rule is the one the app's lists follow through QCollator (app/views/common/table_model.py):
the Unicode collation order for English, with numbers in numeric order. Letters compare
first, ignoring accents and case (Ł sorts with L, Ö with O, "Room 2" before "Room 10");
then accents; then case, lower case first.
"""

import unicodedata

# Letters that Unicode does not split into a base letter and a mark.
_BASE_LETTERS = str.maketrans(
    {
        "Ł": "L",
        "ł": "l",
        "Ø": "O",
        "ø": "o",
        "Đ": "D",
        "đ": "d",
        "Ð": "D",
        "ð": "d",
        "Ħ": "H",
        "ħ": "h",
        "Ŧ": "T",
        "ŧ": "t",
        "ß": "ss",
        "ẞ": "SS",
        "Æ": "AE",
        "æ": "ae",
        "Œ": "OE",
        "œ": "oe",
    }
)
# Accents in the order the Unicode collation ranks them (acute before grave, and so on);
# any other mark follows these, by code point.
_MARK_ORDER = {
    chr(code): rank
    for rank, code in enumerate(
        (
            *(0x301, 0x300, 0x306, 0x302, 0x30C, 0x30A, 0x308, 0x30B, 0x303, 0x307),
            *(0x338, 0x327, 0x328, 0x304, 0x309, 0x31B, 0x323),
        )
    )
}
# Letters of their own, between two others: the dotless ı comes after i and before j.
_BETWEEN = {"ı": "i\U0010ffff"}
_SPACE, _PUNCTUATION, _DIGITS, _LETTER = range(4)


def sort_key(text: str) -> tuple:
    """A key for `sorted()` that orders `text` as the app's lists do."""
    primary: list[tuple] = []
    accents: list[tuple[int, ...]] = []
    cases: list[int] = []
    widths: list[int] = []  # "2" before "02": equal numbers, fewer digits first
    digits = ""
    for char in unicodedata.normalize("NFKD", text.translate(_BASE_LETTERS)):
        if unicodedata.combining(char):
            if accents:
                accents[-1] += (_MARK_ORDER.get(char, len(_MARK_ORDER) + ord(char)),)
            continue
        if char.isdigit() and unicodedata.decimal(char, None) is not None:
            digits += str(unicodedata.decimal(char))
            continue
        if digits:
            primary.append((_DIGITS, int(digits), ""))
            widths.append(len(digits))
            digits = ""
        folded = _BETWEEN.get(char) or char.casefold()
        kind = _LETTER if char.isalpha() else _SPACE if char.isspace() else _PUNCTUATION
        primary.append((kind, 0, folded))
        accents.append(())
        cases.append(0 if char == char.casefold() else 1)
    if digits:
        primary.append((_DIGITS, int(digits), ""))
        widths.append(len(digits))
    return (tuple(primary), tuple(accents), tuple(cases), tuple(widths), text)
