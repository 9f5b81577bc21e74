// Package spelling measures how far one word is from another, to tell a
// misspelling from another word: the emulator's seed-file member names and
// the provider's region names use it.
package spelling

// Distance is the optimal string alignment distance of a and b, bytes of
// ASCII letters compared in either case: how many to insert, delete,
// replace or swap with the next one. The words compared are short names:
// one of 32 bytes or more is simply far, at distance 32.
func Distance(a, b string) int {
	const longest = 32
	if len(a) >= longest || len(b) >= longest {
		return longest
	}
	lower := func(c byte) byte {
		if 'A' <= c && c <= 'Z' {
			return c + 'a' - 'A'
		}
		return c
	}
	var rows [3][longest + 1]int // the rows before the last, the last, this
	for j := range len(b) + 1 {
		rows[1][j] = j
	}
	for i := 1; i <= len(a); i++ {
		this, last, before := &rows[(i+1)%3], &rows[i%3], &rows[(i+2)%3]
		this[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if lower(a[i-1]) == lower(b[j-1]) {
				cost = 0
			}
			this[j] = min(last[j]+1, this[j-1]+1, last[j-1]+cost)
			if i > 1 && j > 1 && lower(a[i-1]) == lower(b[j-2]) && lower(a[i-2]) == lower(b[j-1]) {
				this[j] = min(this[j], before[j-2]+1)
			}
		}
	}
	return rows[(len(a)+1)%3][len(b)]
}
