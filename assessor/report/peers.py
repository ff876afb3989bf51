"""Where the client stands among its peers, for reports of an assessment naming a `benchmark:`.

    view = peers_view(result, lang)     # None without a benchmark

The peer group is the most specific published one the client belongs to (its industry, then
its company size, then its market, then all companies; `benchmark.group_for`). For the overall
score and every capability: the client's score, the peers' median and quartiles, its percentile
(docs/scoring.md §11) and the number of companies behind each figure.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..benchmark import group_for, standings, summarise
from ..benchmark_file import load_benchmark
from ..errors import ResponseError
from ..models.common import pick
from ..pipeline import AssessmentResult
from .labels import fmt_num

__all__ = ["PeerRow", "PeersView", "peers_view"]

TEXT: dict[str, dict[str, str]] = {
    "title": {"en": "Among peers", "vi": "So với doanh nghiệp tương đồng"},
    "intro": {
        "en": "Compared with {n} companies ({group}) in the benchmark built {built}. The "
        "percentile is the share of those companies scoring lower; the middle half of them lies "
        "between the quartiles.",
        "vi": "So với {n} doanh nghiệp ({group}) trong bộ dữ liệu so sánh lập ngày {built}. Phân vị "
        "là tỷ lệ doanh nghiệp có điểm thấp hơn; một nửa số doanh nghiệp nằm giữa hai tứ phân vị.",
    },
    "all": {"en": "all companies", "vi": "mọi doanh nghiệp"},
    "industry": {"en": "same industry", "vi": "cùng ngành"},
    "company_size": {"en": "same company size", "vi": "cùng quy mô"},
    "market": {"en": "same market", "vi": "cùng thị trường"},
    "item": {"en": "Capability", "vi": "Năng lực"},
    "score": {"en": "Score", "vi": "Điểm"},
    "median": {"en": "Peer median", "vi": "Trung vị nhóm"},
    "quartiles": {"en": "Middle half", "vi": "Nửa giữa"},
    "percentile": {"en": "Percentile", "vi": "Phân vị"},
    "companies": {"en": "Companies", "vi": "Số DN"},
    "overall": {"en": "Overall", "vi": "Tổng thể"},
    "under": {"en": "under 10", "vi": "dưới 10"},
    "over": {"en": "over 90", "vi": "trên 90"},
}


@dataclass(frozen=True)
class PeerRow:
    name: str
    score: str
    median: str
    quartiles: str
    percentile: str
    companies: int


@dataclass(frozen=True)
class PeersView:
    text: dict[str, str]
    intro: str
    rows: list[PeerRow]


def peers_view(result: AssessmentResult, lang: str) -> PeersView | None:
    """The peers section of `result`'s reports, or None when it names no benchmark."""
    name = result.workspace.assessment.benchmark
    if name is None:
        return None
    path = result.workspace.path / name
    if not path.is_file():
        where = result.workspace.path / "assessment.yaml"
        raise ResponseError(f"{where}: benchmark: '{name}' not found ({path})")
    data = load_benchmark(path)
    summary = summarise(result)
    group = group_for(data.model_dump(), summary.context)
    if group is None:
        return None
    words = {k: pick(v, lang) for k, v in TEXT.items()}
    lib = result.library
    names = {c.id: c.name[lang] for c in lib.capabilities.capabilities} if lib.capabilities else {}
    names["overall"] = words["overall"]
    rows = []
    for s in standings(summary, group):
        if s.key in names:
            pct = words["under"] if s.below else words["over"] if s.above else f"{s.percentile:.0f}"
            rows.append(PeerRow(
                names[s.key], fmt_num(s.score, lang, 2), fmt_num(s.median, lang, 2),
                f"{fmt_num(s.q1, lang, 2)}–{fmt_num(s.q3, lang, 2)}", pct, s.companies,
            ))  # fmt: skip
    kind = words[group["by"]] + ("" if group["by"] == "all" else f": {group['value']}")
    intro = words["intro"].format(n=group["companies"], group=kind, built=data.built)
    return PeersView(words, intro, rows)
