"""The actor network as tables: who did what to whom, and which actors are central.

The dashboard redraws the network on every filter change, over up to some thousands of actors and
tens of thousands of actor pairs. Building a networkx graph of all of them (a dict per edge) and
running networkx's pure-Python centralities took seconds; here the network stays in pandas and the
centralities run as sparse matrix products (scipy), with results equal to networkx's own (the tests
compare them). Only the few dozen actors a figure draws become a networkx graph, for the layout.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import sparse

NODE_COLUMNS = ["name", "events", "coop", "conflict", "balance", "acts", "acted_on"]
EDGE_COLUMNS = ["actor1", "actor2", "weight", "coop", "conflict", "balance"]
METRIC_COLUMNS = ["actor", "name", "events", "acts", "acted_on", "no_counterpart", "pagerank", "betweenness"]
# Betweenness costs a breadth-first search per source over every actor: exact while sources x actors
# stays under this many cells (about 50 ms), estimated from a seeded sample of sources beyond it.
BETWEENNESS_CELLS = 250_000
MIN_SOURCES = 100


@dataclass(frozen=True)
class ActorNetwork:
    """``nodes``: one row per actor (index: actor id, sorted) with its events in either role, how
    many are cooperation (QuadClass 1-2) and conflict (3-4), their balance in [-1, 1], and the events
    it did to another actor (``acts``) and had done to it (``acted_on``). ``edges``: one row per
    directed pair actor1 -> actor2 with the same counts, and ``edge_keys`` each edge's key,
    ``row(actor1) * n + row(actor2)`` over the rows of ``nodes``. ``pair_keys`` and ``pair_types``
    hold, per event with two different actors, its edge key and its event type, from which a drawn
    edge's event types are counted."""

    nodes: pd.DataFrame
    edges: pd.DataFrame
    edge_keys: np.ndarray
    pair_keys: np.ndarray
    pair_types: pd.Series

    def __len__(self) -> int:
        return len(self.nodes)

    def edge_types(self, edges: pd.DataFrame, most: int = 4) -> list[str]:
        """For each row of ``edges`` (actor1, actor2), its ``most`` commonest event types with counts,
        e.g. "ASSAULT ×12, COERCE ×3"."""
        if edges.empty:
            return []
        index = pd.Index(self.nodes.index)
        keys = index.get_indexer(edges["actor1"]).astype(np.int64) * len(index) + index.get_indexer(edges["actor2"])
        chosen = np.isin(self.pair_keys, keys)
        labels = top_counts(self.pair_keys[chosen], self.pair_types[chosen].to_numpy(), most)
        return [labels.get(key, "") for key in keys]


def top_counts(groups: np.ndarray, values: np.ndarray, most: int) -> dict[int, str]:
    """Per group (an integer), its ``most`` commonest values with their counts, commonest first, ties
    by name: {group: "ASSAULT ×12, COERCE ×3"}."""
    codes, names = pd.factorize(values)
    names = np.asarray(names, dtype=str)
    keys, counts = np.unique(np.asarray(groups, dtype=np.int64) * len(names) + codes, return_counts=True)
    group, value = keys // max(len(names), 1), keys % max(len(names), 1)
    alphabetical = np.argsort(np.argsort(names))
    labels: dict[int, list[str]] = {}
    for g, v, n in zip(*(a[np.lexsort((alphabetical[value], -counts, group))] for a in (group, value, counts))):
        parts = labels.setdefault(int(g), [])
        if len(parts) < most:
            parts.append(f"{names[v]} ×{n}")
    return {g: ", ".join(parts) for g, parts in labels.items()}


def actor_network(df: pd.DataFrame) -> ActorNetwork:
    """The network of the events in ``df``. Every actor is a node, even without a counterpart; an
    event with two different actors is one unit of weight on the edge from actor1 to actor2."""
    # Everything is counted on integer codes: grouping the string columns themselves costs ten times more.
    both = pd.concat([df["actor1"], df["actor2"]], ignore_index=True)
    codes, ids = pd.factorize(both.where(both != ""), sort=True)  # no actor: code -1
    rows, n = len(df), len(ids)
    if not n:
        return ActorNetwork(nodes=pd.DataFrame(columns=NODE_COLUMNS, index=pd.Index([], name="actor")),
                            edges=pd.DataFrame(columns=EDGE_COLUMNS), edge_keys=np.zeros(0, np.int64),
                            pair_keys=np.zeros(0, np.int64),
                            pair_types=pd.Series([], dtype=str))
    first, second = codes[:rows], codes[rows:]
    named = codes >= 0
    coop = df["quad_class"].isin([1, 2]).to_numpy()
    conflict = df["quad_class"].isin([3, 4]).to_numpy()
    events = np.bincount(codes[named], minlength=n)
    node_coop = np.bincount(codes[named], weights=np.concatenate([coop, coop])[named], minlength=n)
    node_conflict = np.bincount(codes[named], weights=np.concatenate([conflict, conflict])[named], minlength=n)
    paired = (first >= 0) & (second >= 0) & (first != second)
    pair_keys = first[paired].astype(np.int64) * n + second[paired]
    keys, inverse, weight = np.unique(pair_keys, return_inverse=True, return_counts=True)
    edge_coop = np.bincount(inverse, weights=coop[paired], minlength=len(keys))
    edge_conflict = np.bincount(inverse, weights=conflict[paired], minlength=len(keys))
    names = pd.concat([df["actor1_name"], df["actor2_name"]], ignore_index=True)
    name = names[named].groupby(codes[named]).first().reindex(range(n)).to_numpy(dtype=object)
    nodes = pd.DataFrame({"name": np.where(name == "", ids.to_numpy(dtype=object), name), "events": events,
                          "coop": node_coop.astype(int), "conflict": node_conflict.astype(int),
                          "balance": (node_coop - node_conflict) / np.maximum(events, 1),
                          "acts": np.bincount(keys // n, weights=weight, minlength=n).astype(int),
                          "acted_on": np.bincount(keys % n, weights=weight, minlength=n).astype(int)},
                         index=pd.Index(ids, name="actor"))
    edges = pd.DataFrame({"actor1": ids.take(keys // n), "actor2": ids.take(keys % n),
                          "weight": weight, "coop": edge_coop.astype(int), "conflict": edge_conflict.astype(int),
                          "balance": (edge_coop - edge_conflict) / weight})
    return ActorNetwork(nodes=nodes[NODE_COLUMNS], edges=edges[EDGE_COLUMNS], edge_keys=keys, pair_keys=pair_keys,
                        pair_types=df["event_type"][paired].reset_index(drop=True))


def _adjacency(net: ActorNetwork) -> sparse.csr_array:
    """Actor x actor, the number of events from the row's actor to the column's."""
    n = len(net.nodes)
    return sparse.csr_array((net.edges["weight"].to_numpy(float), (net.edge_keys // n, net.edge_keys % n)), shape=(n, n))


def pagerank(adjacency: sparse.csr_array, alpha: float = 0.85, tol: float = 1e-6, max_iter: int = 100) -> np.ndarray:
    """PageRank by power iteration, as networkx's ``pagerank`` computes it: weighted out-links,
    dangling actors' rank spread evenly, converged when the L1 change is under ``n * tol``."""
    n = adjacency.shape[0]
    out = np.asarray(adjacency.sum(axis=1)).ravel()
    inverse = np.divide(1.0, out, out=np.zeros(n), where=out != 0)
    transition = sparse.diags_array(inverse) @ adjacency
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ transition + x[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(x - last).sum() < n * tol:
            return x
    raise RuntimeError(f"PageRank did not converge in {max_iter} iterations")


def betweenness(adjacency: sparse.csr_array, sources: np.ndarray | None = None) -> np.ndarray:
    """Normalized betweenness of a directed, unweighted graph, endpoints excluded, from ``sources``
    (every node when None), scaled as networkx's ``betweenness_centrality`` scales it.

    Brandes' algorithm run for all sources at once: each breadth-first level is one product of the
    transposed adjacency matrix with the (nodes x sources) frontier, counting shortest paths
    (sigma); the dependencies then flow back level by level through the adjacency matrix itself.
    """
    n = adjacency.shape[0]
    sampled = sources is not None
    sources = np.arange(n) if sources is None else np.asarray(sources)
    k = len(sources)
    if n < 3 or k == 0:
        return np.zeros(n)
    # Nodes x sources, so that both sweeps are sparse-matrix-times-dense products with no transposing.
    starts = (sources, np.arange(k))
    dist = np.full((n, k), -1, dtype=np.int32)
    dist[starts] = 0
    sigma = np.zeros((n, k))
    sigma[starts] = 1.0
    frontier = sigma.copy()
    incoming = adjacency.T.tocsr()
    level = 0
    while True:
        reached = incoming @ frontier
        reached[dist >= 0] = 0.0
        new = reached > 0
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma += reached  # zero wherever the node was not reached just now
        frontier = reached
    delta = np.zeros((n, k))
    safe_sigma = np.where(sigma > 0, sigma, 1.0)
    for d in range(level, 0, -1):
        coefficient = np.where(dist == d, (1.0 + delta) / safe_sigma, 0.0)
        delta += np.where(dist == d - 1, sigma * (adjacency @ coefficient), 0.0)
    delta[starts] = 0.0
    total = delta.sum(axis=1)
    # networkx's rescaling (normalized, directed, endpoints excluded): over the ordered pairs (s, t)
    # with s != t != v; a sampled source cannot lie on its own paths, so it has one source fewer.
    if not sampled:
        return total / ((n - 1) * (n - 2))
    scale = np.full(n, 1.0 / (k * (n - 2)))
    scale[sources] = 1.0 / ((k - 1) * (n - 2)) if k > 1 else np.nan
    return total * scale


def sample_sources(nodes: list[str], k: int, seed: int = 7) -> np.ndarray:
    """The positions of ``k`` nodes drawn as networkx draws betweenness sources for ``k`` and ``seed``."""
    chosen = random.Random(seed).sample(nodes, k)
    where = {node: i for i, node in enumerate(nodes)}
    return np.array([where[node] for node in chosen])


def actor_metrics(net: ActorNetwork, *, cells: int = BETWEENNESS_CELLS) -> pd.DataFrame:
    """Per actor: events (in either role), acts (out-weight: events it did to another actor), acted
    on (in-weight), no counterpart (its events with no other actor: events - acts - acted on),
    PageRank (weighted) and betweenness (unweighted shortest paths; from sampled sources past
    ``cells``), busiest first."""
    nodes = net.nodes
    if nodes.empty:
        return pd.DataFrame(columns=METRIC_COLUMNS)
    n = len(nodes)
    weighted = _adjacency(net)
    rank = pagerank(weighted) if len(net.edges) else np.zeros(n)
    sources = None if n * n <= cells else sample_sources(list(nodes.index), min(n, max(MIN_SOURCES, cells // n)))
    between = betweenness((weighted > 0).astype(float), sources)
    table = pd.DataFrame({"actor": nodes.index, "name": nodes["name"].to_numpy(), "events": nodes["events"].to_numpy(),
                          "acts": nodes["acts"].to_numpy(), "acted_on": nodes["acted_on"].to_numpy(),
                          "no_counterpart": (nodes["events"] - nodes["acts"] - nodes["acted_on"]).to_numpy(),
                          "pagerank": rank.round(4), "betweenness": between.round(4)})
    return table.sort_values(["events", "name"], ascending=[False, True], ignore_index=True)


def neighbourhood(df: pd.DataFrame, actor: str, depth: int = 1) -> pd.DataFrame:
    """The events among ``actor`` and the actors within ``depth`` steps of it, a step being an event
    between two actors in either direction: the rows whose actors are all in that set (an event
    with no counterpart counts when its actor is). Depth 1: the actor, those it acted on or was
    acted on by, and what those did to each other, as in networkx's ``ego_graph``."""
    if depth < 1:
        raise ValueError(f"depth must be 1 or more, got {depth}")
    paired = df.loc[(df["actor1"] != "") & (df["actor2"] != ""), ["actor1", "actor2"]]
    reached = {actor}
    for _ in range(depth):
        touching = paired["actor1"].isin(reached) | paired["actor2"].isin(reached)
        grown = reached | set(paired.loc[touching, "actor1"]) | set(paired.loc[touching, "actor2"])
        if grown == reached:
            break
        reached = grown
    return df[df["actor1"].isin(reached) & (df["actor2"].isin(reached) | (df["actor2"] == ""))]
