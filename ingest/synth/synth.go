// Package synth generates a deterministic corpus of news-like articles for
// measuring newsgraph at scale. People, organizations and places are many
// and reported the way news reports them (a few people in many articles,
// most in few); each story is a meeting covered by one to four outlets in
// their own words, with quotes, reported speech, relative and absolute
// dates, captions, site boilerplate and an occasional misspelt name. The
// same Options give the same bytes on every machine, and the vocabulary is
// the package's own, so benchmark runs of different commits read the same
// text.
package synth

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"time"
)

// Options describe a corpus.
type Options struct {
	// Articles is the number of articles; it must be at least 1.
	Articles int
	// Seed selects the corpus: the same seed and size give the same text.
	Seed uint64
}

// Article is one generated article, in the fields of newsgraph's JSONL
// input.
type Article struct {
	ID        string `json:"id"`
	URL       string `json:"url"`
	Title     string `json:"title"`
	Published string `json:"published"`
	Publisher string `json:"publisher"`
	Text      string `json:"text"`
}

// Person is someone the corpus reports on.
type Person struct {
	Name    string // first name and surname
	Country string
	Role    string // an office ("Foreign Minister"), or a post at Org
	Org     string // the organization of a non-office holder
}

// Corpus is a generated corpus. Its methods are safe for concurrent use.
type Corpus struct {
	opt     Options
	people  []Person  // by popularity: people[0] is the most reported
	cdf     []float64 // cumulative popularity of people
	stories int       // stories of the first opt.Articles articles
	storyOf []int32   // article -> story
	startOf []int32   // story -> its first article
	epoch   time.Time // the first story's day
	span    int       // days the stories spread over
}

// Popularity follows a Zipf law with an offset: a person of rank k is
// drawn with weight 1/(k+zipfOffset)^zipfExponent. With some ten mentions
// per article the most reported person is in about one article in twenty,
// and most people are in a handful.
const (
	zipfExponent = 1.1
	zipfOffset   = 12
)

// New returns the corpus opt describes.
func New(opt Options) (*Corpus, error) {
	if opt.Articles < 1 {
		return nil, errors.New("synth: a corpus needs at least one article")
	}
	c := &Corpus{opt: opt, epoch: time.Date(2023, 1, 2, 0, 0, 0, 0, time.UTC), span: 730}
	c.makePeople()
	c.storyOf = make([]int32, opt.Articles)
	for i := 0; i < opt.Articles; {
		c.startOf = append(c.startOf, int32(i))
		n := c.coverage(c.stories)
		for k := 0; k < n && i < opt.Articles; k++ {
			c.storyOf[i] = int32(c.stories)
			i++
		}
		c.stories++
	}
	return c, nil
}

// Len is the number of articles.
func (c *Corpus) Len() int { return c.opt.Articles }

// People is the number of distinct people the corpus can name.
func (c *Corpus) People() int { return len(c.people) }

// Person returns the person of popularity rank r (0 is the most reported).
func (c *Corpus) Person(r int) Person { return c.people[r] }

// rng returns the random stream of one part of the corpus: the same seed,
// kind and index always give the same stream.
func (c *Corpus) rng(kind, i uint64) *rand.Rand {
	return rand.New(rand.NewPCG(c.opt.Seed, kind<<40|i))
}

const (
	kindPeople = iota + 1
	kindCoverage
	kindStory
	kindArticle
)

// makePeople makes the population: 2,000 people plus one for every four
// articles, each a distinct first name and surname.
func (c *Corpus) makePeople() {
	combos := len(firstNames) * len(surnames)
	n := min(combos, 2000+c.opt.Articles/4)
	r := c.rng(kindPeople, 0)
	// A stride coprime with combos walks every pair once, from an offset
	// the seed picks.
	stride := 7919
	for gcd(stride, combos) != 1 {
		stride += 2
	}
	off := r.IntN(combos)
	orgs := make([]string, 0, len(countries)*len(orgKinds))
	for _, co := range countries {
		for _, k := range orgKinds {
			orgs = append(orgs, fmt.Sprintf(k, co.adj))
		}
	}
	posts := [...]string{"chief executive", "director", "chairman", "spokesperson", "head of research"}
	c.people = make([]Person, n)
	c.cdf = make([]float64, n)
	total := 0.0
	for k := range n {
		idx := (off + k*stride) % combos
		co := countries[r.IntN(len(countries))]
		p := Person{
			Name:    firstNames[idx/len(surnames)] + " " + surnames[idx%len(surnames)],
			Country: co.name,
		}
		if r.IntN(10) < 7 {
			p.Role = roles[r.IntN(len(roles))]
		} else {
			p.Role = posts[r.IntN(len(posts))]
			p.Org = orgs[r.IntN(len(orgs))]
		}
		c.people[k] = p
		total += math.Pow(float64(k+zipfOffset), -zipfExponent)
		c.cdf[k] = total
	}
	for k := range c.cdf {
		c.cdf[k] /= total
	}
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// pick draws a person rank by popularity.
func (c *Corpus) pick(r *rand.Rand) int {
	i, _ := slices.BinarySearch(c.cdf, r.Float64())
	return min(i, len(c.cdf)-1)
}

// coverage is how many outlets report story j: 1 to 4, most stories one or two.
func (c *Corpus) coverage(j int) int {
	switch x := c.rng(kindCoverage, uint64(j)).IntN(20); {
	case x < 9:
		return 1
	case x < 15:
		return 2
	case x < 18:
		return 3
	default:
		return 4
	}
}

// story is what happened, as every outlet covering it knows it.
type story struct {
	people     []int // participants, by rank; the first hosts
	country    country
	city       string
	venue      string // "" when not reported
	day        time.Time
	topic      string
	disruption string // what postponed the meeting, "" if nothing
}

func (c *Corpus) story(j int) story {
	r := c.rng(kindStory, uint64(j))
	n := 2
	if r.IntN(5) == 0 {
		n = 3
	}
	var s story
	for len(s.people) < n {
		if p := c.pick(r); !slices.Contains(s.people, p) {
			s.people = append(s.people, p)
		}
	}
	host := c.people[s.people[0]].Country
	for _, co := range countries {
		if co.name == host {
			s.country = co
		}
	}
	s.city = s.country.cities[r.IntN(len(s.country.cities))]
	if r.IntN(2) == 0 {
		s.venue = venues[r.IntN(len(venues))]
	}
	// Stories spread evenly over two years, in order, a day or two apart
	// at random.
	stories := max(c.stories, 1)
	day := j * c.span / stories
	if j >= c.stories { // an article beyond the corpus: after it
		day = c.span + j - c.stories
	}
	s.day = c.epoch.AddDate(0, 0, day+r.IntN(3))
	s.topic = topics[r.IntN(len(topics))]
	if r.IntN(20) == 0 {
		s.disruption = disruptions[r.IntN(len(disruptions))]
	}
	return s
}

// Article returns article i. Indexes from Len on are articles beyond the
// corpus, each about a new story: adding one to an ingested corpus is a
// realistic small batch.
func (c *Corpus) Article(i int) Article {
	j, first := c.stories+i-c.opt.Articles, i
	if i < c.opt.Articles {
		j = int(c.storyOf[i])
		first = int(c.startOf[j])
	}
	s := c.story(j)
	r := c.rng(kindArticle, uint64(i))
	pub := publishers[r.IntN(len(publishers))]
	w := &writer{c: c, r: r, s: s, names: map[int]string{}, misspell: -1, publisher: pub.name}
	lag := r.IntN(3)
	if i > first {
		lag = max(lag, 1) // later coverage comes later
	}
	published := s.day.AddDate(0, 0, lag)
	w.published = published
	if r.IntN(30) == 0 {
		w.misspell = s.people[r.IntN(len(s.people))]
	}
	body := w.body(300 + r.IntN(601))
	slug := strings.ToLower(strings.NewReplacer(" ", "-", "'", "").Replace(w.surname(s.people[0]) + " " + w.surname(s.people[1]) + " talks"))
	return Article{
		ID:        fmt.Sprintf("synth-%d-%d", c.opt.Seed, i),
		URL:       fmt.Sprintf("https://%s/%s/%s-%d", pub.host, published.Format("2006/01/02"), slug, i),
		Title:     w.title(),
		Published: published.Format("2006-01-02"),
		Publisher: pub.name,
		Text:      body,
	}
}

// writer writes one article about a story.
type writer struct {
	c         *Corpus
	r         *rand.Rand
	s         story
	published time.Time
	publisher string
	misspell  int            // the rank of a participant this outlet misspells, or -1
	names     map[int]string // people already introduced, by rank -> surname used
	words     int
}

// spelt is the name the article uses for rank p: an outlet that misspells
// a participant doubles or drops a letter of the surname all along.
func (w *writer) spelt(p int) Person {
	per := w.c.people[p]
	if p != w.misspell {
		return per
	}
	first, last, _ := strings.Cut(per.Name, " ")
	if len(last) < 5 || strings.ContainsAny(last, " -") {
		return per
	}
	for i := 1; i+1 < len(last); i++ {
		if last[i] == last[i+1] {
			per.Name = first + " " + last[:i] + last[i+1:]
			return per
		}
	}
	i := len(last) - 2
	per.Name = first + " " + last[:i] + last[i:i+1] + last[i:]
	return per
}

func (w *writer) surname(p int) string {
	_, last, _ := strings.Cut(w.spelt(p).Name, " ")
	return last
}

func adjOf(country string) string {
	for _, co := range countries {
		if co.name == country {
			return co.adj
		}
	}
	return country
}

// full introduces p at first mention, with title, and by surname after.
func (w *writer) full(p int) string {
	if _, ok := w.names[p]; ok {
		return w.surname(p)
	}
	w.names[p] = w.surname(p)
	per := w.spelt(p)
	if per.Org != "" {
		return per.Name
	}
	return adjOf(per.Country) + " " + per.Role + " " + per.Name
}

// appositive is ", the chief executive of the X," for an org person.
func (w *writer) appositive(p int) string {
	per := w.c.people[p]
	if per.Org == "" {
		return ""
	}
	return ", " + per.Role + " of the " + per.Org + ","
}

func (w *writer) when() string {
	d := w.s.day
	lag := int(w.published.Sub(d).Hours() / 24)
	if lag >= 1 && w.r.IntN(10) < 7 {
		return "on " + weekdays[d.Weekday()]
	}
	switch w.r.IntN(3) {
	case 0:
		return fmt.Sprintf("on %d %s", d.Day(), months[d.Month()-1])
	case 1:
		return fmt.Sprintf("on %s %d", months[d.Month()-1], d.Day())
	}
	return fmt.Sprintf("on %d %s %d", d.Day(), months[d.Month()-1], d.Year())
}

func (w *writer) where() string {
	if w.s.venue != "" && w.r.IntN(2) == 0 {
		return "at " + w.s.venue + " in " + w.s.city
	}
	return "in " + w.s.city
}

func (w *writer) title() string {
	a, b := w.s.people[0], w.s.people[1]
	switch w.r.IntN(3) {
	case 0:
		return fmt.Sprintf("%s and %s discuss %s in %s", w.surname(a), w.surname(b), w.s.topic, w.s.city)
	case 1:
		return fmt.Sprintf("%s hosts %s for talks on %s", w.surname(a), w.surname(b), w.s.topic)
	}
	return fmt.Sprintf("Talks in %s put %s on the agenda", w.s.city, w.s.topic)
}

// lead is the paragraph that reports the meeting.
func (w *writer) lead() string {
	ps := w.s.people
	a := w.full(ps[0])
	others := make([]string, 0, len(ps)-1)
	for _, p := range ps[1:] {
		others = append(others, w.full(p)+w.appositive(p))
	}
	b := strings.Join(others, " and ")
	var s string
	switch w.r.IntN(5) {
	case 0:
		s = fmt.Sprintf("%s met %s %s %s to discuss %s.", a, b, w.where(), w.when(), w.s.topic)
	case 1:
		s = fmt.Sprintf("%s held talks with %s %s %s, with %s high on the agenda.", a, b, w.where(), w.when(), w.s.topic)
	case 2:
		s = fmt.Sprintf("%s and %s met %s %s for talks on %s.", a, b, w.where(), w.when(), w.s.topic)
	case 3:
		s = fmt.Sprintf("%s hosted %s %s %s for talks on %s.", a, b, w.where(), w.when(), w.s.topic)
	default:
		s = fmt.Sprintf("%s %s, %s met %s to discuss %s.", capitalize(strings.TrimPrefix(w.when(), "on ")), w.where(), a, b, w.s.topic)
	}
	if w.s.disruption != "" && w.r.IntN(2) == 0 {
		s += fmt.Sprintf(" The meeting had been postponed twice, most recently because of %s in %s.", w.s.disruption, w.s.city)
	}
	return s
}

// quote is a paragraph in which a participant speaks.
func (w *writer) quote(p int) string {
	q := fmt.Sprintf(quotes[w.r.IntN(len(quotes))], w.s.topic)
	name := w.full(p)
	switch w.r.IntN(4) {
	case 0:
		return fmt.Sprintf("%q %s said.", q+",", name)
	case 1:
		return fmt.Sprintf("%q said %s.", q+",", name)
	case 2:
		return fmt.Sprintf("%s told reporters that %s.", name, fmt.Sprintf(reported[w.r.IntN(len(reported))], w.s.topic))
	}
	return fmt.Sprintf("According to %s, %s.", name, fmt.Sprintf(reported[w.r.IntN(len(reported))], w.s.topic))
}

// background is a paragraph about someone else: what they said, or an
// earlier meeting of theirs.
func (w *writer) background() string {
	p := w.c.pick(w.r)
	switch w.r.IntN(4) {
	case 0:
		q := w.c.pick(w.r)
		if q == p {
			break
		}
		co := countries[w.r.IntN(len(countries))]
		return fmt.Sprintf("Earlier this month, %s met %s in %s to discuss %s.", w.full(p), w.full(q),
			co.cities[w.r.IntN(len(co.cities))], topics[w.r.IntN(len(topics))])
	case 1:
		return fmt.Sprintf("%s%s said last week that %s.", w.full(p), w.appositive(p),
			fmt.Sprintf(reported[w.r.IntN(len(reported))], topics[w.r.IntN(len(topics))]))
	case 2:
		return fmt.Sprintf("%q said %s%s", fmt.Sprintf(quotes[w.r.IntN(len(quotes))], topics[w.r.IntN(len(topics))])+",",
			w.full(p), strings.TrimSuffix(w.appositive(p), ",")+".")
	}
	org := intlOrgs[w.r.IntN(len(intlOrgs))]
	if strings.ToUpper(org) != org {
		org = "The " + org
	}
	return fmt.Sprintf("%s has urged both governments to make progress on %s.", org, w.s.topic)
}

func (w *writer) filler() string {
	f := filler[w.r.IntN(len(filler))]
	switch {
	case strings.Contains(f, "%s"):
		return fmt.Sprintf(f, topics[w.r.IntN(len(topics))])
	case strings.Contains(f, "%d"):
		return fmt.Sprintf(f, 2+w.r.IntN(40))
	}
	return f
}

func (w *writer) caption() string {
	a, b := w.s.people[0], w.s.people[1]
	return fmt.Sprintf("%s (left) and %s before their talks in %s. (Photo: %s)",
		w.c.people[a].Name, w.c.people[b].Name, w.s.city, agencies[w.r.IntN(len(agencies))])
}

// body writes the article's text, about target words.
func (w *writer) body(target int) string {
	var paras []string
	add := func(p string) {
		paras = append(paras, p)
		w.words += len(strings.Fields(p))
	}
	if w.r.IntN(3) == 0 {
		add("Home | World | Politics | Business | Opinion")
	}
	add(w.lead())
	lead := len(paras)
	if w.r.IntN(5) < 2 {
		add(w.caption())
	}
	story := []string{}
	for _, p := range w.s.people {
		if w.r.IntN(3) > 0 {
			story = append(story, w.quote(p))
		}
	}
	for range 1 + w.r.IntN(4) {
		story = append(story, w.background())
	}
	for _, p := range story {
		add(p)
	}
	// Background prose fills the article to its length, a paragraph of two
	// to four sentences at a time, between the story's paragraphs.
	tail := []string{"Share this article",
		"Related: " + w.title(),
		fmt.Sprintf("© %d %s. All rights reserved.", w.published.Year(), w.publisher)}
	tailWords := 0
	for _, t := range tail {
		tailWords += len(strings.Fields(t))
	}
	for w.words+tailWords < target {
		n := 2 + w.r.IntN(3)
		var ss []string
		for range n {
			ss = append(ss, w.filler())
		}
		p := strings.Join(ss, " ")
		at := lead + w.r.IntN(len(paras)-lead+1)
		paras = slices.Insert(paras, at, p)
		w.words += len(strings.Fields(p))
	}
	paras = append(paras, tail...)
	return strings.Join(paras, "\n\n")
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// WriteJSONL writes articles [0, Len) to w, one JSON object a line, and
// returns the number of words of their texts (whitespace-separated).
func (c *Corpus) WriteJSONL(ctx context.Context, w io.Writer) (words int, err error) {
	bw := bufio.NewWriterSize(w, 1<<20)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range c.opt.Articles {
		if i%1024 == 0 {
			if err := ctx.Err(); err != nil {
				return words, err
			}
		}
		a := c.Article(i)
		words += len(strings.Fields(a.Text))
		if err := enc.Encode(a); err != nil {
			return words, fmt.Errorf("synth: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return words, fmt.Errorf("synth: %w", err)
	}
	return words, nil
}
