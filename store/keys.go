package store

import "encoding/binary"

// Key layout inside Badger. One byte of kind, then the name:
//
//	b<hash>                   blob: inline bytes, or a manifest of chunks
//	c<hash>                   chunk of a large blob
//	r<hash>                   record (its stored bytes hash to <hash>)
//	v<lineage>/<version BE8>  version index: the record hash of that version
//	i<ref>/<lineage>          reference index: lineage mentions ref (e.g. a case)
//	l<seq BE8>                custody log entry
//	a<action>                 the sequence number (BE8) of the newest log entry of that action
//	mloghead, msignkey,       metadata
//	mactionidx
var (
	pfxBlob    = []byte("b")
	pfxChunk   = []byte("c")
	pfxRecord  = []byte("r")
	pfxVersion = []byte("v")
	pfxRefIdx  = []byte("i")
	pfxLog     = []byte("l")
	pfxAction  = []byte("a")
	keyLogHead = []byte("mloghead")
	keySignKey = []byte("msignkey")
	// keyActionIdx marks a store whose a<action> index is complete.
	keyActionIdx = []byte("mactionidx")
)

func hashKey(pfx []byte, h Hash) []byte { return append(append([]byte{}, pfx...), h[:]...) }

func versionPrefix(lineage string) []byte {
	return append(append(append([]byte{}, pfxVersion...), lineage...), '/')
}

func versionKey(lineage string, v uint64) []byte {
	return binary.BigEndian.AppendUint64(versionPrefix(lineage), v)
}

func refIdxPrefix(ref string) []byte {
	return append(append(append([]byte{}, pfxRefIdx...), ref...), '/')
}

func actionKey(action string) []byte { return append(append([]byte{}, pfxAction...), action...) }

func logKey(seq uint64) []byte {
	return binary.BigEndian.AppendUint64(append([]byte{}, pfxLog...), seq)
}
