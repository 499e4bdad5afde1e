"""Bytes-to-text decoding for Japanese mail: CP50221-tolerant ISO-2022-JP, cp932, cp51932-like EUC-JP, detection.

Python's codecs are strict JIS X 0208 implementations, but Japanese business mail
is written on Windows: ISO-2022-JP from Outlook is really CP50220/CP50221 (NEC
row 13 ①㈱№, NEC-selected IBM extensions 髙﨑), "Shift_JIS" is really cp932 and
"EUC-JP" is often cp51932. We therefore decode every JIS X 0208 code pair through
the Shift_JIS formula and cp932, which is also what the WHATWG Encoding Standard
(and so Thunderbird and web mail) does. See docs/email-decoding.md.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from .problems import Problem

# Canonical names reported in DecodedText.charset_used.
ISO2022JP = "iso-2022-jp"
CP932 = "cp932"
EUCJP = "euc-jp"
UTF8 = "utf-8"

_ISO2022JP_LABELS = frozenset(
    {
        "iso-2022-jp",
        "iso2022jp",
        "iso_2022_jp",
        "csiso2022jp",
        "iso-2022-jp-1",
        "iso-2022-jp-2",
        "csiso2022jp2",
        "iso-2022-jp-3",
        "iso-2022-jp-2004",
        "iso-2022-jp-ext",
        "iso-2022-jp-ms",
        "cp50220",
        "cp50221",
        "cp50222",
        "jis",
        "x-jis",
        "jis7",
    }
)
_CP932_LABELS = frozenset(
    {
        "shift_jis",
        "shift-jis",
        "shiftjis",
        "sjis",
        "s-jis",
        "s_jis",
        "x-sjis",
        "x-shift_jis",
        "x-shift-jis",
        "csshiftjis",
        "ms_kanji",
        "ms-kanji",
        "windows-31j",
        "cswindows31j",
        "ms932",
        "cp932",
        "x-ms-cp932",
        "ibm-943",
        "ibm943",
        "shift_jis_2004",
        "shift_jisx0213",
        "shift-jisx0213",
    }
)
_EUCJP_LABELS = frozenset(
    {
        "euc-jp",
        "eucjp",
        "euc_jp",
        "x-euc-jp",
        "x-euc",
        "ujis",
        "cseucpkdfmtjapanese",
        "cp51932",
        "euc-jis-2004",
        "euc_jis_2004",
        "euc-jisx0213",
        "euc_jisx0213",
        "eucjp-ms",
        "eucjp-win",
        "eucjp-open",
    }
)
_UTF8_LABELS = frozenset({"utf-8", "utf8", "unicode-1-1-utf-8", "x-unicode20utf8", "utf-8-sig"})

# Labels whose decoder accepts any byte: a clean decode proves nothing, so 8-bit
# content under these labels is double-checked against Japanese charsets.
_PERMISSIVE_CODECS = frozenset(
    {"latin-1", "iso8859-1", "cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1257"}
    | {f"iso8859-{n}" for n in range(2, 17)}
)


@dataclass(frozen=True)
class UndecodableSpan:
    """Bytes no candidate charset could decode; text_offset is where their U+FFFD run starts."""

    text_offset: int
    raw: bytes


@dataclass(frozen=True)
class DecodedText:
    text: str
    charset_used: str
    declared: str | None = None
    warnings: tuple[Problem, ...] = ()
    undecodable: tuple[UndecodableSpan, ...] = ()


def canonical_charset(*, label: str | None) -> str | None:
    """Map a MIME charset label to the decoder we use, or None when the label is unknown or empty."""
    if not label:
        return None
    name = label.strip().strip("\"'").strip().lower()
    if not name or not name.isascii():
        return None
    if name in _ISO2022JP_LABELS or name.startswith("iso-2022-jp"):
        return ISO2022JP
    if name in _CP932_LABELS:
        return CP932
    if name in _EUCJP_LABELS:
        return EUCJP
    if name in _UTF8_LABELS:
        return UTF8
    if name in {"us-ascii", "ascii", "ansi_x3.4-1968", "iso646-us", "csascii", "us"}:
        return "ascii"
    try:
        return codecs.lookup(name).name
    except (LookupError, UnicodeError, ValueError):
        return None


# --- JIS code pairs ---------------------------------------------------------


def _jis_pair_to_sjis(j1: int, j2: int) -> bytes:
    # The textbook JIS X 0208 -> Shift_JIS arithmetic; rows 89-92 land on
    # cp932's NEC-selected IBM extensions (0xED/0xEE), row 13 on NEC specials.
    s1 = ((j1 + 1) >> 1) + (0x70 if j1 <= 0x5E else 0xB0)
    if j1 & 1:
        s2 = j2 + 0x1F
        if s2 >= 0x7F:
            s2 += 1
    else:
        s2 = j2 + 0x7E
    return bytes((s1, s2))


def _decode_jis0208_pair(j1: int, j2: int) -> str | None:
    try:
        return _jis_pair_to_sjis(j1, j2).decode("cp932")
    except UnicodeDecodeError:
        pass
    # Cells cp932 leaves empty may still be JIS X 0213 (Mac "ISO-2022-JP-3" mailers).
    try:
        return bytes((j1 | 0x80, j2 | 0x80)).decode("euc_jis_2004")
    except UnicodeDecodeError:
        return None


def _try_decode(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError:
        return None


def _bad(raw: bytes) -> str:
    # Undecodable bytes travel through the decoders as private surrogates
    # (U+DC00 + byte) so _finish can turn them into spans with exact offsets.
    return "".join(chr(0xDC00 + b) for b in raw)


# --- ISO-2022-JP (CP50220/50221/50222, -1, -2, -3 tolerant) ----------------

_TWO_BYTE_MODES = {"jis0208", "jis0212", "x0213p1", "x0213p2", "gb2312", "ksc5601"}

_ESCAPES: dict[bytes, tuple[str, str]] = {
    # sequence -> (target, value); target "g0" changes the main mode, "g2" the single-shift set.
    b"\x1b(B": ("g0", "ascii"),
    b"\x1b(J": ("g0", "roman"),
    b"\x1b(H": ("g0", "roman"),
    b"\x1b(I": ("g0", "kana"),
    b"\x1b$@": ("g0", "jis0208"),
    b"\x1b$B": ("g0", "jis0208"),
    b"\x1b$(B": ("g0", "jis0208"),
    b"\x1b$(@": ("g0", "jis0208"),
    b"\x1b$A": ("g0", "gb2312"),
    b"\x1b$(A": ("g0", "gb2312"),
    b"\x1b$(C": ("g0", "ksc5601"),
    b"\x1b$(D": ("g0", "jis0212"),
    b"\x1b$(O": ("g0", "x0213p1"),
    b"\x1b$(Q": ("g0", "x0213p1"),
    b"\x1b$(P": ("g0", "x0213p2"),
    b"\x1b&@": ("noop", ""),  # JIS X 0208-1990 announcer, always followed by ESC $ B
    b"\x1b.A": ("g2", "latin-1"),
    b"\x1b.F": ("g2", "iso8859-7"),
}


def _decode_two_byte(mode: str, b1: int, b2: int) -> str | None:
    if mode == "jis0208":
        return _decode_jis0208_pair(b1, b2)
    hi = bytes((b1 | 0x80, b2 | 0x80))
    if mode == "jis0212":
        return _try_decode(b"\x8f" + hi, "euc_jp") or _try_decode(b"\x8f" + hi, "euc_jis_2004")
    if mode == "x0213p1":
        return _try_decode(hi, "euc_jis_2004") or _decode_jis0208_pair(b1, b2)
    if mode == "x0213p2":
        return _try_decode(b"\x8f" + hi, "euc_jis_2004")
    if mode == "gb2312":
        return _try_decode(hi, "gb2312")
    if mode == "ksc5601":
        return _try_decode(hi, "euc_kr")
    return None


def _decode_stray_8bit(run: bytes) -> str:
    # Some mailers paste cp932 or UTF-8 fragments into ISO-2022-JP bodies.
    for codec in ("cp932", "utf-8"):
        text = _try_decode(run, codec)
        if text is not None:
            return text
    return _bad(run)


_PAIR_RUN = re.compile(rb"(?:[\x21-\x7e]{2})+")
_ASCII_RUN = re.compile(rb"[\x20-\x7e\t]+")


def _pairs(run: bytes) -> list[bytes]:
    return [run[k : k + 2] for k in range(0, len(run), 2)]


def _decode_iso2022jp(data: bytes) -> tuple[str, list[Problem]]:
    out: list[str] = []
    notes: list[Problem] = []
    mode = "ascii"
    g2: str | None = None
    shifted_out = False  # SO/SI half-width katakana (CP50222 style)
    slow_until = 0
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b == 0x1B:
            for seq, (target, value) in _ESCAPES.items():
                if data.startswith(seq, i):
                    if target == "g0":
                        mode = value
                    elif target == "g2":
                        g2 = value
                    i += len(seq)
                    break
            else:
                if data.startswith(b"\x1bN", i) and i + 2 < n and g2 is not None:
                    out.append(bytes((data[i + 2] | 0x80,)).decode(g2))
                    i += 3
                else:
                    out.append(_bad(b"\x1b"))
                    i += 1
            continue
        if b == 0x0E:
            shifted_out = True
            i += 1
            continue
        if b == 0x0F:
            shifted_out = False
            i += 1
            continue
        if b in (0x0A, 0x0D):
            # RFC 1468 requires ASCII at every line end; a mailer that forgot
            # ESC ( B would otherwise turn the next ASCII line into kanji.
            if mode not in ("ascii", "roman") or shifted_out:
                notes.append(Problem.of("iso2022jp_unterminated_line"))
                mode = "ascii"
                shifted_out = False
            out.append(chr(b))
            i += 1
            continue
        if b >= 0x80:
            # Take the whole 8-bit stretch, including cp932 trail bytes in 0x40-0x7E.
            j = i + 1
            while j < n and (data[j] >= 0x80 or (0x40 <= data[j] <= 0x7E and data[j - 1] >= 0x80)):
                j += 1
            if 0xA1 <= b <= 0xDF and j == i + 1:
                # CP50221 accepts raw 8-bit half-width katakana.
                out.append(bytes((b,)).decode("cp932"))
            else:
                out.append(_decode_stray_8bit(data[i:j]))
                notes.append(Problem.of("iso2022jp_8bit"))
            i = j
            continue
        if shifted_out or mode == "kana":
            if 0x21 <= b <= 0x5F:
                out.append(bytes((b + 0x80,)).decode("cp932"))
            else:
                out.append(chr(b))
            i += 1
            continue
        if mode == "jis0208" and i >= slow_until:
            # Fast path: convert a whole run of pairs to Shift_JIS and decode once;
            # a run with a bad cell is then walked pair by pair (only once).
            run = _PAIR_RUN.match(data, i)
            if run is not None:
                slow_until = run.end()
                sjis = b"".join(_jis_pair_to_sjis(p[0], p[1]) for p in _pairs(run.group()))
                text = _try_decode(sjis, "cp932")
                if text is not None and len(text) * 2 == len(run.group()):
                    out.append(text)
                    i = run.end()
                    continue
        if mode in _TWO_BYTE_MODES:
            if 0x21 <= b <= 0x7E and i + 1 < n and 0x21 <= data[i + 1] <= 0x7E:
                char = _decode_two_byte(mode, b, data[i + 1])
                out.append(char if char is not None else _bad(data[i : i + 2]))
                i += 2
            else:
                out.append(chr(b))
                i += 1
            continue
        if mode == "ascii":
            ascii_run = _ASCII_RUN.match(data, i)
            if ascii_run is not None:
                out.append(ascii_run.group().decode("ascii"))
                i = ascii_run.end()
                continue
        if mode == "roman" and b == 0x5C:
            out.append("\u00a5")
        elif mode == "roman" and b == 0x7E:
            out.append("\u203e")
        else:
            out.append(chr(b))
        i += 1
    return "".join(out), notes


# --- EUC-JP (cp51932-like) --------------------------------------------------


def _decode_eucjp(data: bytes) -> str:
    out: list[str] = []
    i = 0
    n = len(data)
    while i < n:
        b = data[i]
        if b < 0x80:
            out.append(chr(b))
            i += 1
        elif b == 0x8E and i + 1 < n and 0xA1 <= data[i + 1] <= 0xDF:
            out.append(bytes((data[i + 1],)).decode("cp932"))
            i += 2
        elif b == 0x8F and i + 2 < n and 0xA1 <= data[i + 1] <= 0xFE and 0xA1 <= data[i + 2] <= 0xFE:
            char = _try_decode(data[i : i + 3], "euc_jp") or _try_decode(data[i : i + 3], "euc_jis_2004")
            out.append(char if char is not None else _bad(data[i : i + 3]))
            i += 3
        elif 0xA1 <= b <= 0xFE and i + 1 < n and 0xA1 <= data[i + 1] <= 0xFE:
            # Same cell table as ISO-2022-JP, so NEC row 13 (0xADA1 = ①) and
            # NEC-selected IBM rows 89-92 decode the way cp51932 does.
            char = _decode_jis0208_pair(b & 0x7F, data[i + 1] & 0x7F)
            out.append(char if char is not None else _bad(data[i : i + 2]))
            i += 2
        else:
            out.append(_bad(data[i : i + 1]))
            i += 1
    return "".join(out)


# --- generic codecs ---------------------------------------------------------


def _decode_codec(data: bytes, codec: str) -> str:
    if codec == UTF8 and data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    # surrogateescape yields U+DC80..U+DCFF for failed bytes, which is exactly
    # our U+DC00+byte scheme (ASCII-compatible codecs never fail below 0x80).
    return data.decode(codec, errors="surrogateescape")


_CP932_SINGLE_BYTE_ODDITIES = {0x80: 0xDC80, 0xF8F0: 0xDCA0, 0xF8F1: 0xDCFD, 0xF8F2: 0xDCFE, 0xF8F3: 0xDCFF}


def _decode_with(data: bytes, charset: str) -> tuple[str, list[Problem]]:
    if charset == ISO2022JP:
        return _decode_iso2022jp(data)
    if charset == EUCJP:
        return _decode_eucjp(data), []
    if charset == CP932:
        # cp932 "decodes" the lone bytes 0x80/0xA0/0xFD-0xFF to best-fit code
        # points no sender typed; count them as undecodable instead.
        text = _decode_codec(data, "cp932").translate(_CP932_SINGLE_BYTE_ODDITIES)
        if _has_bad(text):
            # Shift_JIS-2004 covers JIS X 0213 cells cp932 does not have.
            alt = _try_decode(data, "shift_jis_2004")
            if alt is not None:
                return alt, []
        return text, []
    try:
        return _decode_codec(data, charset), []
    except (LookupError, UnicodeError):
        return _bad(data), []


_BAD = re.compile("[\udc00-\udcff]")


def _has_bad(text: str) -> bool:
    return _BAD.search(text) is not None


def _bad_count(text: str) -> int:
    return len(_BAD.findall(text))


def _finish(
    *,
    text: str,
    charset_used: str,
    declared: str | None,
    warnings: list[Problem],
) -> DecodedText:
    if not _has_bad(text):
        return DecodedText(
            text=text,
            charset_used=charset_used,
            declared=declared,
            warnings=tuple(dict.fromkeys(warnings)),
        )
    spans: list[UndecodableSpan] = []
    out: list[str] = []
    pending = bytearray()
    start = 0
    for pos, c in enumerate(text):
        if "\udc00" <= c <= "\udcff":
            if not pending:
                start = pos
            pending.append(ord(c) - 0xDC00)
            out.append("\ufffd")
        else:
            if pending:
                spans.append(UndecodableSpan(text_offset=start, raw=bytes(pending)))
                pending = bytearray()
            out.append(c)
    if pending:
        spans.append(UndecodableSpan(text_offset=start, raw=bytes(pending)))
    if spans:
        total = sum(len(s.raw) for s in spans)
        hexed = " ".join(s.raw.hex(" ") for s in spans[:5])
        warnings.append(Problem.of("undecodable_bytes", count=str(total), hex=hexed + (" …" if len(spans) > 5 else "")))
    deduped: list[Problem] = []
    for w in warnings:
        if w not in deduped:
            deduped.append(w)
    return DecodedText(
        text="".join(out),
        charset_used=charset_used,
        declared=declared,
        warnings=tuple(deduped),
        undecodable=tuple(spans),
    )


# --- plausibility -----------------------------------------------------------


def _char_weight(c: str) -> float:
    o = ord(c)
    if (
        0x3040 <= o <= 0x30FF  # hiragana, katakana
        or 0x4E00 <= o <= 0x9FFF  # CJK unified ideographs
        or 0x3000 <= o <= 0x303F  # CJK punctuation
        or 0xFF01 <= o <= 0xFF5E  # full-width ASCII
        or 0xF900 <= o <= 0xFAFF  # compatibility ideographs (﨑)
        or 0x2460 <= o <= 0x24FF  # ①
        or 0x3200 <= o <= 0x33FF  # ㈱ ㎡
        or 0x2160 <= o <= 0x217F  # Ⅰ
        or 0x2010 <= o <= 0x2312  # dashes, quotes, arrows, maths used in JIS row 1-2
        or 0x25A0 <= o <= 0x266F  # ■ ★ ♪
        or 0x0391 <= o <= 0x03C9  # Greek and
        or 0x0410 <= o <= 0x044F  # Cyrillic are in JIS X 0208
        or o in (0x00A7, 0x00A8, 0x00B0, 0x00B1, 0x00B4, 0x00B6, 0x00D7, 0x00F7, 0xFFE5, 0xFF5E)
    ):
        return 1.0
    if 0xFF61 <= o <= 0xFF9F:
        # Half-width katakana is rare in real text but typical of mis-decoding.
        return -1.0
    if 0x0080 <= o <= 0x009F or 0xE000 <= o <= 0xF8FF or 0xDC00 <= o <= 0xDCFF or o == 0xFFFD:
        return -2.0
    if 0x00C0 <= o <= 0x024F:
        return 0.3
    return 0.0


def _japanese_score(text: str) -> float:
    weights = [_char_weight(c) for c in text if ord(c) >= 0x80]
    if not weights:
        return 1.0
    return sum(weights) / len(weights)


def _has_kana(text: str) -> bool:
    return any(0x3041 <= ord(c) <= 0x30FA for c in text)


def _looks_iso2022jp(data: bytes) -> bool:
    return any(seq in data for seq in (b"\x1b$B", b"\x1b$@", b"\x1b(I", b"\x1b$(D", b"\x1b$(Q", b"\x1b$(O"))


def _normalizer_guess(data: bytes) -> str | None:
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - listed in project dependencies
        return None
    if len(data) < 32:
        return None  # too little text for a statistical guess to beat U+FFFD
    best = from_bytes(data).best()
    if best is None or not best.encoding or best.chaos > 0.1:
        return None
    return canonical_charset(label=best.encoding)


def _mismatch(declared: str | None, used: str) -> Problem:
    if declared and declared.strip() and canonical_charset(label=declared) is None:
        return Problem.of("unknown_charset", declared=declared.strip(), used=used)
    if declared and declared.strip():
        return Problem.of("charset_mismatch", declared=declared, used=used)
    return Problem.of("charset_detected", used=used)


# --- public entry point -----------------------------------------------------


def decode_bytes(*, data: bytes, declared: str | None) -> DecodedText:
    """Decode mail bytes to text, trusting the declared label only as far as the bytes agree.

    Order: the declared charset, then UTF-8, ISO-2022-JP (when escape sequences
    are present), cp932, EUC-JP, then charset-normalizer. Nothing is dropped:
    bytes no candidate can decode become U+FFFD in ``text`` and are kept in
    ``undecodable`` together with a warning.
    """
    warnings: list[Problem] = []
    charset = canonical_charset(label=declared)
    if declared is not None and not declared.isascii():
        # A label with raw 8-bit bytes must not smuggle surrogates into warnings.
        declared = declared.encode("ascii", "backslashreplace").decode("ascii")
    if not data:
        return DecodedText(text="", charset_used=charset or "ascii", declared=declared, warnings=tuple(warnings))

    has_high = any(b >= 0x80 for b in data)
    has_esc = _looks_iso2022jp(data)

    if not has_high and not has_esc:
        if charset is not None and charset.startswith(("utf-16", "utf-32", "utf-7")):
            # The only labels under which 7-bit bytes are not simply ASCII.
            text, notes = _decode_with(data, charset)
            return _finish(text=text, charset_used=charset, declared=declared, warnings=warnings + notes)
        if declared and declared.strip() and charset is None:
            warnings.append(_mismatch(declared, "ascii"))
        return _finish(text=data.decode("ascii"), charset_used=charset or "ascii", declared=declared, warnings=warnings)

    tried: dict[str, tuple[str, list[Problem]]] = {}

    def attempt(name: str) -> tuple[str, list[Problem]]:
        if name not in tried:
            tried[name] = _decode_with(data, name)
        return tried[name]

    # 1. The declared label, when the bytes plausibly match it.
    if charset is not None:
        text, notes = attempt(charset)
        declared_ok = not _has_bad(text)
        if charset == ISO2022JP and has_high and not has_esc:
            declared_ok = False  # 8-bit data cannot be ISO-2022-JP; mislabelled cp932/UTF-8
        if charset in {UTF8, "ascii"} and has_esc and not has_high:
            declared_ok = False  # raw JIS escapes under a UTF-8/ASCII label
        if declared_ok and charset not in {UTF8, ISO2022JP}:
            # A clean decode under a legacy label can still be the wrong one:
            # Latin labels accept any byte, and UTF-8 can pass as cp932.
            score = _japanese_score(text)
            utf8_text = _try_decode(data, "utf-8")
            if utf8_text is not None and _japanese_score(utf8_text) > score and _has_kana(utf8_text):
                declared_ok = False
            elif charset in _PERMISSIVE_CODECS:
                for alt in (CP932, EUCJP):
                    alt_text, _ = attempt(alt)
                    if not _has_bad(alt_text) and _has_kana(alt_text) and _japanese_score(alt_text) > score:
                        declared_ok = False
                        break
        if declared_ok:
            return _finish(text=text, charset_used=charset, declared=declared, warnings=warnings + notes)

    # 2. Detection among the charsets Japanese mail actually uses.
    order = [UTF8] + ([ISO2022JP] if has_esc else []) + [CP932, EUCJP]
    clean: list[tuple[float, int, str]] = []
    for rank, name in enumerate(order):
        if name == charset:
            continue
        text, _ = attempt(name)
        if not _has_bad(text):
            if name == UTF8:
                # Valid UTF-8 with multibyte sequences is almost never an accident.
                clean.append((2.0, -rank, name))
                break
            clean.append((_japanese_score(text), -rank, name))
    if clean:
        best = max(clean)
        if best[0] > 0:
            text, notes = tried[best[2]]
            warnings.append(_mismatch(declared, best[2]))
            return _finish(text=text, charset_used=best[2], declared=declared, warnings=warnings + notes)

    # 3. A statistical guess for everything else (Chinese, Korean, Cyrillic ...).
    guess = _normalizer_guess(data)
    if guess is not None:
        text, notes = attempt(guess)
        if not _has_bad(text):
            warnings.append(_mismatch(declared, guess))
            return _finish(text=text, charset_used=guess, declared=declared, warnings=warnings + notes)

    # 4. Nothing decodes cleanly: keep the candidate that loses the fewest bytes.
    candidates = ([charset] if charset else []) + order
    best_name = min(candidates, key=lambda name: (_bad_count(attempt(name)[0]), candidates.index(name)))
    text, notes = attempt(best_name)
    if best_name != charset:
        warnings.append(_mismatch(declared, best_name))
    return _finish(text=text, charset_used=best_name, declared=declared, warnings=warnings + notes)
