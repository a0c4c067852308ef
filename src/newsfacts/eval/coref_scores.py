"""Coreference scores: MUC, B-cubed, CEAF-e and their average (CoNLL F1).

Clusters are collections of hashable mention ids. Key and response may hold
different mentions (twinless mentions count against recall or precision, as in
the CoNLL-2012 reference scorer).
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

Clusters = list[frozenset]


def prf(num_r: float, den_r: float, num_p: float, den_p: float) -> tuple[float, float, float]:
    r = num_r / den_r if den_r else 0.0
    p = num_p / den_p if den_p else 0.0
    return r, p, (2 * p * r / (p + r) if p + r else 0.0)


def index(clusters: Clusters) -> dict:
    return {m: i for i, c in enumerate(clusters) for m in c}


def muc(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def partition_score(a: Clusters, b: Clusters) -> tuple[int, int]:
        where = index(b)
        num = den = 0
        for c in a:
            parts = {where.get(m, ("alone", m)) for m in c}
            num += len(c) - len(parts)
            den += len(c) - 1
        return num, den
    nr, dr = partition_score(key, response)
    np_, dp = partition_score(response, key)
    return prf(nr, dr, np_, dp)


def b_cubed(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    def score(a: Clusters, b: Clusters) -> tuple[float, int]:
        where = index(b)
        total = 0.0
        for c in a:
            counts: dict = defaultdict(int)
            for m in c:
                if m in where:
                    counts[where[m]] += 1
            total += sum(n * n for n in counts.values()) / len(c)
        return total, sum(len(c) for c in a)
    nr, dr = score(key, response)
    np_, dp = score(response, key)
    return prf(nr, dr, np_, dp)


def ceaf_e(key: Clusters, response: Clusters) -> tuple[float, float, float]:
    """Entity-based CEAF (phi4 = 2|K∩R| / (|K|+|R|)) with an optimal one-to-one alignment."""
    where = index(response)
    sims: dict[tuple[int, int], float] = {}
    for i, k in enumerate(key):
        for m in k:
            if m in where:
                j = where[m]
                sims[(i, j)] = 2 * len(k & response[j]) / (len(k) + len(response[j]))
    best = max_assignment(sims)
    return prf(best, len(key), best, len(response))


def max_assignment(sims: dict[tuple[int, int], float]) -> float:
    """Total weight of a maximum one-to-one matching, solved per connected component."""
    total = 0.0
    for rows, cols in components(sims):
        matrix = [[sims.get((r, c), 0.0) for c in cols] for r in rows]
        total += hungarian_max(matrix)
    return total


def components(sims: dict[tuple[int, int], float]) -> Iterable[tuple[list[int], list[int]]]:
    parent: dict = {}

    def find(x):
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for r, c in sims:
        a, b = find(("r", r)), find(("c", c))
        if a != b:
            parent[a] = b
    groups: dict = defaultdict(lambda: ([], []))
    for node in list(parent):
        side, value = node
        groups[find(node)][0 if side == "r" else 1].append(value)
    for rows, cols in groups.values():
        yield sorted(rows), sorted(cols)


def hungarian_max(matrix: list[list[float]]) -> float:
    """Maximum-weight assignment on a (padded square) matrix; O(n^3)."""
    n = max(len(matrix), len(matrix[0]) if matrix else 0)
    if n == 0:
        return 0.0
    cost = [[-(matrix[i][j] if i < len(matrix) and j < len(matrix[i]) else 0.0)
             for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v, p, way = [0.0] * (n + 1), [0.0] * (n + 1), [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    return sum(-cost[p[j] - 1][j - 1] for j in range(1, n + 1) if p[j])


def conll(key: Clusters, response: Clusters) -> dict[str, dict[str, float]]:
    scores = {"muc": muc(key, response), "b3": b_cubed(key, response), "ceaf_e": ceaf_e(key, response)}
    out = {name: {"recall": r, "precision": p, "f1": f} for name, (r, p, f) in scores.items()}
    out["conll_f1"] = sum(v["f1"] for v in out.values()) / 3
    return out
