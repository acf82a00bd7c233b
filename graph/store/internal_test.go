package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/newsgraph/newsgraph/graph"
)

func FuzzKeyRoundTrip(f *testing.F) {
	f.Add("antony blinken", "wang yi", uint64(1), uint64(2), byte(3))
	f.Add("a\x00b", "a", uint64(0), ^uint64(0), byte(0))
	f.Add("", "\x00\x01", uint64(7), uint64(7), byte(255))
	f.Fuzz(func(t *testing.T, s1, s2 string, a, b uint64, x byte) {
		keys := [][]byte{
			sourceKey(graph.ID(a)), nodeKey(graph.ID(a), graph.ID(b)), seriesKey(graph.ID(b), graph.ID(a)), headKey(graph.ID(a)),
			meetingKey(graph.ID(a), graph.ID(b)), edgeKey(graph.ID(a), graph.EdgeType(x), graph.ID(b), graph.ID(a)),
			reverseKey(graph.ID(b), graph.EdgeType(x), graph.ID(a), graph.ID(b)), aliasKey(s1, graph.ID(a), graph.ID(b)),
			kindKey(graph.NodeKind(x), graph.EntityType(x), graph.ID(a), graph.ID(b)), roleKey(graph.ID(a), role(x), graph.ID(b), graph.ID(a)),
			byDateKey(graph.ID(a), fuzzDate(a), graph.ID(b), graph.ID(a)), pairKey(graph.ID(a), graph.ID(b), graph.ID(a)),
		}
		for _, k := range keys {
			p, err := parseKey(k)
			if err != nil {
				t.Fatalf("parse %x: %v", k, err)
			}
			if !bytes.Equal(p.encode(), k) {
				t.Fatalf("round trip %x -> %+v -> %x", k, p, p.encode())
			}
		}
		if p, _ := parseKey(aliasKey(s1, graph.ID(a), graph.ID(b))); p.Name != s1 {
			t.Fatalf("name %q -> %q", s1, p.Name)
		}
		// Encoded strings keep their order, and a name is never a prefix
		// match for a longer one.
		k1, k2 := aliasPrefix(s1), aliasPrefix(s2)
		if got, want := bytes.Compare(k1, k2), strings.Compare(s1, s2); got != want {
			t.Fatalf("order of %q, %q: keys %d, strings %d", s1, s2, got, want)
		}
		if s1 != s2 && bytes.HasPrefix(aliasKey(s2, graph.ID(a), graph.ID(b)), k1) {
			t.Fatalf("prefix of %q matches %q", s1, s2)
		}
		// Q rows sort as compareMeetings sorts their meetings.
		da, db := fuzzDate(a), fuzzDate(b)
		ka, kb := byDateKey(1, da, graph.ID(a), 0), byDateKey(1, db, graph.ID(b), 0)
		want := compareMeetings(&graph.Meeting{ID: graph.ID(a), Date: da}, &graph.Meeting{ID: graph.ID(b), Date: db})
		if got := bytes.Compare(ka, kb); got != want {
			t.Fatalf("order of %v %v, %v %v: keys %d, meetings %d", da, a, db, b, got, want)
		}
		if p, err := parseKey(ka); err != nil || p.Date != da {
			t.Fatalf("date %v -> %v, %v", da, p.Date, err)
		}
		rows := appendRowList(nil, keys)
		back, err := splitRowList(rows)
		if err != nil || len(back) != len(keys) {
			t.Fatalf("row list: %v", err)
		}
	})
}

// fuzzDate makes a date of any precision, years before the common era
// included, from the bits of v.
func fuzzDate(v uint64) graph.Date {
	d := graph.Date{Year: int(int16(v >> 16)), Month: int(v>>8) % 13, Day: int(v) % 32}
	switch v >> 32 % 4 {
	case 0:
		d.Year = 0
	case 1:
		d.Month, d.Day = 0, 0
	case 2:
		d.Day = 0
	}
	if d.Month == 0 {
		d.Day = 0
	}
	return d
}

func TestParseKeyRejects(t *testing.T) {
	for _, k := range [][]byte{nil, {'Z'}, {prefixSource, 1}, append(sourceKey(1), 0), {prefixAlias, 'a', 0, 7}} {
		if _, err := parseKey(k); err == nil {
			t.Errorf("parseKey(%x) accepted", k)
		}
	}
}

func TestSchemaVersion(t *testing.T) {
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "db")
	s, err := Open(ctx, DefaultOptions(dir))
	if err != nil {
		t.Fatal(err)
	}
	err = s.db.Update(func(txn *badger.Txn) error {
		return txn.Set(versionKey(), binary.BigEndian.AppendUint32(nil, 99))
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	_, err = Open(ctx, DefaultOptions(dir))
	if !errors.Is(err, ErrSchemaVersion) || !strings.Contains(err.Error(), "99") ||
		!strings.Contains(err.Error(), fmt.Sprintf("version %d", schemaVersion)) {
		t.Errorf("open: %v", err)
	}
}

func TestCheckFindsCorruption(t *testing.T) {
	ctx := context.Background()
	tests := []struct {
		name    string
		corrupt func(txn *badger.Txn) error
		want    string
	}{
		{"dangling edge", func(txn *badger.Txn) error {
			return txn.Delete(nodeKey(graph.EntityID(graph.Person, "B"), graph.SourceID("s")))
		}, "dangling"},
		{"missing reverse", func(txn *badger.Txn) error {
			return txn.Delete(reverseKey(graph.EntityID(graph.Organization, "B Corp"), graph.AffiliatedWith, graph.EntityID(graph.Person, "A"), graph.SourceID("s")))
		}, "no reverse"},
		{"row of no source", func(txn *badger.Txn) error {
			return txn.Set(kindKey(graph.KindEntity, graph.Person, 5, 6), nil)
		}, "does not exist"},
		{"stale meeting index", func(txn *badger.Txn) error {
			return txn.Set(meetingKey(1234, seriesID([]graph.ID{graph.EntityID(graph.Person, "A"), graph.EntityID(graph.Person, "B")}, graph.Held)), nil)
		}, "series"},
		{"missing participant index row", func(txn *badger.Txn) error {
			ps := []graph.ID{graph.EntityID(graph.Person, "A"), graph.EntityID(graph.Person, "B")}
			slices.Sort(ps)
			sid := seriesID(ps, graph.Held)
			d := deriveGroups(map[graph.ID][]srcSeries{sid: {{src: graph.SourceID("s"), row: seriesRow{Participants: ps,
				Status: graph.Held, Claims: []meetingRow{{}}}}}})[sid]
			if len(d.byDate) != 2 {
				return fmt.Errorf("participant index rows %x, want 2", d.byDate)
			}
			return txn.Delete([]byte(d.byDate[0]))
		}, "participant index"},
		{"stale participant index row", func(txn *badger.Txn) error {
			a, b := graph.EntityID(graph.Person, "A"), graph.EntityID(graph.Person, "B")
			return txn.Set(byDateKey(a, graph.Date{Year: 2020}, 99, seriesID([]graph.ID{a, b}, graph.Held)), nil)
		}, "participant index"},
		{"missing pair index row", func(txn *badger.Txn) error {
			ps := []graph.ID{graph.EntityID(graph.Person, "A"), graph.EntityID(graph.Person, "B")}
			slices.Sort(ps)
			return txn.Delete(pairKey(ps[0], ps[1], seriesID(ps, graph.Held)))
		}, "pair index"},
		{"stale group", func(txn *badger.Txn) error {
			ps := []graph.ID{graph.EntityID(graph.Person, "A"), graph.EntityID(graph.Person, "B")}
			slices.Sort(ps)
			sid := seriesID(ps, graph.Held)
			v, err := encodeValue(headRow{Group: []graph.ID{sid, 77}})
			if err != nil {
				return err
			}
			return txn.Set(headKey(sid), v)
		}, "group"},
		{"missing statement row", func(txn *badger.Txn) error {
			g, err := statementKeyIn(txn, graph.StatementID(graph.EntityID(graph.Person, "A"), "We will meet again."))
			if err != nil {
				return err
			}
			return txn.Delete(nodeKey(g, graph.SourceID("s")))
		}, "statement row"},
		{"missing statement name", func(txn *badger.Txn) error {
			g, err := statementKeyIn(txn, graph.StatementID(graph.EntityID(graph.Person, "A"), "We will meet again."))
			if err != nil {
				return err
			}
			return txn.Delete(stmtNameKey(g))
		}, "statement group row"},
		{"stale statement ID", func(txn *badger.Txn) error {
			g, err := statementKeyIn(txn, graph.StatementID(graph.EntityID(graph.Person, "A"), "We will meet again."))
			if err != nil {
				return err
			}
			v, err := encodeValue(statementRef{Group: g})
			if err != nil {
				return err
			}
			return txn.Set(stmtIDKey(graph.StatementID(graph.EntityID(graph.Person, "A"), "Other words.")), v)
		}, "statement group row"},
		{"group key of two speakers", func(txn *badger.Txn) error {
			// B's group moves under A's key, as if newGroupKey had not
			// seen A's J row.
			ga, err := statementKeyIn(txn, graph.StatementID(graph.EntityID(graph.Person, "A"), "We will meet again."))
			if err != nil {
				return err
			}
			gb, err := statementKeyIn(txn, graph.StatementID(graph.EntityID(graph.Person, "B"), "We will."))
			if err != nil {
				return err
			}
			return rekey(txn, gb, ga)
		}, "names two groups"},
		{"group key without mark", func(txn *badger.Txn) error {
			// Every row of A's group moves under a key without
			// groupKeyMark, agreeing with one another.
			g, err := statementKeyIn(txn, graph.StatementID(graph.EntityID(graph.Person, "A"), "We will meet again."))
			if err != nil {
				return err
			}
			return rekey(txn, g, graph.ID(uint64(g)&(1<<56-1)))
		}, "without groupKeyMark"},
		{"stale statement row", func(txn *badger.Txn) error {
			a := graph.EntityID(graph.Person, "A")
			return txn.Set(kindKey(graph.KindStatement, graph.EntityUnknown, graph.StatementID(a, "Other words."), graph.SourceID("s")), nil)
		}, "not in the row list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(ctx, Options{InMemory: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			a := &graph.Article{Source: graph.Source{Key: "s"},
				Entities:   []graph.EntityClaim{{Name: "A", Type: graph.Person}, {Name: "B", Type: graph.Person}, {Name: "B Corp", Type: graph.Organization}},
				Meetings:   []graph.MeetingClaim{{Participants: []string{"A", "B"}}},
				Relations:  []graph.RelationClaim{{Type: graph.AffiliatedWith, From: "A", To: "B Corp"}},
				Statements: []graph.StatementClaim{{Speaker: "A", Text: "We will meet again."}, {Speaker: "B", Text: "We will."}},
			}
			if _, err := s.PutArticle(ctx, a); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(ctx); err != nil {
				t.Fatalf("clean store: %v", err)
			}
			if err := s.db.Update(tt.corrupt); err != nil {
				t.Fatal(err)
			}
			if err := s.Check(ctx); err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("check: %v, want %q", err, tt.want)
			}
		})
	}
}

// codecRow is a typical claim row: an entity named in three sentences.
var codecRow = entityRow{Name: "Firstname Lastname", Type: graph.Person, Aliases: []string{"Lastname"},
	Titles: []string{"Secretary of State"}, Evidence: []graph.Evidence{
		{Span: graph.Span{Start: 120, End: 260}, Text: strings.Repeat("A sentence of a news article. ", 4)},
		{Span: graph.Span{Start: 900, End: 1010}, Text: strings.Repeat("Another sentence here. ", 4)},
		{Span: graph.Span{Start: 2000, End: 2100}, Text: strings.Repeat("And a third one. ", 5)},
	}}

// BenchmarkCodec compares the binary value encoding (codec.go) with JSON
// and gob for one row.
func BenchmarkCodec(b *testing.B) {
	b.Run("binary", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for range b.N {
			v, err := encodeValue(codecRow)
			if err != nil {
				b.Fatal(err)
			}
			var back entityRow
			if err := decodeValue(v, &back); err != nil {
				b.Fatal(err)
			}
			n = len(v)
		}
		b.ReportMetric(float64(n), "bytes/row")
	})
	b.Run("json", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for range b.N {
			v, err := json.Marshal(codecRow)
			if err != nil {
				b.Fatal(err)
			}
			var back entityRow
			if err := json.Unmarshal(v, &back); err != nil {
				b.Fatal(err)
			}
			n = len(v)
		}
		b.ReportMetric(float64(n), "bytes/row")
	})
	b.Run("gob", func(b *testing.B) {
		b.ReportAllocs()
		var n int
		for range b.N {
			var buf bytes.Buffer
			if err := gob.NewEncoder(&buf).Encode(codecRow); err != nil {
				b.Fatal(err)
			}
			n = buf.Len()
			var back entityRow
			if err := gob.NewDecoder(&buf).Decode(&back); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64(n), "bytes/row")
	})
}

// Two sources writing one meeting series at once must conflict (through the
// series head), or the derived meeting index could go stale.
func TestSeriesWritersConflict(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	article := func(key string) *articleRows {
		r, err := buildArticle(&graph.Article{Source: graph.Source{Key: key},
			Entities: []graph.EntityClaim{{Name: "A", Type: graph.Person}, {Name: "B", Type: graph.Person}},
			Meetings: []graph.MeetingClaim{{Participants: []string{"A", "B"}, Date: graph.Date{Year: 2023, Month: int(key[0] - 'a' + 1)}}}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	t1 := s.db.NewTransaction(true)
	defer t1.Discard()
	r1 := article("a")
	if _, err := applySource(ctx, t1, r1.src, "a", r1, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutArticle(ctx, &graph.Article{Source: graph.Source{Key: "b"},
		Entities: []graph.EntityClaim{{Name: "A", Type: graph.Person}, {Name: "B", Type: graph.Person}},
		Meetings: []graph.MeetingClaim{{Participants: []string{"A", "B"}, Date: graph.Date{Year: 2023, Month: 2}}}}); err != nil {
		t.Fatal(err)
	}
	if err := t1.Commit(); !errors.Is(err, badger.ErrConflict) {
		t.Fatalf("commit: %v, want a conflict", err)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}

// The cache of resolved entities and series serves reads at the snapshot it
// was filled at, and only those: a write shows in the next read, and a view
// opened before the write keeps seeing the graph as it was.
func TestResolvedCacheFollowsWrites(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	put := func(key string, names ...string) {
		t.Helper()
		a := &graph.Article{Source: graph.Source{Key: key}, Meetings: []graph.MeetingClaim{{Participants: names}}}
		for _, n := range names {
			a.Entities = append(a.Entities, graph.EntityClaim{Name: n, Type: graph.Person})
		}
		if _, err := s.PutArticle(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	sourcesOf := func(r graph.Reader, name string) (entity, meeting int) {
		t.Helper()
		id := graph.EntityID(graph.Person, name)
		es, err := r.EntitiesByID(ctx, []graph.ID{id})
		if err != nil {
			t.Fatal(err)
		}
		ms, _, err := r.MeetingsPage(ctx, graph.MeetingFilter{Participants: []graph.ID{id}}, 0, 10)
		if err != nil || len(ms) != 1 {
			t.Fatalf("meetings of %s: %d, %v", name, len(ms), err)
		}
		if e := es[id]; e != nil {
			entity = len(e.Sources)
		}
		return entity, len(ms[0].Sources)
	}
	put("s1", "A", "B")
	old := s.View(graph.ReadOptions{NoEvidence: true})
	defer old.Close()
	for range 2 { // the second read comes from the cache
		if e, m := sourcesOf(s, "A"); e != 1 || m != 1 {
			t.Fatalf("after one article: entity in %d sources, meeting in %d; want 1, 1", e, m)
		}
		if e, m := sourcesOf(old, "A"); e != 1 || m != 1 {
			t.Fatalf("view, after one article: entity in %d sources, meeting in %d; want 1, 1", e, m)
		}
	}
	put("s2", "A", "B")
	for range 2 {
		if e, m := sourcesOf(s, "A"); e != 2 || m != 2 {
			t.Errorf("after two articles: entity in %d sources, meeting in %d; want 2, 2", e, m)
		}
		if e, m := sourcesOf(old, "A"); e != 1 || m != 1 {
			t.Errorf("view opened before the second article: entity in %d sources, meeting in %d; want 1, 1", e, m)
		}
	}
}

// TestStatementGroupKeyStable checks that a statement group keeps its B rows
// when its words change: a claim with more words joining a group of many
// rewrites the group's statement rows, not the index rows of its claims.
func TestStatementGroupKeyStable(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	const short = "we will keep working on the deal with our partners"
	article := func(key, text string) *graph.Article {
		return &graph.Article{Source: graph.Source{Key: key},
			Entities:   []graph.EntityClaim{{Name: "A", Type: graph.Person}},
			Statements: []graph.StatementClaim{{Speaker: "A", Text: text}}}
	}
	blockRows := func() map[string]bool {
		out := map[string]bool{}
		err := s.db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixBlock}})
			defer it.Close()
			for it.Rewind(); it.Valid(); it.Next() {
				out[string(it.Item().KeyCopy(nil))] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	for i := range 20 {
		if _, err := s.PutArticle(ctx, article(fmt.Sprint("s", i), short+".")); err != nil {
			t.Fatal(err)
		}
	}
	before := blockRows()
	steps := []struct {
		name, key, text, want string
		del                   bool
	}{
		{"longer words join", "long", short + " for years to come.", short + " for years to come.", false},
		{"a group founded apart joins", "bridge", "for years to come we will keep working on the deal.", short + " for years to come.", false},
		{"the longer claim leaves", "long", "", "for years to come we will keep working on the deal.", true},
	}
	for _, st := range steps {
		if st.del {
			_, err = s.DeleteSource(ctx, st.key)
		} else {
			_, err = s.PutArticle(ctx, article(st.key, st.text))
		}
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Check(ctx); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		sts, err := s.Statements(ctx, graph.StatementFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		for _, x := range sts {
			texts = append(texts, x.Text)
		}
		if !slices.Contains(texts, st.want) {
			t.Errorf("%s: statements %q, want one of %q", st.name, texts, st.want)
		}
		after := blockRows()
		for k := range before {
			if !after[k] {
				t.Errorf("%s: B row %x of an unchanged claim rewritten", st.name, k)
				break
			}
		}
	}
}

// statementKeyIn returns the group key of statement id, from its I row.
func statementKeyIn(txn *badger.Txn, id graph.ID) (graph.ID, error) {
	item, err := txn.Get(stmtIDKey(id))
	if err != nil {
		return 0, err
	}
	var ref statementRef
	err = item.Value(func(v []byte) error { return decodeValue(v, &ref) })
	return ref.Group, err
}

// rekey writes every row whose key or value holds ID from (its eight
// bytes) with to in their place, and deletes the rows under from.
func rekey(txn *badger.Txn, from, to graph.ID) error {
	f := binary.BigEndian.AppendUint64(nil, uint64(from))
	t := binary.BigEndian.AppendUint64(nil, uint64(to))
	type row struct{ k, v []byte }
	var rows []row
	it := txn.NewIterator(badger.DefaultIteratorOptions)
	for it.Rewind(); it.Valid(); it.Next() {
		k := it.Item().KeyCopy(nil)
		v, err := it.Item().ValueCopy(nil)
		if err != nil {
			it.Close()
			return err
		}
		if bytes.Contains(k, f) || bytes.Contains(v, f) {
			rows = append(rows, row{k, v})
		}
	}
	it.Close()
	if len(rows) == 0 {
		return fmt.Errorf("no row holds %v", from)
	}
	for _, r := range rows {
		if err := txn.Delete(r.k); err != nil {
			return err
		}
		if err := txn.Set(bytes.ReplaceAll(r.k, f, t), bytes.ReplaceAll(r.v, f, t)); err != nil {
			return err
		}
	}
	return nil
}

// TestEdgesOfFilterError: a J row that does not decode, met by the other-end
// filter of EdgesOf, fails the read rather than dropping the edge.
func TestEdgesOfFilterError(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, Options{InMemory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	a := &graph.Article{Source: graph.Source{Key: "s"},
		Entities:   []graph.EntityClaim{{Name: "A", Type: graph.Person}},
		Statements: []graph.StatementClaim{{Speaker: "A", Text: "We will meet again."}}}
	if _, err := s.PutArticle(ctx, a); err != nil {
		t.Fatal(err)
	}
	speaker := graph.EntityID(graph.Person, "A")
	stmt := graph.StatementID(speaker, "We will meet again.")
	f := graph.EdgeFilter{Others: map[graph.ID]bool{stmt: true}}
	if es, err := s.EdgesOf(ctx, speaker, f); err != nil || len(es) == 0 {
		t.Fatalf("clean store: %v, %v", es, err)
	}
	err = s.db.Update(func(txn *badger.Txn) error {
		g, err := statementKeyIn(txn, stmt)
		if err != nil {
			return err
		}
		return txn.Set(stmtNameKey(g), []byte{1})
	})
	if err != nil {
		t.Fatal(err)
	}
	if es, err := s.EdgesOf(ctx, speaker, f); err == nil {
		t.Errorf("EdgesOf with a bad J row: %v, want an error", es)
	}
}
