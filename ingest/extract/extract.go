// Package extract turns one cleaned article into graph claims: the people,
// organizations and places it names, the meetings it reports (held, planned,
// cancelled), what people said, and which events disrupted which. It works on
// sentences and tokens with byte offsets, a statistical entity tagger, the
// general lexicon and English patterns; it knows nothing of particular
// articles. Every claim carries the sentences that state it.
package extract

import (
	"cmp"
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/newsgraph/newsgraph/graph"
	"github.com/newsgraph/newsgraph/ingest/lexicon"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/text"
	"github.com/newsgraph/newsgraph/ingest/timex"
)

// Tagger labels the words of one sentence with IOB2 entity labels.
// *ner.Model implements it.
type Tagger interface {
	Tag(words []string) []ner.Label
}

// DocumentTagger is a Tagger that can also label all the sentences of an
// article at once, using what it finds in one to tag another (*ner.Model
// does). Extract prefers it. TagDocumentContext stops soon after ctx is
// done, returning ctx's error.
type DocumentTagger interface {
	Tagger
	TagDocumentContext(ctx context.Context, sents [][]string) ([][]ner.Label, error)
}

// Options switch extraction stages on and off.
type Options struct {
	// MaxSentences caps the sentences read per article, so one pathological
	// text cannot stall a batch. Zero means 2000.
	MaxSentences int
	// SkipStatements, SkipMeetings and SkipEvents switch stages off.
	SkipStatements, SkipMeetings, SkipEvents bool
}

// Extractor extracts claims from articles. It is safe for concurrent use.
type Extractor struct {
	lex    *lexicon.Lexicon
	tagger Tagger
	opt    Options
}

// New returns an Extractor using lex and tagger.
func New(lex *lexicon.Lexicon, tagger Tagger, opt Options) *Extractor {
	if opt.MaxSentences == 0 {
		opt.MaxSentences = 2000
	}
	return &Extractor{lex: lex, tagger: tagger, opt: opt}
}

// Extract reads doc, whose source is src, and returns its claims: it runs
// every stage of Stages in order.
func (x *Extractor) Extract(ctx context.Context, doc *text.Doc, src graph.Source) (*graph.Article, error) {
	w := &Work{Doc: doc, Source: src}
	for _, st := range Stages() {
		if err := st.Run(ctx, x, w); err != nil {
			return nil, err
		}
	}
	return w.Article, nil
}

// Work is one article between the stages of extraction: each stage reads
// what the stages before it left and sets its own field.
type Work struct {
	Doc    *text.Doc    // the cleaned article (input)
	Source graph.Source // its source (input)
	// Sentences are the sentences read, boilerplate left out ("sentences");
	// after "tokenize", only those with tokens, at most MaxSentences.
	Sentences []text.Sentence
	Tokens    [][]text.Token // per sentence ("tokenize")
	Labels    [][]ner.Label  // entity labels per token ("ner")
	Article   *graph.Article // the claims ("read")
}

// Stage is one step of extraction.
type Stage struct {
	Name string
	run  func(ctx context.Context, x *Extractor, w *Work) error
}

// Run runs the stage on w, on which the stages before it have run.
// Errors name the article.
func (s Stage) Run(ctx context.Context, x *Extractor, w *Work) error {
	if err := s.run(ctx, x, w); err != nil {
		return fmt.Errorf("extract %s: %w", w.Source.Key, err)
	}
	return nil
}

// Stages are the stages of extraction in the order Extract runs them, the
// one list the pipeline (package ingest) and the benchmarks use: split
// sentences, tokenize them, tag entities over the whole article
// (TagDocument when the tagger can), and read the claims: names resolved
// within the article, then events, meetings and statements, their dates
// found and resolved on the way (package timex).
func Stages() []Stage {
	return []Stage{
		{"sentences", func(_ context.Context, _ *Extractor, w *Work) error {
			w.Sentences = nil
			for _, s := range text.Sentences(w.Doc) {
				if s.Kind != text.Boilerplate {
					w.Sentences = append(w.Sentences, s)
				}
			}
			return nil
		}},
		{"tokenize", func(ctx context.Context, x *Extractor, w *Work) error {
			var sents []text.Sentence
			var toks [][]text.Token
			for _, s := range w.Sentences {
				if len(sents) >= x.opt.MaxSentences {
					break
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				if ts := unglue(x.lex, text.Tokenize(s.Text, s.Span.Start)); len(ts) > 0 {
					sents = append(sents, s)
					toks = append(toks, ts)
				}
			}
			w.Sentences, w.Tokens = sents, toks
			return nil
		}},
		{"ner", func(ctx context.Context, x *Extractor, w *Work) error {
			words := make([][]string, len(w.Tokens))
			for i, ts := range w.Tokens {
				words[i] = make([]string, len(ts))
				for j, t := range ts {
					words[i][j] = t.Text
				}
			}
			labels, err := x.tag(ctx, words)
			w.Labels = labels
			return err
		}},
		{"read", func(ctx context.Context, x *Extractor, w *Work) error {
			a, err := x.read(ctx, w)
			w.Article = a
			return err
		}},
	}
}

// read finds the claims of the tagged sentences of w.
func (x *Extractor) read(ctx context.Context, w *Work) (*graph.Article, error) {
	d := x.newDoc(ctx, w)
	d.resolveEntities()
	d.orgHeads = map[*entity]*entity{} // the entities no longer change
	if !x.opt.SkipEvents {
		d.findEvents()
	}
	if !x.opt.SkipMeetings {
		d.findMeetings()
	}
	if !x.opt.SkipStatements {
		d.findStatements()
		d.typeSeats()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	a := d.article(w.Source)
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return a, nil
}

// doc is one article under analysis.
type doc struct {
	x    *Extractor
	text string
	ref  graph.Date // publication date, the anchor of relative dates
	// urlRef is whether ref is only the day written into the article's
	// address: the page shows no date, so a bare weekday ("on Saturday")
	// names no day a reader of the text could tell.
	urlRef bool
	// yearGuess is, in an article without a publication date, the year
	// its text names most (see textYear); 0 when dated or none.
	yearGuess int
	// anchor is, in an article without a publication date, the day its
	// text writes in full, when all such days fall within one week (see
	// textAnchor); weekdays resolve around it.
	anchor graph.Date
	sents  []*sent
	ents   []*entity // resolved entities, in order of first mention
	// claims being built
	meetings   []*meetingObs
	statements []graph.StatementClaim
	events     []*eventObs
	relations  []graph.RelationClaim
	traveler   *entity         // the person whose trip the article is about
	tripDest   *entity         // where that trip goes (a city), if stated
	done       <-chan struct{} // closed when the article's budget runs out
	dates      map[*sent][]timex.Expr
	// quoteOf is, while statements are read, the last quote each
	// sentence holds or stands inside.
	quoteOf map[*sent]*quote
	// pronounRefs is, while meetings are read, the antecedent of each
	// pronoun looked up, by sentence and token (see pronounRef).
	pronounRefs map[[2]int]*entity
	// orgHeads is, once the entities are resolved, the person each
	// organization looked up is tied to (see headOf).
	orgHeads map[*entity]*entity
	// namePairs counts the pairs of person names the merges compared:
	// tests bound it by the number of names (issue 13).
	namePairs int
	// subjStarts caches subjectStart by sentence index, 1 + the token (0:
	// not read yet); emptied when resolveEntities has settled the mentions
	// it depends on.
	subjStarts []int
}

// expired reports whether the article's budget has run out. Every loop
// whose trip count grows with the text checks it at its head and stops;
// Extract then returns the context's error, so the partial result is
// never used.
func (d *doc) expired() bool {
	select {
	case <-d.done:
		return true
	default:
		return false
	}
}

// pastDates is timex.Find(s.text, d.ref, timex.Past), found once per
// sentence however many meetings look at it.
func (d *doc) pastDates(s *sent) []timex.Expr {
	if es, ok := d.dates[s]; ok {
		return es
	}
	if d.dates == nil {
		d.dates = map[*sent][]timex.Expr{}
	}
	es := d.findDates(s.text, timex.Past)
	d.dates[s] = es
	return es
}

// sent is one sentence with its tokens, tags and mentions.
type sent struct {
	i     int
	para  int
	kind  text.ParaKind
	span  graph.Span
	text  string
	toks  []tok
	ments []*mention // sorted by token start, non-overlapping
	// quoted is inQuotes(s), kept once read: a sentence's tokens do not
	// change once it is built, and the quotation marks are read by many
	// stages, some for every sentence before a pronoun.
	quoted []bool
}

type tok struct {
	text string
	low  string // lowercase, straight quotes
	span graph.Span
	kind text.TokenKind
}

func (t tok) isCap() bool {
	for _, r := range t.text {
		return r >= 'A' && r <= 'Z' || (r > 127 && strings.ToUpper(string(r)) == string(r) && strings.ToLower(string(r)) != string(r))
	}
	return false
}

// evidence is the sentence as provenance.
func (s *sent) evidence() graph.Evidence {
	return graph.Evidence{Span: s.span, Text: s.text}
}

// body reports whether facts may be read from the sentence (not a heading).
func (s *sent) body() bool {
	return s.kind == text.Body || s.kind == text.Caption
}

// newDoc is the document under analysis of the tagged sentences of w, with
// the mentions of each sentence. It stops early when ctx's budget runs out.
func (x *Extractor) newDoc(ctx context.Context, w *Work) *doc {
	d := &doc{x: x, text: w.Doc.Text, ref: w.Doc.Published, urlRef: w.Doc.PublishedFromURL, done: ctx.Done()}
	if d.ref.IsZero() {
		d.yearGuess = cmp.Or(datedYear(d.text), textYear(d.text))
		d.anchor = textAnchor(d.text)
	}
	for i, ts := range w.Sentences {
		if d.expired() {
			break
		}
		s := &sent{i: i, para: ts.Para, kind: ts.Kind, span: ts.Span, text: ts.Text}
		for _, t := range w.Tokens[i] {
			s.toks = append(s.toks, tok{text: t.Text, low: normWord(t.Text), span: t.Span, kind: t.Kind})
		}
		s.ments = d.mentions(s, w.Labels[i])
		d.sents = append(d.sents, s)
	}
	return d
}

// analyze runs the stages before "read" on td and returns the document
// "read" starts from, for the benchmarks of what follows.
func (x *Extractor) analyze(ctx context.Context, td *text.Doc) (*doc, error) {
	w := &Work{Doc: td}
	for _, st := range Stages() {
		if st.Name == "read" {
			break
		}
		if err := st.run(ctx, x, w); err != nil {
			return nil, err
		}
	}
	return x.newDoc(ctx, w), nil
}

// tag labels the sentences of one article, all at once when the tagger
// can. Either way it stops when ctx is done, within the time of tagging a
// sentence, and leaves nothing running.
func (x *Extractor) tag(ctx context.Context, words [][]string) ([][]ner.Label, error) {
	if dt, ok := x.tagger.(DocumentTagger); ok {
		return dt.TagDocumentContext(ctx, words)
	}
	out := make([][]ner.Label, len(words))
	for i, w := range words {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out[i] = x.tagger.Tag(w)
	}
	return out, nil
}

// straightQuotes straightens curly quotes and apostrophes. A Replacer is
// immutable once built and safe for concurrent use.
var straightQuotes = strings.NewReplacer("\u2019", "'", "\u2018", "'", "\u201c", "\"", "\u201d", "\"")

// normWord lowercases and straightens quotes and apostrophes.
func normWord(w string) string {
	return straightQuotes.Replace(strings.ToLower(w))
}

// article assembles the claims.
func (d *doc) article(src graph.Source) *graph.Article {
	a := &graph.Article{Source: src, Text: d.text}
	for _, e := range d.ents {
		if d.expired() {
			return nil
		}
		if !e.keep() {
			continue
		}
		a.Entities = append(a.Entities, e.claim())
	}
	names := map[string]bool{}
	for _, e := range a.Entities {
		names[e.Name] = true
	}
	var events []graph.EventClaim
	for _, ev := range d.events {
		if c, ok := ev.claim(names); ok {
			events = append(events, c)
		}
	}
	a.Events = mergeEvents(events)
	evNames := map[string]bool{}
	for _, e := range a.Events {
		evNames[e.Name] = true
	}
	for i := range a.Events {
		var by []string
		for _, n := range a.Events[i].DisruptedBy {
			if evNames[n] && n != a.Events[i].Name {
				by = append(by, n)
			}
		}
		a.Events[i].DisruptedBy = by
	}
	for _, c := range d.meetingClaims() {
		ok := len(c.Participants) >= 2
		for _, p := range c.Participants {
			ok = ok && names[p]
		}
		if !ok {
			continue
		}
		if c.Place != "" && !names[c.Place] {
			c.Place = ""
		}
		if c.City != "" && !names[c.City] {
			c.City = ""
		}
		if c.Event != "" && !evNames[c.Event] {
			c.Event = ""
		}
		a.Meetings = append(a.Meetings, c)
	}
	for _, st := range d.statements {
		if names[st.Speaker] {
			a.Statements = append(a.Statements, st)
		}
	}
	seenRel := map[string]int{}
	for _, r := range d.relations {
		if !names[r.From] || !names[r.To] {
			continue
		}
		k := r.Type.String() + "|" + r.From + "|" + r.To + "|" + r.Title
		if i, ok := seenRel[k]; ok {
			a.Relations[i].Evidence = mergeEvidence(a.Relations[i].Evidence, r.Evidence)
			continue
		}
		seenRel[k] = len(a.Relations)
		a.Relations = append(a.Relations, r)
	}
	return a
}

// mergeEvidence appends the evidence of b not already in a, sorted by offset.
func mergeEvidence(a, b []graph.Evidence) []graph.Evidence {
	seen := map[graph.Span]bool{}
	for _, e := range a {
		seen[e.Span] = true
	}
	for _, e := range b {
		if !seen[e.Span] {
			seen[e.Span] = true
			a = append(a, e)
		}
	}
	sort.Slice(a, func(i, j int) bool { return a[i].Span.Start < a[j].Span.Start })
	return a
}

// findDates is timex.Find against the article's date. Without one, a month
// and day come without their year; they take the year the text names most
// (yearGuess), as a reader of an undated page that shows "2021" does.
func (d *doc) findDates(sentence string, tense timex.Tense) []timex.Expr {
	es := timex.Find(sentence, d.ref, tense)
	if d.urlRef {
		for i := range es {
			switch {
			case es[i].Kind == timex.Weekday:
				es[i].Value, es[i].End2 = graph.Date{}, graph.Date{}
			case deicticDay(es[i]):
				es[i].Value, es[i].End2 = yearDespiteLag(es[i]), graph.Date{}
			}
		}
	}
	if d.anchor.Precision() == 3 {
		d.weekdaysNearAnchor(sentence, es)
	}
	if d.yearGuess == 0 {
		return es
	}
	for i := range es {
		for _, v := range []*graph.Date{&es[i].Value, &es[i].End2} {
			if v.Year == 0 && v.Month != 0 && v.Day <= graph.DaysIn(d.yearGuess, v.Month) {
				v.Year = d.yearGuess
			}
		}
	}
	return es
}

// deicticDay reports an expression that counts days or a week back from
// the day of writing ("today", "yesterday", "earlier this week", "last
// week"): like a bare weekday, it names no day a reader can tell when the
// page shows no date, and the day in its address may be a day or more
// after the writing (wire copy reposted, an agency dated next morning).
// It keeps its year when a week's lag cannot change it (yearDespiteLag);
// months and years ("last month", "earlier this year") are kept whole: a
// lag of days rarely changes them.
func deicticDay(e timex.Expr) bool {
	switch e.Kind {
	case timex.Relative, timex.Vague, timex.Range:
	default:
		return false
	}
	if e.Value.Precision() < 3 {
		return false
	}
	if e.End2.IsZero() {
		return true
	}
	n, ok := e.Value.DaysUntil(e.End2)
	return ok && n <= 7
}

// yearDespiteLag is the year of a deictic day or week e when a week's
// lag in the address's day cannot change it, else nothing.
func yearDespiteLag(e timex.Expr) graph.Date {
	end := e.End2
	if end.IsZero() {
		end = e.Value
	}
	if y := e.Value.AddDays(-7).Year; y == end.Year {
		return graph.Date{Year: y}
	}
	return graph.Date{}
}

// weekdaysNearAnchor resolves the weekdays of es, which an undated
// article leaves open, to the nearest such day around the day its text
// writes in full: "A arrived on June 11, 2025 ... On Thursday, A held
// talks" was June 12. The text may tell either side of that day, so tense
// does not choose the direction.
func (d *doc) weekdaysNearAnchor(sentence string, es []timex.Expr) {
	var near []timex.Expr
	for i := range es {
		if es[i].Kind != timex.Weekday || !es[i].Value.IsZero() {
			continue
		}
		if near == nil {
			near = timex.Find(sentence, d.anchor, timex.Unknown)
		}
		for _, n := range near {
			if n.Start == es[i].Start && n.Kind == timex.Weekday {
				es[i].Value, es[i].End2 = n.Value, n.End2
			}
		}
	}
}

// textAnchor is the latest day body writes in full ("June 11, 2025") when
// every such day falls within a week of it, the days of one story; zero
// otherwise: an undated page that also recalls a day years before gives
// no anchor.
func textAnchor(body string) graph.Date {
	var days []graph.Date
	for _, m := range fullDateRe.FindAllString(body, -1) {
		if t, ok := text.ParseDate(m); ok && t.Precision() == 3 {
			days = append(days, t)
		}
	}
	if len(days) == 0 {
		return graph.Date{}
	}
	first, last := days[0], days[0]
	for _, t := range days[1:] {
		if t.Before(first) {
			first = t
		}
		if last.Before(t) {
			last = t
		}
	}
	if n, ok := first.DaysUntil(last); !ok || n > 7 {
		return graph.Date{}
	}
	return last
}

// fullDateRe is a calendar date with its year: "March 29, 2018", "29 March
// 2018".
var fullDateRe = regexp.MustCompile(`(?i)\b(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?|\d{1,2}(?:st|nd|rd|th)?\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?,?)\s+((?:19|20)\d{2})\b`)

// datedYear is the year written most often in a full date of text (the
// later on a tie), 0 when there is none. On an undated page a day of the
// story's year is written in full ("on March 29, 2018"), while bare years
// also name other events, often to come ("the 2022 Winter Games"), so a
// full date's year dates a month and day before textYear's does.
func datedYear(text string) int {
	count := map[int]int{}
	for _, m := range fullDateRe.FindAllStringSubmatch(text, -1) {
		y := 0
		for _, c := range m[1] {
			y = y*10 + int(c-'0')
		}
		count[y]++
	}
	best, n := 0, 0
	for y, c := range count {
		if c > n || (c == n && y > best) {
			best, n = y, c
		}
	}
	return best
}

// textYear is the year from 1900 to 2099 written most often in text as a
// word of four digits ("2021", not "2021s", "12021" or "2021-22"); the
// later year on a tie; 0 when none.
func textYear(text string) int {
	count := map[int]int{}
	isDigit := func(b byte) bool { return b >= '0' && b <= '9' }
	for i := 0; i+4 <= len(text); i++ {
		if !isDigit(text[i]) || (i > 0 && (isDigit(text[i-1]) || text[i-1] == '-' || text[i-1] == '/')) {
			continue
		}
		j := i
		for j < len(text) && isDigit(text[j]) {
			j++
		}
		if j-i != 4 {
			i = j
			continue
		}
		if j < len(text) && (text[j] == 's' || text[j] == '-' || text[j] == '/' || text[j] == '\'') {
			i = j
			continue
		}
		y := int(text[i]-'0')*1000 + int(text[i+1]-'0')*100 + int(text[i+2]-'0')*10 + int(text[i+3]-'0')
		if y >= 1900 && y <= 2099 {
			count[y]++
		}
		i = j
	}
	best, n := 0, 0
	for y, c := range count {
		if c > n || (c == n && y > best) {
			best, n = y, c
		}
	}
	return best
}
