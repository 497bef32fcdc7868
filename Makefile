# INTERCEPTED Workstation. `make run` and `make test` install what is missing first.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
BIN := bin/intercepted

.PHONY: deps build run test bench vet lint fmt-check screenshots

deps:
	@.ci/deps

build: deps
	$(GO) build -o $(BIN) .

# Starts the workstation window on the default store ($$INTERCEPTED_STORE or ~/.local/share/intercepted/store).
run: build
	./$(BIN)

vet:
	$(GO) vet ./...

# staticcheck, at the version .ci/deps pins and builds into .cache/bin.
lint: deps
	.cache/bin/staticcheck ./...

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt wants to rewrite: $$out"; exit 1; fi

# The packages that run goroutines of their own (browser, recorder, store, window) are tested
# under the race detector; analysis, pure and the longest to test, runs beside them without it.
test: deps fmt-check vet lint
	@$(GO) test -count=1 -timeout 30m ./analysis/... & pure=$$!; \
	$(GO) test -race -count=1 -timeout 30m $$($(GO) list ./... | grep -v '/analysis$$'); rest=$$?; \
	wait $$pure; pure=$$?; exit $$(( pure || rest ))

# One package at a time (-p 1): benchmarks of two packages running at once on two cores
# measure each other.
bench: deps
	$(GO) test -p 1 -run '^$$' -bench . -benchtime 3x -timeout 60m ./...

# Runs the real window under Xvfb through create store, case, capture of a local synthetic
# site, capture view, quick check, verify and the Italian UI; PNGs go to docs/screenshots/.
screenshots: build
	rm -f docs/screenshots/*.png
	xvfb-run -a -s "-screen 0 1600x1000x24" ./$(BIN) screenshots docs/screenshots
