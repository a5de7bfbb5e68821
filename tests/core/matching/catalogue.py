"""A small trilingual catalogue written for the matching tests."""

from techbridge.core.matching import MatchItem

OFFERS = [
    MatchItem(
        id="ru-foil",
        title="Сверхтонкая электролитическая медная фольга для литий-ионных аккумуляторов",
        text=(
            "Институт разработал технологию получения двусторонней электролитической медной "
            "фольги толщиной 4,5–6 мкм для анодов литий-ионных аккумуляторов. Прочность на "
            "разрыв более 400 МПа, без пор. Предлагаем лицензию и пуск линии."
        ),
        language="ru",
        kind="offer",
    ),
    MatchItem(
        id="ru-seal",
        title="Морозостойкие резиновые уплотнения для гидросистем",
        text=(
            "Резиновые смеси на основе каучука сохраняют эластичность до минус 60 °C. "
            "Уплотнения гидроцилиндров экскаваторов испытаны в Якутии."
        ),
        language="ru",
        kind="offer",
    ),
    MatchItem(
        id="ru-welding",
        title="Лазерная сварка алюминиевых корпусов",
        text="Технология лазерной сварки тонкостенных алюминиевых корпусов без пор в шве.",
        language="ru",
        kind="offer",
    ),
    MatchItem(
        id="zh-heatpump",
        title="超低温空气源热泵",
        text="零下35度仍可稳定制热的空气源热泵，适用于北方农村清洁供暖改造。",
        language="zh",
        kind="offer",
    ),
    MatchItem(
        id="zh-vision",
        title="钢板表面缺陷机器视觉检测系统",
        text="基于深度学习的钢板表面缺陷在线检测，识别准确率98%，可接入现有产线。",
        language="zh",
        kind="offer",
    ),
    MatchItem(
        id="en-drone",
        title="Drone inspection of power lines",
        text=(
            "Autonomous drones photograph transmission lines and a neural network finds "
            "damaged insulators."
        ),
        language="en",
        kind="offer",
    ),
]

CHINESE_FOIL_NEED = MatchItem(
    id="zh-need-foil",
    title="锂电池用极薄电解铜箔生产技术",
    text=(
        "公司计划新建锂电铜箔生产线，目标产品为4.5 μm和6 μm双面光电解铜箔，"
        "要求抗拉强度高、无针孔，寻求技术许可。"
    ),
    language="zh",
    kind="need",
)

RUSSIAN_SEAL_NEED = MatchItem(
    id="ru-need-seal",
    title="Уплотнения для работы в сильные морозы",
    text="Горнодобывающей компании нужны уплотнения гидроцилиндров, не трескающиеся при −55 °C.",
    kind="need",
)
