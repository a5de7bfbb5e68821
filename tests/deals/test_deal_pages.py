"""The organisers' list of deals and moving a deal on from it."""

import pytest

from techbridge.accounts.enums import Role
from techbridge.deals.enums import DealStage
from techbridge.deals.models import Deal
from tests.accounts.factories import UserFactory, user_with_role

pytestmark = pytest.mark.django_db


@pytest.fixture
def deal(db):
    return Deal.objects.create(
        titles={"zh": "冻土研究所 – 北方基金", "ru": "Институт – Фонд", "en": "Institute – Fund"},
        first_user=UserFactory(),
        second_user=UserFactory(),
        stage=DealStage.MEETING_HELD,
        next_step="nda",
    )


def test_deal_list_is_for_organisers(client, deal):
    assert client.get("/en/deals/").status_code == 302
    client.force_login(user_with_role(Role.TECHNOLOGY_SEEKER))
    assert client.get("/en/deals/").status_code == 403
    client.force_login(user_with_role(Role.ORGANISER))
    page = client.get("/en/deals/?stage=meeting_held").content.decode()
    assert "Institute – Fund" in page
    assert "Sign a non-disclosure agreement" in page
    assert "Institute – Fund" not in client.get("/en/deals/?stage=nda").content.decode()


def test_moving_a_deal_on_needs_a_party_or_an_organiser(client, deal):
    url = f"/en/deals/{deal.pk}/stage/"
    data = {f"deal-{deal.pk}-stage": "nda"}
    client.force_login(user_with_role(Role.TECHNOLOGY_SEEKER))
    assert client.post(url, data).status_code == 403
    deal.refresh_from_db()
    assert deal.stage == DealStage.MEETING_HELD

    client.force_login(deal.first_user)
    assert client.post(url, data).status_code == 302
    deal.refresh_from_db()
    assert deal.stage == DealStage.NDA
