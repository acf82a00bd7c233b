package ner

import (
	"bufio"
	"bytes"
	"embed"
	"fmt"
	"math/bits"
	"path"
	"sort"
	"strings"
)

// The gazetteers are general-knowledge lists, one phrase per line, tokenized
// the way news text is (so "U.S." and "St. Petersburg" as written). Each
// file is one category; the category is only a feature, the model learns
// what it means in context (a city is often an ORG in sports results).
//
//go:embed lexicon/*.txt
var lexiconFS embed.FS

// Gazetteer categories, in the order of lexiconFiles. Append only.
var lexiconFiles = [...]struct {
	name     string
	needsCap bool // only match capitalized text
}{
	{"countries", true},
	{"cities", true},
	{"regions", true},
	{"demonyms", true},
	{"organizations", true},
	{"firstnames", true},
	{"surnames", true},
	{"titles", false},
	{"orgwords", false},
	{"corpsuffixes", true},
	{"misc", true},
	{"calendar", false},
	{"locwords", false},
	// Generated from packaged lists by gazetteers/build.mjs.
	{"gen-countries", true},
	{"gen-cities-large", true},
	{"gen-cities-small", true},
	{"gen-wn-person", true},
	{"gen-wn-person-class", true},
	{"gen-wn-location", true},
	{"gen-wn-group", true},
	{"gen-wn-other", true},
	{"gen-first-names", true},
	{"gen-last-names", true},
}

var functionWords = map[string]bool{
	"of": true, "the": true, "and": true, "&": true, "de": true, "du": true, "la": true, "le": true,
	"des": true, "del": true, "da": true, "do": true, "dos": true, "for": true, "on": true, "al": true,
	"el": true, "van": true, "von": true, "der": true, "den": true, "upon": true, "in": true, "y": true,
	"'s": true, "-": true, "bin": true, "ibn": true, "di": true, "at": true,
}

type lexicon struct {
	entries  map[string]uint32 // phrase -> category bitmask
	prefixes map[string]bool   // proper prefixes of phrases
	needsCap uint32
}

type gazHit struct {
	start, end int
	cat        byte
}

func loadLexicon() (*lexicon, error) {
	files := make([][]byte, len(lexiconFiles))
	lines := 0
	for cat, f := range lexiconFiles {
		b, err := lexiconFS.ReadFile(path.Join("lexicon", f.name+".txt"))
		if err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", f.name, err)
		}
		files[cat] = b
		lines += bytes.Count(b, []byte{'\n'})
	}
	// Sized up front: growing maps of 100,000 phrases was most of Load.
	lx := &lexicon{entries: make(map[string]uint32, lines), prefixes: make(map[string]bool, lines/4)}
	for cat, f := range lexiconFiles {
		if f.needsCap {
			lx.needsCap |= 1 << cat
		}
		sc := bufio.NewScanner(bytes.NewReader(files[cat]))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			words := strings.Fields(strings.ToLower(normalize(line)))
			for k := 1; k < len(words); k++ {
				lx.prefixes[strings.Join(words[:k], " ")] = true
			}
			lx.entries[strings.Join(words, " ")] |= 1 << cat
		}
		if err := sc.Err(); err != nil {
			return nil, fmt.Errorf("lexicon %s: %w", f.name, err)
		}
	}
	return lx, nil
}

// match finds, per category, the longest non-overlapping phrase matches,
// left to right.
func (lx *lexicon) match(toks []token, out []gazHit) []gazHit {
	out = out[:0]
	if lx == nil {
		return out
	}
	n := len(toks)
	var cands []gazHit
	var key strings.Builder
	for i := 0; i < n; i++ {
		key.Reset()
		capsOK := true
		for j := i; j < n && j < i+8; j++ {
			t := &toks[j]
			if j > i {
				key.WriteByte(' ')
			}
			key.WriteString(t.lower)
			if t.flags&(fInitCap|fHasDigit) == 0 && (j == i || !functionWords[t.lower]) {
				capsOK = false
			}
			k := key.String()
			if m, ok := lx.entries[k]; ok {
				if !capsOK {
					m &^= lx.needsCap
				}
				for m != 0 {
					c := bits.TrailingZeros32(m)
					m &= m - 1
					cands = append(cands, gazHit{start: i, end: j + 1, cat: byte(c)})
				}
			}
			if !lx.prefixes[k] {
				break
			}
		}
	}
	// Longest first within a category, then left to right without overlap.
	sort.Slice(cands, func(a, b int) bool {
		x, y := cands[a], cands[b]
		if x.cat != y.cat {
			return x.cat < y.cat
		}
		if x.start != y.start {
			return x.start < y.start
		}
		return x.end > y.end
	})
	lastEnd, lastCat := -1, -1
	for _, c := range cands {
		if int(c.cat) != lastCat {
			lastCat, lastEnd = int(c.cat), -1
		}
		if c.start < lastEnd {
			continue
		}
		out = append(out, c)
		lastEnd = c.end
	}
	return out
}

// placeLists are the gazetteers of places.
var placeLists = [...]string{"countries", "cities", "regions", "gen-countries", "gen-cities-large", "gen-wn-location"}

// isPlace reports whether a place list holds the lowercased phrase.
func (lx *lexicon) isPlace(phrase string) bool {
	if lx == nil {
		return false
	}
	m := lx.entries[phrase]
	for _, name := range placeLists {
		for cat, f := range lexiconFiles {
			if f.name == name && m&(1<<cat) != 0 {
				return true
			}
		}
	}
	return false
}

// isTitle reports whether the hand-written title list holds the lowercased
// word.
func (lx *lexicon) isTitle(word string) bool {
	if lx == nil {
		return false
	}
	for cat, f := range lexiconFiles {
		if f.name == "titles" {
			return lx.entries[word]&(1<<cat) != 0
		}
	}
	return false
}

// KnownPlace reports whether the model's place gazetteers (countries,
// GeoNames towns, WordNet locations) hold name, as written with spaces
// between its words ("Abu Dhabi"). Extraction asks it when a name's type
// is in doubt; it is safe for concurrent use.
func (m *Model) KnownPlace(name string) bool {
	if m == nil || m.res == nil {
		return false
	}
	return m.res.lex.isPlace(strings.Join(strings.Fields(strings.ToLower(normalize(name))), " "))
}
