package store

// CountScopedOnly makes c count only its scope, however large: the path
// small batches take, for batches of any size.
func CountScopedOnly(c *Count) { c.scopedOnly = true }
