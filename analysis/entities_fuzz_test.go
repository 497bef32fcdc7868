package analysis

import (
	"os"
	"path/filepath"
	"testing"
)

// The fuzzers check, on any text, that extraction never panics, spans lie inside the original
// on character boundaries, Raw is the original text of the span, the result is sorted without
// duplicates and each value is canonical (checkEntities). One runs the whole extraction, the
// others one family of extractors each, so that a family's bugs are not hidden by another
// family winning an overlap.

var fuzzRegions = []string{"IT", "", "GB", "RU", "GR", "DE", "zz"}

func fuzzSeeds(f *testing.F, seeds ...string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "entities", "*.txt"))
	for _, file := range files {
		if b, err := os.ReadFile(file); err == nil {
			seeds = append(seeds, string(b))
		}
	}
	for i, s := range seeds {
		f.Add(s, uint8(i))
	}
}

func FuzzExtractEntities(f *testing.F) {
	fuzzSeeds(f, "+39 333 000 0001", "anna [at] mail [dot] com", "t.me/anna", "3.000 € al mese", "19 anni",
		"GB82WEST12345698765432", btcGenesis, "3three3 o0o 0oo1", "wa.me/+", "@", "€", "\xff\xfe@\x00.com")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		extractChecked(t, text, fuzzRegions[int(region)%len(fuzzRegions)])
	})
}

// fuzzFamily runs some extractors of one family on text and checks their result.
func fuzzFamily(t *testing.T, text string, region uint8, typ string, run func(x *extraction)) {
	n := Normalize(text)
	x := newExtraction(n, fuzzRegions[int(region)%len(fuzzRegions)])
	run(x)
	ents := x.resolve()
	checkEntities(t, n, ents)
	for _, e := range ents {
		if typ != "" && e.Type != typ && !(typ == EntityHandle && e.Type == EntityPhone) {
			t.Fatalf("%s extractors gave %+v", typ, e)
		}
	}
}

func eachSource(x *extraction, f func(source)) {
	for _, src := range x.srcs {
		f(src)
	}
}

func FuzzEntitiesPhone(f *testing.F) {
	fuzzSeeds(f, "tre tre tre zero zero zero zero zero zero uno", "333🌹000🌹0001", "00 39 333 000 0001",
		"+39 (333) 000 0001", "3️⃣3️⃣3️⃣", "12/03/2024 3330000001", "333 o 00 00 001", "+ + 1 2 3 4 5 6 7 8",
		"tre tre tre, zero zero zero, 0 0 0 1", "3 3, 333 000 0001，1 2")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, EntityPhone, func(x *extraction) { x.phones() })
	})
}

func FuzzEntitiesEmail(f *testing.F) {
	fuzzSeeds(f, "anna@mail.com", "anna [at] mail [dot] com", "anna at mail dot com", "a @ b . it",
		"anna(@)mail(.)com", "@@@", "a@b.c.d.e.f.g.h.i.j.k.com")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, "", func(x *extraction) {
			eachSource(x, func(src source) {
				x.emails(src)
				x.brackets(src)
				x.scanWords(src)
			})
			x.found = filterType(x.found, EntityEmail)
		})
	})
}

func FuzzEntitiesURL(f *testing.F) {
	fuzzSeeds(f, "https://www.Example.com:443/Jobs/?id=1#top", "example dot com", "example[.]com/x",
		"http://1.2.3.4/", "a.b.c.d", "www.", "://", "(x.com/a_(b))")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, "", func(x *extraction) {
			eachSource(x, func(src source) {
				x.urls(src)
				x.brackets(src)
				x.scanWords(src)
			})
			x.found = filterType(x.found, EntityURL)
		})
	})
}

func FuzzEntitiesHandle(f *testing.F) {
	fuzzSeeds(f, "t.me/anna_job", "wa.me/393330000001", "viber://chat?number=%2B393330000001",
		"Telegram/Instagram: @anna", "@anna su telegram", "tg: anna", "WhatsApp: +39 333 000 0001",
		"signal.me/#p/+393330000001", "line.me/ti/p/~x")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, EntityHandle, func(x *extraction) {
			eachSource(x, func(src source) {
				x.urls(src)
				x.scanWords(src)
				x.atHandles(src)
			})
			x.found = filterType(x.found, EntityHandle, EntityPhone)
			x.phones()
			x.messengerPhones()
		})
	})
}

func FuzzEntitiesPrice(f *testing.F) {
	fuzzSeeds(f, "3.000 € al mese", "2000-3000 EUR", "€3k", "2-3k €", "1.234,50 zł", "50€/h",
		"3 000 000 000 000 000 €", "0,-€", "9.999.999.999.999 €/month")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, EntityPrice, func(x *extraction) { eachSource(x, x.prices) })
	})
}

func FuzzEntitiesAge(f *testing.F) {
	fuzzSeeds(f, "19 anni", "18-25 anni", "ragazza di 19", "19 y.o.", "19-year-old", "età 19", "24/7")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, EntityAge, func(x *extraction) { eachSource(x, x.ages) })
	})
}

func FuzzEntitiesCrypto(f *testing.F) {
	fuzzSeeds(f, btcGenesis, btcP2SH, btcBech32, btcTaproot, ethEIP55, tronAddr, moneroFund,
		"bc1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq", "4"+moneroFund[1:])
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, EntityCrypto, func(x *extraction) { x.cryptos(x.srcs[0]) })
	})
}

func FuzzEntitiesIBAN(f *testing.F) {
	fuzzSeeds(f, "GB82WEST12345698765432", "IT60 X054 2811 1010 0000 0123 456", "GB82-WEST-1234",
		"RU00 0000 0000 0000 0000 0000 0000 0000 0")
	f.Fuzz(func(t *testing.T, text string, region uint8) {
		fuzzFamily(t, text, region, EntityIBAN, func(x *extraction) { eachSource(x, x.ibans) })
	})
}

func filterType(ents []Entity, types ...string) []Entity {
	out := ents[:0]
	for _, e := range ents {
		for _, typ := range types {
			if e.Type == typ {
				out = append(out, e)
				break
			}
		}
	}
	return out
}
