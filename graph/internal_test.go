package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"
)

func FuzzKeyRoundTrip(f *testing.F) {
	f.Add("antony blinken", "wang yi", uint64(1), uint64(2), byte(3))
	f.Add("a\x00b", "a", uint64(0), ^uint64(0), byte(0))
	f.Add("", "\x00\x01", uint64(7), uint64(7), byte(255))
	f.Fuzz(func(t *testing.T, s1, s2 string, a, b uint64, x byte) {
		keys := [][]byte{
			sourceKey(ID(a)), nodeKey(ID(a), ID(b)), seriesKey(ID(b), ID(a)), headKey(ID(a)),
			meetingKey(ID(a), ID(b)), edgeKey(ID(a), EdgeType(x), ID(b), ID(a)),
			reverseKey(ID(b), EdgeType(x), ID(a), ID(b)), aliasKey(s1, ID(a), ID(b)),
			kindKey(NodeKind(x), EntityType(x), ID(a), ID(b)), roleKey(ID(a), role(x), ID(b), ID(a)),
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
		if p, _ := parseKey(aliasKey(s1, ID(a), ID(b))); p.Name != s1 {
			t.Fatalf("name %q -> %q", s1, p.Name)
		}
		// Encoded strings keep their order, and a name is never a prefix
		// match for a longer one.
		k1, k2 := aliasPrefix(s1), aliasPrefix(s2)
		if got, want := bytes.Compare(k1, k2), strings.Compare(s1, s2); got != want {
			t.Fatalf("order of %q, %q: keys %d, strings %d", s1, s2, got, want)
		}
		if s1 != s2 && bytes.HasPrefix(aliasKey(s2, ID(a), ID(b)), k1) {
			t.Fatalf("prefix of %q matches %q", s1, s2)
		}
		rows := appendRowList(nil, keys)
		back, err := splitRowList(rows)
		if err != nil || len(back) != len(keys) {
			t.Fatalf("row list: %v", err)
		}
	})
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
			return txn.Delete(nodeKey(EntityID(Person, "B"), SourceID("s")))
		}, "dangling"},
		{"missing reverse", func(txn *badger.Txn) error {
			return txn.Delete(reverseKey(EntityID(Organization, "B Corp"), AffiliatedWith, EntityID(Person, "A"), SourceID("s")))
		}, "no reverse"},
		{"row of no source", func(txn *badger.Txn) error {
			return txn.Set(kindKey(KindEntity, Person, 5, 6), nil)
		}, "does not exist"},
		{"stale meeting index", func(txn *badger.Txn) error {
			return txn.Set(meetingKey(1234, seriesID([]ID{EntityID(Person, "A"), EntityID(Person, "B")}, Held)), nil)
		}, "series"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := Open(ctx, Options{InMemory: true})
			if err != nil {
				t.Fatal(err)
			}
			defer s.Close()
			a := &Article{Source: Source{Key: "s"},
				Entities:  []EntityClaim{{Name: "A", Type: Person}, {Name: "B", Type: Person}, {Name: "B Corp", Type: Organization}},
				Meetings:  []MeetingClaim{{Participants: []string{"A", "B"}}},
				Relations: []RelationClaim{{Type: AffiliatedWith, From: "A", To: "B Corp"}},
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
var codecRow = entityRow{Name: "Firstname Lastname", Type: Person, Aliases: []string{"Lastname"},
	Titles: []string{"Secretary of State"}, Evidence: []Evidence{
		{Span: Span{120, 260}, Text: strings.Repeat("A sentence of a news article. ", 4)},
		{Span: Span{900, 1010}, Text: strings.Repeat("Another sentence here. ", 4)},
		{Span: Span{2000, 2100}, Text: strings.Repeat("And a third one. ", 5)},
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
		r, err := buildArticle(&Article{Source: Source{Key: key},
			Entities: []EntityClaim{{Name: "A", Type: Person}, {Name: "B", Type: Person}},
			Meetings: []MeetingClaim{{Participants: []string{"A", "B"}, Date: Date{Year: 2023, Month: int(key[0] - 'a' + 1)}}}})
		if err != nil {
			t.Fatal(err)
		}
		return r
	}
	t1 := s.db.NewTransaction(true)
	defer t1.Discard()
	r1 := article("a")
	if _, err := applySource(ctx, t1, r1.src, "a", r1); err != nil {
		t.Fatal(err)
	}
	if _, err := s.PutArticle(ctx, &Article{Source: Source{Key: "b"},
		Entities: []EntityClaim{{Name: "A", Type: Person}, {Name: "B", Type: Person}},
		Meetings: []MeetingClaim{{Participants: []string{"A", "B"}, Date: Date{Year: 2023, Month: 2}}}}); err != nil {
		t.Fatal(err)
	}
	if err := t1.Commit(); !errors.Is(err, badger.ErrConflict) {
		t.Fatalf("commit: %v, want a conflict", err)
	}
	if err := s.Check(ctx); err != nil {
		t.Fatal(err)
	}
}
