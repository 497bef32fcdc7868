package analysis

// The findings of a text and the spans phones may not overlap are sorted by position. There
// are thousands of them, and a comparison sort mispredicts a branch at about every other
// comparison; a radix sort of integer keys takes a few passes with no branch on the data. The
// keys hold only as many bits as the largest start and length need, so that a 1 MB text
// takes three passes.

// radixBits is the width of the digit each pass sorts by.
const radixBits = 11

// radixSort sorts keys by their bits from lo to hi (exclusive), stably: keys equal in those
// bits keep their order. tmp is scratch as long as keys; the sorted keys are in one of the
// two, which radixSort returns.
func radixSort(keys, tmp []uint64, lo, hi int) []uint64 {
	const mask = 1<<radixBits - 1
	var count [1 << radixBits]uint32
	tmp = tmp[:len(keys)]
	for sh := lo; sh < hi; sh += radixBits {
		clear(count[:])
		for _, k := range keys {
			count[k>>sh&mask]++
		}
		if count[keys[0]>>sh&mask] == uint32(len(keys)) {
			continue // one digit for all: nothing to move
		}
		sum := uint32(0)
		for d, n := range count {
			count[d] = sum
			sum += n
		}
		for _, k := range keys {
			d := k >> sh & mask
			tmp[count[d]] = k
			count[d]++
		}
		keys, tmp = tmp, keys
	}
	return keys
}
