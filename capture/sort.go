package capture

import "sort"

func sortByStart(xs []Exchange) {
	sort.SliceStable(xs, func(i, j int) bool { return xs[i].Started.Before(xs[j].Started) })
}
