package analysis

import "testing"

func TestEntitiesHandleLinks(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"telegram", "https://t.me/Anna_Job", "", EntityHandle, []string{"telegram:anna_job"}},
		{"telegram.me", "telegram.me/anna_job.", "", EntityHandle, []string{"telegram:anna_job"}},
		{"telegram invite", "t.me/+AbCdEf123 and t.me/joinchat/AbCdEf123", "", EntityHandle, []string{"telegram:+AbCdEf123", "telegram:+AbCdEf123"}},
		{"telegram number", "t.me/+393330000001", "", EntityHandle, []string{"telegram:+393330000001"}},
		{"tg scheme", "tg://resolve?domain=anna_job", "", EntityHandle, []string{"telegram:anna_job"}},
		{"whatsapp", "wa.me/393330000001", "", EntityHandle, []string{"whatsapp:+393330000001"}},
		{"whatsapp phone too", "wa.me/393330000001", "", EntityPhone, []string{"+393330000001"}},
		{"whatsapp api", "https://api.whatsapp.com/send?phone=393330000001&text=ciao", "", EntityHandle, []string{"whatsapp:+393330000001"}},
		{"whatsapp group", "chat.whatsapp.com/AbCdEf123456", "", EntityHandle, []string{"whatsapp:group/AbCdEf123456"}},
		{"whatsapp scheme", "whatsapp://send?phone=+393330000001", "", EntityHandle, []string{"whatsapp:+393330000001"}},
		{"viber", "viber://chat?number=%2B393330000001", "", EntityHandle, []string{"viber:+393330000001"}},
		{"viber group", "https://invite.viber.com/?g2=AQBx1234abcd", "", EntityHandle, []string{"viber:group/AQBx1234abcd"}},
		{"signal", "https://signal.me/#p/+393330000001", "", EntityHandle, []string{"signal:+393330000001"}},
		{"instagram", "instagram.com/anna.neu/", "", EntityHandle, []string{"instagram:anna.neu"}},
		{"instagram post is a url", "instagram.com/p/Cx12ab", "", EntityHandle, nil},
		{"tiktok", "www.tiktok.com/@Anna_TT", "", EntityHandle, []string{"tiktok:anna_tt"}},
		{"snapchat", "snapchat.com/add/anna99", "", EntityHandle, []string{"snapchat:anna99"}},
		{"onlyfans", "onlyfans.com/annaof", "", EntityHandle, []string{"onlyfans:annaof"}},
		{"facebook", "m.facebook.com/anna.rossi.9 and fb.me/annar", "", EntityHandle, []string{"facebook:anna.rossi.9", "facebook:annar"}},
		{"facebook id", "facebook.com/profile.php?id=100000000000001", "", EntityHandle, []string{"facebook:100000000000001"}},
		{"vk", "vk.com/anna_spb", "", EntityHandle, []string{"vk:anna_spb"}},
		{"x", "x.com/anna and twitter.com/anna", "", EntityHandle, []string{"x:anna", "x:anna"}},
		{"line", "line.me/ti/p/~anna_line", "", EntityHandle, []string{"line:anna_line"}},
		{"obfuscated link", "t dot me/anna_job", "", EntityHandle, []string{"telegram:anna_job"}},
	})
}

func TestEntitiesHandleWords(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"en at", "write me on telegram @anna_job", "", EntityHandle, []string{"telegram:anna_job"}},
		{"it colon", "scrivimi su Telegram: anna_job", "", EntityHandle, []string{"telegram:anna_job"}},
		{"ru at", "пиши в телеграм @anna", "", EntityHandle, []string{"telegram:anna"}},
		{"uk at", "пишіть у телеграм @robota_pl", "", EntityHandle, []string{"telegram:robota_pl"}},
		{"tg", "tg: anna_job", "", EntityHandle, []string{"telegram:anna_job"}},
		{"ig", "IG @insta_anna", "", EntityHandle, []string{"instagram:insta_anna"}},
		{"insta", "insta @insta_anna", "", EntityHandle, []string{"instagram:insta_anna"}},
		{"snap", "snap: anna99", "", EntityHandle, []string{"snapchat:anna99"}},
		{"sc", "sc: anna99", "", EntityHandle, []string{"snapchat:anna99"}},
		{"sc needs colon", "sc @anna99", "", EntityHandle, []string{"@anna99"}},
		{"skype", "Skype: anna.job", "", EntityHandle, []string{"skype:anna.job"}},
		{"line id", "Line ID: anna_line", "", EntityHandle, []string{"line:anna_line"}},
		{"wechat", "WeChat: anna_wx", "", EntityHandle, []string{"wechat:anna_wx"}},
		{"two words", "whats app: @anna", "", EntityHandle, []string{"whatsapp:anna"}},
		{"spaced", "t e l e g r a m: @anna_job", "", EntityHandle, []string{"telegram:anna_job"}},
		{"list", "Telegram/Instagram: @anna_job", "", EntityHandle, []string{"instagram:anna_job", "telegram:anna_job"}},
		{"after", "@anna_job su Telegram", "", EntityHandle, []string{"telegram:anna_job"}},
		{"after in brackets", "@anna_job (telegram)", "", EntityHandle, []string{"telegram:anna_job"}},
		{"bare", "info @anna_job", "", EntityHandle, []string{"@anna_job"}},
		{"copula", "my insta is @anna.b, il mio telegram è @anna_tg", "", EntityHandle, []string{"instagram:anna.b", "telegram:anna_tg"}},
		{"only fans strict", "pictures of @anna", "", EntityHandle, []string{"@anna"}},
		{"of colon", "OF: annaof", "", EntityHandle, []string{"onlyfans:annaof"}},
		{"colon stop word", "Telegram: scrivimi", "", EntityHandle, nil},
		{"no colon no at", "telegram anna_job", "", EntityHandle, nil},
		{"email is not a handle", "anna@mail.com", "", EntityHandle, nil},
		{"link after colon", "Telegram: t.me/anna_job", "", EntityHandle, []string{"telegram:anna_job"}},
	})
}

func TestEntitiesHandlePhones(t *testing.T) {
	runEntityCases(t, []entityCase{
		{"before", "WhatsApp: +39 333 000 0001", "IT", EntityHandle, []string{"whatsapp:+393330000001"}},
		{"before with words", "scrivimi su Viber o WhatsApp al 333 000 0001", "IT", EntityHandle, []string{"viber:+393330000001", "whatsapp:+393330000001"}},
		{"after", "333 000 0001 (solo WhatsApp)", "IT", EntityHandle, []string{"whatsapp:+393330000001"}},
		{"ru", "вайбер 8 912 345-67-89", "RU", EntityHandle, []string{"viber:+79123456789"}},
		{"spelled messenger", "w h a t s a p p 333 000 0001", "IT", EntityHandle, []string{"whatsapp:+393330000001"}},
		{"no messenger", "chiama 333 000 0001", "IT", EntityHandle, nil},
		{"messenger introduces another", "333 000 0001. Telegram: @anna_job", "IT", EntityHandle, []string{"telegram:anna_job"}},
	})
}

func TestEntitiesLinkHandle(t *testing.T) {
	for _, c := range []struct{ host, rest, platform, name, number string }{
		{"t.me", "/anna_job", "telegram", "anna_job", ""},
		{"t.me", "/s/anna_job", "telegram", "anna_job", ""},
		{"t.me", "/share/url?u=x", "", "", ""},
		{"wa.me", "/393330000001?text=hi", "whatsapp", "", "393330000001"},
		{"wa.me", "/message/ABCDEF123", "whatsapp", "message/ABCDEF123", ""},
		{"signal.group", "/#CjQKIAbc", "signal", "group/CjQKIAbc", ""},
		{"instagram.com", "/stories/anna/123", "instagram", "anna", ""},
		{"instagram.com", "/explore", "", "", ""},
		{"example.com", "/anna", "", "", ""},
	} {
		p, n, num := linkHandle(c.host, c.rest)
		if p != c.platform || n != c.name || num != c.number {
			t.Errorf("%s%s: got %q %q %q", c.host, c.rest, p, n, num)
		}
	}
}
