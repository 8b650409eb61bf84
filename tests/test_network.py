"""The actor network: counts on hand-built events, and centralities equal to networkx's own."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pandas as pd
import pytest

from sample_events import LUKASHENKO, PUTIN, RUSSIA, TRUMP, UKRAINE, event, sample
from timeline.analysis import network, query


@pytest.fixture()
def df() -> pd.DataFrame:
    return query.frame(sample())


def edge(net: network.ActorNetwork, a: str, b: str) -> pd.Series:
    rows = net.edges[(net.edges["actor1"] == a) & (net.edges["actor2"] == b)]
    assert len(rows) <= 1
    return rows.iloc[0] if len(rows) else None


def test_weights_balance_and_direction(df):
    net = network.actor_network(df)
    assert edge(net, PUTIN, TRUMP)["weight"] == 2
    russia_ukraine = edge(net, RUSSIA, UKRAINE)
    assert russia_ukraine["weight"] == 2 and russia_ukraine["balance"] == -1.0
    assert edge(net, PUTIN, LUKASHENKO)["balance"] == 1.0
    assert edge(net, TRUMP, PUTIN) is None  # directed: Putin acted on Trump, not the reverse
    assert net.nodes.loc[TRUMP, "events"] == 4  # e003, e005 (no counterpart) and, acted on, e002, e006
    assert net.nodes.loc[PUTIN, "acts"] == 3 and net.nodes.loc[PUTIN, "acted_on"] == 0
    assert "" not in net.nodes.index  # e005 has no actor2: no empty node
    assert len(net) == 5 and len(net.edges) == 5


def test_an_actor_acting_on_itself_is_a_node_not_an_edge():
    net = network.actor_network(query.frame([event(1, PUTIN, PUTIN), event(2, PUTIN, TRUMP)]))
    assert edge(net, PUTIN, PUTIN) is None and edge(net, PUTIN, TRUMP)["weight"] == 1
    assert net.nodes.loc[PUTIN, "events"] == 3  # both roles of e001, and e002


def test_edge_types_count_the_drawn_edges_only(df):
    extra = query.frame(sample() + [event(9, RUSSIA, UKRAINE, event_type="ASSAULT", quad=4),
                                    event(10, RUSSIA, UKRAINE, event_type="COERCE", quad=4)])
    net = network.actor_network(extra)
    wanted = net.edges[(net.edges["actor1"] == RUSSIA) | (net.edges["actor1"] == PUTIN)].sort_values("actor1")
    labels = dict(zip(zip(wanted["actor1"], wanted["actor2"]), net.edge_types(wanted)))
    assert labels[(RUSSIA, UKRAINE)] == "ASSAULT ×3, COERCE ×1"
    assert labels[(PUTIN, TRUMP)] == "AGREE ×1, CONSULT ×1"
    assert len(labels) == len(wanted) == 3
    assert net.edge_types(wanted.iloc[0:0]) == []


def test_empty_frame_gives_an_empty_network_and_table(df):
    net = network.actor_network(df.iloc[0:0])
    assert len(net) == 0 and net.edges.empty
    assert list(network.actor_metrics(net).columns) == network.METRIC_COLUMNS


def random_frame(actors: int, events: int, seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    ids = [f"a{i:03d}" for i in range(actors)]
    first = rng.integers(0, actors, events)
    # A skewed choice of counterpart, as in real coverage: a few actors are acted on most.
    second = np.minimum(rng.geometric(0.08, events) - 1, actors - 1)
    return pd.DataFrame({"actor1": [ids[i] for i in first], "actor2": [ids[i] if i % 7 else "" for i in second],
                         "actor1_name": [f"Actor {i}" for i in first], "actor2_name": [f"Actor {i}" for i in second],
                         "quad_class": rng.integers(1, 5, events), "event_type": "CONSULT", "event_id": "x"})


def networkx_graph(frame: pd.DataFrame) -> nx.DiGraph:
    graph = nx.DiGraph()
    graph.add_nodes_from(sorted(set(frame["actor1"]) | set(frame["actor2"]) - {""}))
    for a, b in zip(frame["actor1"], frame["actor2"]):
        if a and b and a != b:
            weight = graph.edges[a, b]["weight"] + 1 if graph.has_edge(a, b) else 1
            graph.add_edge(a, b, weight=weight)
    return graph


def test_centralities_equal_networkx_exact_and_sampled():
    frame = random_frame(actors=120, events=900, seed=3)
    net = network.actor_network(frame)
    graph = networkx_graph(frame)
    assert list(net.nodes.index) == list(graph.nodes)
    ours = network.actor_metrics(net).set_index("actor")
    rank = nx.pagerank(graph, weight="weight")
    exact = nx.betweenness_centrality(graph)
    for actor in graph:
        assert ours.loc[actor, "pagerank"] == pytest.approx(round(rank[actor], 4), abs=1e-4)
        assert ours.loc[actor, "betweenness"] == pytest.approx(round(exact[actor], 4), abs=1e-4)
    assert max(exact.values()) > 0.01  # the graph has brokers: the comparison is not all zeros
    adjacency = (network._adjacency(net) > 0).astype(float)
    sources = network.sample_sources(list(graph.nodes), 30, seed=7)
    sampled = nx.betweenness_centrality(graph, k=30, seed=7)
    assert network.betweenness(adjacency, sources) == pytest.approx([sampled[a] for a in graph], abs=1e-12)
    assert network.betweenness(adjacency, sources) != pytest.approx([exact[a] for a in graph], abs=1e-6)


def test_large_networks_sample_betweenness_sources():
    frame = random_frame(actors=400, events=3000, seed=5)
    net = network.actor_network(frame)
    sampled = network.actor_metrics(net, cells=400 * 150).set_index("actor")  # 150 of 400 sources
    exact = network.actor_metrics(net).set_index("actor")
    assert not np.allclose(sampled["betweenness"], exact["betweenness"])
    # An estimate: the busiest brokers stay the busiest.
    top = set(exact["betweenness"].nlargest(5).index)
    assert len(top & set(sampled["betweenness"].nlargest(10).index)) >= 4
