from techbridge.core.matching import MatchEngine, MatchItem
from techbridge.core.matching.duplicates import duplicates_of, find_near_duplicates
from tests.core.matching.catalogue import OFFERS

ENGLISH_COPY_OF_FOIL = MatchItem(
    id="en-foil",
    title="Ultra-thin electrolytic copper foil for lithium-ion batteries",
    text=(
        "The institute has developed a process for double-sided electrolytic copper foil "
        "4.5–6 μm thick for lithium-ion battery anodes. Tensile strength above 400 MPa, "
        "no pinholes. We offer a licence and line start-up."
    ),
    language="en",
)


def test_a_translation_is_flagged_as_a_duplicate_and_different_offers_are_not(real_encoder):
    engine = MatchEngine(real_encoder)
    engine.add([*OFFERS, ENGLISH_COPY_OF_FOIL])
    pairs = find_near_duplicates(engine)
    assert [(pair.first_id, pair.second_id) for pair in pairs] in (
        [("ru-foil", "en-foil")],
        [("en-foil", "ru-foil")],
    )
    assert pairs[0].crosses_languages is True


def test_duplicates_of_a_new_item_before_publication(real_encoder):
    engine = MatchEngine(real_encoder)
    engine.add(OFFERS)
    pairs = duplicates_of(engine, [ENGLISH_COPY_OF_FOIL])
    assert [(pair.first_id, pair.second_id) for pair in pairs] == [("en-foil", "ru-foil")]
    assert pairs[0].first_language == "en"
    assert pairs[0].second_language == "ru"


def test_the_check_before_publication_flags_what_the_exhaustive_comparison_flags(real_encoder):
    """Scoring only each text's nearest candidates loses no pair on a small pool."""
    engine = MatchEngine(real_encoder)
    engine.add([*OFFERS, ENGLISH_COPY_OF_FOIL])
    exhaustive = {
        frozenset((pair.first_id, pair.second_id)) for pair in find_near_duplicates(engine)
    }
    for candidates in (2, 100):
        checked = duplicates_of(engine, [*OFFERS, ENGLISH_COPY_OF_FOIL], candidates=candidates)
        assert {frozenset((pair.first_id, pair.second_id)) for pair in checked} == exhaustive
        # Each text skips its own entry in the pool.
        assert all(pair.first_id != pair.second_id for pair in checked)


def test_an_item_already_published_is_not_its_own_duplicate(real_encoder):
    engine = MatchEngine(real_encoder)
    engine.add([ENGLISH_COPY_OF_FOIL])
    assert duplicates_of(engine, [ENGLISH_COPY_OF_FOIL]) == []
    assert duplicates_of(MatchEngine(real_encoder), [ENGLISH_COPY_OF_FOIL]) == []
