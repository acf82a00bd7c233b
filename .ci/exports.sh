#!/usr/bin/env bash
# Checks every export of the seeds graph with the tool that reads it:
# networkx (GraphML, GEXF), Graphviz (DOT), npm cytoscape (Cytoscape JSON
# with its stylesheet), rdflib (N-Quads), Python's csv (Neo4j import CSVs),
# and the Dgraph schema against the N-Quads' predicates. Each must hold the
# node and edge counts the ingest summary printed, and the MET_WITH edge
# of the meeting the GraphQL API reports with the most sources (its first
# two participants; its city for the colour check).
# Usage: .ci/exports.sh NEWSGRAPH_BINARY. Needs python3-networkx,
# python3-rdflib, graphviz (Debian) and npm; .ci/run installs them.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=$1
py=/usr/bin/python3 # Debian's, with Debian's networkx and rdflib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

summary=$("$bin" ingest --db "$work/g" testdata/articles 2>&1 | tail -1)
echo "$summary"
nodes=$(sed -E 's/.*nodes \+[0-9]+ -[0-9]+ \(([0-9]+)\).*/\1/' <<<"$summary")
edges=$(sed -E 's/.*edges \+[0-9]+ -[0-9]+ \(([0-9]+)\).*/\1/' <<<"$summary")
total=$("$bin" query --db "$work/g" '{ entities { totalCount } meetings { totalCount } statements { totalCount } events { totalCount } sources { totalCount } }' |
  "$py" -c 'import json,sys; d=json.load(sys.stdin)["data"]; print(sum(v["totalCount"] for v in d.values()))')
echo "summary: $nodes nodes, $edges edges; GraphQL totalCounts: $total nodes"
[ "$total" = "$nodes" ] || { echo "totalCounts ($total) disagree with the summary ($nodes)"; exit 1; }

for f in jsonl cytoscape graphml gexf dot nquads neo4j dgraph; do
  "$bin" export --db "$work/g" --format "$f" -o "$work/g.$f"
done
# The pair to find in every export: taken from the graph, not written here.
read -r -d '' pick <<'PY' || true
import json, sys
ms = [e["node"] for e in json.load(sys.stdin)["data"]["meetings"]["edges"]]
ms = [m for m in ms if len(m["participants"]) >= 2 and m["city"]]
m = max(ms, key=lambda m: len(m["sources"]))
print("\t".join([m["participants"][0]["name"], m["participants"][1]["name"], m["city"]["name"]]))
PY
IFS=$'\t' read -r pair_a pair_b pair_city < <("$bin" query --db "$work/g" \
  '{ meetings(first: 100) { edges { node { participants { name } city { name } sources { url } } } } }' | "$py" -c "$pick")
echo "checking MET_WITH between $pair_a and $pair_b (met in $pair_city)"
export NODES=$nodes EDGES=$edges WORK=$work PAIR_A=$pair_a PAIR_B=$pair_b PAIR_CITY=$pair_city

echo "-- jsonl"
"$py" - <<'PY'
import json, os
recs = [json.loads(l) for l in open(os.environ["WORK"] + "/g.jsonl")]
n = sum(r["kind"] != "Edge" for r in recs); e = len(recs) - n
assert (n, e) == (int(os.environ["NODES"]), int(os.environ["EDGES"])), (n, e)
print("jsonl: %d nodes, %d edges" % (n, e))
PY

echo "-- networkx $("$py" -c 'import networkx; print(networkx.__version__)'): GraphML and GEXF"
"$py" - <<'PY'
import os, networkx as nx
w = os.environ["WORK"]
for name, g in (("graphml", nx.read_graphml(w + "/g.graphml")), ("gexf", nx.read_gexf(w + "/g.gexf"))):
    n, e = g.number_of_nodes(), g.number_of_edges()
    assert (n, e) == (int(os.environ["NODES"]), int(os.environ["EDGES"])), (name, n, e)
    label = {v: d.get("label") for v, d in g.nodes(data=True)}
    met = [(label[a], label[b]) for a, b, d in g.edges(data=True) if d.get("type") == "MET_WITH"]
    a, b = os.environ["PAIR_A"], os.environ["PAIR_B"]
    assert (a, b) in met or (b, a) in met, met
    print("%s: %d nodes, %d edges, %s MET_WITH %s" % (name, n, e, a, b))
PY

echo "-- graphviz $(dot -V 2>&1)"
dot -Tsvg "$work/g.dot" -o "$work/g.svg"
"$py" - <<'PY'
import os, xml.etree.ElementTree as ET
svg = ET.parse(os.environ["WORK"] + "/g.svg")
ns = "{http://www.w3.org/2000/svg}"
groups = [g.get("class") for g in svg.iter(ns + "g")]
n, e = groups.count("node"), groups.count("edge")
assert (n, e) == (int(os.environ["NODES"]), int(os.environ["EDGES"])), (n, e)
titles = [t.text for t in svg.iter(ns + "text")]
assert os.environ["PAIR_A"] in titles and os.environ["PAIR_B"] in titles
print("dot: rendered %d nodes, %d edges" % (n, e))
PY

echo "-- npm cytoscape (the version server/explore/package-lock.json pins)"
(cd server/explore && npm ci --ignore-scripts --no-audit --no-fund >/dev/null)
NODE_PATH=server/explore/node_modules node - <<'JS'
const fs = require('fs');
const cytoscape = require('cytoscape');
const doc = JSON.parse(fs.readFileSync(process.env.WORK + '/g.cytoscape', 'utf8'));
const cy = cytoscape({ headless: true, styleEnabled: true, elements: doc.elements, style: doc.style });
const n = cy.nodes().length, e = cy.edges().length;
if (n !== +process.env.NODES || e !== +process.env.EDGES) { throw new Error(`cytoscape: ${n} nodes, ${e} edges`); }
const node = (label) => cy.nodes().filter((x) => x.data('label') === label)[0];
const a = node(process.env.PAIR_A), b = node(process.env.PAIR_B), city = node(process.env.PAIR_CITY);
const met = a.edgesWith(b).filter((x) => x.data('type') === 'MET_WITH');
if (met.length === 0) { throw new Error(`no MET_WITH between ${process.env.PAIR_A} and ${process.env.PAIR_B}`); }
const colour = (x) => x.style('background-color');
if (colour(a) === colour(city) || met[0].style('label') !== 'MET_WITH') {
  throw new Error('the stylesheet does not colour by type or label edges by type');
}
console.log(`cytoscape ${cytoscape.version}: ${n} nodes, ${e} edges, persons ${colour(a)}, places ${colour(city)}, edge label ${met[0].style('label')}`);
cy.destroy();
process.exit(0); // headless cytoscape keeps a timer alive
JS

echo "-- rdflib $("$py" -c 'import rdflib; print(rdflib.__version__)'): N-Quads"
"$py" - <<'PY'
import os, rdflib
from rdflib import RDF, URIRef
ns = "https://newsgraph.dev/ns#"
d = rdflib.Dataset()
d.parse(os.environ["WORK"] + "/g.nquads", format="nquads")
kinds = {URIRef(ns + k) for k in ("Entity", "Meeting", "Statement", "Event", "Source")}
subjects = {s for s, p, o, g in d.quads((None, RDF.type, None, None)) if o in kinds}
assert len(subjects) == int(os.environ["NODES"]), len(subjects)
name = {str(o): s for s, p, o, g in d.quads((None, URIRef(ns + "name"), None, None))}
met = URIRef(ns + "metWith")
a, b = name[os.environ["PAIR_A"]], name[os.environ["PAIR_B"]]
assert any(True for _ in d.quads((a, met, b, None))) or any(True for _ in d.quads((b, met, a, None)))
print("nquads: %d quads, %d nodes, %s metWith %s" % (len(d), len(subjects), os.environ["PAIR_A"], os.environ["PAIR_B"]))
PY

echo "-- neo4j-admin import CSVs and the Dgraph schema"
"$py" - <<'PY'
import csv, io, os, re, zipfile
w = os.environ["WORK"]
z = zipfile.ZipFile(w + "/g.neo4j")
nodes = list(csv.reader(io.TextIOWrapper(z.open("nodes.csv"), encoding="utf-8")))
rels = list(csv.reader(io.TextIOWrapper(z.open("relationships.csv"), encoding="utf-8")))
assert nodes[0][:2] == ["id:ID", ":LABEL"] and rels[0][:3] == [":START_ID", ":END_ID", ":TYPE"], (nodes[0], rels[0])
assert (len(nodes) - 1, len(rels) - 1) == (int(os.environ["NODES"]), int(os.environ["EDGES"]))
ids = {r[0]: r for r in nodes[1:]}
label = nodes[0].index("label")
assert all(r[0] in ids and r[1] in ids for r in rels[1:])
pair = {os.environ["PAIR_A"], os.environ["PAIR_B"]}
assert any(r[2] == "MET_WITH" and {ids[r[0]][label], ids[r[1]][label]} == pair for r in rels[1:])
print("neo4j: %d nodes, %d relationships, %s MET_WITH %s" % (len(nodes) - 1, len(rels) - 1, *sorted(pair)))
declared = set(re.findall(r"^<([^>]+)>:", open(w + "/g.dgraph").read(), re.M))
used = set(re.findall(r"^<[^>]+> <([^>]+)> ", open(w + "/g.nquads").read(), re.M))
assert used <= declared, used - declared
print("dgraph: %d predicates declared, all %d of the N-Quads among them" % (len(declared), len(used)))
PY
echo "exports checked"
