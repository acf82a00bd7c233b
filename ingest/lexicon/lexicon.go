// Package lexicon holds the general world knowledge extraction leans on:
// countries with their aliases, demonyms, capitals and major cities; regions;
// well-known institutions; titles and honorifics; venue words; the given
// names that one sex bears. It is data,
// embedded from data/*.tsv and data/*.txt, and knows nothing of particular
// articles: every entry is the kind of fact an atlas or style guide states.
package lexicon

import (
	"bufio"
	"embed"
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/newsgraph/newsgraph/graph"
)

//go:embed data/*.tsv data/*.txt
var files embed.FS

// PlaceKind says what kind of place a gazetteer entry is.
type PlaceKind uint8

// Place kinds.
const (
	Country PlaceKind = iota + 1
	City
	Region
	// Venue is a named building or seat of power inside a city ("the
	// Kremlin", "Downing Street"): where meetings are held.
	Venue
)

// Place is a gazetteer entry.
type Place struct {
	Name    string // canonical
	Kind    PlaceKind
	Country string // the country a city lies in; the country itself for a country
	Capital bool
	City    string // the city a venue lies in
	// CityState marks a country that is one city ("Singapore", "the
	// Vatican"): a meeting "in" or "at" it is placed in a city.
	CityState bool
}

// OrgClass says what kind of institution a gazetteer entry is: the
// second column of data/organizations.tsv.
type OrgClass string

// Organization classes.
const (
	Intl      OrgClass = "intl"      // international bodies and NGOs
	National  OrgClass = "national"  // a state's government bodies, central banks, armed forces
	Party     OrgClass = "party"     // political parties
	Media     OrgClass = "media"     // news agencies, broadcasters, papers, platforms
	Company   OrgClass = "company"   // well-known companies
	Religious OrgClass = "religious" // churches and religious bodies
	Sports    OrgClass = "sports"    // sports federations and clubs
)

var orgClasses = map[OrgClass]bool{Intl: true, National: true, Party: true, Media: true, Company: true, Religious: true, Sports: true}

// Org is a well-known institution.
type Org struct {
	Name    string // canonical
	Class   OrgClass
	Country string // for national bodies
}

// Lexicon is the loaded, immutable lexicon. It is safe for concurrent use.
type Lexicon struct {
	places    map[string]Place  // NameKey of name or alias -> place
	demonyms  map[string]string // NameKey of demonym -> country
	adjective map[string]string // country -> its first adjective
	capitals  map[string]string // country -> capital
	orgs      map[string]Org    // NameKey of name or alias -> org
	// acronyms are the NameKeys that only an all-caps alias gives ("UN",
	// "US"): they match only a name written without lowercase letters, so
	// that the "Un" of "Park Tae Un" is no United Nations.
	acronyms  map[string]bool
	titles    map[string]bool // lowercase title, single spaces
	portfolio map[string]bool // lowercase government portfolios ("finance", "foreign affairs")
	titleHead map[string]bool // lowercase first words of titles, to rule windows out fast
	nameHead  map[string]bool // leading letters of place and institution names, likewise
	maxTitle  int             // longest title in words
	venues    map[string]bool // lowercase venue head words
	aliasesOf map[string][]string
	officials []official // the countries' official names, for ShortOfficial

	// given maps the NameKey of a given name to the one sex bearing it.
	given map[string]Sex
}

// official is a country's official name ("republic of indonesia", a
// NameKey) and the country.
type official struct{ key, country string }

// Load parses the embedded data. It costs about a millisecond; load once.
func Load() (*Lexicon, error) {
	l := &Lexicon{
		places:    map[string]Place{},
		demonyms:  map[string]string{},
		adjective: map[string]string{},
		capitals:  map[string]string{},
		orgs:      map[string]Org{},
		acronyms:  map[string]bool{},
		titles:    map[string]bool{},
		portfolio: map[string]bool{},
		titleHead: map[string]bool{},
		nameHead:  map[string]bool{},
		venues:    map[string]bool{},
		aliasesOf: map[string][]string{},
	}
	err := eachRow("data/countries.tsv", func(f []string) error {
		country := f[0]
		l.addPlace(country, Place{Name: country, Kind: Country, Country: country, CityState: field(f, 5) == "city-state"}, split(f, 1))
		for i, d := range split(f, 2) {
			l.demonyms[graph.NameKey(d)] = country
			if i == 0 {
				l.adjective[country] = d
			}
		}
		if cap := field(f, 3); cap != "" {
			l.capitals[country] = cap
			l.addPlace(cap, Place{Name: cap, Kind: City, Country: country, Capital: true}, nil)
		}
		for _, c := range split(f, 4) {
			l.addPlace(c, Place{Name: c, Kind: City, Country: country}, nil)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/seats.tsv", func(f []string) error {
		l.addPlace(f[0], Place{Name: f[0], Kind: Venue, City: field(f, 2), Country: field(f, 3)}, split(f, 1))
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/regions.tsv", func(f []string) error {
		l.addPlace(f[0], Place{Name: f[0], Kind: Region}, split(f, 1))
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/organizations.tsv", func(f []string) error {
		o := Org{Name: f[0], Class: OrgClass(field(f, 1)), Country: field(f, 3)}
		if !orgClasses[o.Class] {
			return fmt.Errorf("organization %q: unknown class %q", o.Name, o.Class)
		}
		for _, n := range append([]string{o.Name}, split(f, 2)...) {
			k := graph.NameKey(n)
			if old, ok := l.orgs[k]; ok && old.Name != o.Name {
				return fmt.Errorf("organization %q: %q already names %q", o.Name, n, old.Name)
			}
			l.orgs[k] = o
		}
		l.noteForm(o.Name)
		for _, a := range split(f, 2) {
			l.noteForm(a)
			l.aliasesOf[o.Name] = append(l.aliasesOf[o.Name], a)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/titles.txt", func(f []string) error {
		t := strings.ToLower(strings.Join(strings.Fields(f[0]), " "))
		l.titles[t] = true
		l.titleHead[strings.Fields(t)[0]] = true
		if n := len(strings.Fields(t)); n > l.maxTitle {
			l.maxTitle = n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/portfolios.txt", func(f []string) error {
		p := strings.ToLower(strings.Join(strings.Fields(f[0]), " "))
		l.portfolio[p] = true
		l.titleHead[strings.Fields(p)[0]] = true
		// "deputy minister of foreign affairs and trade"
		if n := len(strings.Fields(p)) + 3; n > l.maxTitle {
			l.maxTitle = n
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = eachRow("data/venues.txt", func(f []string) error {
		l.venues[strings.ToLower(strings.TrimSpace(f[0]))] = true
		return nil
	})
	if err != nil {
		return nil, err
	}
	if err := l.loadGivenNames(); err != nil {
		return nil, err
	}
	for k, p := range l.places {
		l.nameHead[head(k)] = true
		if p.Kind == Country && strings.Contains(k, " of ") {
			l.officials = append(l.officials, official{key: k, country: p.Name})
		}
	}
	for k := range l.orgs {
		l.nameHead[head(k)] = true
	}
	for _, w := range officeHeads {
		l.titleHead[w] = true
	}
	for _, w := range officeRanks {
		l.titleHead[strings.TrimSpace(w)] = true
	}
	return l, nil
}

func (l *Lexicon) addPlace(name string, p Place, aliases []string) {
	k := graph.NameKey(name)
	if old, ok := l.places[k]; ok && old.Kind == Country {
		return // a country wins over a city of the same name
	}
	l.places[k] = p
	l.noteForm(name)
	for _, a := range aliases {
		ak := graph.NameKey(a)
		if _, ok := l.places[ak]; !ok {
			l.places[ak] = p
			l.noteForm(a)
		}
		l.aliasesOf[name] = append(l.aliasesOf[name], a)
	}
}

// noteForm records whether the key of a listed name or alias is known
// only as an acronym.
func (l *Lexicon) noteForm(name string) {
	k := graph.NameKey(name)
	if !isAcronym(name) {
		l.acronyms[k] = false
		return
	}
	if _, seen := l.acronyms[k]; !seen {
		l.acronyms[k] = true
	}
}

// isAcronym reports whether name is written in capitals, two letters or
// more and no lowercase one ("UN", "U.S.").
func isAcronym(name string) bool {
	letters := 0
	for _, r := range name {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			letters++
		}
	}
	return letters >= 2
}

// asWritten reports whether name may match key as written: an acronym's
// key only in capitals.
func (l *Lexicon) asWritten(key, name string) bool {
	return !l.acronyms[key] || isAcronym(name)
}

// Place looks a name up in the gazetteer (case, dots and spacing ignored;
// but an acronym only in capitals).
func (l *Lexicon) Place(name string) (Place, bool) {
	k := graph.NameKey(name)
	p, ok := l.places[k]
	if ok && !l.asWritten(k, name) {
		return Place{}, false
	}
	return p, ok
}

// Demonym returns the country an adjective or demonym ("Chinese", "U.S.",
// "French") refers to.
func (l *Lexicon) Demonym(word string) (string, bool) {
	c, ok := l.demonyms[graph.NameKey(word)]
	return c, ok
}

// Adjective returns the adjective of a country ("French" for France), or
// the country's name when the lexicon has none.
func (l *Lexicon) Adjective(country string) string {
	if a, ok := l.adjective[country]; ok {
		return a
	}
	return country
}

// Capital returns the capital of country.
func (l *Lexicon) Capital(country string) (string, bool) {
	c, ok := l.capitals[country]
	return c, ok
}

// Org looks a well-known institution up by name or alias.
func (l *Lexicon) Org(name string) (Org, bool) {
	k := graph.NameKey(name)
	o, ok := l.orgs[k]
	if ok && !l.asWritten(k, name) {
		return Org{}, false
	}
	return o, ok
}

// Aliases lists the gazetteer's aliases of a canonical place or org name.
func (l *Lexicon) Aliases(canonical string) []string { return l.aliasesOf[canonical] }

// IsTitle reports whether the lowercase, space-joined words form a title or
// honorific ("secretary of state", "ceo", "mr"). Besides the listed titles,
// every government portfolio makes one: "energy minister", "minister of
// the interior", "deputy energy minister", "secretary of defense".
func (l *Lexicon) IsTitle(words string) bool {
	w := strings.ToLower(words)
	if l.titles[w] {
		return true
	}
	return l.portfolioTitle(w)
}

// officeHeads are the words a portfolio makes a title of.
var officeHeads = []string{"minister", "secretary"}

// officeRanks may stand before a portfolio title: "deputy finance minister".
var officeRanks = []string{"deputy ", "vice ", "assistant ", "acting ", "junior ", "shadow ", "state ", "former "}

func (l *Lexicon) portfolioTitle(w string) bool {
	if !strings.Contains(w, "minister") && !strings.Contains(w, "secretary") {
		return false
	}
	for _, r := range officeRanks {
		if rest, ok := strings.CutPrefix(w, r); ok {
			return l.portfolioTitle(rest)
		}
	}
	for _, h := range officeHeads {
		if p, ok := strings.CutSuffix(w, " "+h); ok && l.portfolio[p] {
			return true
		}
		for _, prep := range []string{" of the ", " of ", " for the ", " for "} {
			if p, ok := strings.CutPrefix(w, h+prep); ok && l.portfolio[p] {
				return true
			}
		}
	}
	return false
}

// head is the leading run of letters and digits of a name key.
func head(key string) string {
	for i, r := range key {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return key[:i]
		}
	}
	return key
}

// MayStartName reports whether a word can be the first word of a place or
// institution of the gazetteer; callers use it to skip windows that cannot
// be one.
func (l *Lexicon) MayStartName(word string) bool { return l.nameHead[head(graph.NameKey(word))] }

// MayStartTitle reports whether a lowercase word can be the first word of
// a title; callers use it to skip windows that cannot be one.
func (l *Lexicon) MayStartTitle(word string) bool { return l.titleHead[strings.ToLower(word)] }

// IsPortfolio reports whether a lowercase phrase is a government portfolio
// ("finance", "foreign affairs").
func (l *Lexicon) IsPortfolio(words string) bool { return l.portfolio[strings.ToLower(words)] }

// MaxTitleWords is the length in words of the longest title.
func (l *Lexicon) MaxTitleWords() int { return l.maxTitle }

// IsVenueWord reports whether a lowercase word is a venue head ("hall", "guesthouse").
func (l *Lexicon) IsVenueWord(w string) bool { return l.venues[strings.ToLower(w)] }

// ShortOfficial returns the countries whose official name, as an alias
// ("People's Republic of China"), begins with the words of name and is
// longer: "the People's Republic" of a text that named the country
// earlier. The name must have two words or more and be no place itself;
// which candidate is meant is the caller's to decide (the country the
// article names). Sorted.
func (l *Lexicon) ShortOfficial(name string) []string {
	k := strings.TrimPrefix(graph.NameKey(name), "the ")
	if !strings.Contains(k, " ") {
		return nil
	}
	if _, ok := l.places[k]; ok {
		return nil
	}
	var out []string
	for _, o := range l.officials {
		if strings.HasPrefix(o.key, k+" ") && !slices.Contains(out, o.country) {
			out = append(out, o.country)
		}
	}
	sort.Strings(out)
	return out
}

// Countries lists the canonical country names, sorted.
func (l *Lexicon) Countries() []string {
	var out []string
	seen := map[string]bool{}
	for _, p := range l.places {
		if p.Kind == Country && !seen[p.Name] {
			seen[p.Name] = true
			out = append(out, p.Name)
		}
	}
	sort.Strings(out)
	return out
}

func eachRow(name string, fn func([]string) error) error {
	f, err := files.Open(name)
	if err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	line := 0
	for sc.Scan() {
		line++
		t := sc.Text()
		if strings.TrimSpace(t) == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if err := fn(strings.Split(t, "\t")); err != nil {
			return fmt.Errorf("lexicon %s:%d: %w", name, line, err)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("lexicon %s: %w", name, err)
	}
	return nil
}

func field(f []string, i int) string {
	if i < len(f) {
		return strings.TrimSpace(f[i])
	}
	return ""
}

func split(f []string, i int) []string {
	s := field(f, i)
	if s == "" {
		return nil
	}
	var out []string
	for _, p := range strings.Split(s, "|") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
