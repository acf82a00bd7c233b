package store

// unionFind partitions the integers 0..n-1 into disjoint sets. Every set is
// named by its smallest member, so what it groups does not depend on the
// order in which pairs are joined.
type unionFind []int

func newUnionFind(n int) unionFind {
	u := make(unionFind, n)
	for i := range u {
		u[i] = i
	}
	return u
}

// find returns the smallest member of i's set.
func (u unionFind) find(i int) int {
	for u[i] != i {
		u[i] = u[u[i]]
		i = u[i]
	}
	return i
}

// union joins the sets of i and j.
func (u unionFind) union(i, j int) {
	if a, b := u.find(i), u.find(j); a != b {
		u[max(a, b)] = min(a, b)
	}
}
