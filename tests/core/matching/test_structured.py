from techbridge.core.matching import MatchItem
from techbridge.core.matching.structured import field_overlap, structured_evidence


def item(**fields):
    return MatchItem(id=fields.pop("id", "x"), text="t", **fields)


def test_field_overlap_scores_the_shared_share_of_the_longer_path():
    assert field_overlap("materials.metals.copper", "materials.metals.copper") == 1.0
    assert field_overlap("materials.metals.copper", "materials.metals") == 2 / 3
    assert field_overlap("materials.metals", "energy_storage") == 0.0


def test_structured_evidence_averages_the_signals_both_items_carry():
    need = item(
        fields=("materials.metals.copper",),
        trl=6,
        cooperation_forms=frozenset({"licence", "joint_rnd"}),
        regions=frozenset({"CN-36"}),
    )
    offer = item(
        fields=("materials.metals", "manufacturing"),
        trl=4,
        cooperation_forms=frozenset({"licence"}),
        regions=frozenset({"RU-MOW"}),
    )
    evidence = structured_evidence(need, offer)
    assert evidence.field_pairs == (("materials.metals.copper", "materials.metals", 2 / 3),)
    assert evidence.trl_compatibility == 0.75
    assert evidence.shared_cooperation_forms == ("licence",)
    assert evidence.shared_regions == ()
    assert evidence.score == (2 / 3 + 0.75 + 1.0 + 0.0) / 4


def test_structured_evidence_is_none_without_shared_kinds_of_data():
    assert structured_evidence(item(trl=5), item(regions=frozenset({"CN-21"}))).score is None
