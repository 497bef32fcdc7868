package analysis

import (
	"bytes"
	"encoding/binary"
	"errors"
	"math"
	"testing"
	"unicode/utf8"
)

// testByteOrder reads and appends: binary.LittleEndian and binary.BigEndian are both.
type testByteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// exifField is one IFD entry for building test EXIF blocks by hand.
type exifField struct {
	tag, typ uint16
	count    uint32
	val      []byte
}

func exifASCIIField(tag uint16, s string) exifField {
	return exifField{tag, exifASCII, uint32(len(s) + 1), []byte(s + "\x00")}
}

func exifShortField(order testByteOrder, tag, v uint16) exifField {
	return exifField{tag, exifShort, 1, order.AppendUint16(nil, v)}
}

func exifDMSField(order testByteOrder, tag uint16, dms [3][2]uint32) exifField {
	var b []byte
	for _, r := range dms {
		b = order.AppendUint32(b, r[0])
		b = order.AppendUint32(b, r[1])
	}
	return exifField{tag, exifRational, 3, b}
}

// buildTIFF lays out IFD0, the Exif IFD and the GPS IFD one after the other, then the values
// that do not fit in an entry.
func buildTIFF(order testByteOrder, ifd0, exif, gps []exifField) []byte {
	size := func(n int) uint32 { return uint32(2 + 12*n + 4) }
	ifd0Off := uint32(8)
	exifOff := ifd0Off + size(len(ifd0)+2)
	gpsOff := exifOff + size(len(exif))
	dataOff := gpsOff + size(len(gps))
	ifd0 = append(ifd0,
		exifField{exifTagExifIFD, exifLong, 1, order.AppendUint32(nil, exifOff)},
		exifField{exifTagGPSIFD, exifLong, 1, order.AppendUint32(nil, gpsOff)})
	var out, data []byte
	if order == binary.LittleEndian {
		out = []byte("II*\x00")
	} else {
		out = []byte("MM\x00*")
	}
	out = order.AppendUint32(out, ifd0Off)
	for _, ifd := range [][]exifField{ifd0, exif, gps} {
		out = order.AppendUint16(out, uint16(len(ifd)))
		for _, f := range ifd {
			out = order.AppendUint16(out, f.tag)
			out = order.AppendUint16(out, f.typ)
			out = order.AppendUint32(out, f.count)
			if len(f.val) <= 4 {
				out = append(out, append(f.val, make([]byte, 4-len(f.val))...)...)
				continue
			}
			out = order.AppendUint32(out, dataOff+uint32(len(data)))
			data = append(data, f.val...)
			if len(data)%2 == 1 {
				data = append(data, 0)
			}
		}
		out = order.AppendUint32(out, 0) // no next IFD
	}
	return append(out, data...)
}

// testEXIF is a block with camera, time and a position south-west of Greenwich
// (34°36'12.5"S, 58°22'54"W).
func testEXIF(order testByteOrder, orientation uint16) []byte {
	return buildTIFF(order,
		[]exifField{
			exifASCIIField(exifTagMake, "TestMaker"),
			exifASCIIField(exifTagModel, "Phone X1"),
			exifASCIIField(exifTagSoftware, "Editor 2.0"),
			exifShortField(order, exifTagOrientation, orientation),
		},
		[]exifField{exifASCIIField(exifTagDateTimeOrg, "2024:05:01 13:45:07")},
		[]exifField{
			exifASCIIField(exifTagGPSLatRef, "S"),
			exifDMSField(order, exifTagGPSLat, [3][2]uint32{{34, 1}, {36, 1}, {1250, 100}}),
			exifASCIIField(exifTagGPSLonRef, "W"),
			exifDMSField(order, exifTagGPSLon, [3][2]uint32{{58, 1}, {22, 1}, {54, 1}}),
		})
}

// jpegWithEXIF inserts an APP1 Exif segment right after the start-of-image marker.
func jpegWithEXIF(jpg, tiff []byte) []byte {
	seg := append(append([]byte{}, exifHeader...), tiff...)
	out := []byte{0xFF, 0xD8, 0xFF, 0xE1}
	out = binary.BigEndian.AppendUint16(out, uint16(2+len(seg)))
	out = append(out, seg...)
	return append(out, jpg[2:]...)
}

func TestImageEXIFParse(t *testing.T) {
	for _, order := range []testByteOrder{binary.LittleEndian, binary.BigEndian} {
		t.Run(order.String(), func(t *testing.T) {
			info, err := parseEXIF(testEXIF(order, 6))
			if err != nil {
				t.Fatal(err)
			}
			checkTestEXIF(t, info, 6)
		})
	}
}

func checkTestEXIF(t *testing.T, info *EXIFInfo, orientation int) {
	t.Helper()
	if info == nil {
		t.Fatal("no EXIF")
	}
	if info.Make != "TestMaker" || info.Model != "Phone X1" || info.Software != "Editor 2.0" ||
		info.DateTimeOriginal != "2024:05:01 13:45:07" || info.Orientation != orientation {
		t.Errorf("EXIF = %+v", info)
	}
	wantLat, wantLon := -(34 + 36/60.0 + 12.5/3600), -(58 + 22/60.0 + 54/3600.0)
	if info.GPS == nil || math.Abs(info.GPS.Lat-wantLat) > 1e-9 || math.Abs(info.GPS.Lon-wantLon) > 1e-9 {
		t.Errorf("GPS = %+v, want %v, %v", info.GPS, wantLat, wantLon)
	}
}

func TestImageEXIFDamaged(t *testing.T) {
	good := testEXIF(binary.LittleEndian, 1)
	for _, tc := range []struct {
		name    string
		b       []byte
		wantErr bool
		check   func(*EXIFInfo) bool
	}{
		{"empty", nil, true, func(i *EXIFInfo) bool { return i == nil }},
		{"no TIFF header", []byte("JFIF\x00\x00\x00\x08xxxx"), true, func(i *EXIFInfo) bool { return i == nil }},
		{"IFD beyond the end", []byte("II*\x00\xff\xff\x00\x00"), true, func(i *EXIFInfo) bool { return i == nil }},
		// Cut inside the Exif IFD: IFD0 is still read.
		{"truncated", good[:60], true, func(i *EXIFInfo) bool { return i != nil && i.Make == "" && i.Orientation == 1 }},
		{"zero GPS", buildTIFF(binary.BigEndian, nil, nil, []exifField{
			exifDMSField(binary.BigEndian, exifTagGPSLat, [3][2]uint32{{0, 1}, {0, 1}, {0, 1}}),
			exifDMSField(binary.BigEndian, exifTagGPSLon, [3][2]uint32{{0, 1}, {0, 1}, {0, 1}}),
		}), false, func(i *EXIFInfo) bool { return i == nil }},
		{"division by zero", buildTIFF(binary.BigEndian, nil, nil, []exifField{
			exifDMSField(binary.BigEndian, exifTagGPSLat, [3][2]uint32{{10, 0}, {0, 1}, {0, 1}}),
			exifDMSField(binary.BigEndian, exifTagGPSLon, [3][2]uint32{{10, 1}, {0, 1}, {0, 1}}),
		}), false, func(i *EXIFInfo) bool { return i == nil }},
		{"latitude out of range", buildTIFF(binary.BigEndian, nil, nil, []exifField{
			exifDMSField(binary.BigEndian, exifTagGPSLat, [3][2]uint32{{95, 1}, {0, 1}, {0, 1}}),
			exifDMSField(binary.BigEndian, exifTagGPSLon, [3][2]uint32{{10, 1}, {0, 1}, {0, 1}}),
		}), false, func(i *EXIFInfo) bool { return i == nil }},
		{"string with invalid UTF-8", buildTIFF(binary.BigEndian, []exifField{
			exifASCIIField(exifTagMake, "Ca\xffnon  "),
		}, nil, nil), false, func(i *EXIFInfo) bool { return i != nil && i.Make == "Ca\uFFFDnon" }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			info, err := parseEXIF(tc.b)
			if (err != nil) != tc.wantErr {
				t.Errorf("err = %v, want error %v", err, tc.wantErr)
			}
			if err != nil && !errors.Is(err, errEXIF) {
				t.Errorf("err = %v, want errEXIF", err)
			}
			if !tc.check(info) {
				t.Errorf("info = %+v", info)
			}
		})
	}
}

func FuzzImageEXIF(f *testing.F) {
	f.Add(testEXIF(binary.LittleEndian, 3))
	f.Add(testEXIF(binary.BigEndian, 8))
	f.Add([]byte("MM\x00*\x00\x00\x00\x08\x00\x01\x01\x0f\x00\x02\xff\xff\xff\xff\x00\x00\x00\x08"))
	f.Fuzz(func(t *testing.T, b []byte) {
		info, _ := parseEXIF(b)
		checkEXIFInvariants(t, info)
		// The container walkers get the same bytes: as a JPEG, PNG and WebP body.
		for _, data := range [][]byte{
			jpegWithEXIF([]byte{0xFF, 0xD8}, b),
			append([]byte("\x89PNG\r\n\x1a\n"), b...),
			append([]byte("RIFF\x00\x00\x00\x00WEBP"), b...),
		} {
			for _, format := range []string{"jpeg", "png", "webp"} {
				checkEXIFInvariants(t, readEXIF(format, data))
			}
			webpFrameSizes(data)
		}
	})
}

func checkEXIFInvariants(t *testing.T, info *EXIFInfo) {
	if info == nil {
		return
	}
	if *info == (EXIFInfo{}) {
		t.Fatal("empty EXIFInfo instead of nil")
	}
	for _, s := range []string{info.Make, info.Model, info.Software, info.DateTimeOriginal} {
		if len(s) > exifMaxString+3 || !utf8.ValidString(s) || bytes.IndexByte([]byte(s), 0) >= 0 {
			t.Fatalf("bad string %q", s)
		}
	}
	if g := info.GPS; g != nil && (math.IsNaN(g.Lat) || math.Abs(g.Lat) > 90 || math.IsNaN(g.Lon) || math.Abs(g.Lon) > 180) {
		t.Fatalf("GPS out of range: %+v", g)
	}
	if info.Orientation < 0 || info.Orientation > 8 {
		t.Fatalf("orientation %d", info.Orientation)
	}
}
