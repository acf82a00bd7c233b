package ner

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Options control training. The zero value of a field means its default.
type Options struct {
	// Iterations is the number of passes over the training data (default 15).
	// With dev data, the pass that scores best on it is kept.
	Iterations int
	// Seed fixes the order sentences are visited in; the same data, options
	// and seed give the same model bytes.
	Seed uint64
	// MinFeatureCount drops features seen fewer times in training (default 1).
	MinFeatureCount int
	// MinWordCount is how often a word must occur to get word statistics
	// (default 2).
	MinWordCount int
	// Prune drops averaged weights smaller than this in absolute value
	// (default 0.1; negative keeps all), which shrinks the model.
	Prune float64
	// Workers extract features in parallel (default 2).
	Workers int
	// TitleCase is the share of training sentences added again in title
	// case ("Minister Meets Rebels"), as web headlines are written, so the
	// model learns not to trust case there (default 0.1; negative: none).
	TitleCase float64
}

func (o Options) withDefaults() Options {
	if o.Iterations <= 0 {
		o.Iterations = 15
	}
	if o.MinFeatureCount <= 0 {
		o.MinFeatureCount = 1
	}
	if o.MinWordCount <= 0 {
		o.MinWordCount = 2
	}
	if o.Prune == 0 {
		o.Prune = 0.1
	}
	if o.Workers <= 0 {
		o.Workers = 2
	}
	if o.TitleCase == 0 {
		o.TitleCase = 0.1
	}
	return o
}

// ErrNoData is returned by Train when there is nothing to train on.
var ErrNoData = errors.New("no training sentences")

// Train fits an averaged structured perceptron on train. When dev is not
// empty the model is scored on it after every pass and the best pass is
// returned. Progress lines go to progress (nil for none).
func Train(ctx context.Context, train, dev []Sentence, opt Options, progress io.Writer) (*Model, error) {
	opt = opt.withDefaults()
	if progress == nil {
		progress = io.Discard
	}
	if len(train) == 0 {
		return nil, ErrNoData
	}
	for i, s := range train {
		if len(s.Labels) != len(s.Words) {
			return nil, fmt.Errorf("training sentence %d: %d words but %d labels", i, len(s.Words), len(s.Labels))
		}
	}
	lex, err := loadLexicon()
	if err != nil {
		return nil, err
	}
	start := time.Now()
	stats := countWordStats(train, opt.MinWordCount)
	train = withTitleCase(train, opt.TitleCase, opt.Seed)

	// Features of every training token, as folded hashes.
	hashed := make([][][]uint32, len(train))
	var wg sync.WaitGroup
	for w := range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ex extractor
			for i := w; i < len(train); i += opt.Workers {
				if i%1000 == 0 && ctx.Err() != nil {
					return
				}
				feats := ex.features(train[i].Words, stats, lex)
				sent := make([][]uint32, len(feats))
				for j, fs := range feats {
					sent[j] = make([]uint32, len(fs))
					for k, h := range fs {
						sent[j][k] = fold(h)
					}
				}
				hashed[i] = sent
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	counts := map[uint32]int{}
	for _, s := range hashed {
		for _, fs := range s {
			for _, h := range fs {
				counts[h]++
			}
		}
	}
	keys := make([]uint32, 0, len(counts))
	for k, c := range counts {
		if c >= opt.MinFeatureCount {
			keys = append(keys, k)
		}
	}
	sort.Slice(keys, func(a, b int) bool { return keys[a] < keys[b] })
	rowOf := make(map[uint32]int32, len(keys))
	for i, k := range keys {
		rowOf[k] = int32(i)
	}
	type instance struct {
		rows [][]int32
		gold []int
	}
	data := make([]instance, len(train))
	tokens := 0
	for i, s := range hashed {
		inst := instance{rows: make([][]int32, len(s)), gold: toBILOU(train[i].Labels, nil)}
		for j, fs := range s {
			rs := make([]int32, 0, len(fs))
			for _, h := range fs {
				if r, ok := rowOf[h]; ok {
					rs = append(rs, r)
				}
			}
			inst.rows[j] = rs
		}
		tokens += len(s)
		data[i] = inst
	}
	hashed, counts, rowOf = nil, nil, nil
	fmt.Fprintf(progress, "features: %d sentences, %d tokens, %d features, %d words with statistics (%.1fs)\n",
		len(train), tokens, len(keys), len(stats.m), time.Since(start).Seconds())

	p := newPerceptron(len(keys))
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	order := make([]int, len(data))
	for i := range order {
		order[i] = i
	}
	var (
		best     *Model
		bestF1   = -1.0
		bestIter int
		em       []float64
		back     []int8
		pred     []int
	)
	for it := 1; it <= opt.Iterations; it++ {
		t0 := time.Now()
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		wrong := 0
		for k, idx := range order {
			if k%1000 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			inst := &data[idx]
			n := len(inst.gold)
			em = resize(em, n*nTags)
			back = resize(back, n*nTags)
			for i, rs := range inst.rows {
				row := em[i*nTags : (i+1)*nTags]
				for _, r := range rs {
					w := p.w[int(r)*nTags : (int(r)+1)*nTags]
					for t := range row {
						row[t] += w[t]
					}
				}
			}
			pred = viterbi(n, em, p.trans, p.end, back, pred)
			if p.update(inst.rows, inst.gold, pred) {
				wrong++
			}
			p.c++
		}
		m := p.model(keys, stats, lex, opt.Prune)
		line := fmt.Sprintf("iteration %d: %d/%d training sentences wrong (%.1fs)", it, wrong, len(data), time.Since(t0).Seconds())
		if len(dev) > 0 {
			sc := Evaluate(m, dev)
			line += fmt.Sprintf(", dev F1 %.2f (PER %.2f ORG %.2f LOC %.2f MISC %.2f)", 100*sc.Overall.F1,
				100*sc.ByType[PER].F1, 100*sc.ByType[ORG].F1, 100*sc.ByType[LOC].F1, 100*sc.ByType[MISC].F1)
			if sc.Overall.F1 > bestF1 {
				best, bestF1, bestIter = m, sc.Overall.F1, it
			}
		} else {
			best, bestIter = m, it
		}
		fmt.Fprintln(progress, line)
	}
	fmt.Fprintf(progress, "kept iteration %d, %d features with weights (%.1fs in all)\n", bestIter, len(best.index), time.Since(start).Seconds())
	return best, nil
}

// perceptron keeps current weights w and, for averaging, u: the sum of
// every update scaled by the step it was made at (Daumé's trick), so the
// average is w - u/c.
type perceptron struct {
	w, u          []float64
	trans, transU []float64
	end, endU     []float64
	c             float64
}

func newPerceptron(rows int) *perceptron {
	return &perceptron{
		w: make([]float64, rows*nTags), u: make([]float64, rows*nTags),
		trans: make([]float64, (nTags+1)*nTags), transU: make([]float64, (nTags+1)*nTags),
		end: make([]float64, nTags), endU: make([]float64, nTags),
		c: 1,
	}
}

func (p *perceptron) update(rows [][]int32, gold, pred []int) bool {
	same := true
	for i := range gold {
		if gold[i] != pred[i] {
			same = false
			break
		}
	}
	if same {
		return false
	}
	c := p.c
	for i := range gold {
		g, q := gold[i], pred[i]
		if g != q {
			for _, r := range rows[i] {
				b := int(r) * nTags
				p.w[b+g]++
				p.u[b+g] += c
				p.w[b+q]--
				p.u[b+q] -= c
			}
		}
		pg, pq := nTags, nTags
		if i > 0 {
			pg, pq = gold[i-1], pred[i-1]
		}
		if pg != pq || g != q {
			p.trans[pg*nTags+g]++
			p.transU[pg*nTags+g] += c
			p.trans[pq*nTags+q]--
			p.transU[pq*nTags+q] -= c
		}
	}
	n := len(gold)
	if g, q := gold[n-1], pred[n-1]; g != q {
		p.end[g]++
		p.endU[g] += c
		p.end[q]--
		p.endU[q] -= c
	}
	return true
}

// model averages, prunes and quantizes the weights into a Model.
func (p *perceptron) model(keys []uint32, stats *wordStats, lex *lexicon, prune float64) *Model {
	avg := func(w, u []float64) []float64 {
		out := make([]float64, len(w))
		for i := range w {
			out[i] = w[i] - u[i]/p.c
		}
		return out
	}
	w, tr, end := avg(p.w, p.u), avg(p.trans, p.transU), avg(p.end, p.endU)
	maxAbs := 0.0
	for _, s := range [][]float64{w, tr, end} {
		for _, x := range s {
			maxAbs = max(maxAbs, math.Abs(x))
		}
	}
	scale := maxAbs / math.MaxInt16
	if scale == 0 {
		scale = 1
	}
	q := func(x float64) int32 { return int32(math.Round(x / scale)) }
	m := &Model{stats: stats, lex: lex, scale: scale, index: map[uint32]int32{}}
	m.trans = make([]int32, len(tr))
	for i, x := range tr {
		m.trans[i] = q(x)
	}
	m.end = make([]int32, len(end))
	for i, x := range end {
		m.end[i] = q(x)
	}
	for r, k := range keys {
		var row [nTags]int16
		nz := false
		for t := range nTags {
			x := w[r*nTags+t]
			if math.Abs(x) < prune {
				continue
			}
			row[t] = int16(q(x))
			nz = nz || row[t] != 0
		}
		if nz {
			m.index[k] = int32(len(m.weights) / nTags)
			m.weights = append(m.weights, row[:]...)
		}
	}
	return m
}

var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "and": true, "or": true, "by": true, "with": true, "'s": true,
}

// withTitleCase returns data followed by title-cased copies of a share of
// it, chosen by seed.
func withTitleCase(data []Sentence, share float64, seed uint64) []Sentence {
	if share <= 0 {
		return data
	}
	rng := rand.New(rand.NewPCG(seed^0x7469746c65, seed))
	out := append([]Sentence(nil), data...)
	for _, s := range data {
		if rng.Float64() >= share {
			continue
		}
		keepMinor := rng.IntN(2) == 0
		words := make([]string, len(s.Words))
		for i, w := range s.Words {
			words[i] = w
			if keepMinor && i > 0 && minorWords[strings.ToLower(w)] {
				continue
			}
			r, size := utf8.DecodeRuneInString(w)
			if unicode.IsLower(r) {
				words[i] = string(unicode.ToUpper(r)) + w[size:]
			}
		}
		out = append(out, Sentence{Words: words, Labels: s.Labels})
	}
	return out
}
