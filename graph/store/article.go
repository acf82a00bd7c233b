package store

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
)

// entRef is an entity claim of the article, for resolving names.
type entRef struct {
	id   graph.ID
	typ  graph.EntityType
	name string
}

// edgeFact identifies an edge regardless of its sources.
type edgeFact struct {
	from graph.ID
	typ  graph.EdgeType
	to   graph.ID
}

type roleFact struct {
	node   graph.ID
	role   role
	series graph.ID
}

// articleRows is everything one article writes, built and validated before
// any transaction starts.
type articleRows struct {
	src    graph.ID
	source graph.Source
	rows   map[string][]byte // key -> value, sorted into the S row list
	series map[graph.ID]*seriesRow
	corr   string // Fingerprint of the corrections applied
}

// builder checks an article and turns it into rows.
type builder struct {
	a      *graph.Article
	src    graph.ID
	byName map[string][]entRef
	events map[string][]graph.ID
	ents   map[graph.ID]*entityRow
	evs    map[graph.ID]*eventRow
	stmts  map[graph.ID]*statementRow
	edges  map[edgeFact]*edgeRow
	series map[graph.ID]*seriesRow
	roles  map[roleFact]bool
}

// buildArticle validates a and returns its rows, or an *ArticleError.
func buildArticle(a *graph.Article) (*articleRows, error) {
	if a == nil {
		return nil, &graph.ArticleError{Err: errors.New("nil article")}
	}
	if strings.TrimSpace(a.Source.Key) == "" {
		return nil, &graph.ArticleError{Err: errors.New("source has no key")}
	}
	b := &builder{
		a:      a,
		src:    graph.SourceID(a.Source.Key),
		byName: map[string][]entRef{},
		events: map[string][]graph.ID{},
		ents:   map[graph.ID]*entityRow{},
		evs:    map[graph.ID]*eventRow{},
		stmts:  map[graph.ID]*statementRow{},
		edges:  map[edgeFact]*edgeRow{},
		series: map[graph.ID]*seriesRow{},
		roles:  map[roleFact]bool{},
	}
	if err := b.build(); err != nil {
		return nil, err
	}
	return b.finish()
}

func (b *builder) fail(claim string, format string, args ...any) error {
	return &graph.ArticleError{Source: b.a.Source.Key, Claim: claim, Err: fmt.Errorf(format, args...)}
}

func (b *builder) build() error {
	a := b.a
	if err := a.Source.Published.Validate(); err != nil {
		return b.fail("source", "published date: %w", err)
	}
	for i, c := range a.Entities {
		what := fmt.Sprintf("entity %d %q", i, c.Name)
		if graph.NameKey(c.Name) == "" {
			return b.fail(what, "empty name")
		}
		if c.Type < graph.Person || c.Type > graph.Place {
			return b.fail(what, "entity type %v", c.Type)
		}
		if err := b.checkEvidence(c.Evidence); err != nil {
			return b.fail(what, "%w", err)
		}
		id := graph.EntityID(c.Type, c.Name)
		r := b.ents[id]
		if r == nil {
			r = &entityRow{Name: c.Name, Type: c.Type}
			b.ents[id] = r
			k := graph.NameKey(c.Name)
			b.byName[k] = append(b.byName[k], entRef{id: id, typ: c.Type, name: c.Name})
		}
		for _, n := range c.Aliases {
			if graph.NameKey(n) != "" && graph.NameKey(n) != graph.NameKey(r.Name) {
				r.Aliases = append(r.Aliases, n)
			}
		}
		for _, t := range c.Titles {
			if t = strings.TrimSpace(t); t != "" {
				r.Titles = append(r.Titles, t)
			}
		}
		r.Evidence = append(r.Evidence, c.Evidence...)
	}
	for i, c := range a.Events {
		if graph.NameKey(c.Name) == "" {
			return b.fail(fmt.Sprintf("event %d", i), "empty name")
		}
		id := graph.EventID(c.Kind, c.Name)
		k := graph.NameKey(c.Name)
		if !slices.Contains(b.events[k], id) {
			b.events[k] = append(b.events[k], id)
		}
	}
	for i, c := range a.Events {
		if err := b.event(c); err != nil {
			return b.wrap(fmt.Sprintf("event %d %q", i, c.Name), err)
		}
	}
	for i, c := range a.Statements {
		if err := b.statement(c); err != nil {
			return b.wrap(fmt.Sprintf("statement %d by %q", i, c.Speaker), err)
		}
	}
	for i, c := range a.Relations {
		if err := b.relation(c); err != nil {
			return b.wrap(fmt.Sprintf("relation %d (%v %q -> %q)", i, c.Type, c.From, c.To), err)
		}
	}
	for i, c := range a.Meetings {
		if err := b.meeting(c); err != nil {
			return b.wrap(fmt.Sprintf("meeting %d (participants %s)", i, quoteAll(c.Participants)), err)
		}
	}
	return nil
}

func (b *builder) wrap(claim string, err error) error {
	return &graph.ArticleError{Source: b.a.Source.Key, Claim: claim, Err: err}
}

func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}

// checkEvidence requires spans inside the text and, when the text is
// known, the evidence text to be exactly the text at its span.
func (b *builder) checkEvidence(ev []graph.Evidence) error {
	for _, e := range ev {
		s := e.Span
		if s.Start < 0 || s.End < s.Start {
			return fmt.Errorf("bad span [%d,%d)", s.Start, s.End)
		}
		if b.a.Text == "" {
			continue
		}
		if s.End > len(b.a.Text) {
			return fmt.Errorf("span [%d,%d) outside the text (%d bytes)", s.Start, s.End, len(b.a.Text))
		}
		if got := b.a.Text[s.Start:s.End]; got != e.Text {
			return fmt.Errorf("evidence %q is not the text at [%d,%d) (%q)", e.Text, s.Start, s.End, got)
		}
	}
	return nil
}

// entity resolves a name to an entity claim of the article. When entity
// claims of several types share the name, prefer picks the type.
func (b *builder) entity(name string, prefer ...graph.EntityType) (graph.ID, error) {
	refs := b.byName[graph.NameKey(name)]
	switch len(refs) {
	case 0:
		return 0, fmt.Errorf("%q is not an entity of the article", name)
	case 1:
		return refs[0].id, nil
	}
	for _, t := range prefer {
		for _, r := range refs {
			if r.typ == t {
				return r.id, nil
			}
		}
	}
	return 0, fmt.Errorf("%q names entities of several types", name)
}

func (b *builder) eventNamed(name string) (graph.ID, error) {
	ids := b.events[graph.NameKey(name)]
	switch len(ids) {
	case 0:
		return 0, fmt.Errorf("%q is not an event of the article", name)
	case 1:
		return ids[0], nil
	}
	return 0, fmt.Errorf("%q names events of several kinds", name)
}

func (b *builder) addEdge(from graph.ID, t graph.EdgeType, to graph.ID, title string, ev []graph.Evidence) {
	f := edgeFact{from, t, to}
	r := b.edges[f]
	if r == nil {
		r = &edgeRow{}
		b.edges[f] = r
	}
	for i := range r.Items {
		if r.Items[i].Title == title {
			r.Items[i].Evidence = append(r.Items[i].Evidence, ev...)
			return
		}
	}
	r.Items = append(r.Items, edgeItem{Title: title, Evidence: slices.Clone(ev)})
}

func checkDate(field string, d graph.Date) error {
	if err := d.Validate(); err != nil {
		return fmt.Errorf("%s: %w", field, err)
	}
	return nil
}

func (b *builder) event(c graph.EventClaim) error {
	if err := checkDate("date", c.Date); err != nil {
		return err
	}
	if err := b.checkEvidence(c.Evidence); err != nil {
		return err
	}
	id := graph.EventID(c.Kind, c.Name)
	r := b.evs[id]
	if r == nil {
		r = &eventRow{Name: c.Name, Kind: c.Kind}
		b.evs[id] = r
	}
	if r.Date.IsZero() {
		r.Date = c.Date
	}
	if c.Place != "" {
		p, err := b.entity(c.Place, graph.Place, graph.Organization, graph.Person)
		if err != nil {
			return fmt.Errorf("place: %w", err)
		}
		if r.Place == 0 {
			r.Place = p
		}
		b.addEdge(id, graph.HeldIn, p, "", c.Evidence)
	}
	for _, n := range c.Participants {
		p, err := b.entity(n, graph.Person, graph.Organization, graph.Place)
		if err != nil {
			return fmt.Errorf("participant: %w", err)
		}
		r.Participants = append(r.Participants, p)
		b.addEdge(p, graph.ParticipatedIn, id, "", c.Evidence)
	}
	for _, n := range c.DisruptedBy {
		d, err := b.eventNamed(n)
		if err != nil {
			return fmt.Errorf("disrupted by: %w", err)
		}
		if d == id {
			return fmt.Errorf("disrupted by itself")
		}
		b.addEdge(id, graph.DisruptedBy, d, "", c.Evidence)
	}
	r.Evidence = append(r.Evidence, c.Evidence...)
	return nil
}

func (b *builder) statement(c graph.StatementClaim) error {
	if err := checkDate("date", c.Date); err != nil {
		return err
	}
	if err := b.checkEvidence(c.Evidence); err != nil {
		return err
	}
	if graph.StatementKey(c.Text) == "" {
		return errors.New("no words in the text")
	}
	sp, err := b.entity(c.Speaker, graph.Person, graph.Organization, graph.Place)
	if err != nil {
		return fmt.Errorf("speaker: %w", err)
	}
	id := graph.StatementID(sp, c.Text)
	r := b.stmts[id]
	if r == nil {
		r = &statementRow{Speaker: sp, Text: c.Text, Date: c.Date}
		b.stmts[id] = r
	}
	r.Direct = r.Direct || c.Direct
	r.Evidence = append(r.Evidence, c.Evidence...)
	return nil
}

func (b *builder) relation(c graph.RelationClaim) error {
	if err := b.checkEvidence(c.Evidence); err != nil {
		return err
	}
	var from, to graph.ID
	var err error
	switch c.Type {
	case graph.AffiliatedWith:
		if from, err = b.entity(c.From, graph.Person, graph.Organization, graph.Place); err == nil {
			to, err = b.entity(c.To, graph.Organization, graph.Place, graph.Person)
		}
	case graph.LocatedIn:
		if from, err = b.entity(c.From, graph.Place, graph.Organization, graph.Person); err == nil {
			to, err = b.entity(c.To, graph.Place, graph.Organization, graph.Person)
		}
	default:
		return fmt.Errorf("relation type %v is not AFFILIATED_WITH or LOCATED_IN", c.Type)
	}
	if err != nil {
		return err
	}
	if from == to {
		return errors.New("relation of an entity to itself")
	}
	b.addEdge(from, c.Type, to, strings.TrimSpace(c.Title), c.Evidence)
	return nil
}

func (b *builder) meeting(c graph.MeetingClaim) error {
	if err := checkDate("date", c.Date); err != nil {
		return err
	}
	if err := checkDate("end date", c.EndDate); err != nil {
		return err
	}
	if c.Status > graph.Postponed {
		return fmt.Errorf("meeting status %v", c.Status)
	}
	if c.DurationMinutes < 0 {
		return fmt.Errorf("negative duration %d", c.DurationMinutes)
	}
	if err := b.checkEvidence(c.Evidence); err != nil {
		return err
	}
	var ps []graph.ID
	for _, n := range c.Participants {
		p, err := b.entity(n, graph.Person, graph.Organization, graph.Place)
		if err != nil {
			return fmt.Errorf("participant: %w", err)
		}
		ps = append(ps, p)
	}
	ps = sortedIDs(ps)
	if len(ps) < 2 {
		return errors.New("fewer than two distinct participants")
	}
	row := meetingRow{Date: c.Date, EndDate: c.EndDate, DateText: c.DateText,
		DurationMinutes: c.DurationMinutes, Evidence: slices.Clone(c.Evidence)}
	sid := seriesID(ps, c.Status)
	var err error
	if c.Place != "" {
		if row.Place, err = b.entity(c.Place, graph.Place, graph.Organization); err != nil {
			return fmt.Errorf("place: %w", err)
		}
		row.PlaceScope = graph.VenueScopeOf(c.Place)
		b.roles[roleFact{row.Place, rolePlace, sid}] = true
	}
	if c.City != "" {
		if row.City, err = b.entity(c.City, graph.Place, graph.Organization); err != nil {
			return fmt.Errorf("city: %w", err)
		}
		b.roles[roleFact{row.City, roleCity, sid}] = true
	}
	if c.Event != "" {
		if row.Event, err = b.eventNamed(c.Event); err != nil {
			return fmt.Errorf("event: %w", err)
		}
		b.roles[roleFact{row.Event, roleEvent, sid}] = true
	}
	for _, p := range ps {
		b.roles[roleFact{p, roleParticipant, sid}] = true
	}
	s := b.series[sid]
	if s == nil {
		s = &seriesRow{Participants: ps, Status: c.Status, Published: b.a.Source.Published}
		b.series[sid] = s
	}
	s.Claims = append(s.Claims, row)
	return nil
}

// finish encodes the rows. Lists are sorted and deduplicated so that the
// bytes depend only on what the article says.
func (b *builder) finish() (*articleRows, error) {
	src := b.src
	out := &articleRows{src: src, source: b.a.Source, rows: map[string][]byte{}, series: b.series}
	out.source.ID = src
	if out.source.Hash == "" {
		h, err := articleHash(b.a)
		if err != nil {
			return nil, err
		}
		out.source.Hash = h
	}
	put := func(k []byte, v []byte) { out.rows[string(k)] = v }
	mention := func(id graph.ID) {
		put(edgeKey(id, graph.MentionedIn, src, src), nil)
		put(reverseKey(src, graph.MentionedIn, id, src), nil)
	}
	for id, r := range b.ents {
		r.Aliases = dedupeNames(r.Aliases)
		slices.Sort(r.Titles)
		r.Titles = slices.Compact(r.Titles)
		r.Evidence = normEvidence(r.Evidence)
		v, err := encodeNode(graph.KindEntity, r)
		if err != nil {
			return nil, err
		}
		put(nodeKey(id, src), v)
		put(kindKey(graph.KindEntity, r.Type, id, src), nil)
		put(aliasKey(graph.NameKey(r.Name), id, src), nil)
		for _, a := range r.Aliases {
			put(aliasKey(graph.NameKey(a), id, src), nil)
		}
		mention(id)
	}
	for id, r := range b.evs {
		r.Participants = sortedIDs(r.Participants)
		r.Evidence = normEvidence(r.Evidence)
		v, err := encodeNode(graph.KindEvent, r)
		if err != nil {
			return nil, err
		}
		put(nodeKey(id, src), v)
		put(kindKey(graph.KindEvent, graph.EntityUnknown, id, src), nil)
		mention(id)
	}
	// Statements are stored by speaker; their nodes and edges are derived
	// from every source's U rows of the speaker (merge_statements.go).
	said := map[graph.ID]*statementClaims{}
	for _, r := range b.stmts {
		r.Evidence = normEvidence(r.Evidence)
		c := said[r.Speaker]
		if c == nil {
			c = &statementClaims{}
			said[r.Speaker] = c
		}
		c.Claims = append(c.Claims, *r)
	}
	for sp, c := range said {
		slices.SortFunc(c.Claims, compareStatementClaims)
		v, err := encodeValue(c)
		if err != nil {
			return nil, err
		}
		put(saidKey(sp, src), v)
	}
	for f, r := range b.edges {
		for i := range r.Items {
			r.Items[i].Evidence = normEvidence(r.Items[i].Evidence)
		}
		slices.SortFunc(r.Items, func(x, y edgeItem) int { return cmp.Compare(x.Title, y.Title) })
		v, err := encodeValue(r)
		if err != nil {
			return nil, err
		}
		put(edgeKey(f.from, f.typ, f.to, src), v)
		put(reverseKey(f.to, f.typ, f.from, src), nil)
	}
	for id, r := range b.series {
		for i := range r.Claims {
			r.Claims[i].Evidence = normEvidence(r.Claims[i].Evidence)
		}
		v, err := encodeValue(r)
		if err != nil {
			return nil, err
		}
		put(seriesKey(id, src), v)
		put(kindKey(graph.KindMeeting, graph.EntityUnknown, id, src), nil)
	}
	for f := range b.roles {
		put(roleKey(f.node, f.role, f.series, src), nil)
	}
	return out, nil
}

// dedupeNames drops names sharing a NameKey with an earlier one and sorts.
func dedupeNames(names []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, n := range names {
		if k := graph.NameKey(n); !seen[k] {
			seen[k] = true
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// articleHash stands in for Source.Hash when the caller left it empty, so
// that an identical article is still recognized as unchanged.
func articleHash(a *graph.Article) (string, error) {
	j, err := json.Marshal(a)
	if err != nil {
		return "", fmt.Errorf("hash article: %w", err)
	}
	h := sha256.New()
	h.Write(j)
	h.Write([]byte{0})
	h.Write([]byte(a.Text))
	return hex.EncodeToString(h.Sum(nil)), nil
}

// sortedKeys returns the row keys in byte order.
func (r *articleRows) sortedKeys() [][]byte {
	keys := make([][]byte, 0, len(r.rows))
	for k := range r.rows {
		keys = append(keys, []byte(k))
	}
	slices.SortFunc(keys, func(a, b []byte) int { return strings.Compare(string(a), string(b)) })
	return keys
}
