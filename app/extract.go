package app

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"
	"path"

	"github.com/intercepted-eu/workstation/store"
)

// writeBlobFile copies a blob to name under root (never over an existing file, nor through a
// link out of root) and checks what was written.
func (w *Workstation) writeBlobFile(id store.Hash, root *os.Root, name string) error {
	r, err := w.st.OpenBlob(id)
	if err != nil {
		return err
	}
	defer r.Close()
	if err := root.MkdirAll(path.Dir(name), 0o755); err != nil {
		return err
	}
	f, err := root.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	h := sha256.New()
	_, err = io.Copy(io.MultiWriter(f, h), r)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && store.Hash(h.Sum(nil)) != id {
		err = fmt.Errorf("the stored bytes do not match their SHA-256: run intercepted verify --full")
	}
	if err != nil {
		// no file that is not the artifact is left under the artifact's name
		root.Remove(name)
	}
	return err
}
