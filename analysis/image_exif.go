package analysis

import (
	"encoding/binary"
	"errors"
	"fmt"
	"strings"
)

// A small EXIF reader of our own rather than a library: only seven tags are wanted, the input is
// hostile, and a reader this size can be fuzzed whole. It follows IFD0, the Exif IFD and the GPS
// IFD once each and never the thumbnail chain.

// EXIF tags read.
const (
	exifTagMake        = 0x010F
	exifTagModel       = 0x0110
	exifTagOrientation = 0x0112
	exifTagSoftware    = 0x0131
	exifTagExifIFD     = 0x8769
	exifTagGPSIFD      = 0x8825
	exifTagDateTimeOrg = 0x9003
	exifTagGPSLatRef   = 1
	exifTagGPSLat      = 2
	exifTagGPSLonRef   = 3
	exifTagGPSLon      = 4
)

// TIFF field types used.
const (
	exifASCII    = 2
	exifShort    = 3
	exifLong     = 4
	exifRational = 5
)

const (
	exifMaxEntries = 1000 // real IFDs have a few dozen; more is a crafted file
	exifMaxString  = 256
)

var errEXIF = errors.New("analysis: corrupt EXIF")

type exifReader struct {
	b     []byte
	order binary.ByteOrder
}

// exifEntry is one IFD field with its value bytes, bounds already checked.
type exifEntry struct {
	typ   uint16
	count uint32
	val   []byte
}

// parseEXIF reads a TIFF-structured EXIF block. It returns what it could read, nil if nothing,
// and an error describing the first damage found.
func parseEXIF(b []byte) (*EXIFInfo, error) {
	r, ifd0, err := newEXIFReader(b)
	if err != nil {
		return nil, err
	}
	info := &EXIFInfo{}
	tags, err := r.ifd(ifd0)
	r.baseTags(info, tags)
	if e, ok := tags[exifTagExifIFD]; ok {
		sub, serr := r.ifd(r.uint(e))
		info.DateTimeOriginal = r.ascii(sub[exifTagDateTimeOrg])
		err = errors.Join(err, serr)
	}
	if e, ok := tags[exifTagGPSIFD]; ok {
		gps, gerr := r.ifd(r.uint(e))
		info.GPS = r.gps(gps)
		err = errors.Join(err, gerr)
	}
	if *info == (EXIFInfo{}) {
		info = nil
	}
	return info, err
}

func newEXIFReader(b []byte) (*exifReader, uint32, error) {
	if len(b) < 8 {
		return nil, 0, fmt.Errorf("%w: %d bytes", errEXIF, len(b))
	}
	r := &exifReader{b: b}
	switch string(b[:4]) {
	case "II*\x00":
		r.order = binary.LittleEndian
	case "MM\x00*":
		r.order = binary.BigEndian
	default:
		return nil, 0, fmt.Errorf("%w: no TIFF header", errEXIF)
	}
	return r, r.order.Uint32(b[4:]), nil
}

func (r *exifReader) baseTags(info *EXIFInfo, tags map[uint16]exifEntry) {
	info.Make = r.ascii(tags[exifTagMake])
	info.Model = r.ascii(tags[exifTagModel])
	info.Software = r.ascii(tags[exifTagSoftware])
	if o := r.uint(tags[exifTagOrientation]); o >= 1 && o <= 8 {
		info.Orientation = int(o)
	}
}

// ifd reads the entries of the IFD at off. Entries that fit are kept even if later ones do not.
func (r *exifReader) ifd(off uint32) (map[uint16]exifEntry, error) {
	if uint64(off)+2 > uint64(len(r.b)) {
		return nil, fmt.Errorf("%w: IFD offset %d beyond %d bytes", errEXIF, off, len(r.b))
	}
	n := int(r.order.Uint16(r.b[off:]))
	if n > exifMaxEntries {
		return nil, fmt.Errorf("%w: %d IFD entries", errEXIF, n)
	}
	tags := make(map[uint16]exifEntry, n)
	for i := range n {
		p := uint64(off) + 2 + 12*uint64(i)
		if p+12 > uint64(len(r.b)) {
			return tags, fmt.Errorf("%w: IFD truncated after %d of %d entries", errEXIF, i, n)
		}
		tag := r.order.Uint16(r.b[p:])
		if e, ok := r.entry(r.b[p : p+12]); ok {
			tags[tag] = e
		}
	}
	return tags, nil
}

// entry decodes one 12-byte IFD entry; values over 4 bytes live at an offset.
func (r *exifReader) entry(raw []byte) (exifEntry, bool) {
	e := exifEntry{typ: r.order.Uint16(raw[2:]), count: r.order.Uint32(raw[4:])}
	var size uint64
	switch e.typ {
	case 1, exifASCII, 7: // BYTE, ASCII, UNDEFINED
		size = 1
	case exifShort:
		size = 2
	case exifLong:
		size = 4
	case exifRational:
		size = 8
	default:
		return e, false // types no wanted tag uses
	}
	n := size * uint64(e.count)
	if n <= 4 {
		e.val = raw[8 : 8+n]
		return e, true
	}
	off := uint64(r.order.Uint32(raw[8:]))
	if off+n > uint64(len(r.b)) {
		return e, false
	}
	e.val = r.b[off : off+n]
	return e, true
}

// ascii returns a string field cleaned for display: cut at the first NUL, trimmed, valid UTF-8.
func (r *exifReader) ascii(e exifEntry) string {
	if e.typ != exifASCII {
		return ""
	}
	s, _, _ := strings.Cut(string(e.val), "\x00")
	s = strings.ToValidUTF8(strings.TrimSpace(s), "\uFFFD")
	if len(s) > exifMaxString {
		s = strings.ToValidUTF8(s[:exifMaxString], "")
	}
	return s
}

// uint returns the first value of a SHORT or LONG field, 0 otherwise.
func (r *exifReader) uint(e exifEntry) uint32 {
	switch {
	case e.typ == exifShort && len(e.val) >= 2:
		return uint32(r.order.Uint16(e.val))
	case e.typ == exifLong && len(e.val) >= 4:
		return r.order.Uint32(e.val)
	}
	return 0
}

// gps returns the position in a GPS IFD, or nil when it is missing, malformed or out of range.
// 0°, 0° is dropped too: it is what receivers without a fix write.
func (r *exifReader) gps(tags map[uint16]exifEntry) *GPSPoint {
	lat, ok1 := r.degrees(tags[exifTagGPSLat])
	lon, ok2 := r.degrees(tags[exifTagGPSLon])
	if !ok1 || !ok2 || lat > 90 || lon > 180 || (lat == 0 && lon == 0) {
		return nil
	}
	if strings.HasPrefix(r.ascii(tags[exifTagGPSLatRef]), "S") {
		lat = -lat
	}
	if strings.HasPrefix(r.ascii(tags[exifTagGPSLonRef]), "W") {
		lon = -lon
	}
	return &GPSPoint{Lat: lat, Lon: lon}
}

// degrees reads three RATIONALs (degrees, minutes, seconds) as decimal degrees.
func (r *exifReader) degrees(e exifEntry) (float64, bool) {
	if e.typ != exifRational || len(e.val) < 24 {
		return 0, false
	}
	var dms [3]float64
	for i := range dms {
		num, den := r.order.Uint32(e.val[8*i:]), r.order.Uint32(e.val[8*i+4:])
		switch {
		case den != 0:
			dms[i] = float64(num) / float64(den)
		case num != 0:
			return 0, false
		} // 0/0 is how some writers leave seconds empty
	}
	if dms[1] >= 60 || dms[2] >= 60 {
		return 0, false
	}
	return dms[0] + dms[1]/60 + dms[2]/3600, true
}
