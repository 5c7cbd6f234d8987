"""The hall's rotating check-in code (签到码): six digits that change every 30 seconds.

    checkin_code(round_, at) = HMAC-SHA256(round.checkin_secret, floor(at / 30 s)) → 6 digits

A code is accepted during its own 30-second window and the next one (so it expires within
60 s of being shown), compared in constant time. The key (Round.checkin_secret) is made
with the round and never leaves the server: the hall's screen shows only the code and the
QR code of the check-in page with ?code=.
"""

import datetime
import hashlib
import hmac

from .election_models import Round

WINDOW_SECONDS = 30
DIGITS = 6


def _window(at: datetime.datetime) -> int:
    return int(at.timestamp()) // WINDOW_SECONDS


def _code_for(secret: str, window: int) -> str:
    digest = hmac.new(secret.encode(), str(window).encode(), hashlib.sha256).digest()
    # Dynamic truncation as in RFC 4226: 31 bits from an offset the digest picks.
    offset = digest[-1] & 0x0F
    number = int.from_bytes(digest[offset : offset + 4], "big") & 0x7FFFFFFF
    return str(number % 10**DIGITS).zfill(DIGITS)


def checkin_code(round_: Round, at: datetime.datetime) -> str:
    """The code the hall shows at `at` for this round."""
    return _code_for(round_.checkin_secret, _window(at))


def seconds_left(at: datetime.datetime) -> int:
    """Seconds until the code shown at `at` is replaced on the screen."""
    return WINDOW_SECONDS - int(at.timestamp()) % WINDOW_SECONDS


def code_accepted(round_: Round, code: str, at: datetime.datetime) -> bool:
    """True when `code` is the current window's or the previous window's code."""
    typed = "".join(str(code or "").split())
    if len(typed) != DIGITS or not typed.isdigit():
        return False
    secret = round_.checkin_secret
    if not secret:
        return False
    now = _window(at)
    matches = [hmac.compare_digest(_code_for(secret, w), typed) for w in (now, now - 1)]
    return any(matches)


def qr_svg(url: str) -> str:
    """The QR code of `url` as inline SVG (no style attribute: the CSP allows it)."""
    import segno  # imported here: only the hall's screen draws one

    qr = segno.make(url, error="m")
    return str(qr.svg_inline(scale=4, omitsize=True, title="签到二维码", svgclass="hall-qr"))
