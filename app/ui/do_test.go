package ui

import (
	"bytes"
	"os"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// TestMain runs the package's UI callbacks on one goroutine of their own, in order, as Fyne's
// real driver runs them on its main goroutine: fyne.Do queues and returns, fyne.DoAndWait
// queues and waits (or runs at once when asked from that goroutine, where waiting would never
// end). Fyne's test driver would run each at once on the goroutine that asks.
func TestMain(m *testing.M) {
	q := newUIQueue()
	uiDo, uiDoAndWait = q.do, q.doAndWait
	os.Exit(m.Run())
}

// onUI runs fn on the tests' UI goroutine and waits for it: a test touches a screen whose work
// goes on in the background there, as the officer's clicks reach it.
func onUI(fn func()) { uiDoAndWait(fn) }

// uiQueue is a UI goroutine for tests: its queue has no bound, so that asking never blocks a
// callback that asks for another.
type uiQueue struct {
	mu    sync.Mutex
	ready *sync.Cond
	fns   []func()
	id    atomic.Uint64 // the goroutine that runs them
}

func newUIQueue() *uiQueue {
	q := &uiQueue{}
	q.ready = sync.NewCond(&q.mu)
	started := make(chan struct{})
	go q.loop(started)
	<-started
	return q
}

// loop runs the callbacks. One that fails its test with t.Fatal ends the goroutine it runs on
// (runtime.Goexit): another then carries on, so that the test reports instead of hanging.
func (q *uiQueue) loop(started chan struct{}) {
	defer func() { go q.loop(nil) }()
	q.id.Store(goroutineID())
	if started != nil {
		close(started)
	}
	for {
		q.mu.Lock()
		for len(q.fns) == 0 {
			q.ready.Wait()
		}
		fn := q.fns[0]
		q.fns = q.fns[1:]
		q.mu.Unlock()
		fn()
	}
}

func (q *uiQueue) do(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
	q.ready.Signal()
}

func (q *uiQueue) doAndWait(fn func()) {
	if goroutineID() == q.id.Load() {
		fn()
		return
	}
	done := make(chan struct{})
	q.do(func() { defer close(done); fn() })
	<-done
}

// goroutineID reads the running goroutine's number from its stack trace, which is all Go
// offers; only these tests need it.
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	id, _ := strconv.ParseUint(string(b[:bytes.IndexByte(b, ' ')]), 10, 64)
	return id
}

// The queue runs callbacks in the order asked, one at a time; a callback may ask for another
// and wait for it without waiting forever, and may end its goroutine without ending the queue.
func TestUIQueueRunsInOrder(t *testing.T) {
	q := newUIQueue()
	var got []int
	var wg sync.WaitGroup
	wg.Add(100)
	for i := range 100 {
		q.do(func() { got = append(got, i); wg.Done() })
	}
	wg.Wait()
	for i, v := range got {
		if v != i {
			t.Fatalf("callback %d ran as %d", v, i)
		}
	}
	nested := false
	q.doAndWait(func() { q.doAndWait(func() { nested = true }) })
	if !nested {
		t.Fatal("a nested doAndWait did not run")
	}
	// A callback that ends its goroutine, as t.Fatal does, does not end the queue.
	q.doAndWait(runtime.Goexit)
	ran := make(chan struct{})
	go q.doAndWait(func() { close(ran) })
	select {
	case <-ran:
	case <-time.After(10 * time.Second):
		t.Fatal("the queue stopped after a callback ended its goroutine")
	}
}
