package app

import (
	"sync"

	"github.com/intercepted-eu/workstation/analysis"
)

var (
	analyzerOnce sync.Once
	analyzer     *analysis.Analyzer
	analyzerErr  error
)

// Analyzer returns the analyzer with the rule packs and model embedded in the binary, loaded
// once: a broken pack stops here with a message naming the file and the problem.
func Analyzer() (*analysis.Analyzer, error) {
	analyzerOnce.Do(func() { analyzer, analyzerErr = analysis.DefaultAnalyzer() })
	return analyzer, analyzerErr
}
