"""The similar-consultations ranking skips texts by an upper bound: it must give exactly the brute-force top list."""

import math
import random

from madoguchi.knowledge.search import service

WORDS = [
    "ランサムウェア",
    "に感染",
    "した",
    "サーバー",
    "の",
    "ファイル",
    "が暗号化",
    "された",
    "不審なメール",
    "を開いた",
    "パスワード",
    "VPN機器",
    "取引先",
    "から",
    "請求書",
    "が届いた",
    "ネットバンキング",
    "で不正送金",
    "。",
    "、",
]


def _text(rng: random.Random, words: int) -> str:
    return "".join(rng.choice(WORDS) for _ in range(words))


def _cosine(a, b) -> float:
    """The definition, computed the plain way: Σ a·b / √(Σ a² · Σ b²) over the trigram counts."""
    dot = sum(count * b[gram] for gram, count in a.items() if gram in b)
    if not dot:
        return 0.0
    return dot / math.sqrt(sum(v * v for v in a.values()) * sum(v * v for v in b.values()))


def _brute_force(target_text: str, texts: list[str], limit: int, min_similarity: float) -> list[tuple[int, float]]:
    target = service._trigram_counts(target_text)
    scored = [(i, _cosine(target, service._trigram_counts(t))) for i, t in enumerate(texts)]
    kept = [(i, s) for i, s in scored if s >= min_similarity]
    # The caller's order: highest score first, ties by the newer (here: later) entry.
    return sorted(kept, key=lambda p: (-p[1], -p[0]))[:limit]


def _ranked(target_text: str, texts: list[str], limit: int, min_similarity: float) -> list[tuple[int, float]]:
    found = service._closest(service._trigram_counts(target_text), texts, limit=limit, min_similarity=min_similarity)
    return sorted(found, key=lambda p: (-p[1], -p[0]))[:limit]


def test_the_top_list_and_its_scores_equal_the_brute_force_cosine():
    rng = random.Random(20261207)
    for _trial in range(300):
        target = _text(rng, rng.randint(1, 40))
        texts = [_text(rng, rng.randint(0, 60)) for _ in range(rng.randint(0, 40))]
        # Exact copies and copies of one another make ties at every place, the last place included.
        texts += [target] * rng.randint(0, 2) + rng.sample(texts, min(len(texts), rng.randint(0, 5)))
        limit = rng.randint(1, 8)
        min_similarity = rng.choice([0.05, 0.2, 0.5])
        assert _ranked(target, texts, limit, min_similarity) == _brute_force(target, texts, limit, min_similarity)


def test_texts_sharing_nothing_or_too_short_are_left_out():
    target = "ランサムウェアに感染した"
    texts = ["", "あ", "請求書が届いた"]
    assert service._closest(service._trigram_counts(target), texts, limit=5, min_similarity=0.05) == []


def test_a_tie_at_the_last_place_still_reaches_the_caller_to_break_by_age():
    # Every trigram once: the bound equals the score, so equal texts tie with their bounds too.
    target = "ランサムウェアに感染したサーバー"
    texts = [target, "請求書が届いた", target, target]
    found = service._closest(service._trigram_counts(target), texts, limit=1, min_similarity=0.05)
    assert sorted(i for i, _s in found) == [0, 2, 3]
    assert _ranked(target, texts, 1, 0.05) == _brute_force(target, texts, 1, 0.05) == [(3, 1.0)]
