// Command nertrain trains newsgraph's named-entity model from CoNLL-2003
// files given on the command line and writes the compressed model:
//
//	go run ./ingest/ner/cmd/nertrain -train PATH -cv 5 -dev PATH -o ingest/ner/model.bin.gz
//
// -cv K cross-validates on the training file (K blocks of documents) and
// prints the held-out F1 after every pass over the data: that is how the
// options are chosen. -dev scores the finished model once on a held-out
// file; training never looks at it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"

	"github.com/newsgraph/newsgraph/ingest/ner"
)

func main() {
	var (
		trainPath = flag.String("train", "", "CoNLL training file (required)")
		devPath   = flag.String("dev", "", "CoNLL file to score the finished model on, once")
		outPath   = flag.String("o", "", "where to write the model (without it, only -cv runs)")
		cv        = flag.Int("cv", 0, "cross-validate with this many folds of training documents first")
		iters     = flag.Int("iterations", 0, "passes over the training data, first model (0: default)")
		docIters  = flag.Int("doc-iterations", 0, "passes over the training data, document model (0: as -iterations)")
		seed      = flag.Uint64("seed", 1, "shuffling seed")
		prune     = flag.Float64("prune", 0, "drop averaged weights below this (0: default, negative: keep all)")
		minFeat   = flag.Int("min-feature-count", 0, "drop rarer features (0: default)")
		folds     = flag.Int("folds", 0, "folds of training documents for the second pass (0: default)")
		sentOnly  = flag.Bool("sentences-only", false, "train no second, document-level pass")
	)
	flag.Parse()
	if *trainPath == "" || (*outPath == "" && *cv == 0) || flag.NArg() > 0 {
		flag.Usage()
		os.Exit(2)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	opt := ner.Options{
		Iterations: *iters, DocIterations: *docIters, Seed: *seed, Prune: *prune, MinFeatureCount: *minFeat,
		SentencesOnly: *sentOnly, Folds: *folds,
	}
	if err := run(ctx, *trainPath, *devPath, *outPath, *cv, opt); err != nil {
		fmt.Fprintln(os.Stderr, "nertrain:", err)
		os.Exit(1)
	}
}

func read(path string) ([]ner.Sentence, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ner.ReadCoNLL(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

func run(ctx context.Context, trainPath, devPath, outPath string, cv int, opt ner.Options) error {
	train, err := read(trainPath)
	if err != nil {
		return err
	}
	if cv > 0 {
		res, err := ner.CrossValidate(ctx, train, cv, opt, os.Stdout)
		if err != nil {
			return err
		}
		fmt.Print(res)
	}
	if outPath == "" {
		return nil
	}
	m, err := ner.Train(ctx, train, opt, os.Stdout)
	if err != nil {
		return err
	}
	f, err := os.Create(outPath)
	if err != nil {
		return err
	}
	n, err := m.WriteTo(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", outPath, err)
	}
	fmt.Printf("wrote %s (%d bytes)\n", outPath, n)
	if devPath == "" {
		return nil
	}
	dev, err := read(devPath)
	if err != nil {
		return err
	}
	// Score the model as read back, to check exactly what ships.
	f, err = os.Open(outPath)
	if err != nil {
		return err
	}
	defer f.Close()
	back, err := ner.Read(f)
	if err != nil {
		return err
	}
	fmt.Print("dev scores:\n", ner.Evaluate(back, dev))
	return nil
}
