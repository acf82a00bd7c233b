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
	// Iterations is the number of passes over the training data of the
	// first, sentence-level model (default 12). The last pass is kept: no
	// held-out data is looked at while training; CrossValidate is how the
	// number is chosen.
	Iterations int
	// DocIterations is the same for the second, document-level model
	// (default Iterations).
	DocIterations int
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
	// SentencesOnly skips the second, document-level pass.
	SentencesOnly bool
	// Folds is how many parts the training documents are dealt into for
	// the first-pass tags the second pass learns from (default 2).
	Folds int
}

func (o Options) withDefaults() Options {
	if o.Iterations <= 0 {
		o.Iterations = 12
	}
	if o.DocIterations <= 0 {
		o.DocIterations = o.Iterations
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
	if o.Folds < 2 {
		o.Folds = 2
	}
	if o.TitleCase == 0 {
		o.TitleCase = 0.1
	}
	return o
}

// ErrNoData is returned by Train when there is nothing to train on.
var ErrNoData = errors.New("no training sentences")

// Train fits the model: an averaged structured perceptron for the first
// pass and, when train holds at least two documents (see TagCorpus), a
// second for the document pass. The second learns from first-pass tags that
// models trained on half of the documents give the other half, so it learns
// how far to trust first-pass tags of unseen text. Training looks at no
// held-out data: each model is the average after a fixed number of passes
// over the data (Options.Iterations, DocIterations). Progress lines go to
// progress (nil for none).
func Train(ctx context.Context, train []Sentence, opt Options, progress io.Writer) (*Model, error) {
	return trainModel(ctx, train, opt, progress, nil)
}

// checkpoint, when not nil, is shown the model after every pass over the
// data: pass 1 (m.doc nil) and pass 2, after iteration it (from 1).
type checkpoint func(pass, it int, m *Model)

func trainModel(ctx context.Context, train []Sentence, opt Options, progress io.Writer, check checkpoint) (*Model, error) {
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
	aug, origin := withTitleCase(train, opt.TitleCase, opt.Seed)
	all := make([]int, len(aug))
	for i := range all {
		all[i] = i
	}
	res := &resources{stats: stats, lex: lex}
	baseFeats := func(ex *extractor, i int) ([][]uint64, [][]uint64) {
		return ex.features(aug[i].Words, res), nil
	}
	var eval1 func(int, *weightSet)
	if check != nil {
		eval1 = func(it int, ws *weightSet) { check(1, it, &Model{res: res, base: *ws}) }
	}
	base, err := fit(ctx, "pass 1", aug, all, baseFeats, opt.Iterations, opt, eval1, progress)
	if err != nil {
		return nil, err
	}
	m := &Model{res: res, base: *base}
	docs := splitDocuments(train)
	if len(docs) < opt.Folds || opt.SentencesOnly {
		fmt.Fprintf(progress, "done in %.1fs\n", time.Since(start).Seconds())
		return m, nil
	}

	// First-pass tags of every training sentence by a model that has not
	// seen its document: documents are dealt into folds.
	docOf := make([]int, len(train))
	for d, r := range docs {
		for i := r[0]; i < r[1]; i++ {
			docOf[i] = d
		}
	}
	pass1 := make([][]docTok, len(aug))
	for f := range opt.Folds {
		var in, out []int
		for i := range aug {
			if docOf[origin[i]]%opt.Folds == f {
				out = append(out, i)
			} else {
				in = append(in, i)
			}
		}
		ws, err := fit(ctx, fmt.Sprintf("fold %d", f+1), aug, in, baseFeats, opt.Iterations, opt, nil, progress)
		if err != nil {
			return nil, err
		}
		var s tagScratch
		for _, i := range out {
			f := s.ex.features(aug[i].Words, res)
			pass1[i] = docTokens(&s.ex, ws.decode(f, nil, &s))
		}
	}
	extra := make([][][]uint64, len(aug))
	for _, r := range docs {
		x, _ := docFeatures(pass1[r[0]:r[1]])
		copy(extra[r[0]:r[1]], x)
	}
	for i := len(train); i < len(aug); i++ {
		x, _ := docFeatures(pass1[i : i+1]) // a headline copy stands alone
		extra[i] = x[0]
	}
	var eval2 func(int, *weightSet)
	if check != nil {
		eval2 = func(it int, ws *weightSet) { check(2, it, &Model{res: res, base: *base, doc: ws}) }
	}
	docWS, err := fit(ctx, "pass 2", aug, all, func(ex *extractor, i int) ([][]uint64, [][]uint64) {
		return ex.features(aug[i].Words, res), extra[i]
	}, opt.DocIterations, opt, eval2, progress)
	if err != nil {
		return nil, err
	}
	m.doc = docWS
	fmt.Fprintf(progress, "done in %.1fs\n", time.Since(start).Seconds())
	return m, nil
}

// fit trains one weight set on the sentences data[i] for i in idx, whose
// features (and extra features, or nil) feats gives, for iters passes over
// the data, and returns the averaged weights after the last. eval, when not
// nil, is shown the averaged weights after every pass.
func fit(ctx context.Context, name string, data []Sentence, idx []int, feats func(ex *extractor, i int) ([][]uint64, [][]uint64),
	iters int, opt Options, eval func(int, *weightSet), progress io.Writer) (*weightSet, error) {
	start := time.Now()
	// Features of every training token, as folded hashes.
	hashed := make([][][]uint32, len(idx))
	var wg sync.WaitGroup
	for w := range opt.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ex extractor
			for k := w; k < len(idx); k += opt.Workers {
				if k%1000 == 0 && ctx.Err() != nil {
					return
				}
				fs, xs := feats(&ex, idx[k])
				sent := make([][]uint32, len(fs))
				for j, f := range fs {
					hs := make([]uint32, 0, len(f))
					for _, h := range f {
						hs = append(hs, fold(h))
					}
					if xs != nil {
						for _, h := range xs[j] {
							hs = append(hs, fold(h))
						}
					}
					sent[j] = hs
				}
				hashed[k] = sent
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
	insts := make([]instance, len(idx))
	tokens := 0
	for k, s := range hashed {
		inst := instance{rows: make([][]int32, len(s)), gold: toBILOU(data[idx[k]].Labels, nil)}
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
		insts[k] = inst
	}
	hashed, counts, rowOf = nil, nil, nil
	fmt.Fprintf(progress, "%s: %d sentences, %d tokens, %d features (%.1fs)\n",
		name, len(insts), tokens, len(keys), time.Since(start).Seconds())

	p := newPerceptron(len(keys))
	rng := rand.New(rand.NewPCG(opt.Seed, opt.Seed^0x9e3779b97f4a7c15))
	order := make([]int, len(insts))
	for i := range order {
		order[i] = i
	}
	var (
		em   []float64
		back []int8
		pred []int
	)
	for it := 1; it <= iters; it++ {
		t0 := time.Now()
		rng.Shuffle(len(order), func(a, b int) { order[a], order[b] = order[b], order[a] })
		wrong := 0
		for k, i := range order {
			if k%1000 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			inst := &insts[i]
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
		fmt.Fprintf(progress, "%s iteration %d: %d/%d training sentences wrong (%.1fs)\n", name, it, wrong, len(insts), time.Since(t0).Seconds())
		if eval != nil && it < iters {
			eval(it, p.weights(keys, opt.Prune))
		}
	}
	ws := p.weights(keys, opt.Prune)
	if eval != nil {
		eval(iters, ws)
	}
	fmt.Fprintf(progress, "%s: %d features with weights (%.1fs)\n", name, len(ws.index), time.Since(start).Seconds())
	return ws, nil
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

// weights averages, prunes and quantizes the weights.
func (p *perceptron) weights(keys []uint32, prune float64) *weightSet {
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
	m := &weightSet{scale: scale, index: map[uint32]int32{}}
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
	m.freeze()
	return m
}

var minorWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "in": true, "on": true, "at": true,
	"to": true, "for": true, "and": true, "or": true, "by": true, "with": true, "'s": true,
}

// withTitleCase returns data followed by title-cased copies of a share of
// it, chosen by seed, and the index in data each sentence comes from.
func withTitleCase(data []Sentence, share float64, seed uint64) ([]Sentence, []int) {
	origin := make([]int, len(data))
	for i := range origin {
		origin[i] = i
	}
	if share <= 0 {
		return data, origin
	}
	rng := rand.New(rand.NewPCG(seed^0x7469746c65, seed))
	out := append([]Sentence(nil), data...)
	for k, s := range data {
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
		origin = append(origin, k)
	}
	return out, origin
}
