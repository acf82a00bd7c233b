package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/graph/store"
	"github.com/newsgraph/newsgraph/schema"
)

// Tests of issue 4: re-ingest after corrections, deletion, curation that
// survives rebuilds. They run the command in process on copies of the
// seed articles.

// cli runs newsgraph with args and returns its exit code, stdout and stderr.
func cli(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// mustCLI runs newsgraph and fails the test unless it exits 0.
func mustCLI(t *testing.T, args ...string) (string, string) {
	t.Helper()
	code, out, errs := cli(t, args...)
	if code != 0 {
		t.Fatalf("newsgraph %s: exit %d\n%s", strings.Join(args, " "), code, errs)
	}
	return out, errs
}

// copySeeds copies testdata/articles into a new folder and returns it.
func copySeeds(t *testing.T) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "articles")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	ents, err := os.ReadDir(filepath.Join("testdata", "articles"))
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join("testdata", "articles", e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// editArticle replaces old by new in the seed file whose name starts with
// prefix, failing if old is not there.
func editArticle(t *testing.T, dir, prefix, old, new string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, prefix+"*"))
	if len(m) != 1 {
		t.Fatalf("no single article %s* in %s", prefix, dir)
	}
	b, err := os.ReadFile(m[0])
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(b, []byte(old)) {
		t.Fatalf("%s does not contain %q", m[0], old)
	}
	if err := os.WriteFile(m[0], bytes.ReplaceAll(b, []byte(old), []byte(new)), 0o644); err != nil {
		t.Fatal(err)
	}
	return filepath.Base(m[0])
}

var ingestSummaryRE = regexp.MustCompile(`(\d+) added, (\d+) updated, (\d+) unchanged, (\d+) deleted, (\d+) rejected; nodes \+(\d+) -(\d+) \((\d+)\), edges \+(\d+) -(\d+) \((\d+)\)`)

// summary is the ingest summary line, parsed.
type summary struct {
	added, updated, unchanged, deleted, rejected int
	nodesAdded, nodesRemoved, nodes              int
	edgesAdded, edgesRemoved, edges              int
}

func parseSummary(t *testing.T, stderr string) summary {
	t.Helper()
	m := ingestSummaryRE.FindStringSubmatch(stderr)
	if m == nil {
		t.Fatalf("no summary in %q", stderr)
	}
	var n [11]int
	for i := range n {
		fmt.Sscan(m[i+1], &n[i])
	}
	return summary{n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10]}
}

func openSnapshot(t *testing.T, db string) *graph.Snapshot {
	t.Helper()
	ctx := context.Background()
	st, err := store.Open(ctx, store.DefaultOptions(db))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if err := st.Check(ctx); err != nil {
		t.Fatal(err)
	}
	snap, err := st.Snapshot(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return snap
}

func entityNamed(snap *graph.Snapshot, name string) *graph.Entity {
	for _, e := range snap.Entities {
		if graph.NameKey(e.Name) == graph.NameKey(name) {
			return e
		}
	}
	return nil
}

func TestCorrectedArticleReingest(t *testing.T) {
	dir := copySeeds(t)
	db := filepath.Join(t.TempDir(), "g.db")
	_, errs := mustCLI(t, "ingest", "--db", db, dir)
	first := parseSummary(t, errs)
	before := openSnapshot(t, db)
	xi := entityNamed(before, "Xi Jinping")
	if xi == nil || !slices.Contains(xi.Aliases, "Xi Jingping") {
		t.Fatalf("before the correction, Xi Jinping should carry the misspelling as an alias: %+v", xi)
	}

	editArticle(t, dir, "003_", "Xi Jingping", "Xi Jinping")
	_, errs = mustCLI(t, "ingest", "--db", db, dir)
	s := parseSummary(t, errs)
	if s.added != 0 || s.updated != 1 || s.unchanged != 4 || s.deleted != 0 || s.rejected != 0 {
		t.Errorf("re-ingest after the correction: %+v, want 1 updated, 4 unchanged", s)
	}
	if s.nodes != first.nodes || s.nodesAdded != 0 || s.nodesRemoved != 0 {
		t.Errorf("node count changed: first ingest %d nodes, after the correction %+v", first.nodes, s)
	}
	after := openSnapshot(t, db)
	if len(after.Entities)+len(after.Meetings)+len(after.Statements)+len(after.Events)+len(after.Sources) !=
		len(before.Entities)+len(before.Meetings)+len(before.Statements)+len(before.Events)+len(before.Sources) {
		t.Errorf("snapshot node count changed")
	}
	xi = entityNamed(after, "Xi Jinping")
	if xi == nil || slices.Contains(xi.Aliases, "Xi Jingping") {
		t.Errorf("after the correction the alias should be gone: %+v", xi)
	}
}

// describeGraph renders every node and edge without provenance offsets:
// one line per fact, keyed by identity, for comparing two graphs.
func describeGraph(snap *graph.Snapshot) map[string]string {
	out := map[string]string{}
	for _, e := range snap.Entities {
		out["entity "+e.ID.String()] = fmt.Sprintf("%s %v aliases=%v titles=%v sources=%v", e.Name, e.Type, e.Aliases, e.Titles, e.Sources)
	}
	for _, m := range snap.Meetings {
		out["meeting "+m.ID.String()] = fmt.Sprintf("%v %v %v place=%v city=%v conflicts=%v sources=%v", m.Participants, m.Date, m.Status, m.Place, m.City, m.Conflicts, m.Sources)
	}
	for _, s := range snap.Statements {
		out["statement "+s.ID.String()] = fmt.Sprintf("%v %q sources=%v", s.Speaker, s.Text, s.Sources)
	}
	for _, e := range snap.Events {
		out["event "+e.ID.String()] = fmt.Sprintf("%s %s %v sources=%v", e.Name, e.Kind, e.Date, e.Sources)
	}
	for _, s := range snap.Sources {
		out["source "+s.ID.String()] = s.Key
	}
	for _, e := range snap.Edges {
		out[fmt.Sprintf("edge %v %v %v %s", e.From, e.Type, e.To, e.Title)] = fmt.Sprintf("sources=%v", e.Sources)
	}
	return out
}

func TestVenueEdit(t *testing.T) {
	dir := copySeeds(t)
	db := filepath.Join(t.TempDir(), "g.db")
	mustCLI(t, "ingest", "--db", db, dir)
	before := openSnapshot(t, db)
	// The meeting whose sources disagree on the venue; one article that
	// gives the minority venue will be corrected to the majority one.
	var meeting *graph.Meeting
	var conflict graph.Conflict
	for _, m := range before.Meetings {
		for _, c := range m.Conflicts {
			if c.Field == "place" {
				meeting, conflict = m, c
			}
		}
	}
	if meeting == nil || len(conflict.Values) != 2 {
		t.Fatalf("seed graph has no meeting with two venues: %+v", meeting)
	}
	major, minor := conflict.Values[0], conflict.Values[1]
	edited := minor.Sources[0]
	var file string
	for _, s := range before.Sources {
		if s.ID == edited {
			file = s.Key
		}
	}
	oldVenue, newVenue := entityNamed(before, minor.Value), entityNamed(before, major.Value)
	editArticle(t, dir, file, minor.Value, major.Value)
	_, errs := mustCLI(t, "ingest", "--db", db, dir)
	if s := parseSummary(t, errs); s.updated != 1 || s.unchanged != 4 {
		t.Errorf("summary %+v, want 1 updated, 4 unchanged", s)
	}
	after := openSnapshot(t, db)

	var m2 *graph.Meeting
	for _, m := range after.Meetings {
		if m.ID == meeting.ID {
			m2 = m
		}
	}
	if m2 == nil {
		t.Fatal("the meeting lost its ID")
	}
	if m2.Place != newVenue.ID {
		t.Errorf("meeting place %v, want %v", m2.Place, newVenue.ID)
	}
	// The edited source moved from the minority venue to the majority one.
	votes := map[string][]graph.ID{}
	for _, c := range m2.Conflicts {
		for _, v := range c.Values {
			votes[v.Value] = v.Sources
		}
	}
	if len(minor.Sources) == 1 && len(m2.Conflicts) != 0 {
		t.Errorf("conflict left after the only dissenting source was corrected: %+v", m2.Conflicts)
	}
	if slices.Contains(votes[minor.Value], edited) {
		t.Errorf("source %v still gives %q", edited, minor.Value)
	}
	if !slices.Equal(m2.Sources, meeting.Sources) {
		t.Errorf("meeting sources changed: %v -> %v", meeting.Sources, m2.Sources)
	}
	// Nothing else changed: every difference involves the meeting or one
	// of the two venues.
	involved := []string{meeting.ID.String(), oldVenue.ID.String(), newVenue.ID.String()}
	a, b := describeGraph(before), describeGraph(after)
	for k := range mergeKeys(a, b) {
		if a[k] == b[k] {
			continue
		}
		if !slices.ContainsFunc(involved, func(id string) bool { return strings.Contains(k, id) }) {
			t.Errorf("unrelated change: %s\n  before: %s\n  after:  %s", k, a[k], b[k])
		}
	}
}

func mergeKeys(a, b map[string]string) map[string]bool {
	out := map[string]bool{}
	for k := range a {
		out[k] = true
	}
	for k := range b {
		out[k] = true
	}
	return out
}

// extraArticle reports a meeting nobody else reports, between people the
// seeds never name.
const extraArticle = `title: Nordic and East African leaders meet in Nairobi
published: 2024-05-08

Finnish President Aino Virtanen met Kenyan President Daniel Mwangi in Nairobi on Tuesday to discuss renewable energy projects.

The two leaders agreed to expand a joint geothermal programme, officials said.
`

func TestDeleteOnlySource(t *testing.T) {
	dir := copySeeds(t)
	tmp := t.TempDir()
	seedsOnly := filepath.Join(tmp, "seeds.db")
	mustCLI(t, "ingest", "--db", seedsOnly, dir)
	want, _ := mustCLI(t, "export", "--db", seedsOnly, "--format", "jsonl")

	if err := os.WriteFile(filepath.Join(dir, "900_extra.txt"), []byte(extraArticle), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(tmp, "g.db")
	mustCLI(t, "ingest", "--db", db, dir)
	before := openSnapshot(t, db)
	var meeting *graph.Meeting
	for _, m := range before.Meetings {
		if len(m.Sources) == 1 && m.Sources[0] == graph.SourceID("900_extra.txt") {
			meeting = m
		}
	}
	if meeting == nil {
		t.Fatal("the extra article's meeting was not extracted")
	}
	_, errs := mustCLI(t, "delete", "--db", db, "900_extra.txt")
	if !strings.Contains(errs, "deleted 1 articles") {
		t.Errorf("delete said %q", errs)
	}
	after := openSnapshot(t, db)
	for _, m := range after.Meetings {
		if m.ID == meeting.ID {
			t.Errorf("meeting %v survived the deletion of its only source", m.ID)
		}
	}
	for _, e := range after.Edges {
		if e.From == meeting.ID || e.To == meeting.ID || slices.Contains(e.Sources, meeting.Sources[0]) {
			t.Errorf("edge %v survived the deletion", e)
		}
	}
	for _, name := range []string{"Aino Virtanen", "Daniel Mwangi", "Nairobi"} {
		if entityNamed(after, name) != nil {
			t.Errorf("orphaned entity %q survived", name)
		}
	}
	// Everything else is as if the article had never been ingested.
	got, _ := mustCLI(t, "export", "--db", db, "--format", "jsonl")
	if got != want {
		t.Errorf("after the deletion the graph differs from the seeds' own:\n%s", firstDiffLine(want, got))
	}
	if code, _, errs := cli(t, "delete", "--db", db, "no-such-article"); code != exitRejected || !strings.Contains(errs, "no-such-article") {
		t.Errorf("deleting an unknown article: exit %d, %q", code, errs)
	}
}

func TestReingestUnchanged(t *testing.T) {
	dir := copySeeds(t)
	db := filepath.Join(t.TempDir(), "g.db")
	mustCLI(t, "ingest", "--db", db, dir)
	exp1, _ := mustCLI(t, "export", "--db", db, "--format", "jsonl")
	_, errs := mustCLI(t, "ingest", "--db", db, dir)
	s := parseSummary(t, errs)
	if s.unchanged != 5 || s.added+s.updated+s.deleted+s.rejected+s.nodesAdded+s.nodesRemoved+s.edgesAdded+s.edgesRemoved != 0 {
		t.Errorf("unchanged re-ingest changed something: %+v", s)
	}
	exp2, _ := mustCLI(t, "export", "--db", db, "--format", "jsonl")
	if exp1 != exp2 {
		t.Error("export differs after an unchanged re-ingest")
	}
}

func TestDryRunWritesNothing(t *testing.T) {
	dir := copySeeds(t)
	db := filepath.Join(t.TempDir(), "g.db")
	mustCLI(t, "ingest", "--db", db, dir)
	exp1, _ := mustCLI(t, "export", "--db", db, "--format", "jsonl")
	editArticle(t, dir, "003_", "Xi Jingping", "Xi Jinping")
	if err := os.Remove(filepath.Join(dir, firstFile(t, dir, "001_"))); err != nil {
		t.Fatal(err)
	}
	_, errs := mustCLI(t, "ingest", "--db", db, "--dry-run", "--prune", dir)
	s := parseSummary(t, errs)
	if !strings.Contains(errs, "dry run") || s.updated != 1 || s.unchanged != 3 || s.deleted != 1 || s.nodesRemoved == 0 {
		t.Errorf("dry run summary %q", errs)
	}
	exp2, _ := mustCLI(t, "export", "--db", db, "--format", "jsonl")
	if exp1 != exp2 {
		t.Error("a dry run changed the database")
	}
	// The same run for real reports the same.
	_, errs2 := mustCLI(t, "ingest", "--db", db, "--prune", dir)
	if s2 := parseSummary(t, errs2); s2 != s {
		t.Errorf("real run %+v, dry run said %+v", s2, s)
	}
}

func firstFile(t *testing.T, dir, prefix string) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join(dir, prefix+"*"))
	if len(m) == 0 {
		t.Fatalf("no %s* in %s", prefix, dir)
	}
	return filepath.Base(m[0])
}

func TestCorrectionsSurviveRebuild(t *testing.T) {
	dir := copySeeds(t)
	tmp := t.TempDir()
	corr := filepath.Join(tmp, "corrections.yaml")
	err := os.WriteFile(corr, []byte(`# curation of the seed graph
corrections:
  - op: merge
    entity: Qin Gang
    into: Wang Yi
    note: a test merge (they are two people)
  - op: rename
    entity: Antony Blinken
    name: Tony Blinken
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	db1 := filepath.Join(tmp, "one.db")
	mustCLI(t, "ingest", "--db", db1, "--corrections", corr, dir)
	// Applied to a store that was built before the corrections existed,
	// the same corrections give the same graph.
	db2 := filepath.Join(tmp, "two.db")
	mustCLI(t, "ingest", "--db", db2, "--corrections", filepath.Join(tmp, "none.json"), dir)
	mustCLI(t, "ingest", "--db", db2, "--corrections", corr, dir)
	e1, _ := mustCLI(t, "export", "--db", db1, "--corrections", corr, "--format", "jsonl")
	e2, _ := mustCLI(t, "export", "--db", db2, "--corrections", corr, "--format", "jsonl")
	if e1 != e2 {
		t.Errorf("corrections applied at ingest and applied afterwards give different graphs:\n%s", firstDiffLine(e1, e2))
	}
	// From scratch again: byte-identical.
	if err := os.RemoveAll(db1); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, "ingest", "--db", db1, "--corrections", corr, dir)
	e3, _ := mustCLI(t, "export", "--db", db1, "--corrections", corr, "--format", "jsonl")
	if e1 != e3 {
		t.Errorf("rebuild from scratch differs:\n%s", firstDiffLine(e1, e3))
	}
	snap := openSnapshot(t, db1)
	if entityNamed(snap, "Qin Gang") != nil || entityNamed(snap, "Antony Blinken") != nil {
		t.Error("the merged and renamed entities are still there")
	}
	wang, tony := entityNamed(snap, "Wang Yi"), entityNamed(snap, "Tony Blinken")
	if wang == nil || !slices.Contains(wang.Aliases, "Qin Gang") || tony == nil || !slices.Contains(tony.Aliases, "Antony Blinken") {
		t.Fatalf("survivors: %+v %+v", wang, tony)
	}
	// The old IDs lead to the survivors.
	for old, want := range map[graph.ID]graph.ID{
		graph.EntityID(graph.Person, "Qin Gang"):       wang.ID,
		graph.EntityID(graph.Person, "Antony Blinken"): tony.ID,
	} {
		q := fmt.Sprintf(`{ node(id: %q) { id } }`, schema.GlobalID(graph.KindEntity, old))
		out, _ := mustCLI(t, "query", "--db", db1, "--corrections", corr, q)
		if !strings.Contains(out, schema.GlobalID(graph.KindEntity, want)) {
			t.Errorf("node(id: old %v) = %s, want the survivor %v", old, out, want)
		}
	}
}

func firstDiffLine(a, b string) string {
	al, bl := strings.Split(a, "\n"), strings.Split(b, "\n")
	for i := range min(len(al), len(bl)) {
		if al[i] != bl[i] {
			return fmt.Sprintf("line %d:\n  %s\n  %s", i+1, al[i], bl[i])
		}
	}
	return fmt.Sprintf("lengths %d and %d lines", len(al), len(bl))
}

// TestCorrectionsWithoutTheFile: a command run without the corrections
// file keeps the corrections the database holds; a dry run with a changed
// file writes nothing; an empty file removes them.
func TestCorrectionsWithoutTheFile(t *testing.T) {
	dir := copySeeds(t)
	tmp := t.TempDir()
	corr := filepath.Join(tmp, "mine.yaml")
	if err := os.WriteFile(corr, []byte("corrections:\n  - {op: rename, entity: Antony Blinken, name: Tony Blinken}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(tmp, "g.db")
	mustCLI(t, "ingest", "--db", db, "--corrections", corr, dir)
	want, errs := mustCLI(t, "export", "--db", db, "--format", "jsonl") // no file beside g.db
	if !strings.Contains(errs, "keeping the 1 corrections") || !strings.Contains(want, "Tony Blinken") {
		t.Fatalf("without the file the stored corrections should stay: %q", errs)
	}

	if err := os.WriteFile(corr, []byte("corrections:\n  - {op: alias, entity: Beijing, alias: Peking}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, errs = mustCLI(t, "ingest", "--db", db, "--corrections", corr, "--dry-run", dir)
	if s := parseSummary(t, errs); s.nodesAdded+s.nodesRemoved == 0 {
		t.Errorf("dry run with changed corrections reports no change: %q", errs)
	}
	if got, _ := mustCLI(t, "export", "--db", db, "--format", "jsonl"); got != want {
		t.Errorf("a dry run with a changed corrections file wrote to the database:\n%s", firstDiffLine(want, got))
	}

	if err := os.WriteFile(corr, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	mustCLI(t, "ingest", "--db", db, "--corrections", corr, dir)
	if got, _ := mustCLI(t, "export", "--db", db, "--corrections", corr, "--format", "jsonl"); strings.Contains(got, "Tony Blinken") {
		t.Error("an empty corrections file left the rename in place")
	}
}
