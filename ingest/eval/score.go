package eval

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"
)

// norm applies the entity matching rules of testdata/ACCEPTANCE.md: case,
// dots and the difference between straight and curly quotes are ignored.
func norm(s string) string {
	s = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"", ".", "").Replace(s)
	return strings.Join(strings.Fields(strings.ToLower(s)), " ")
}

// words reduces text to its lower-case words, for matching quoted words
// whatever the punctuation and quotation marks around them.
func words(s string) string {
	f := strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	return " " + strings.Join(f, " ") + " "
}

// nameSet is a set of normalized names.
type nameSet map[string]bool

func newNameSet(names ...string) nameSet {
	s := nameSet{}
	s.add(names...)
	return s
}

func (s nameSet) add(names ...string) {
	for _, n := range names {
		if n = norm(n); n != "" {
			s[n] = true
		}
	}
}

// hit reports whether any of names is in the set.
func (s nameSet) hit(names []string) bool {
	for _, n := range names {
		if s[norm(n)] {
			return true
		}
	}
	return false
}

// goldEntity is one real-world entity of the chosen events, its names
// gathered from every event that lists it.
type goldEntity struct {
	name   string
	names  nameSet
	events []string
}

// scorer holds the gold of the chosen events and where each source belongs.
type scorer struct {
	rep      *Report
	events   []*Event
	byType   map[string][]*goldEntity // PERSON, ORGANIZATION, PLACE
	optional nameSet
	mustNot  map[string]string // normalized name -> event
	srcEvent map[string]string // source key or url -> event
	srcFile  map[string]string // source key or url -> file name
	detail   map[string]*EventDetail
}

func score(rep *Report, events []*Event, g *graphView) {
	s := &scorer{rep: rep, events: events, byType: map[string][]*goldEntity{}, optional: nameSet{},
		mustNot: map[string]string{}, srcEvent: map[string]string{}, srcFile: map[string]string{},
		detail: map[string]*EventDetail{}}
	for _, ev := range events {
		d := &EventDetail{Event: ev.Event, Articles: ev.fileNames()}
		s.detail[ev.Event] = d
		for _, f := range ev.fileNames() {
			s.srcEvent[f] = ev.Event
			s.srcFile[f] = f
			if u := ev.Articles[f].URL; u != "" {
				s.srcEvent[u] = ev.Event
				s.srcFile[u] = f
			}
		}
		s.addGold("PERSON", ev, ev.Persons)
		s.addGold("ORGANIZATION", ev, ev.Organizations)
		s.addGold("PLACE", ev, ev.Places)
		s.optional.add(ev.OptionalPersons...)
		s.optional.add(ev.OptionalOrganizations...)
		s.optional.add(ev.OptionalPlaces...)
		for _, n := range ev.MustNot {
			s.mustNot[norm(n)] = ev.Event
		}
	}
	for _, typ := range []string{"PERSON", "ORGANIZATION", "PLACE"} {
		s.entities(typ, g.entities)
	}
	s.meetings(g.meetings)
	s.statements(g.statements)
	for _, ev := range events {
		if d := s.detail[ev.Event]; len(d.Problems) > 0 {
			sort.Strings(d.Problems)
			rep.Detail = append(rep.Detail, *d)
		}
	}
}

// addGold adds an event's entities of one type, merging an entity that an
// earlier event already lists under its name: one event's "Wu Dong" and
// another's "Wu Dongsheng" share the alias "Wu" but are two people, while
// "Ana Lima" (alias "Lima") and "Lima" are one.
func (s *scorer) addGold(typ string, ev *Event, list []Entity) {
	for _, e := range list {
		var found *goldEntity
		for _, g := range s.byType[typ] {
			if g.names.hit([]string{e.Name}) || newNameSet(e.names()...).hit([]string{g.name}) {
				found = g
				break
			}
		}
		if found == nil {
			found = &goldEntity{name: e.Name, names: nameSet{}}
			s.byType[typ] = append(s.byType[typ], found)
		}
		found.names.add(e.names()...)
		found.events = append(found.events, ev.Event)
	}
}

// problem records a problem under every event the sources belong to (or
// under every chosen event when they name none).
func (s *scorer) problem(srcs []gSource, events []string, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	seen := map[string]bool{}
	for _, e := range events {
		seen[e] = true
	}
	for _, src := range srcs {
		for _, k := range []string{src.Key, src.URL} {
			if e, ok := s.srcEvent[k]; ok {
				seen[e] = true
			}
		}
	}
	for e := range seen {
		if d := s.detail[e]; d != nil {
			d.Problems = append(d.Problems, msg)
		}
	}
}

func (s *scorer) measure(name string) *Score {
	sc := s.rep.Measures[name]
	if sc == nil {
		sc = &Score{}
		s.rep.Measures[name] = sc
	}
	return sc
}

// entities scores the graph's nodes of one type: a gold entity is found
// when a node of that type carries one of its names; a node that matches no
// gold entity of its type, or one already matched, is an extra one. A node
// is first who its own name says: "Park Mi Rae" (alias "Park") is the gold
// Park Mi Rae, not the Park Tae Un whose alias is "Park"; a node named as an
// optional entity is optional whatever its aliases.
func (s *scorer) entities(typ string, got []gEntity) {
	sc := s.measure(strings.ToLower(typ) + "s")
	claimed := map[*goldEntity]string{} // gold entity -> name of the node that matched it
	var nodes []gEntity
	for _, n := range got {
		if n.Type == typ {
			nodes = append(nodes, n)
		}
	}
	// A node named exactly as a gold entity's canonical name matches it
	// before any node that only shares an alias with it, so "Ana Lima" is
	// the match and a leftover "Lima" node the second one.
	canonical := func(n gEntity) bool {
		g := s.goldNamed(typ, []string{n.Name})
		return g != nil && norm(g.name) == norm(n.Name)
	}
	sort.SliceStable(nodes, func(i, j int) bool {
		ci, cj := canonical(nodes[i]), canonical(nodes[j])
		if ci != cj {
			return ci
		}
		return nodes[i].Name < nodes[j].Name
	})
	for _, n := range nodes {
		match := s.goldNamed(typ, []string{n.Name})
		if match == nil && s.optional.hit([]string{n.Name}) {
			continue
		}
		if match == nil {
			match = s.goldNamed(typ, n.names())
		}
		switch {
		case match != nil && claimed[match] == "":
			claimed[match] = n.Name
			sc.TP++
		case match != nil:
			sc.FP++
			s.problem(n.Sources, match.events, "%s: a second node %q for %q (matched first by %q)",
				strings.ToLower(typ), n.Name, match.name, claimed[match])
		case s.optional.hit(n.names()):
		default:
			sc.FP++
			what := "not in the gold"
			if e, ok := s.mustNot[norm(n.Name)]; ok {
				what = "listed as must-not in " + e
			}
			for _, other := range []string{"PERSON", "ORGANIZATION", "PLACE"} {
				for _, g := range s.byType[other] {
					if other != typ && g.names.hit(n.names()) {
						what = "gold says " + other
					}
				}
			}
			s.problem(n.Sources, nil, "%s extra: %q (%s)", strings.ToLower(typ), n.Name, what)
		}
	}
	for _, g := range s.byType[typ] {
		if claimed[g] == "" {
			sc.FN++
			s.problem(nil, g.events, "%s missing: %q", strings.ToLower(typ), g.name)
		}
	}
}

// goldNamed returns the first gold entity of type typ with one of names.
func (s *scorer) goldNamed(typ string, names []string) *goldEntity {
	for _, g := range s.byType[typ] {
		if g.names.hit(names) {
			return g
		}
	}
	return nil
}

// goldMeeting is a gold meeting with the names of its participants, venue
// and city resolved through its event's entity lists.
type goldMeeting struct {
	Meeting
	event string
	who   []nameSet
	place nameSet
	city  nameSet
}

// lookup returns the names of the entity called name in the event's lists.
func lookup(ev *Event, name string, lists ...[]Entity) nameSet {
	s := newNameSet(name)
	for _, l := range lists {
		for _, e := range l {
			if newNameSet(e.names()...).hit([]string{name}) {
				s.add(e.names()...)
			}
		}
	}
	return s
}

func (s *scorer) goldMeetings() []*goldMeeting {
	var out []*goldMeeting
	for _, ev := range s.events {
		for _, m := range ev.Meetings {
			if m.Skip != "" {
				continue
			}
			gm := &goldMeeting{Meeting: m, event: ev.Event}
			for _, p := range m.Participants {
				gm.who = append(gm.who, lookup(ev, p, ev.Persons))
			}
			if m.Place != nil {
				gm.place = lookup(ev, *m.Place, ev.Places, ev.Organizations)
				if m.PlaceConflict != "" {
					for n := range lookup(ev, m.PlaceConflict, ev.Places, ev.Organizations) {
						gm.place[n] = true
					}
				}
			}
			if m.City != nil {
				gm.city = lookup(ev, *m.City, ev.Places)
			}
			out = append(out, gm)
		}
	}
	return out
}

// sameParticipants reports whether the graph's participants are the gold ones.
func (gm *goldMeeting) sameParticipants(m gMeeting) bool {
	if len(m.Participants) != len(gm.who) {
		return false
	}
	// A perfect matching, not a greedy one: a wife's node carries her
	// husband's surname as an alias, and must not take his place.
	owner := make([]int, len(m.Participants)) // gold index + 1 matched to each participant
	var try func(w int, seen []bool) bool
	try = func(w int, seen []bool) bool {
		for i, p := range m.Participants {
			if seen[i] || !gm.who[w].hit(p.names()) {
				continue
			}
			seen[i] = true
			if owner[i] == 0 || try(owner[i]-1, seen) {
				owner[i] = w + 1
				return true
			}
		}
		return false
	}
	for w := range gm.who {
		if !try(w, make([]bool, len(m.Participants))) {
			return false
		}
	}
	return true
}

// dateRight: equal to the gold date, or inside the gold range, and at least
// as precise; no date when the gold has none.
func (gm *goldMeeting) dateRight(m gMeeting) bool {
	if gm.Date == nil || *gm.Date == "" {
		return m.Date == nil || *m.Date == ""
	}
	if m.Date == nil {
		return false
	}
	got, lo, hi := *m.Date, *gm.Date, *gm.Date
	if gm.DateEnd != nil && *gm.DateEnd != "" {
		hi = *gm.DateEnd
	}
	if len(got) < len(lo) || len(got) < len(hi) {
		return false
	}
	return got[:len(lo)] >= lo && got[:len(hi)] <= hi
}

// whereRight: the gold venue or city is found, and no venue or city of the
// graph contradicts the gold (a venue that is the gold city is no
// contradiction). A meeting the gold cannot place must not be placed.
func (gm *goldMeeting) whereRight(m gMeeting) bool {
	if gm.place == nil && gm.city == nil {
		return m.Place == nil && m.City == nil
	}
	okPlace := gm.place != nil && m.Place != nil && gm.place.hit(m.Place.names())
	okCity := gm.city != nil && m.City != nil && gm.city.hit(m.City.names())
	if !okPlace && !okCity {
		return false
	}
	if m.Place != nil && !okPlace && !(gm.city != nil && gm.city.hit(m.Place.names())) {
		return false
	}
	if m.City != nil && !okCity {
		return false
	}
	return true
}

func (gm *goldMeeting) statusRight(m gMeeting) bool {
	want := strings.ToUpper(gm.Status)
	if want == "" {
		want = "HELD"
	}
	return m.Status == want
}

func (gm *goldMeeting) describe() string {
	d, p, c := "-", "-", "-"
	if gm.Date != nil {
		d = *gm.Date
		if gm.DateEnd != nil {
			d += ".." + *gm.DateEnd
		}
	}
	if gm.Place != nil {
		p = *gm.Place
	}
	if gm.City != nil {
		c = *gm.City
	}
	st := gm.Status
	if st == "" {
		st = "HELD"
	}
	return fmt.Sprintf("%s %v date=%s place=%s city=%s %s", gm.ID, gm.Participants, d, p, c, st)
}

func describeMeeting(m gMeeting) string {
	var ps []string
	for _, p := range m.Participants {
		ps = append(ps, p.Name)
	}
	d, p, c := "-", "-", "-"
	if m.Date != nil {
		d = *m.Date
	}
	if m.Place != nil {
		p = m.Place.Name
	}
	if m.City != nil {
		c = m.City.Name
	}
	return fmt.Sprintf("%v date=%s place=%s city=%s %s (%d sources)", ps, d, p, c, m.Status, len(m.Sources))
}

// meetings matches graph meetings to gold ones, one to one, on the
// participant set, preferring pairs that also agree on status, date and
// place; then counts the headline triples of held meetings.
func (s *scorer) meetings(got []gMeeting) {
	gold := s.goldMeetings()
	type pair struct{ g, m, pref int }
	var pairs []pair
	for gi, gm := range gold {
		for mi, m := range got {
			if !gm.sameParticipants(m) {
				continue
			}
			pref := 0
			if gm.statusRight(m) {
				pref += 4
			}
			if gm.dateRight(m) {
				pref += 2
			}
			if gm.whereRight(m) {
				pref++
			}
			pairs = append(pairs, pair{gi, mi, pref})
		}
	}
	sort.SliceStable(pairs, func(i, j int) bool { return pairs[i].pref > pairs[j].pref })
	gFor := make([]int, len(gold))
	for i := range gFor {
		gFor[i] = -1
	}
	// One to one within an event; across events a graph meeting may
	// answer several gold ones, since two events' articles can report the
	// same meeting (one as the story, one in passing), which the graph
	// rightly merges.
	type use struct {
		event string
		m     int
	}
	taken := map[use]bool{}
	mUsed := make([]bool, len(got))
	for _, p := range pairs {
		u := use{gold[p.g].event, p.m}
		if gFor[p.g] < 0 && !taken[u] {
			gFor[p.g], taken[u], mUsed[p.m] = p.m, true, true
		}
	}
	// A meeting one event's articles announce and another event's report
	// held is one meeting, held: the graph that merged them has its status
	// right for both golds.
	heldFor := make([]bool, len(got))
	for gi, gm := range gold {
		if mi := gFor[gi]; mi >= 0 && gm.held() && gm.statusRight(got[mi]) {
			heldFor[mi] = true
		}
	}
	statusRight := func(gm *goldMeeting, mi int) bool {
		return gm.statusRight(got[mi]) || strings.EqualFold(gm.Status, "PLANNED") && got[mi].Status == "HELD" && heldFor[mi]
	}
	sc := s.measure("meetings")
	who, when, status := s.measure("headline_who"), s.measure("headline_who_when"), s.measure("meeting_status")
	for gi, gm := range gold {
		mi := gFor[gi]
		if mi < 0 {
			sc.FN++
			s.problem(nil, []string{gm.event}, "meeting missing: %s", gm.describe())
			if gm.held() {
				s.rep.Headline.Of++
			}
			continue
		}
		sc.TP++
		m := got[mi]
		if statusRight(gm, mi) {
			status.TP++
		} else {
			status.FN++
		}
		if !gm.held() {
			if !statusRight(gm, mi) {
				s.problem(m.Sources, []string{gm.event}, "meeting status: %s; graph: %s", gm.describe(), describeMeeting(m))
			}
			continue
		}
		s.rep.Headline.Of++
		held := gm.statusRight(m)
		dr, wr := gm.dateRight(m), gm.whereRight(m)
		if held {
			who.TP++
		}
		if held && dr {
			when.TP++
		}
		if held && dr && wr {
			s.rep.Headline.Right++
			continue
		}
		var what []string
		if !held {
			what = append(what, "status")
		}
		if !dr {
			what = append(what, "date")
		}
		if !wr {
			what = append(what, "where")
		}
		s.problem(m.Sources, []string{gm.event}, "meeting wrong %s: %s; graph: %s", strings.Join(what, "+"), gm.describe(), describeMeeting(m))
	}
	for mi, m := range got {
		if !mUsed[mi] {
			sc.FP++
			s.problem(m.Sources, nil, "meeting extra: %s", describeMeeting(m))
		}
	}
	who.FN = s.rep.Headline.Of - who.TP
	when.FN = s.rep.Headline.Of - when.TP
}

// statements matches graph statements to gold ones: the same speaker, and
// the gold's first words among the statement's words. The
// "statement_words" measure ignores the speaker, to tell attribution errors
// from missed quotes. A gold statement takes a statement of several
// sources through a source they share, which no gold statement took it
// through yet, when its first words are in the statement's words or in its
// evidence sentence from that source; else a statement no other took whose
// words have its first words. The gold
// lists one statement once per outlet when the outlets word it differently
// (contains is the first words as written), while the graph merges them into
// one statement with the longer words and both sources.
func (s *scorer) statements(got []gStatement) {
	type goldStatement struct {
		Statement
		event   string
		speaker nameSet
		words   string
	}
	var gold []goldStatement
	for _, ev := range s.events {
		for _, st := range ev.Statements {
			if st.Skip != "" {
				continue
			}
			gold = append(gold, goldStatement{st, ev.Event, lookup(ev, st.Speaker, ev.Persons, ev.Organizations), words(st.Contains)})
		}
	}
	gotWords := make([]string, len(got))
	for i, st := range got {
		gotWords[i] = words(st.Text)
	}
	// shared returns the sources of statement mi that gold statement g
	// names, by file name.
	shared := func(mi int, g goldStatement) []string {
		var out []string
		for _, src := range got[mi].Sources {
			for _, k := range []string{src.Key, src.URL} {
				if f := s.srcFile[k]; f != "" && slices.Contains(g.Sources, f) && !slices.Contains(out, f) {
					out = append(out, f)
				}
			}
		}
		return out
	}
	// heard reports whether statement mi has g's first words, in its
	// words or in its evidence sentence from source file f.
	heard := func(mi int, g goldStatement, f string) bool {
		if strings.Contains(gotWords[mi], g.words) {
			return true
		}
		for _, ev := range got[mi].Evidence {
			if (s.srcFile[ev.Source.Key] == f || s.srcFile[ev.Source.URL] == f) && strings.Contains(words(ev.Sentence), g.words) {
				return true
			}
		}
		return false
	}
	match := func(withSpeaker bool) (*Score, []int) {
		sc := &Score{}
		used := make([]bool, len(got))
		usedSrc := make([]map[string]bool, len(got)) // sources a gold statement took it through
		// take marks statement mi taken, through source f if any.
		take := func(mi int, f string) {
			used[mi] = true
			if usedSrc[mi] == nil {
				usedSrc[mi] = map[string]bool{}
			}
			if f != "" {
				usedSrc[mi][f] = true
			}
		}
		gFor := make([]int, len(gold))
		for gi, g := range gold {
			gFor[gi] = -1
			for mi, st := range got {
				if withSpeaker && !g.speaker.hit(st.Speaker.names()) {
					continue
				}
				through := ""
				if len(st.Sources) > 1 {
					for _, f := range shared(mi, g) {
						if !usedSrc[mi][f] && heard(mi, g, f) {
							through = f
							break
						}
					}
				}
				if through == "" && (used[mi] || !strings.Contains(gotWords[mi], g.words)) {
					continue
				}
				take(mi, through)
				gFor[gi] = mi
				break
			}
			if gFor[gi] >= 0 {
				sc.TP++
			} else {
				sc.FN++
			}
		}
		for _, u := range used {
			if !u {
				sc.FP++
			}
		}
		return sc, gFor
	}
	wordsOnly, _ := match(false)
	s.rep.Measures["statement_words"] = wordsOnly
	sc, gFor := match(true)
	s.rep.Measures["statements"] = sc
	matched := make([]bool, len(got))
	for gi, g := range gold {
		if mi := gFor[gi]; mi >= 0 {
			matched[mi] = true
			continue
		}
		who := ""
		for mi, st := range got {
			if strings.Contains(gotWords[mi], g.words) {
				who = fmt.Sprintf(" (graph: said by %q)", st.Speaker.Name)
				break
			}
		}
		s.problem(nil, []string{g.event}, "statement missing: %s: %q%s", g.Speaker, g.Contains, who)
	}
	for mi, st := range got {
		if !matched[mi] {
			s.problem(st.Sources, nil, "statement extra: %s: %q", st.Speaker.Name, clip(st.Text, 70))
		}
	}
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
