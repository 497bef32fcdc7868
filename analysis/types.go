package analysis

// Span is a byte range [Start, End) of the original text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Strength of an indicator.
const (
	Strong    = "S"
	Medium    = "M"
	Weak      = "W"
	Contested = "C"
)

// Entity types.
const (
	EntityPhone  = "phone"
	EntityEmail  = "email"
	EntityURL    = "url"
	EntityHandle = "handle" // a messenger or social-media account or link
	EntityPrice  = "price"
	EntityAge    = "age"
	EntityCrypto = "crypto"
	EntityIBAN   = "iban"
)

// Entity is something an ad says that can link it to others.
type Entity struct {
	Type string `json:"type"`
	// Value is the canonical form: E.164 for phones ("+393331234567"), lower-case for e-mails
	// and host names, "platform:handle" for handles ("telegram:anna_job"), "EUR 3000" for
	// prices, "19" for ages, the IBAN without spaces in upper case, the wallet address as written.
	Value      string `json:"value"`
	Platform   string `json:"platform,omitempty"` // telegram, whatsapp, viber, signal, instagram, tiktok, snapchat, onlyfans, ...
	Span       Span   `json:"span"`               // in the original text
	Raw        string `json:"raw"`                // the original text of the span
	Obfuscated bool   `json:"obfuscated,omitempty"`
}

// Hit is one match of an indicator pattern: which pattern of which indicator (HitRule, whose
// fields read as the hit's own: h.Indicator, h.Strength) and where. Every hit of one pattern
// shares its HitRule, so a hit is five words however long the explanation; a HitRule is never
// modified. In JSON the rule's fields sit beside the span and text, as one flat object.
type Hit struct {
	*HitRule
	Span Span   `json:"span"` // in the original text
	Text string `json:"text"` // the original words
}

// HitRule says which pattern of which indicator a hit is of, and why the indicator matters.
type HitRule struct {
	Indicator   string `json:"indicator"`
	Category    string `json:"category"`
	Strength    string `json:"strength"`
	Lang        string `json:"lang"`
	Pattern     string `json:"pattern"`
	Explanation string `json:"explanation"`
	Source      string `json:"source"`
}
