package ner

import (
	"context"
	"fmt"
	"io"
	"strings"
)

// CVResult is what k-fold cross-validation on a training corpus found.
// Every score pools the held-out predictions of all folds.
type CVResult struct {
	Folds int
	// Pass1[i] scores the sentence-level model after i+1 passes over the
	// data; Pass2[i] the two-pass model (with the first after all its
	// passes) after i+1 passes of the second. Pass2 is empty when the
	// models have no second pass.
	Pass1, Pass2 []Score
	// PerFold scores each fold's final model on its held-out documents.
	PerFold []Score
}

// Final is the score of the models as Train would build them: after all
// their passes.
func (r CVResult) Final() Score {
	if len(r.Pass2) > 0 {
		return r.Pass2[len(r.Pass2)-1]
	}
	if len(r.Pass1) > 0 {
		return r.Pass1[len(r.Pass1)-1]
	}
	return Score{}
}

// String prints the F1 curve of each pass and the final score.
func (r CVResult) String() string {
	var b strings.Builder
	curve := func(name string, sc []Score) {
		if len(sc) == 0 {
			return
		}
		fmt.Fprintf(&b, "%d-fold CV F1 of %s by iteration:", r.Folds, name)
		for i, s := range sc {
			fmt.Fprintf(&b, " %d:%.2f", i+1, 100*s.Overall.F1)
		}
		b.WriteByte('\n')
	}
	curve("pass 1", r.Pass1)
	curve("pass 2", r.Pass2)
	for i, s := range r.PerFold {
		fmt.Fprintf(&b, "fold %d F1 %.2f\n", i+1, 100*s.Overall.F1)
	}
	fmt.Fprintf(&b, "%d-fold CV, final model:\n%s", r.Folds, r.Final())
	return b.String()
}

// CrossValidate estimates how models trained by Train with opt tag unseen
// documents: the documents of data (see TagCorpus) are cut into k
// contiguous blocks; a model is trained on all blocks but one and tags the
// one left out, for each block in turn. Models are scored after every pass
// over the data, so one run shows how many passes are best.
func CrossValidate(ctx context.Context, data []Sentence, k int, opt Options, progress io.Writer) (CVResult, error) {
	if progress == nil {
		progress = io.Discard
	}
	opt = opt.withDefaults()
	starts := docStarts(data)
	if k < 2 || len(starts) < k {
		return CVResult{}, fmt.Errorf("cross-validation: %d documents cannot make %d folds", len(starts), k)
	}
	res := CVResult{Folds: k}
	pass1 := make([]scorer, opt.Iterations)
	pass2 := make([]scorer, opt.DocIterations)
	twoPass := false
	for f := range k {
		lo, hi := starts[f*len(starts)/k], len(data)
		if f+1 < k {
			hi = starts[(f+1)*len(starts)/k]
		}
		held := data[lo:hi]
		train := make([]Sentence, 0, len(data)-len(held))
		train = append(append(train, data[:lo]...), data[hi:]...)
		fmt.Fprintf(progress, "fold %d/%d: training on %d sentences, holding out %d\n", f+1, k, len(train), len(held))
		var final scorer
		check := func(pass, it int, m *Model) {
			sc := &pass1[it-1]
			if pass == 2 {
				sc, twoPass = &pass2[it-1], true
			}
			pred := TagCorpus(m, held)
			for i := range held {
				sc.add(held[i].Labels, pred[i])
			}
			last := (pass == 1 && it == opt.Iterations && (opt.SentencesOnly || len(splitDocuments(train)) < opt.Folds)) ||
				(pass == 2 && it == opt.DocIterations)
			if last {
				for i := range held {
					final.add(held[i].Labels, pred[i])
				}
			}
		}
		if _, err := trainModel(ctx, train, opt, io.Discard, check); err != nil {
			return CVResult{}, err
		}
		res.PerFold = append(res.PerFold, final.score())
		fmt.Fprintf(progress, "fold %d/%d: F1 %.2f\n", f+1, k, 100*final.score().Overall.F1)
	}
	for i := range pass1 {
		res.Pass1 = append(res.Pass1, pass1[i].score())
	}
	if twoPass {
		for i := range pass2 {
			res.Pass2 = append(res.Pass2, pass2[i].score())
		}
	}
	return res, nil
}

// docStarts returns the index of the first sentence of every document, as
// TagCorpus finds them (-DOCSTART- lines, and the headline before a news
// dateline, since the CoNLL-2003 files here have no -DOCSTART- lines).
func docStarts(data []Sentence) []int {
	var out []int
	for _, d := range splitDocuments(data) {
		out = append(out, d[0])
	}
	return out
}
