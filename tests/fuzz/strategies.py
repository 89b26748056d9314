"""Hypothesis strategies for paths, query strings and form bodies: mostly what the portal's own pages
send, mixed with the values the outside probe found (out-of-range years, NUL, "²", 20-digit ids)."""

from urllib.parse import quote, quote_from_bytes

from django.core.files.uploadedfile import SimpleUploadedFile
from hypothesis import strategies as st

REGION_CODES = ["RH", "RSJ", "RSD", "RM", "RN"]
# Query keys any page might read.
COMMON_QUERY_KEYS = [
    "month", "year", "q", "route", "profile", "sort", "page", "format", "a", "b", "period", "kind",
    "type", "phase", "region", "colour", "body", "past", "mine", "next", "state", "lifecycle",
]  # fmt: skip
NASTY = [
    "", " ", "0", "-1", "²", "٣", "1e400", "NaN", "Infinity", "-0", "1.5", "0,5", "1.000,00",
    "12345678901234567890", "99999999999999999999999999", "9223372036854775808",
    "0001-01", "9999-12", "2026-00", "2026-13", "1899-12", "2201-01",
    "0001-01-01", "9999-12-31", "2026-02-30", "2026-13-01", "31.12.2026",
    "a\x00b", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\U0001f600", "Æøå R&D <b>#1</b>", "%00",
    "../../etc/passwd", "' OR 1=1 --", '"><script>x</script>', "x" * 2650, "null", "[]", "{}",
]  # fmt: skip

# Any code point but surrogates; a third of the texts may hold control characters (the door refuses
# those), the rest reach the views.
printable = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=40)
text = st.one_of(printable, printable, st.text(max_size=40))
nasty = st.sampled_from(NASTY)
anything = st.one_of(nasty, text, st.integers(-(10**21), 10**21).map(str))
numbers = st.one_of(
    st.integers(-(10**6), 10**8).map(str),
    st.decimals(allow_nan=True, allow_infinity=True, places=2).map(str),
    nasty,
)
dates = st.one_of(st.dates().map(lambda d: d.isoformat()), nasty)
months = st.one_of(st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}"), nasty)

IDS = st.one_of(st.integers(0, 60).map(str), st.sampled_from(["0", "9223372036854775808", "12345678901234567890"]))
PARAM_VALUES = {
    "id": IDS,
    "int": IDS,
    "str": st.one_of(st.sampled_from(REGION_CODES), text.filter(bool)),
    "slug": st.one_of(st.sampled_from(["pdf", "xlsx", "csv", "html"]), st.from_regex(r"\A[-a-zA-Z0-9_]{1,12}\Z")),
    "month": st.one_of(st.sampled_from(["2026-03", "0001-01", "9999-12", "2026-13", "1899-12", "2201-01"]), months),
    "year": st.one_of(st.integers(1890, 2210).map(str), st.sampled_from(["0", "0000", "99999", "2026"])),
    "uuid": st.uuids().map(str),
    "path": text.filter(bool),
}


def path_values(params, known: dict[str, list[str]]):
    """A value for every path parameter: mostly one seen on a real page, else a shaped or nasty one."""

    def one(name, converter):
        shaped = PARAM_VALUES.get(converter, PARAM_VALUES["str"])
        seen = known.get(name)
        options = [st.sampled_from(seen)] * 4 if seen else []
        return st.one_of(*options, shaped, shaped, anything.filter(bool)).map(lambda v: quote(v, safe=""))

    return st.fixed_dictionaries({name: one(name, converter) for name, converter in params})


def query(keys, values: dict[str, set[str]]):
    """Up to three query parameters, keys mostly from the page's own links and forms."""
    key = st.one_of(st.sampled_from(sorted(keys) or COMMON_QUERY_KEYS), st.sampled_from(COMMON_QUERY_KEYS), text)

    def value_for(k):
        seen = sorted(values.get(k, ()))
        return st.one_of(st.sampled_from(seen), anything) if seen else anything

    return st.lists(key.flatmap(lambda k: st.tuples(st.just(k), value_for(k))), max_size=3)


def _upload():
    return st.builds(
        SimpleUploadedFile,
        st.sampled_from(["bilag.pdf", "notat.docx", "billede.png", "a\x00.pdf", "x" * 300 + ".pdf", ".pdf"]),
        st.one_of(st.binary(max_size=256), st.just(b"%PDF-1.4\n%%EOF"), st.just(b"<html>")),
    )


def field_value(f, *, typed_only: bool):
    """A value for one form field. typed_only: choices (hidden, select, radio, buttons) stay as the page
    offers them, as a user would send; only what a user types varies."""
    offered = sorted(f.values)
    if f.kind == "choice" and offered and typed_only:
        return st.sampled_from(offered)
    kinds = {"text": st.one_of(text, nasty), "date": dates, "month": months, "number": numbers, "file": _upload()}
    typed = kinds.get(f.kind, anything)
    return st.one_of(st.sampled_from(offered), typed, anything) if offered else typed


def _maybe(strategy, *, optional: bool):
    return st.one_of(st.none(), strategy) if optional else strategy


def form_body(form, *, typed_only: bool):
    """A dict body for a form: each field present or left out, plus now and then a stray field."""
    fields = {
        # a user's submission leaves out only a file
        name: _maybe(field_value(f, typed_only=typed_only), optional=not typed_only or f.kind == "file")
        for name, f in form.fields.items()
    }
    extra = st.dictionaries(st.sampled_from(COMMON_QUERY_KEYS) | text, anything, max_size=0 if typed_only else 2)
    return st.tuples(st.fixed_dictionaries(fields), extra).map(
        lambda parts: {**parts[1], **{k: v for k, v in parts[0].items() if v is not None}}
    )


def _without_control_bytes(data: bytes) -> bytes:
    return bytes(b for b in data if 32 <= b != 127)


# without control bytes half the time, so that the bytes get past the door to the views
raw_bytes = st.one_of(st.binary(max_size=64), st.binary(max_size=64).map(_without_control_bytes))


def raw_field_bytes(names):
    """Schema-less: random bytes, percent-encoded, in every field the page has and a few it has not."""
    name = st.one_of(st.sampled_from(sorted(names) or COMMON_QUERY_KEYS), st.binary(min_size=1, max_size=8))
    pair = st.tuples(name, raw_bytes)

    def encode(part):
        return quote_from_bytes(part.encode() if isinstance(part, str) else part, safe="")

    return st.lists(pair, max_size=6).map(lambda pairs: "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs))
