"""Organisers see the best matches for every seeker of an event."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from techbridge.catalogue.models import TechnologyField
from techbridge.events.models import Event, Registration
from techbridge.matchmaking.services import compute_embedding
from tests.catalogue.factories import NeedFactory, OfferFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event_with_a_seeker():
    event = Event.objects.create(
        titles={"en": "Shenyang roadshow"},
        kind="roadshow",
        event_format="hybrid",
        starts_at=datetime(2099, 3, 25, 9, tzinfo=ZoneInfo("Asia/Shanghai")),
        ends_at=datetime(2099, 3, 25, 17, tzinfo=ZoneInfo("Asia/Shanghai")),
        is_published=True,
    )
    cold = [TechnologyField.objects.get(code="energy_saving.cold_climate")]
    need = NeedFactory(
        source_language="zh",
        titles={"zh": "严寒地区工业园区供暖热泵"},
        summaries={"zh": "园区需要在零下三十度稳定运行的空气源热泵供暖系统。"},
        fields=cold,
    )
    offer = OfferFactory(
        source_language="ru",
        titles={"ru": "Каскадный тепловой насос на пропане"},
        summaries={"ru": "Отопление зданий при температуре наружного воздуха до −35 °C."},
        fields=cold,
    )
    Registration.objects.create(
        event=event,
        user=need.owner,
        organisation=need.organisation,
        country="CN",
        participant_type="park",
        languages=["zh"],
        status="approved",
    )
    for item in (need, offer):
        compute_embedding(item_id=item.pk)
    return event, need, offer


def test_organiser_sees_each_need_with_its_best_offer(client, organiser, event_with_a_seeker):
    event, need, offer = event_with_a_seeker
    client.force_login(organiser)
    response = client.get(f"/en/matching/events/{event.pk}/")
    rows = response.context["rows"]
    assert [row["need"].pk for row in rows] == [need.pk]
    assert rows[0]["matches"][0].item.pk == offer.pk
    assert rows[0]["seeker"].user == need.owner


@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_event_matches_are_for_organisers_only(client, who, event_with_a_seeker):
    event, need, _offer = event_with_a_seeker
    if who == "participant":
        client.force_login(need.owner)
    response = client.get(f"/en/matching/events/{event.pk}/")
    assert response.status_code in {302, 403}
