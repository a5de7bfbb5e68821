from hypothesis import given, settings
from hypothesis import strategies as st

from techbridge.core.matching import MatchEngine, MatchItem, MatchSettings
from techbridge.core.matching.reference_statistics import reference_means
from tests.core.matching.conftest import HashingEncoder

PHRASES = [
    ("zh", "铜合金带材"), ("zh", "锂电池铜箔"), ("zh", "空气源热泵"), ("zh", "激光焊接"),
    ("ru", "медный сплав"), ("ru", "медная фольга для аккумуляторов"), ("ru", "тепловой насос"),
    ("ru", "лазерная сварка"), ("en", "copper alloy strip"), ("en", "heat pump"),
    ("en", "laser welding"), ("en", "battery copper foil"),
]  # fmt: skip

ENCODER = HashingEncoder()
REFERENCE = reference_means(ENCODER, "query")


@settings(max_examples=40, deadline=None)
@given(
    pool=st.lists(st.sampled_from(PHRASES), min_size=1, max_size=15),
    query=st.sampled_from(PHRASES),
    query_in_pool=st.booleans(),
    top=st.integers(min_value=1, max_value=20),
    mode=st.sampled_from(["dense", "lexical", "hybrid"]),
)
def test_matches_are_unique_sorted_and_never_the_query_itself(
    pool, query, query_in_pool, top, mode
):
    items = [
        MatchItem(id=f"p{number}", text=text, language=language)
        for number, (language, text) in enumerate(pool)
    ]
    engine = MatchEngine(ENCODER, MatchSettings(mode=mode), reference=REFERENCE)
    engine.add(items)
    query_id = "p0" if query_in_pool else "q"
    [result] = engine.match([MatchItem(id=query_id, text=query[1], language=query[0])], top=top)
    ids = [match.id for match in result.matches]
    scores = [match.score for match in result.matches]
    available = len(items) - (1 if query_in_pool else 0)
    assert len(ids) == min(top, available)
    assert len(set(ids)) == len(ids)
    assert query_id not in ids
    assert scores == sorted(scores, reverse=True)
