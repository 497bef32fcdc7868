package analysis

import "testing"

// Addresses are public documentation examples: the Bitcoin genesis address, BIP 173/350 and
// EIP-55 test vectors, the Monero general fund.
const (
	btcGenesis = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"
	btcP2SH    = "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy"
	btcBech32  = "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq"
	btcTaproot = "bc1p5d7rjq7g6rdk2yhzks9smlaqtedr4dekq08ge8ztwac72sfr9rusxg3297"
	ethEIP55   = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
	tronAddr   = "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeL"
	moneroFund = "888tNkZrPN6JsEgekjMnABU4TBzc2Dt29EPAvkRxbANsAnjyPbb3iQ1YBRk1UXcdRsiKc9dhwMVgN5S9cQUiyoogDavup3H"
)

func TestEntitiesCrypto(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"btc legacy", "BTC: " + btcGenesis, "", EntityCrypto, []string{btcGenesis}},
		{"btc p2sh", btcP2SH, "", EntityCrypto, []string{btcP2SH}},
		{"btc bech32", btcBech32 + ".", "", EntityCrypto, []string{btcBech32}},
		{"btc bech32 upper", "BC1QAR0SRRR7XFKVY5L643LYDNW9RE59GTZZWF5MDQ", "", EntityCrypto, []string{btcBech32}},
		{"btc taproot", btcTaproot, "", EntityCrypto, []string{btcTaproot}},
		{"eth checksum", "USDT ERC20 " + ethEIP55, "", EntityCrypto, []string{"0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed"}},
		{"eth lower", "0x52908400098527886e0f7030069857d2e4169ee7", "", EntityCrypto, []string{"0x52908400098527886e0f7030069857d2e4169ee7"}},
		{"tron", "USDT TRC20: " + tronAddr, "", EntityCrypto, []string{tronAddr}},
		{"monero", "XMR " + moneroFund, "", EntityCrypto, []string{moneroFund}},
		{"btc typo", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", "", EntityCrypto, nil},
		{"bech32 typo", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdd", "", EntityCrypto, nil},
		{"bech32 mixed case", "bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwF5mdq", "", EntityCrypto, nil},
		{"eth bad checksum", "0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", "", EntityCrypto, nil},
		{"tron typo", "TNPeeaaFB7K9cmo4uQpcU32zGK8G1NYqeM", "", EntityCrypto, nil},
		{"monero typo", moneroFund[:94] + "J", "", EntityCrypto, nil},
		{"inside a word", "x" + btcGenesis, "", EntityCrypto, nil},
		{"random", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", EntityCrypto, nil},
	})
}

func TestEntitiesWalletChains(t *testing.T) {
	for addr, chain := range map[string]string{
		btcGenesis: "bitcoin", btcP2SH: "bitcoin", btcBech32: "bitcoin", btcTaproot: "bitcoin",
		ethEIP55: "ethereum", tronAddr: "tron", moneroFund: "monero",
	} {
		if got, _ := wallet(addr); got != chain {
			t.Errorf("%s: chain %q, want %q", addr, got, chain)
		}
	}
}
