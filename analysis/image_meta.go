package analysis

import (
	"bytes"
	"encoding/binary"
)

// The EXIF block is found by walking the container of each format by hand: the image decoders
// skip it. Every walk checks each length against what is left, so a lying length ends the walk.

// readEXIF returns the EXIF metadata of an image, or nil when it has none that can be read.
// A corrupt block is tolerated: what was read before the damage is kept.
func readEXIF(format string, data []byte) *EXIFInfo {
	var block []byte
	switch format {
	case "jpeg":
		block = jpegEXIF(data)
	case "png":
		block = pngEXIF(data)
	case "webp":
		block = webpEXIF(data)
	}
	if block == nil {
		return nil
	}
	info, _ := parseEXIF(block)
	return info
}

var exifHeader = []byte("Exif\x00\x00")

// jpegEXIF returns the TIFF structure inside the APP1 "Exif" segment of a JPEG.
func jpegEXIF(data []byte) []byte {
	if len(data) < 4 || data[0] != 0xFF || data[1] != 0xD8 {
		return nil
	}
	for i := 2; i+4 <= len(data); {
		if data[i] != 0xFF {
			return nil
		}
		marker := data[i+1]
		switch {
		case marker == 0xFF: // fill byte
			i++
			continue
		case marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7): // no length
			i += 2
			continue
		case marker == 0xDA || marker == 0xD9: // image data follows: no metadata after it
			return nil
		}
		n := int(binary.BigEndian.Uint16(data[i+2:]))
		if n < 2 || i+2+n > len(data) {
			return nil
		}
		seg := data[i+4 : i+2+n]
		if marker == 0xE1 && bytes.HasPrefix(seg, exifHeader) {
			return seg[len(exifHeader):]
		}
		i += 2 + n
	}
	return nil
}

// pngEXIF returns the eXIf chunk of a PNG.
func pngEXIF(data []byte) []byte {
	if !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) {
		return nil
	}
	for i := 8; i+12 <= len(data); {
		n := binary.BigEndian.Uint32(data[i:])
		typ := string(data[i+4 : i+8])
		if uint64(n) > uint64(len(data)-i-12) {
			return nil
		}
		if typ == "eXIf" {
			return data[i+8 : i+8+int(n)]
		}
		if typ == "IEND" {
			return nil
		}
		i += 12 + int(n)
	}
	return nil
}

// webpChunks calls fn with each top-level chunk of a WebP file until fn returns false.
func webpChunks(data []byte, fn func(id string, payload []byte) bool) {
	if len(data) < 12 || string(data[:4]) != "RIFF" || string(data[8:12]) != "WEBP" {
		return
	}
	for i := 12; i+8 <= len(data); {
		id := string(data[i : i+4])
		n := binary.LittleEndian.Uint32(data[i+4:])
		if uint64(n) > uint64(len(data)-i-8) {
			return
		}
		if !fn(id, data[i+8:i+8+int(n)]) {
			return
		}
		i += 8 + int(n) + int(n&1) // chunks are padded to an even length
	}
}

// webpEXIF returns the EXIF chunk of a WebP. Some writers keep the JPEG "Exif\0\0" prefix.
func webpEXIF(data []byte) []byte {
	var block []byte
	webpChunks(data, func(id string, p []byte) bool {
		if id == "EXIF" {
			block = bytes.TrimPrefix(p, exifHeader)
			return false
		}
		return true
	})
	return block
}

// webpFrameSizes returns the width and height each VP8 or VP8L frame of a WebP declares.
func webpFrameSizes(data []byte) [][2]int {
	var sizes [][2]int
	webpChunks(data, func(id string, p []byte) bool {
		switch {
		case id == "VP8 " && len(p) >= 10:
			// 3-byte frame tag, 3-byte start code, then 14-bit width and height.
			sizes = append(sizes, [2]int{int(binary.LittleEndian.Uint16(p[6:]) & 0x3fff), int(binary.LittleEndian.Uint16(p[8:]) & 0x3fff)})
		case id == "VP8L" && len(p) >= 5:
			// Signature byte, then 14-bit width−1 and 14-bit height−1.
			v := binary.LittleEndian.Uint32(p[1:])
			sizes = append(sizes, [2]int{int(v&0x3fff) + 1, int(v>>14&0x3fff) + 1})
		}
		return true
	})
	return sizes
}
