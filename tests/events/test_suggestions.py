"""Whom to meet: the matching engine's similarity of participants' catalogue items orders
the participant list and weighs meeting requests."""

import pytest

from techbridge.catalogue.models import TechnologyField
from techbridge.events import suggestions
from techbridge.events.services.requests import request_meeting
from techbridge.matchmaking.adapter import encoder
from tests.catalogue.factories import NeedFactory, OfferFactory
from tests.events.factories import registration

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_encoder():
    encoder.cache_clear()
    yield
    encoder.cache_clear()


def test_participants_with_related_items_come_first_and_weigh_their_request(client, event):
    heating = TechnologyField.objects.get(code="energy_saving.cold_climate")
    park = registration(event, languages=["zh"], country="CN")
    NeedFactory(
        owner=park.user,
        organisation=park.organisation,
        titles={
            "zh": "寒冷地区空气源热泵供暖",
            "en": "Air-source heat pumps for cold-climate heating",
        },
        summaries={
            "zh": "园区需要零下三十度仍能供暖的热泵。",
            "en": "Heat pumps that heat at minus thirty degrees.",
        },
        fields=[heating],
    )
    heat_pumps = registration(event, languages=["ru"])
    OfferFactory(
        owner=heat_pumps.user,
        organisation=heat_pumps.organisation,
        titles={
            "ru": "Каскадный тепловой насос для отопления при −35 °C",
            "en": "Cascade heat pump for heating down to −35 °C",
        },
        summaries={
            "ru": "Тепловой насос воздух–вода для холодного климата.",
            "en": "Air-to-water heat pump for cold climates.",
        },
        fields=[heating],
    )
    wire = registration(event, languages=["ru"])
    OfferFactory(
        owner=wire.user,
        organisation=wire.organisation,
        titles={"ru": "Контактный провод из бронзы Cu–Cr–Zr", "en": "Cu–Cr–Zr bronze contact wire"},
        summaries={
            "ru": "Провод для скоростных железных дорог.",
            "en": "Wire for high-speed railways.",
        },
    )
    nobody = registration(event, languages=["ru"])

    scores = suggestions.participant_scores(park, [wire, nobody, heat_pumps])

    assert set(scores) == {wire.pk, heat_pumps.pk}
    assert scores[heat_pumps.pk] > scores[wire.pk]
    assert 0.0 <= scores[wire.pk] <= 1.0

    client.force_login(park.user)
    page = client.get(f"/en/events/{event.pk}/participants/").content.decode()
    order = [page.index(f'data-participant="{other.pk}"') for other in (heat_pumps, wire, nobody)]
    assert order == sorted(order)

    request = request_meeting(requester=park, recipient=heat_pumps, message="热泵", actor=park.user)
    assert request.match_score == pytest.approx(scores[heat_pumps.pk])
    assert request.weight == pytest.approx(1.0 + scores[heat_pumps.pk])
