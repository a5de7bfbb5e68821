"""Stopwords for search terms: function words and the boilerplate of needs and offers.

Written for TechBridge (not taken from a general-purpose list): besides grammar words
they hold the phrases every need or offer repeats ("we are looking for", "our company",
"希望", "предлагаем"), which say nothing about the technology. Words that carry meaning
in engineering text (Russian "при", English "high", Chinese "高") are deliberately kept
out of these lists: "high" is half of "high-strength".
"""

from __future__ import annotations


def _words(block: str) -> frozenset[str]:
    """The whitespace-separated words of a block (keeps the lists below readable)."""
    return frozenset(block.split())


CHINESE_STOPWORDS = _words(
    """
    的 地 得 了 着 过 和 与 及 或 或者 以及 及其 并 并且 而 而且 且 也 都 还 又 就 才
    在 是 为 以 于 由 将 把 被 从 向 到 对 对于 关于 按 按照 根据 通过 经过 随着 给
    其 该 此 这 那 这些 那些 这个 那个 这种 那种 之 所 所有 各 各种 每 某 本 其他 其它
    我 我们 我司 我方 你 您 你们 他 她 它 他们 她们 它们 贵 贵司 公司 本公司 单位
    可 可以 能 能够 会 要 需 需要 应 应该 希望 寻求 寻找 求 拟 计划 欢迎 愿意 想
    有 没有 无 不 不是 非 已 已经 正在 将要 曾 还是 但 但是 然而 因为 所以 因此 如果 如
    如何 什么 哪些 为了 以便 以上 以下 之间 之后 之前 其中 一 一个 一种 一些 一定
    等 等等 方面 方式 进行 实现 具有 具备 相关 主要 目前 现在 同时 另外 此外 更 很
    非常 较 比较 最 上 下 中 内 外 里 个 项 次 用 使用 采用 利用 提供 用于 作为
    """
)

RUSSIAN_STOPWORDS = _words(
    """
    и или а но да же ли ни не нет бы вот уж ведь лишь только еще ещё также тоже либо
    то что чтобы как так когда где куда откуда если хотя пока чем тем потому поэтому
    который которая которое которые которого которой которых которым которыми котором
    в во на с со к ко о об обо от у из за до по под над перед между через без для про
    я мы ты вы он она оно они мне нам вам им его ее её их ему ей нас вас них ним ней
    себя себе свой своя свое своё свои своих своим своей наш наша наше наши нашей наших
    нашего нашим ваш ваша ваше ваши этот эта это эти этого этой этих этим этом тот та те
    того той тех том весь вся все всё всех всего всем всей сам сама само сами
    быть был была было были будет будут является являются есть может могут можно нужно
    нужен нужна нужны надо должен должна должны очень более менее уже тут там здесь
    ищем ищет ищут предлагаем предлагает готовы готов компания компании предприятие
    предприятия организация нами вами
    """
)

ENGLISH_STOPWORDS = _words(
    """
    a an the and or but nor so yet if then else than that this these those there here
    of in on at to from by for with without within into onto over under about above below
    between through during after before against across per via as is are was were be been
    being am do does did done has have had having can could may might must shall should
    will would it its it's they them their theirs we us our ours you your yours he him his
    she her hers i me my mine who whom whose which what when where why how all any both
    each every few more most other some such no not only own same too very also just
    up down out off again further once while because until whether either neither
    looking seeking seek offer offers offering company our we're wish want wants
    """
)
