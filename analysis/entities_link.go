package analysis

import (
	"net/url"
	"strings"
)

// Links to profiles become handles: the platform is known from the host, the account from
// the path ("t.me/anna_job", "instagram.com/anna", "tiktok.com/@anna"), the query
// ("api.whatsapp.com/send?phone=…", "viber://chat?number=…") or the fragment
// ("signal.me/#p/+…"). Pages of the platform that are not accounts ("instagram.com/p/…",
// "t.me/share/…") stay URLs. A number becomes "platform:+E164" and a phone entity as well;
// an invite keeps its case ("telegram:+AbC", "whatsapp:group/AbC").

// link records a link to a profile or a messenger number as a handle (and the number as a
// phone). host is lower case, rest the path, query and fragment as written.
func (x *extraction) link(src source, start, end int, host, rest string, obfuscated bool) bool {
	platform, name, number := linkHandle(trimHostPrefix(host), rest)
	return x.addLink(src, start, end, platform, name, number, obfuscated)
}

func (x *extraction) addLink(src source, start, end int, platform, name, number string, obfuscated bool) bool {
	if platform == "" {
		return false
	}
	if number != "" {
		v, valid := x.linkPhone(number)
		if v == "" {
			return false
		}
		x.add(src, Entity{Type: EntityHandle, Platform: platform, Value: platform + ":" + v, Obfuscated: obfuscated}, start, end)
		if valid {
			x.add(src, Entity{Type: EntityPhone, Value: v, Obfuscated: obfuscated}, start, end)
		}
		return true
	}
	if name == "" {
		return false
	}
	x.add(src, Entity{Type: EntityHandle, Platform: platform, Value: platform + ":" + name, Obfuscated: obfuscated}, start, end)
	return true
}

func trimHostPrefix(host string) string {
	for _, p := range []string{"www.", "m.", "mobile.", "web."} {
		if strings.HasPrefix(host, p) && strings.Count(host, ".") > 1 {
			return host[len(p):]
		}
	}
	return host
}

var platformHosts = map[string]string{
	"t.me": "telegram", "telegram.me": "telegram", "telegram.dog": "telegram",
	"wa.me": "whatsapp", "api.whatsapp.com": "whatsapp", "whatsapp.com": "whatsapp", "chat.whatsapp.com": "whatsapp",
	"signal.me": "signal", "signal.group": "signal",
	"instagram.com": "instagram", "instagr.am": "instagram",
	"tiktok.com":   "tiktok",
	"snapchat.com": "snapchat",
	"onlyfans.com": "onlyfans",
	"facebook.com": "facebook", "fb.com": "facebook", "fb.me": "facebook", "m.me": "facebook",
	"vk.com": "vk", "vk.ru": "vk", "vkontakte.ru": "vk",
	"ok.ru":       "ok",
	"twitter.com": "x", "x.com": "x",
	"line.me":          "line",
	"kik.me":           "kik",
	"linktr.ee":        "linktree",
	"invite.viber.com": "viber", "viber.click": "viber",
	"discord.gg": "discord",
}

// reservedPaths are first path segments that are pages of the platform, not accounts.
var reservedPaths = set("joinchat", "share", "addstickers", "addemoji", "proxy", "socks", "iv", "c",
	"setlanguage", "addtheme", "login", "boost", "p", "reel", "reels", "tv", "explore", "accounts",
	"direct", "about", "developer", "legal", "my", "action", "files", "help", "terms", "privacy", "groups",
	"pages", "events", "watch", "sharer", "sharer.php", "story.php", "permalink.php", "marketplace",
	"policies", "hashtag", "dialog", "plugins", "home.php", "messages", "photo", "photo.php", "video",
	"videos", "wall", "feed", "im", "search", "away.php", "share.php", "i", "home", "intent", "settings",
	"notifications", "compose", "tos", "signup", "register", "download", "send", "ti", "r", "people",
	"profile.php", "stories", "music", "tag", "discover", "live", "add", "message", "invite")

// linkHandle names the account a platform link points to: a name, or a number to be
// canonicalised. host is lower case without "www.".
func linkHandle(host, rest string) (platform, name, number string) {
	platform = platformHosts[host]
	if platform == "" {
		return "", "", ""
	}
	rest, frag, _ := strings.Cut(rest, "#")
	path, query, _ := strings.Cut(rest, "?")
	segs := strings.Split(strings.Trim(path, "/"), "/")
	seg := func(i int) string {
		if i < len(segs) {
			return segs[i]
		}
		return ""
	}
	s0 := seg(0)
	switch {
	case platform == "telegram" && s0 == "joinchat":
		return platform, invite("+", seg(1)), ""
	case platform == "telegram" && strings.HasPrefix(s0, "+"):
		if isDigits(s0[1:]) {
			return platform, "", s0
		}
		return platform, invite("+", s0[1:]), ""
	case platform == "telegram" && s0 == "s":
		return platform, username(seg(1)), ""
	case host == "chat.whatsapp.com":
		return platform, invite("group/", s0), ""
	case platform == "whatsapp" && s0 == "message":
		return platform, invite("message/", seg(1)), ""
	case platform == "whatsapp" && host != "wa.me":
		return platform, "", queryValue(query, "phone")
	case platform == "whatsapp" || host == "viber.click":
		if isDigits(strings.TrimPrefix(s0, "+")) {
			return platform, "", s0
		}
		return "", "", ""
	case host == "signal.me":
		if p, ok := strings.CutPrefix(frag, "p/"); ok {
			return platform, "", p
		}
		return "", "", ""
	case host == "signal.group", host == "discord.gg":
		return platform, invite("group/", strings.Trim(frag+s0, "/")), ""
	case host == "invite.viber.com":
		return platform, invite("group/", queryValue(query, "g2")), ""
	case platform == "instagram" && s0 == "stories":
		return platform, username(seg(1)), ""
	case platform == "tiktok" || (platform == "snapchat" && s0 != "add"):
		if n, ok := strings.CutPrefix(s0, "@"); ok {
			return platform, username(n), ""
		}
		return "", "", ""
	case platform == "snapchat":
		return platform, username(seg(1)), ""
	case platform == "facebook" && s0 == "profile.php":
		if id := queryValue(query, "id"); isDigits(id) {
			return platform, id, ""
		}
		return "", "", ""
	case platform == "line":
		if s0 == "ti" && seg(1) == "p" {
			return platform, username(strings.TrimLeft(seg(2), "~@")), ""
		}
		if strings.EqualFold(s0, "r") && seg(1) == "ti" && seg(2) == "p" {
			return platform, username(strings.TrimLeft(seg(3), "~@")), ""
		}
		return "", "", ""
	}
	if reservedPaths[strings.ToLower(s0)] {
		return "", "", ""
	}
	return platform, username(strings.TrimPrefix(s0, "@")), ""
}

// username canonicalises an account name from a link: lower case, ASCII letters, digits,
// "_", "." and "-".
func username(s string) string {
	s = strings.TrimPrefix(s, "@")
	if len(s) == 0 || len(s) > 64 {
		return ""
	}
	for i := 0; i < len(s); i++ {
		if !isASCIIAlnum(s[i]) && !strings.ContainsRune("_.-", rune(s[i])) {
			return ""
		}
	}
	if strings.Trim(s, "_.-") == "" {
		return ""
	}
	return strings.ToLower(s)
}

// invite keeps an invite code as written (codes are case-sensitive).
func invite(prefix, code string) string {
	if len(code) < 4 || len(code) > 64 {
		return ""
	}
	for i := 0; i < len(code); i++ {
		if !isASCIIAlnum(code[i]) && code[i] != '_' && code[i] != '-' {
			return ""
		}
	}
	return prefix + code
}

// isDigits reports whether s is made of ASCII digits only, and not empty. It reads bytes rather
// than trimming digits as a cut set, which builds the set at every call: it runs for every
// label of every host.
func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigit(s[i]) {
			return false
		}
	}
	return s != ""
}

func queryValue(query, key string) string {
	q, err := url.ParseQuery(query)
	if err != nil {
		return ""
	}
	return q.Get(key)
}

// appLinks reads app links without a host: tg://resolve?domain=…, viber://chat?number=…,
// whatsapp://send?phone=….
func (x *extraction) appLinks(src source) {
	s := src.s
	for i := 0; i < len(s); {
		k := strings.Index(s[i:], "://")
		if k < 0 {
			return
		}
		p := i + k
		i = p + 3
		st := p
		for st > 0 && isASCIILetter(s[st-1]) {
			st--
		}
		scheme := strings.ToLower(s[st:p])
		if scheme != "tg" && scheme != "viber" && scheme != "whatsapp" {
			continue
		}
		end := pathEnd(s, p+3)
		path, query, _ := strings.Cut(x.part(src, p+3, end), "?")
		var platform, name, number string
		switch scheme + ":" + strings.ToLower(strings.Trim(path, "/")) {
		case "tg:resolve":
			platform, name = "telegram", username(queryValue(query, "domain"))
		case "tg:join":
			platform, name = "telegram", invite("+", queryValue(query, "invite"))
		case "viber:chat", "viber:add", "viber:contact":
			platform, number = "viber", queryValue(query, "number")
		case "viber:pa":
			platform, name = "viber", username(queryValue(query, "chatURI"))
		case "whatsapp:send":
			platform, number = "whatsapp", queryValue(query, "phone")
		}
		if x.addLink(src, st, end, platform, name, number, false) {
			i = end
		}
	}
}
