package extract

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/graph"
)

// groupShape is an article's meeting groups, as meetingClaims hands them
// to mergeOverlapping, for the tests and benchmarks of that step.
type groupShape struct {
	name   string
	groups func(n int) []*obsGroup
}

// groupShapes are the shapes the benchmark measures: n meetings of
// different pairs of people, none shared; n meetings of one person with
// n others on n different days (none joins, each shares a person with
// all); n meetings of one person with n others at one venue (all join
// into one).
var groupShapes = []groupShape{
	{"disjoint", func(n int) []*obsGroup {
		people := newPeople(2 * n)
		var gs []*obsGroup
		for k := range n {
			gs = append(gs, groupOf(&meetingObs{parts: []*entity{people[2*k], people[2*k+1]}, status: graph.Held}))
		}
		return gs
	}},
	{"one host, many days", func(n int) []*obsGroup {
		people := newPeople(n + 1)
		var gs []*obsGroup
		for k := range n {
			date := graph.Date{Year: 2000 + k/336, Month: 1 + k/28%12, Day: 1 + k%28}
			gs = append(gs, groupOf(&meetingObs{parts: []*entity{people[0], people[k+1]}, status: graph.Held, date: date}))
		}
		return gs
	}},
	{"one host, one venue", func(n int) []*obsGroup {
		people := newPeople(n + 2)
		venue := people[n+1]
		var gs []*obsGroup
		for k := range n {
			gs = append(gs, groupOf(&meetingObs{parts: []*entity{people[0], people[k+1]}, status: graph.Held, place: venue}))
		}
		return gs
	}},
}

func newPeople(n int) []*entity {
	out := make([]*entity, n)
	for i := range out {
		out[i] = &entity{typ: graph.Person, order: i}
	}
	return out
}

func groupOf(obs ...*meetingObs) *obsGroup {
	return &obsGroup{obs: obs}
}

// BenchmarkMergeOverlapping measures the joining of an article's meeting
// groups told with different people named, for each shape and size.
func BenchmarkMergeOverlapping(b *testing.B) {
	for _, sh := range groupShapes {
		for _, n := range []int{30, 300, 3000} {
			b.Run(fmt.Sprintf("%s/%d", sh.name, n), func(b *testing.B) {
				for b.Loop() {
					b.StopTimer()
					gs := sh.groups(n)
					b.StartTimer()
					mergeOverlapping(gs, func() bool { return false })
				}
			})
		}
	}
}

// mergeEveryPair is mergeOverlapping as it was: every pair compared in
// order, the first that matches joined, then again from the start. It
// returns how many pairs it compared.
func mergeEveryPair(groups []*obsGroup) ([]*obsGroup, int) {
	compared := 0
	for {
		merged := false
		for i := 0; i < len(groups) && !merged; i++ {
			for j := 0; j < len(groups) && !merged; j++ {
				if i == j {
					continue
				}
				compared++
				if !sameMeetingOtherPeople(groups[i].obs, groups[j].obs, unionParts(groups[i].obs), unionParts(groups[j].obs)) {
					continue
				}
				groups[i].obs = append(groups[i].obs, groups[j].obs...)
				groups = slices.Delete(groups, j, j+1)
				merged = true
			}
		}
		if !merged {
			return groups, compared
		}
	}
}

// randomGroups is n groups of one to three reports each, among few
// people, venues, cities, days and statuses, so that many join; the
// reports of a group share their people and status, as meetingClaims
// makes them.
func randomGroups(r *rand.Rand, n int) []*obsGroup {
	people := newPeople(6)
	places := newPeople(2)
	cities := newPeople(2)
	var gs []*obsGroup
	for range n {
		var parts []*entity
		for _, k := range r.Perm(len(people))[:1+r.IntN(3)] {
			parts = append(parts, people[k])
		}
		status := graph.MeetingStatus(r.IntN(2))
		g := &obsGroup{}
		for range 1 + r.IntN(3) {
			o := &meetingObs{parts: parts, status: status, trigger: r.IntN(1000)}
			if r.IntN(3) == 0 {
				o.date = graph.Date{Year: 2024, Month: 5, Day: 1 + r.IntN(2)}
			}
			if r.IntN(2) == 0 {
				o.place = places[r.IntN(len(places))]
			}
			if r.IntN(4) == 0 {
				o.city = cities[r.IntN(len(cities))]
			}
			g.obs = append(g.obs, o)
		}
		gs = append(gs, g)
	}
	return gs
}

// TestMergeOverlappingJoinsAsEveryPair checks that mergeOverlapping joins
// the groups that comparing every pair did, in the same order, with the
// reports in the same order.
func TestMergeOverlappingJoinsAsEveryPair(t *testing.T) {
	never := func() bool { return false }
	joins := 0
	for seed := range uint64(400) {
		r := rand.New(rand.NewPCG(seed, 11))
		n := 1 + r.IntN(25)
		want, _ := mergeEveryPair(randomGroups(rand.New(rand.NewPCG(seed, 7)), n))
		got := mergeOverlapping(randomGroups(rand.New(rand.NewPCG(seed, 7)), n), never)
		joins += n - len(want)
		if d := describeGroups(got); d != describeGroups(want) {
			t.Fatalf("seed %d, %d groups:\n got %s\nwant %s", seed, n, d, describeGroups(want))
		}
	}
	if joins < 400 {
		t.Errorf("only %d joins in all: the cases test too little", joins)
	}
}

// describeGroups names each report by its trigger and each person by
// order, group by group.
func describeGroups(gs []*obsGroup) string {
	var b strings.Builder
	for _, g := range gs {
		b.WriteString("[")
		for _, o := range g.obs {
			fmt.Fprintf(&b, " %d:", o.trigger)
			for _, p := range o.parts {
				fmt.Fprintf(&b, "%d,", p.order)
			}
		}
		b.WriteString(" ]")
	}
	return b.String()
}

// TestMergeOverlappingComparisons bounds the comparisons of groups: an
// article of 2,000 meetings of different people (issue 13) made every
// pair be compared, 4 million comparisons; groups that share no one are
// never compared now. Where all share one person and a venue and join
// into one, each join still compares the grown group once: 499 for 500.
func TestMergeOverlappingComparisons(t *testing.T) {
	for _, tc := range []struct {
		shape string
		n     int
		max   int
	}{
		{"disjoint", 2000, 0},
		{"one host, one venue", 500, 2 * 500},
	} {
		t.Run(tc.shape, func(t *testing.T) {
			var sh groupShape
			for _, s := range groupShapes {
				if s.name == tc.shape {
					sh = s
				}
			}
			m := newOverlaps(sh.groups(tc.n))
			m.join(func() bool { return false })
			if m.compared > tc.max {
				t.Errorf("%d groups compared %d times, want at most %d", tc.n, m.compared, tc.max)
			}
		})
	}
}

// TestMergeOverlappingStopsWhenExpired checks that the joining stops
// when the article's budget is spent.
func TestMergeOverlappingStopsWhenExpired(t *testing.T) {
	m := newOverlaps(groupShapes[2].groups(50))
	m.join(func() bool { return true })
	if m.compared != 0 {
		t.Errorf("compared %d times after the budget ran out", m.compared)
	}
}
