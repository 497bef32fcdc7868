package analysis

// langProfiles are written by hand from knowledge of each language: its most frequent function
// words plus the words recruitment, rental and escort ads use most, the letters only it (or few
// others) writes, and its telling word endings and letter groups. Weights are rough log-odds in
// units of "one function word": 2 for a letter only this language here uses (ñ, ß, ă, ł), well
// under 1 for hints that other languages share. A word listed by several languages counts for
// each of them in proportion (see newLangModel), so the lists need not avoid overlaps.
//
// Ads borrow English freely ("job", "full time", "casting", "escort", "new", "top", "hot"):
// such words are deliberately left out of the English list, so that they do not drag an
// Italian or Greek ad towards English.
var langProfiles = []langProfile{
	{code: "en", script: langLatin,
		words: `the a an and or but of to in on at for with from by about as into than then so if
			not no yes is are was were be been being am have has had do does did will would can could
			should may might must i you he she we they me him her us them my your his its our their
			this that these those there here what who whom which when where why how all any some
			more most very only just also now up out over please call contact looking need needed
			seeking hiring apply available experience required salary per week month hour hours
			daily weekly monthly girls ladies women room rent flat house work working travel pay paid
			paying accommodation provided i'm it's don't we're you're you'll we'll can't won't let's
			that's there's i've we've`,
		affixes: map[string]float64{"-ing": 0.8, "-ly": 0.5, "-ness": 1, "-ed": 0.3, "-tion": 0.3,
			"ght": 0.8, "th": 0.3, "wh": 0.5, "sh": 0.2, "ea": 0.2, "oo": 0.15, "ee": 0.15}},

	{code: "it", script: langLatin,
		words: `il lo la i gli le un uno una un' l' di a da in con su per tra fra del dello della dei
			degli delle dell' al allo alla ai agli alle all' dal dallo dalla dai dagli dalle dall' nel
			nello nella nei negli nelle nell' sul sullo sulla sui sugli sulle e ed o od ma che chi cui
			non si sì è c'è sono sei siamo siete ho hai ha abbiamo avete hanno essere avere fare anche
			come dove quando perché più molto molta molti poco solo senza sempre ancora già questo
			questa questi queste quello quella mio mia miei tuo tua suo sua nostro nostra vostro vostra
			io lui lei noi voi loro ci vi ti mi qui qua oggi domani dopo prima fino bene grazie cerco cerca cerchiamo cercasi offro offre offriamo lavoro lavorare
			stipendio mese mensile euro ragazza ragazze ragazzi signora signore donne giorno giorni
			settimana subito ora casa affitto affittasi camera stanza appartamento zona centro vicino
			chiamare chiamami chiama contattare contattami scrivere scrivimi tutto tutti tutte ogni
			gratis bella bellissima nuova esperienza richiesta richiesti anni presso disponibile
			disponibili vitto alloggio incluso italiano italiana`,
		chars: map[rune]float64{'è': 0.8, 'à': 0.6, 'ù': 0.8, 'ò': 1, 'ì': 1, 'é': 0.2},
		affixes: map[string]float64{"-zione": 1, "-zioni": 1, "-mente": 0.3, "-etto": 0.5,
			"-etta": 0.5, "-issimo": 1, "-issima": 1, "-are": 0.3, "-ere": 0.3, "-ire": 0.2,
			"-ato": 0.3, "-ata": 0.2, "-ati": 0.4, "-ate": 0.2, "-ità": 1, "-che": 0.3, "-zza": 0.8,
			"-ggio": 0.8, "gli": 0.6, "zz": 0.6, "cch": 0.6, "gn": 0.2, "cci": 0.4}},

	{code: "es", script: langLatin,
		words: `el la los las lo un una unos unas de del al a en con por para sin sobre entre hasta
			desde hacia y e o u ni pero que qué quien quién cual no sí si es son soy eres somos está
			están estoy estamos ser estar hay tiene tienen tengo tenemos hace muy más mas también
			como cómo cuando donde dónde este esta estos estas esto ese esa eso aquí ahora hoy mi mis
			tu tus su sus nuestro nuestra vuestro se le les me te nos ya todo todos todas cada otro
			otra busco buscamos busca buscan ofrezco ofrecemos trabajo trabajar empleo sueldo salario
			mes mensual euros chica chicas chico señorita mujeres día días semana piso habitación
			alquiler alquilo zona cerca centro llamar llama llámame llámanos contacto escribir
			escríbeme gratis nueva guapa experiencia años disponible incluido incluida alojamiento
			comida pago dinero horas noche`,
		chars: map[rune]float64{'ñ': 2, '¿': 2, '¡': 2, 'á': 0.5, 'í': 0.4, 'ó': 0.4, 'ú': 0.4,
			'é': 0.2},
		affixes: map[string]float64{"-ción": 1.5, "-ciones": 1.5, "-dad": 0.8, "-dades": 1,
			"-mos": 0.3, "-ado": 0.3, "-ados": 0.5, "-ada": 0.2, "-adas": 0.4, "-ía": 0.4,
			"-mente": 0.3, "-ero": 0.3, "-eros": 0.5, "-aje": 0.6, "ll": 0.2, "ue": 0.2}},

	{code: "pt", script: langLatin,
		words: `o a os as um uma uns umas de do da dos das em no na nos nas ao aos à às por pelo pela
			pelos pelas para pra com sem sobre entre até desde e ou mas que quem qual não sim se é
			são sou somos está estão estou estamos ser estar há tem têm tenho temos faz muito muita
			mais também como quando onde este esta estes estas isto esse essa isso aqui agora hoje
			meu minha meus seu sua seus nosso nossa você vocês lhe me te já tudo todos todas cada
			outro outra procuro procuramos procura precisa precisamos oferecemos ofereço trabalho
			trabalhar emprego vaga vagas salário mês mensal euros reais menina meninas garota
			garotas moça moças mulheres dia dias semana casa quarto aluguel aluguer alugo
			apartamento zona perto centro ligar liga ligue contato contacto escreva grátis gratuito
			nova linda experiência anos disponível incluído incluída alojamento comida pagamento
			dinheiro horas noite`,
		chars: map[rune]float64{'ã': 2, 'õ': 2, 'ç': 1, 'â': 0.5, 'ê': 0.8, 'ô': 0.5, 'á': 0.4,
			'é': 0.2, 'í': 0.2, 'ó': 0.2, 'ú': 0.2, 'à': 0.3},
		affixes: map[string]float64{"-ção": 2, "-ções": 2, "-mente": 0.3, "-dade": 0.8,
			"-dades": 0.8, "-agem": 1, "-inho": 0.8, "-inha": 0.8, "-ão": 1, "-ões": 1, "-ado": 0.2,
			"-ados": 0.3, "-mos": 0.3, "nh": 0.8, "lh": 0.8}},

	{code: "fr", script: langLatin,
		words: `le la les l' un une des du de d' au aux à en dans sur sous avec sans pour par entre
			chez vers et ou mais donc car que qu' qui quoi ne n' pas plus rien oui non est sont suis
			es sommes êtes c' être avoir ai as avons avez ont j'ai fait faire il elle ils elles on
			nous vous je j' tu me m' te t' se s' ce cet cette ces mon ma mes ton ta tes son sa ses
			notre votre nos vos leur leurs très aussi comme quand où ici maintenant aujourd'hui déjà
			tout tous toute toutes chaque autre cherche cherchons recherche recherchons propose
			proposons offre travail travailler emploi poste salaire mois mensuel euros fille filles
			jeune jeunes femmes dame jour jours semaine appartement chambre studio loyer louer
			location quartier près centre appeler appelez appelle contact contactez écrire écrivez
			gratuit gratuite nouvelle belle expérience ans disponible logement logé logée nourri
			repas paiement argent heures nuit qu'il`,
		chars: map[rune]float64{'é': 0.6, 'è': 0.6, 'ê': 0.6, 'à': 0.3, 'ç': 0.5, 'ù': 0.5,
			'â': 0.5, 'î': 0.4, 'ô': 0.6, 'û': 1, 'ë': 0.4, 'ï': 0.6, 'œ': 2, 'ÿ': 1},
		affixes: map[string]float64{"-eux": 1, "-euse": 1, "-eur": 0.5, "-ement": 0.8,
			"-tion": 0.3, "-ais": 0.6, "-ait": 0.6, "-aient": 1, "-ez": 0.6, "-aux": 0.8, "-eau": 1,
			"-eaux": 1, "-ette": 0.5, "-ité": 0.4, "eau": 0.5, "oi": 0.3, "ou": 0.3, "ai": 0.2,
			"eu": 0.2}},

	{code: "de", script: langLatin,
		words: `der die das den dem des ein eine einen einem einer eines und oder aber sondern mit von
			vom zu zum zur für auf in im an am aus bei beim nach über unter ohne durch gegen bis ist
			sind bin bist war sein haben hat habe hast wird werden kann können muss möchten ich du
			er sie es wir ihr mich dich uns euch mein meine dein deine unser unsere ihre nicht kein
			keine auch sehr nur noch schon wie wo wann was wer warum hier dort jetzt heute morgen
			alle alles jeden jede jeder gibt arbeit arbeiten suchen suche sucht gesucht stelle
			stellen gehalt lohn verdienst monat monatlich stunde stunden woche euro mädchen frauen
			frau damen zimmer wohnung miete vermiete unterkunft kontakt melden anrufen ruf schreib
			kostenlos gratis neu neue erfahrung jahre jahren verfügbar sofort deutsch bitte gerne
			nähe zentrum inklusive`,
		chars: map[rune]float64{'ß': 2, 'ä': 1, 'ö': 1, 'ü': 1},
		affixes: map[string]float64{"-ung": 1, "-ungen": 1, "-keit": 1, "-heit": 1, "-lich": 0.8,
			"-isch": 0.6, "-chen": 0.6, "-schaft": 1, "sch": 0.5, "tz": 0.5, "ck": 0.3, "pf": 0.4,
			"ei": 0.2, "äu": 1, "eu": 0.2}},

	{code: "nl", script: langLatin,
		words: `de het een en of maar want van voor met op in aan bij naar uit over door om tot te
			zonder na is zijn ben bent was waren heb hebt heeft hebben wordt worden kan kunnen wil
			willen moet moeten zal ik je jij u hij zij ze we wij jullie mij me mijn jouw uw ons onze
			hun niet geen ook zeer heel erg alleen nog al wel hoe waar wanneer wat wie waarom hier
			daar nu vandaag morgen dit dat deze die alle alles elke iedere er werk werken zoeken
			zoekt gezocht vacature baan salaris loon maand per uur uren week euro meisjes meisje
			vrouwen dames kamer woning huur huren appartement contact bellen bel stuur gratis nieuw
			nieuwe ervaring jaar beschikbaar direct meteen nederlands graag centrum inclusief`,
		chars: map[rune]float64{'ë': 0.5, 'ï': 0.4},
		affixes: map[string]float64{"-lijk": 1, "-heid": 1, "-tje": 1, "-tjes": 1, "ij": 0.8,
			"aa": 0.5, "oo": 0.3, "ee": 0.3, "uu": 0.6, "oe": 0.3, "sch": 0.3, "cht": 0.3, "ui": 0.3}},

	{code: "ro", script: langLatin,
		words: `și în la de cu pe pentru din prin fără despre între până după spre a al ale ai un o
			unei unui niște este e sunt ești suntem sunteți fi am ai are avem aveți au va vor poate
			pot eu tu el ea noi voi ei ele mă te se ne vă îi le meu mea mei tău ta său sa nostru
			noastră vostru nu da mai foarte doar numai încă deja cum unde când ce cine care aici
			acolo acum azi astăzi tot toate toți fiecare căutăm caut angajăm angajez oferim ofer
			muncă lucru loc locuri salariu lună lunar oră ore săptămână euro lei fete fată femei
			doamne cameră apartament chirie închiriez cazare masă transport asigurat asigurată
			contact sunați sună scrie gratuit nouă frumoasă experiență ani disponibil disponibilă
			imediat străinătate zona centru inclus`,
		chars: map[rune]float64{'ă': 2, 'ș': 2, 'ț': 2, 'â': 0.6, 'î': 0.8},
		affixes: map[string]float64{"-ului": 1, "-ilor": 1, "-ește": 1, "-ească": 1, "-ție": 1,
			"-ția": 1, "-ii": 0.3, "-ul": 0.4, "-uri": 0.6, "-ează": 1, "-ați": 0.8}},

	{code: "pl", script: langLatin,
		words: `i w we z ze na do od po za o u dla przez bez przy pod nad przed między oraz lub albo
			ale a że czy jak gdzie kiedy co kto który która które nie tak jest są jestem jesteś być
			był była mam ma mamy macie mają będzie może można trzeba ja ty on ona my wy oni się mi
			mnie cię go jej nas was ich mój moja twój nasz nasza wasz bardzo tylko też także już
			jeszcze tu tutaj teraz dziś dzisiaj wszystko wszyscy każdy praca pracy pracę pracować
			szukamy szukam poszukujemy zatrudnimy zatrudnię oferujemy oferuję wynagrodzenie pensja
			miesięcznie miesiąc godzina godzinę godz zł złotych euro dziewczyny dziewczyna kobiety
			panie pokój mieszkanie wynajem wynajmę zakwaterowanie kontakt dzwoń zadzwoń pisz napisz
			darmowe bezpłatne nowa piękna doświadczenie doświadczenia lat dostępna dostępny zaraz
			natychmiast język niemiecki zapraszamy prosimy centrum`,
		chars: map[rune]float64{'ą': 2, 'ę': 2, 'ł': 2, 'ń': 2, 'ś': 2, 'ź': 2, 'ż': 2, 'ć': 2,
			'ó': 0.6},
		affixes: map[string]float64{"-ować": 1, "-ość": 1, "-ych": 0.8, "-ego": 0.6, "-ymi": 0.8,
			"-ami": 0.3, "-ski": 0.5, "-wy": 0.5, "sz": 0.5, "cz": 0.6, "rz": 0.6, "dz": 0.4,
			"prz": 0.6}},

	// Greek is the only language here in its script: every Greek word is evidence.
	{code: "el", script: langGreek, base: 1},

	{code: "uk", script: langCyrillic,
		words: `і й та в у на за від до з із зі по при без після через між для про під над перед не
			ні що щоб це як де коли хто який яка які яке є був була були бути буде можна потрібно
			потрібні потрібна потрібен я ти він вона воно ми ви вони мене тебе його її нас вас їх
			мені мій моя мої наш наша ваш дуже тільки лише теж також ще вже тут там зараз сьогодні
			завтра всі усі все кожен кожна робота роботу роботи працювати шукаємо шукаю пропонуємо
			пропоную зарплата заробітна оплата місяць годину година тиждень євро гривень грн дівчата
			дівчина дівчат жінки кімната квартира оренда здаю здається зняти житло проживання
			харчування контакт телефонуйте дзвоніть пишіть безкоштовно нова досвід досвіду років
			вільна терміново кордоном або якщо так ні тому`,
		// The apostrophe inside a Cyrillic word (м'ясо, сім'я) is Ukrainian spelling.
		chars:   map[rune]float64{'і': 0.6, 'ї': 1.5, 'є': 1.5, 'ґ': 1.5, '\'': 1},
		affixes: map[string]float64{"-ння": 1, "-ій": 0.5, "-ться": 0.3}},

	{code: "ru", script: langCyrillic,
		words: `и в во на за от до с со по при без после через к ко между для из у о об под над
			перед не ни что чтобы это как где когда кто который которая которые есть был была были
			быть будет можно нужно нужны нужна нужен я ты он она оно мы вы они меня тебя его её ее
			нас вас их мне мой моя мои наш наша ваш очень только тоже также ещё еще уже здесь там
			сейчас сегодня завтра все всё всех каждый работа работу работы работать ищем ищу
			требуются требуется предлагаем предлагаю зарплата зарплаты оплата месяц час неделю евро
			рублей руб девушки девушка девушек женщины комната квартира аренда сдаю сдается снять
			жильё жилье проживание питание контакт звоните пишите бесплатно новая опыт опыта лет
			свободна срочно границей или если да нет потому`,
		chars: map[rune]float64{'ы': 0.8, 'э': 0.8, 'ё': 1.2, 'ъ': 0.2},
		affixes: map[string]float64{"-ться": 0.5, "-ость": 0.6, "-ого": 0.5, "-ый": 1, "-ая": 0.6,
			"-ые": 1, "-ий": 0.3}},

	{code: "bg", script: langCyrillic,
		words: `и в във на за от до с със по при без след през към между пред над под да не че ще
			се си е са съм сме сте бъде бъдат има няма имаме имате може трябва аз ти той тя то ние
			вие те ме го я ни ви ги ли мой моя нашата нашия наш наша ваш вашия много само също още
			вече как къде кога какво кой коя кои която който които тук там сега днес утре всички
			всеки всяка работа работата търсим търся предлагаме предлагам заплата заплащане месец
			месечно час часа седмица евро лева лв момичета момиче жени дами стая квартира
			апартамент наем настаняване нощувка храна контакт обадете звънете пишете безплатно
			безплатна нова опит години свободна свободни веднага чужбина или ако когато защото`,
		chars:   map[rune]float64{'ъ': 0.8, 'ѝ': 2},
		affixes: map[string]float64{"-ът": 0.8, "-ят": 0.6, "-ване": 0.8, "-ите": 0.2}},
}
