"""Colour contrast of the stylesheet's text colours against their backgrounds meets
WCAG 2.1 AA (4.5:1 for normal text)."""

from __future__ import annotations

import re

import pytest

from remediate.settings import REPO_ROOT

CSS = (REPO_ROOT / "webapp" / "static" / "site.css").read_text()
VARIABLES = dict(re.findall(r"--([a-z]+):\s*(#[0-9a-fA-F]{6})", CSS))


def luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("text,background", [
    (VARIABLES["fg"], VARIABLES["bg"]),          # body text
    (VARIABLES["muted"], VARIABLES["bg"]),       # help and notes
    (VARIABLES["accent"], VARIABLES["bg"]),      # links
    ("#ffffff", VARIABLES["accent"]),            # primary button
    ("#b00020", VARIABLES["bg"]),                # error messages
    ("#0b5c3b", "#e3f1e9"),                      # nature-based badge
    (VARIABLES["fg"], "#f3f5f7"),                # buttons
])
def test_text_contrast_meets_wcag_aa(text, background):
    assert text in CSS and background in CSS
    assert contrast(text, background) >= 4.5, f"{text} on {background}: {contrast(text, background):.2f}"
