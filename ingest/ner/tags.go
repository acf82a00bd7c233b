package ner

// Internally the model uses BILOU tags (begin, inside, last, unit): they let
// the decoder see where an entity ends, which IOB2 does not.
const nTags = 1 + 4*int(numTypes-1)

const (
	posB = iota
	posI
	posL
	posU
)

func tagOf(t Type, pos int) int { return 1 + (int(t)-1)*4 + pos }

func tagType(tag int) Type {
	if tag == 0 {
		return None
	}
	return Type(1 + (tag-1)/4)
}

func tagPos(tag int) int { return (tag - 1) % 4 }

// allowed reports whether tag b may follow tag a; a == nTags is the start.
func allowed(a, b int) bool {
	open := a != nTags && a != 0 && (tagPos(a) == posB || tagPos(a) == posI)
	if open {
		return tagType(b) == tagType(a) && (tagPos(b) == posI || tagPos(b) == posL)
	}
	return b == 0 || tagPos(b) == posB || tagPos(b) == posU
}

// predecessors lists, for each tag, the tags it may follow (allowed), in
// increasing order: viterbi tries only those, about a third of all tags.
var predecessors = func() (p [nTags][]int8) {
	for b := range nTags {
		for a := range nTags {
			if allowed(a, b) {
				p[b] = append(p[b], int8(a))
			}
		}
	}
	return p
}()

// allowedEnd reports whether a sentence may end with tag a.
func allowedEnd(a int) bool { return a == 0 || tagPos(a) == posL || tagPos(a) == posU }

// toBILOU converts IOB labels (read leniently, like conlleval) to tags.
func toBILOU(labels []Label, out []int) []int {
	out = out[:0]
	for range labels {
		out = append(out, 0)
	}
	for _, s := range Spans(labels) {
		if s.End-s.Start == 1 {
			out[s.Start] = tagOf(s.Type, posU)
			continue
		}
		out[s.Start] = tagOf(s.Type, posB)
		for i := s.Start + 1; i < s.End-1; i++ {
			out[i] = tagOf(s.Type, posI)
		}
		out[s.End-1] = tagOf(s.Type, posL)
	}
	return out
}

func toLabel(tag int) Label {
	if tag == 0 {
		return Label{}
	}
	p := tagPos(tag)
	return Label{Type: tagType(tag), Begin: p == posB || p == posU}
}

type number interface{ ~int32 | ~float64 }

// viterbi finds the best allowed tag sequence given emission scores
// em[i*nTags+t], transitions trans[a*nTags+b] (a == nTags is the start) and
// end scores. back and out are scratch space.
func viterbi[N number](n int, em []N, trans []N, end []N, back []int8, out []int) []int {
	out = out[:0]
	if n == 0 {
		return out
	}
	var prev, cur [nTags]N
	var ok, nok [nTags]bool
	for b := 0; b < nTags; b++ {
		ok[b] = allowed(nTags, b)
		prev[b] = em[b] + trans[nTags*nTags+b]
	}
	for i := 1; i < n; i++ {
		for b := 0; b < nTags; b++ {
			best, arg := N(0), -1
			for _, a8 := range predecessors[b] {
				a := int(a8)
				if !ok[a] {
					continue
				}
				s := prev[a] + trans[a*nTags+b]
				if arg < 0 || s > best {
					best, arg = s, a
				}
			}
			nok[b] = arg >= 0
			cur[b] = best + em[i*nTags+b]
			back[i*nTags+b] = int8(arg)
		}
		prev, ok = cur, nok
	}
	best, arg := N(0), -1
	for a := 0; a < nTags; a++ {
		if !ok[a] || !allowedEnd(a) {
			continue
		}
		if s := prev[a] + end[a]; arg < 0 || s > best {
			best, arg = s, a
		}
	}
	for range n {
		out = append(out, 0)
	}
	if arg < 0 {
		return out
	}
	out[n-1] = arg
	for i := n - 1; i > 0; i-- {
		arg = int(back[i*nTags+arg])
		out[i-1] = arg
	}
	return out
}
