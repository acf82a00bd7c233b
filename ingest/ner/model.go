package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math"
	"slices"
	"sync"
)

//go:embed model.bin.gz
var embeddedModel []byte

// Model is a trained tagger. It is immutable and safe for concurrent use.
type Model struct {
	res *resources
	// base tags one sentence on its own; doc, when not nil, tags it again
	// with what the first pass found elsewhere in the same document.
	base weightSet
	doc  *weightSet
	pool sync.Pool // *tagScratch
}

// weightSet is one trained linear model over features and tag transitions.
type weightSet struct {
	index map[uint32]int32 // folded feature hash -> row of weights
	// table is index as decode reads it (see featureTable); built from
	// index by freeze, empty until then. A model read by Read has only
	// the table: index is nil.
	table featureTable
	// weights holds nTags int16 weights per row; trans holds
	// (nTags+1)*nTags transition weights (the last row is the start), end
	// the end-of-sentence weights; all in units of scale.
	weights []int16
	trans   []int32
	end     []int32
	scale   float64
}

// decode returns the best tag sequence for the features of one sentence
// (feats, plus extra when not nil), in s.tags.
func (w *weightSet) decode(feats, extra [][]uint64, s *tagScratch) []int {
	n := len(feats)
	s.em = resize(s.em, n*nTags)
	s.back = resize(s.back, n*nTags)
	add := func(row *[nTags]int32, fs []uint64) {
		for _, h := range fs {
			r, ok := w.lookup(fold(h))
			if !ok {
				continue
			}
			ws := (*[nTags]int16)(w.weights[int(r)*nTags:])
			for t := range row {
				row[t] += int32(ws[t])
			}
		}
	}
	for i, fs := range feats {
		row := (*[nTags]int32)(s.em[i*nTags:])
		add(row, fs)
		if extra != nil {
			add(row, extra[i])
		}
	}
	s.tags = viterbi(n, s.em, w.trans, w.end, s.back, s.tags)
	return s.tags
}

// lookup returns the row of weights of folded feature hash k.
func (w *weightSet) lookup(k uint32) (int32, bool) {
	if w.table.slots == nil {
		r, ok := w.index[k]
		return r, ok
	}
	return w.table.get(k)
}

// freeze builds w.table from w.index; call it once w.index is complete,
// before w is shared.
func (w *weightSet) freeze() {
	w.table = newFeatureTable(len(w.index))
	for k, r := range w.index {
		w.table.put(k, r)
	}
}

// empty reports whether w has no features: a zero Model.
func (w *weightSet) empty() bool { return w.index == nil && w.table.slots == nil }

// sortedKeys returns w's folded feature hashes in increasing order, from
// its index while training, else from its table (a loaded model keeps no
// index).
func (w *weightSet) sortedKeys() []uint32 {
	var keys []uint32
	if w.index != nil {
		keys = make([]uint32, 0, len(w.index))
		for k := range w.index {
			keys = append(keys, k)
		}
	} else {
		for _, s := range w.table.slots {
			if s.row != 0 {
				keys = append(keys, s.key)
			}
		}
	}
	slices.Sort(keys)
	return keys
}

// featureTable is an open-addressing hash table of folded feature hashes
// (already uniformly spread) to rows, a slot holding both: a lookup costs
// one probe into one array, where the map's lookups were a third of the
// ingest's CPU (two cores, the 10k synthetic bench).
type featureTable struct {
	slots []featureSlot
	shift uint32
}

type featureSlot struct {
	key uint32
	row int32 // the row + 1; 0: an empty slot
}

// newFeatureTable returns an empty table for n keys, at most half full.
func newFeatureTable(n int) featureTable {
	bits := uint32(4)
	for 1<<bits < 2*n {
		bits++
	}
	return featureTable{slots: make([]featureSlot, 1<<bits), shift: 32 - bits}
}

// put stores row r of key k, which is not in t yet.
func (t *featureTable) put(k uint32, r int32) {
	mask := uint32(len(t.slots) - 1)
	i := t.home(k)
	for t.slots[i].row != 0 {
		i = (i + 1) & mask
	}
	t.slots[i] = featureSlot{key: k, row: r + 1}
}

// home is k's first slot: Fibonacci hashing of k.
func (t *featureTable) home(k uint32) uint32 { return (k * 2654435769) >> t.shift }

func (t *featureTable) get(k uint32) (int32, bool) {
	mask := uint32(len(t.slots) - 1)
	for i := t.home(k); ; i = (i + 1) & mask {
		s := t.slots[i]
		if s.row == 0 {
			return 0, false
		}
		if s.key == k {
			return s.row - 1, true
		}
	}
}

type tagScratch struct {
	ex   extractor
	em   []int32
	back []int8
	tags []int
}

// Load decodes the model embedded in the binary (1.5 MB compressed). It
// costs some 50-70 ms and under 20 MB of memory: call it once per process
// and share the model.
func Load() (*Model, error) {
	m, err := Read(bytes.NewReader(embeddedModel))
	if err != nil {
		return nil, fmt.Errorf("load embedded ner model: %w", err)
	}
	return m, nil
}

// Tag labels one tokenized sentence, one label per word. Words should be
// split the way the CoNLL-2003 training text is (Penn Treebank style:
// punctuation and a possessive 's or ’s as words of their own); curly quotes
// and dashes are fine. Any input is accepted (empty words, invalid UTF-8).
func (m *Model) Tag(words []string) []Label {
	out := make([]Label, len(words))
	if len(words) == 0 || m == nil || m.base.empty() {
		return out
	}
	s, _ := m.pool.Get().(*tagScratch)
	if s == nil {
		s = &tagScratch{}
	}
	defer m.pool.Put(s)
	feats := s.ex.features(words, m.res)
	for i, t := range m.base.decode(feats, nil, s) {
		out[i] = toLabel(t)
	}
	return out
}

func resize[T any](s []T, n int) []T {
	if cap(s) < n {
		return make([]T, n)
	}
	s = s[:n]
	clear(s)
	return s
}

const magic = "newsgraph-ner\x00"

// WriteTo writes the model, gzip-compressed. The output is a function of
// the model alone, so the same model always gives the same bytes.
func (m *Model) WriteTo(w io.Writer) (int64, error) {
	cw := &countWriter{w: w}
	zw, err := gzip.NewWriterLevel(cw, gzip.BestCompression)
	if err != nil {
		return cw.n, fmt.Errorf("write ner model: %w", err)
	}
	bw := bufio.NewWriter(zw)
	var buf [binary.MaxVarintLen64]byte
	uv := func(x uint64) { bw.Write(buf[:binary.PutUvarint(buf[:], x)]) }
	sv := func(x int64) { bw.Write(buf[:binary.PutVarint(buf[:], x)]) }
	bw.WriteString(magic)
	uv(featureVersion)
	uv(uint64(nTags))
	words := m.res.stats.sorted()
	uv(uint64(len(words)))
	for _, word := range words {
		st := m.res.stats.m[word]
		uv(uint64(len(word)))
		bw.WriteString(word)
		bw.WriteByte(st.freq)
		bw.WriteByte(st.caseProfile)
	}
	sets := []*weightSet{&m.base}
	if m.doc != nil {
		sets = append(sets, m.doc)
	}
	uv(uint64(len(sets)))
	for _, ws := range sets {
		ws.write(uv, sv)
	}
	if err := bw.Flush(); err != nil {
		return cw.n, fmt.Errorf("write ner model: %w", err)
	}
	if err := zw.Close(); err != nil {
		return cw.n, fmt.Errorf("write ner model: %w", err)
	}
	return cw.n, nil
}

func (w *weightSet) write(uv func(uint64), sv func(int64)) {
	uv(math.Float64bits(w.scale))
	for _, x := range w.trans {
		sv(int64(x))
	}
	for _, x := range w.end {
		sv(int64(x))
	}
	keys := w.sortedKeys()
	uv(uint64(len(keys)))
	var last uint32
	for _, k := range keys {
		uv(uint64(k - last))
		last = k
		r32, _ := w.lookup(k)
		r := int(r32)
		row := w.weights[r*nTags : (r+1)*nTags]
		var mask uint64
		for t, x := range row {
			if x != 0 {
				mask |= 1 << t
			}
		}
		uv(mask)
		for _, x := range row {
			if x != 0 {
				sv(int64(x))
			}
		}
	}
}

type countWriter struct {
	w io.Writer
	n int64
}

func (c *countWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// ErrBadModel is returned by Read for data that is not a model this
// version of the package can use.
var ErrBadModel = errors.New("not a ner model")

// Read decodes a model written by WriteTo.
func Read(r io.Reader) (*Model, error) {
	zr, err := gzip.NewReader(r)
	if err != nil {
		return nil, fmt.Errorf("read ner model: %w: %w", ErrBadModel, err)
	}
	defer zr.Close()
	// Decoding varints from a slice is some three times faster than
	// through a reader's ReadByte; the model is a few MB.
	b, err := io.ReadAll(zr)
	if err != nil {
		return nil, fmt.Errorf("read ner model: %w: %w", ErrBadModel, err)
	}
	m, err := decode(b)
	if err != nil {
		if errors.Is(err, io.EOF) {
			err = io.ErrUnexpectedEOF
		}
		return nil, fmt.Errorf("read ner model: %w", err)
	}
	return m, nil
}

// decoder reads varints from the model's bytes with a sticky error, so
// decode checks once per section instead of after every number.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) uv() uint64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.short(n)
		return 0
	}
	d.b = d.b[n:]
	return x
}

func (d *decoder) sv() int64 {
	if d.err != nil {
		return 0
	}
	x, n := binary.Varint(d.b)
	if n <= 0 {
		d.short(n)
		return 0
	}
	d.b = d.b[n:]
	return x
}

// short records a varint that could not be read: the data ended (n == 0)
// or the number overflows 64 bits.
func (d *decoder) short(n int) {
	if n == 0 {
		d.err = io.ErrUnexpectedEOF
		return
	}
	d.fail("varint overflows 64 bits")
}

// bytes returns the next n bytes.
func (d *decoder) bytes(n uint64) []byte {
	if d.err != nil {
		return nil
	}
	if uint64(len(d.b)) < n {
		d.err = io.ErrUnexpectedEOF
		return nil
	}
	out := d.b[:n]
	d.b = d.b[n:]
	return out
}

func (d *decoder) fail(format string, args ...any) {
	if d.err == nil {
		d.err = fmt.Errorf("%w: "+format, append([]any{ErrBadModel}, args...)...)
	}
}

// decode reads a model from its uncompressed bytes. The lexicon, which
// does not depend on them, is loaded alongside: the two take about as long.
func decode(b []byte) (*Model, error) {
	type lexResult struct {
		lex *lexicon
		err error
	}
	lexc := make(chan lexResult, 1)
	go func() {
		lex, err := loadLexicon()
		lexc <- lexResult{lex, err}
	}()
	m, err := decodeWeights(b)
	lr := <-lexc
	if err != nil {
		return nil, err
	}
	if lr.err != nil {
		return nil, lr.err
	}
	m.res.lex = lr.lex
	return m, nil
}

// decodeWeights reads the word statistics and weight sets of a model.
func decodeWeights(b []byte) (*Model, error) {
	if !bytes.HasPrefix(b, []byte(magic)) {
		if len(b) < len(magic) {
			return nil, io.ErrUnexpectedEOF
		}
		return nil, ErrBadModel
	}
	d := &decoder{b: b[len(magic):]}
	if v := d.uv(); v != featureVersion {
		d.fail("feature version %d, want %d", v, featureVersion)
	}
	if v := d.uv(); v != uint64(nTags) {
		d.fail("%d tags, want %d", v, nTags)
	}
	m := &Model{res: &resources{}}
	nw := d.uv()
	if nw > 1<<24 {
		d.fail("%d words", nw)
	}
	if d.err != nil {
		return nil, d.err
	}
	stats := &wordStats{m: make(map[string]wordStat, nw)}
	m.res.stats = stats
	for range nw {
		l := d.uv()
		if l > 1<<16 {
			d.fail("word of %d bytes", l)
		}
		w := d.bytes(l + 2)
		if d.err != nil {
			return nil, d.err
		}
		stats.m[string(w[:l])] = wordStat{freq: w[l], caseProfile: w[l+1]}
	}
	switch ns := d.uv(); {
	case d.err != nil:
		return nil, d.err
	case ns == 1 || ns == 2:
		if err := d.weightSet(&m.base); err != nil {
			return nil, err
		}
		if ns == 2 {
			m.doc = &weightSet{}
			if err := d.weightSet(m.doc); err != nil {
				return nil, err
			}
		}
	default:
		return nil, fmt.Errorf("%w: %d weight sets", ErrBadModel, ns)
	}
	return m, nil
}

func (d *decoder) weightSet(w *weightSet) error {
	w.scale = math.Float64frombits(d.uv())
	w.trans = make([]int32, (nTags+1)*nTags)
	for i := range w.trans {
		w.trans[i] = int32(d.sv())
	}
	w.end = make([]int32, nTags)
	for i := range w.end {
		w.end[i] = int32(d.sv())
	}
	nf := d.uv()
	if nf > 1<<26 {
		d.fail("%d features", nf)
	}
	if d.err != nil {
		return d.err
	}
	// The table is built as the rows are read, without the index map a
	// trained model has (filling it was a third of Load).
	w.table = newFeatureTable(int(nf))
	w.weights = make([]int16, 0, int(nf)*nTags)
	var key uint32
	for i := range nf {
		delta := d.uv()
		if delta == 0 && i > 0 {
			d.fail("feature %d twice", key) // keys are written in increasing order
		}
		key += uint32(delta)
		mask := d.uv()
		var row [nTags]int16
		for t := range nTags {
			if mask&(1<<t) != 0 {
				x := d.sv()
				if x < math.MinInt16 || x > math.MaxInt16 {
					d.fail("weight %d out of range", x)
				}
				row[t] = int16(x)
			}
		}
		if d.err != nil {
			return d.err
		}
		w.table.put(key, int32(i))
		w.weights = append(w.weights, row[:]...)
	}
	return d.err
}
