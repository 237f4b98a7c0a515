"""The stylesheet ships beside the code and is found wherever the style module lives."""

import re

from app.views.common.style import style_sheet


def test_the_stylesheet_is_found_and_filled_in_for_both_themes():
    for dark in (False, True):
        sheet = style_sheet(dark)
        assert "QPushButton" in sheet
        assert not re.search(r"@[A-Z_]+@", sheet)
