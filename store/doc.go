// Package store is the workstation's evidence store: one encrypted Badger database in one data
// directory, holding everything an investigation produces.
//
// Words used here:
//
//   - Blob: bytes named by their content, the SHA-256 of the plaintext. Blobs are streamed in
//     1 MiB chunks (themselves content-addressed), written once and deduplicated; a 200 MB video
//     never needs 200 MB of memory.
//   - Record: a small, write-once JSON document (a case, a capture, a note, a tag, an analysis
//     result, a kept quick check, an accepted partner key, a timestamp request, the settings)
//     named by the SHA-256 of its stored bytes. Records of one Lineage are
//     its versions: a change is a new version pointing at the previous one, and a deletion is a
//     tombstone version. Nothing is rewritten or removed in place.
//   - Custody log: an append-only chain of Entries, each holding the hash of the one before it,
//     written in the same transaction as the change it describes (CreateLinked writes a record
//     and the records made from it, a capture and its timestamp request, in one transaction,
//     an entry each). Its head is signed on every
//     append with the workstation's Ed25519 key, which lives inside the encrypted store, and
//     the signed head is also written beside the database (head.json), so that a database put
//     back to an earlier state of its own is still found. A small index keeps the newest entry
//     of each action (LastEntry: "the last verify").
//
// Keys at rest: the officer's passphrase goes through Argon2id with a per-store salt to a key
// that unwraps a random data key (AES-256-GCM); the data key is Badger's encryption key. Changing
// the passphrase rewraps the data key and never rewrites evidence. A new passphrase (Init,
// ChangePassphrase) needs MinPassphraseLen characters; an older store opens with the one it has.
//
// "Saved" means on disk: every commit is synced before it returns. Writes are refused with
// ErrDiskFull while free space is below a reserve, so a full disk never reaches Badger mid-write.
// Close waits for the reads and the logged writes in flight; those that come after it get
// ErrClosed. A blob batch is not waited for: commit or abandon it before Close.
//
// "Verified" means that Verify re-read every record and (in full mode) every blob byte, recomputed
// their SHA-256, found every reference resolvable, the custody chain unbroken from entry 1 to the
// signed head, the head's signature valid, and the log holding the entry head.json names (no
// rollback kept as head.rolled-back-*.json). Badger's encryption hides data but does not detect
// tampering; these checks do. A database Badger would damage or crash on when opening (no
// MANIFEST or key registry, a table cut short) is refused with ErrDamaged before Badger reads
// it, and one without its store.json with ErrHeaderMissing; neither is changed. A store on
// read-only media is refused with ErrReadOnly: opening writes (the lock, the custody log).
package store
