package extract_test

import (
	"strings"
	"testing"

	"github.com/newsgraph/newsgraph/ingest/extract"
	"github.com/newsgraph/newsgraph/ingest/ner"
	"github.com/newsgraph/newsgraph/ingest/source"
)

// forcedTagger is the model with some words' labels forced, to replay
// mistakes the tagger makes on real news: the rules after it must survive
// them whatever the model does on the passages of a test.
type forcedTagger struct {
	inner *ner.Model
	force map[string]ner.Type // word as written, or "previous word" -> type of word
}

func (f forcedTagger) Tag(words []string) []ner.Label {
	labels := f.inner.Tag(words)
	for i, w := range words {
		typ, ok := f.force[w]
		if i > 0 {
			if t, pair := f.force[words[i-1]+" "+w]; pair {
				typ, ok = t, true
			}
		}
		if ok {
			labels[i] = ner.Label{Type: typ, Begin: i == 0 || labels[i-1].Type != typ}
		}
	}
	return labels
}

// TestNamesSurviveTaggerMistakes runs passages with the tagger's mistakes
// seen on real news forced, and checks which entities come out.
func TestNamesSurviveTaggerMistakes(t *testing.T) {
	lex, m := loadModels(t)
	for _, tc := range []struct {
		name  string
		text  string
		force map[string]ner.Type
		want  []wantEntity
		not   []string
	}{
		{"lowercase word after a name", "Prime Minister Tariq Osei further said the two governments would sign a fisheries agreement.",
			map[string]ner.Type{"further": ner.PER},
			[]wantEntity{{"Tariq Osei", "PERSON"}}, []string{"Tariq Osei further"}},
		{"name made an adjective", "Officials met in Accra on Monday, Lagos-based Harbour Daily reported.",
			map[string]ner.Type{"Lagos": ner.PER, "Lagos-based": ner.PER},
			[]wantEntity{{"Accra", "PLACE"}}, []string{"Lagos-based"}},
		{"foundation typed as a person", "Talia Marsh, a pop singer, is the founder of the Selma Rowe Foundation, a charity that funds schools.",
			map[string]ner.Type{"Selma": ner.PER, "Rowe": ner.PER, "Foundation": ner.PER},
			[]wantEntity{{"Talia Marsh", "PERSON"}, {"Selma Rowe Foundation", "ORGANIZATION"}}, []string{"Selma Rowe"}},
		{"title and name typed as a place", "The curator showed the emperor a scroll from Queen Matilda's library.",
			map[string]ner.Type{"Queen": ner.LOC, "Matilda": ner.LOC},
			[]wantEntity{{"Matilda", "PERSON"}}, []string{"Queen Matilda"}},
		{"title and name typed as an organization", "He spoke with Queen Sonja at the palace on Tuesday.",
			map[string]ner.Type{"Queen": ner.ORG, "Sonja": ner.ORG},
			[]wantEntity{{"Sonja", "PERSON"}}, []string{"Queen Sonja"}},
		{"name after an epithet typed as an organization", "The president praised the marathoner Otieno Kipchumba for his gold medal.",
			map[string]ner.Type{"Otieno": ner.ORG, "Kipchumba": ner.ORG},
			[]wantEntity{{"Otieno Kipchumba", "PERSON"}}, nil},
		{"company after an epithet stays a company", "Its investor Kestrel Capital backed the plan, Ana Lind said.",
			map[string]ner.Type{"Kestrel": ner.ORG, "Capital": ner.ORG},
			[]wantEntity{{"Kestrel Capital", "ORGANIZATION"}, {"Ana Lind", "PERSON"}}, nil},
		{"relative typed as an organization", "The king arrived with his younger brother Haakon Stiansen and his wife Liv Moe.",
			map[string]ner.Type{"Haakon": ner.ORG, "Stiansen": ner.ORG, "Liv": ner.ORG, "Moe": ner.ORG},
			[]wantEntity{{"Haakon Stiansen", "PERSON"}, {"Liv Moe", "PERSON"}}, nil},
		{"lawmaker with post-nominal letters typed as an organization", "The meeting was attended by Saima Rind MNA and other members.",
			map[string]ner.Type{"Saima": ner.ORG, "Rind": ner.ORG, "MNA": ner.ORG},
			[]wantEntity{{"Saima Rind", "PERSON"}}, []string{"Saima Rind MNA", "MNA"}},
		{"honorific style and a contraction typed as organizations", "H.E. Tariq Osei said: \"I'm glad we met in Accra.\"",
			map[string]ner.Type{"H.E.": ner.ORG, "I'm": ner.ORG},
			[]wantEntity{{"Tariq Osei", "PERSON"}, {"Accra", "PLACE"}}, []string{"H.E.", "I'm"}},
		{"combining form and region adjective typed as an organization", "Anglo-Cornish trade grew by a tenth last year, Tariq Osei said.",
			map[string]ner.Type{"Anglo": ner.ORG, "-": ner.ORG, "Cornish": ner.MISC},
			[]wantEntity{{"Tariq Osei", "PERSON"}}, []string{"Anglo-Cornish", "Anglo"}},
		{"hyphenated name cut in two", "In a statement, Al-Nour, an institution of learning, said the two sides had agreed to meet again.",
			map[string]ner.Type{"Al": ner.LOC, "Nour": ner.ORG},
			[]wantEntity{{"Al-Nour", "ORGANIZATION"}}, []string{"Al", "Nour"}},
		{"hyphenated place found in part", "President Ana Ruiz hosted Prime Minister Kofi Boateng for a dinner at Sol-a-Mar on Friday evening.",
			map[string]ner.Type{"Mar": ner.LOC},
			[]wantEntity{{"Sol-a-Mar", "PLACE"}}, []string{"Mar"}},
		{"hyphenated person after at is a place", "President Ana Ruiz hosted Prime Minister Kofi Boateng for a dinner at Sol-a-Mar on Friday evening.",
			map[string]ner.Type{"Sol": ner.PER, "Mar": ner.PER},
			[]wantEntity{{"Sol-a-Mar", "PLACE"}}, nil},
		{"two countries joined stay two", "The India-China border talks resumed in Delhi on Monday.",
			map[string]ner.Type{"India": ner.LOC, "China": ner.LOC},
			[]wantEntity{{"India", "PLACE"}, {"China", "PLACE"}}, []string{"India-China"}},
		{"title run into an organization", "Sheikh Omar Hadi, Grand Imam of Al-Nour, met the pope at the Vatican on Monday.",
			map[string]ner.Type{"Grand": ner.ORG, "Imam": ner.ORG, "of": ner.ORG, "Al": ner.ORG, "Nour": ner.ORG},
			[]wantEntity{{"Al-Nour", "ORGANIZATION"}}, []string{"Grand Imam of Al-Nour", "Grand Imam of Al"}},
		{"generic noun alone is no name", "The talks were held at the Stadium and dinner was served in the Chapel afterwards.",
			map[string]ner.Type{"Stadium": ner.ORG, "Chapel": ner.LOC},
			nil, []string{"Stadium", "Chapel"}},
		{"generic noun is the short form of the one name ending in it", "Ana Ruiz met the head of the Global Relief Fund in Geneva on Monday. The Fund said the program was on track.",
			map[string]ner.Type{"Fund": ner.ORG, "Global": ner.ORG, "Relief": ner.ORG},
			[]wantEntity{{"Global Relief Fund", "ORGANIZATION"}}, nil},
		{"people of a country", "North Koreans watched the match in Pyongyang on Friday.",
			map[string]ner.Type{"North": ner.ORG, "Koreans": ner.ORG},
			[]wantEntity{{"Pyongyang", "PLACE"}}, []string{"North Koreans"}},
		{"currency and emphasis in capitals", "He set up a USD seven billion factory and vowed a tariff on ALL products.",
			map[string]ner.Type{"USD": ner.ORG, "ALL": ner.ORG},
			nil, []string{"USD", "ALL"}},
		{"acronym of lowercase words", "Acme is growing in the electric vehicle (EV) market in Chile. Its car has become a popular EV in Chile.",
			map[string]ner.Type{"EV": ner.ORG},
			[]wantEntity{{"Chile", "PLACE"}}, []string{"EV"}},
		{"saint's church", "The two leaders head to St. Alban's Chapel, and on Monday the cardinal met them at St Anselm's.",
			map[string]ner.Type{"Alban": ner.PER, "Chapel": ner.LOC, "St": ner.ORG, "Anselm": ner.ORG},
			[]wantEntity{{"St. Alban's Chapel", "PLACE"}, {"St Anselm's", "PLACE"}}, []string{"Alban", "St Anselm", "Chapel"}},
		{"company name before a company title", "Acmetron CEO Ana Ruiz met Premier Kofi Boateng in Accra. Acmetron's factory in Tema opened in 2019. The Acmetron boss praised the talks.",
			map[string]ner.Type{"Acmetron": ner.PER},
			[]wantEntity{{"Acmetron", "ORGANIZATION"}, {"Ana Ruiz", "PERSON"}}, nil},
		{"honorific and name typed as a place", "She is touring Europe to keep up the pressure on Mr Varga, the opposition leader said.",
			map[string]ner.Type{"Mr": ner.LOC, "Varga": ner.LOC},
			[]wantEntity{{"Varga", "PERSON"}}, []string{"Mr Varga"}},
		{"owner before a possessive in an organization", "Ana Ruiz met the head of the North's National Rowing Committee in Tallinn on Friday.",
			map[string]ner.Type{"North": ner.ORG, "'s": ner.ORG, "National": ner.ORG, "Rowing": ner.ORG, "Committee": ner.ORG},
			[]wantEntity{{"National Rowing Committee", "ORGANIZATION"}}, []string{"North's National Rowing Committee"}},
		{"plural possessive stays in the name", "Ana Ruiz met the head of the Farmers' Party of Estonia in Tallinn on Friday.",
			map[string]ner.Type{"Farmers": ner.ORG, "'": ner.ORG, "Party": ner.ORG, "of": ner.ORG, "Estonia": ner.ORG},
			nil, []string{"Party of Estonia"}},
		{"landmark typed as an organization", "The two leaders dined at the Lakeside Temple and later visited the Harbour Wall.",
			map[string]ner.Type{"Lakeside": ner.ORG, "Temple": ner.ORG, "Harbour": ner.ORG, "Wall": ner.ORG},
			[]wantEntity{{"Lakeside Temple", "PLACE"}, {"Harbour Wall", "PLACE"}}, nil},
		{"caption credit without brackets", "President Ana Ruiz chairs a meeting in Lima, Peru, January 28, 2020. Tomas Eide/Pool via AGENCY",
			map[string]ner.Type{"Tomas": ner.PER, "Eide": ner.LOC},
			[]wantEntity{{"Ana Ruiz", "PERSON"}, {"Lima", "PLACE"}}, []string{"Tomas Eide", "Eide", "Pool"}},
		{"credit after a colon", "The new plant in Tema opened in 2019. Credit: Tomas Eide/Newswire",
			map[string]ner.Type{"Tomas": ner.PER, "Eide": ner.PER},
			[]wantEntity{{"Tema", "PLACE"}}, []string{"Tomas Eide", "Newswire"}},
		{"a slash in running text is no credit", "Ana Ruiz met Kofi Boateng in Lima on Monday (Peru/Ghana talks) and the pair spoke again on Ruiz/Boateng terms.",
			nil,
			[]wantEntity{{"Ana Ruiz", "PERSON"}, {"Kofi Boateng", "PERSON"}}, nil},
		{"body's purpose cut off", "Ana Ruiz was greeted by Tomas Eide, who heads the Baltic Council for the Promotion of Regional Trade.",
			map[string]ner.Type{"Baltic": ner.ORG, "Council": ner.ORG, "Promotion": ner.ORG, "of": ner.ORG, "Regional": ner.ORG},
			[]wantEntity{{"Baltic Council for the Promotion of Regional Trade", "ORGANIZATION"}}, []string{"Baltic Council", "Promotion of Regional"}},
		{"modifier before a body", "Ruiz said so, as quoted by the Presidential Press Office on Saturday.",
			map[string]ner.Type{"Presidential": ner.None, "Press": ner.ORG, "Office": ner.ORG},
			[]wantEntity{{"Presidential Press Office", "ORGANIZATION"}}, []string{"Press Office"}},
		{"mission and its seat", "Ana Ruiz met representatives of the UN Observer Mission in Chile on Monday.",
			map[string]ner.Type{"UN": ner.ORG, "Observer": ner.ORG, "Mission": ner.ORG, "Chile": ner.LOC},
			[]wantEntity{{"UN Observer Mission in Chile", "ORGANIZATION"}}, []string{"UN Observer Mission"}},
		{"company typed as a place before a company title", "Acmetron CEO Ana Ruiz met Premier Kofi Boateng in Accra on Monday.",
			map[string]ner.Type{"Acmetron": ner.LOC},
			[]wantEntity{{"Acmetron", "ORGANIZATION"}, {"Ana Ruiz", "PERSON"}}, nil},
		{"name before a lowercase kind of organization", "Ana Ruiz is the founder of the Selma Rowe charity foundation, which funds schools.",
			map[string]ner.Type{"Selma": ner.PER, "Rowe": ner.PER},
			[]wantEntity{{"Ana Ruiz", "PERSON"}, {"Selma Rowe", "ORGANIZATION"}}, nil},
		{"religion and disease", "Sunni Islam's leading seat of learning said new Covid rules would not stop the visit to Rome.",
			map[string]ner.Type{"Sunni": ner.LOC, "Islam": ner.LOC, "Covid": ner.ORG},
			[]wantEntity{{"Rome", "PLACE"}}, []string{"Sunni Islam", "Covid"}},
		{"national body's acronym after its demonym", "Two players came under fire from the German FA for posing with the president.",
			map[string]ner.Type{"German": ner.MISC, "FA": ner.ORG},
			[]wantEntity{{"German FA", "ORGANIZATION"}}, nil},
		{"signature under an embedded post", "Ana Ruiz met Kofi Boateng in Accra on Monday.\n\nI urge this openness to continue.\n\n\u2014 Lena Moss Obi (@lenamoss) January 29, 2020",
			map[string]ner.Type{"Lena": ner.ORG, "Moss": ner.ORG, "Obi": ner.ORG},
			[]wantEntity{{"Ana Ruiz", "PERSON"}}, []string{"Lena Moss Obi"}},
		{"portfolio run into the name after it", "Velmoria's Deputy Foreign Minister for Consular and Parliamentary Affairs Kamran Dehbashi said the border talks would resume. The dispute is a decade old, Dehbashi said.",
			map[string]ner.Type{"Parliamentary": ner.ORG, "Affairs": ner.ORG, "Kamran": ner.ORG, "Dehbashi": ner.ORG},
			[]wantEntity{{"Kamran Dehbashi", "PERSON"}}, []string{"Parliamentary Affairs Kamran Dehbashi"}},
		{"one name after a lowercase title", "Cardinal Tomas Herczeg and Orthodox patriarch Teodosij met at the airport on Friday. Herczeg flew in to meet Teodosij.",
			map[string]ner.Type{"Teodosij": ner.ORG},
			[]wantEntity{{"Teodosij", "PERSON"}}, nil},
		{"country's possessive before a person", "The accord was witnessed by Kestria's President Armand Mbemba and Kestria's Hortense Loubaki Ngoma.",
			map[string]ner.Type{"Kestria": ner.LOC, "Armand": ner.PER, "Mbemba": ner.PER, "Hortense": ner.PER, "Loubaki": ner.PER, "Ngoma": ner.PER},
			[]wantEntity{{"Armand Mbemba", "PERSON"}, {"Hortense Loubaki Ngoma", "PERSON"}, {"Kestria", "PLACE"}}, []string{"Kestria's Hortense Loubaki Ngoma", "Kestria's President Armand Mbemba"}},
		{"state's form noun cut from the country", "The leaders of Angola, Democratic Republic of Congo's President Armand Mbemba and Rwanda met in Luanda.",
			map[string]ner.Type{"Democratic": ner.PER, "Republic": ner.PER, "Congo": ner.LOC},
			[]wantEntity{{"Democratic Republic of the Congo", "PLACE"}, {"Armand Mbemba", "PERSON"}}, []string{"Democratic Republic"}},
		{"country typed as a person", "Ana Ruiz flew to the United Kingdom on Monday for talks in London.",
			map[string]ner.Type{"United": ner.PER, "Kingdom": ner.PER},
			[]wantEntity{{"United Kingdom", "PLACE"}}, nil},
		{"body's last word left out", "Also present were Ana Ruiz, head of the Department of Coastal Resilence, and Kofi Boateng.",
			map[string]ner.Type{"Department": ner.ORG, "of": ner.ORG, "Coastal": ner.ORG, "Resilence": ner.None},
			[]wantEntity{{"Department of Coastal Resilence", "ORGANIZATION"}}, []string{"Department of Coastal"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			x := extract.New(lex, forcedTagger{inner: m, force: tc.force}, extract.Options{})
			a := extractFile(t, x, source.Raw{Key: "names", Body: tc.text, Header: source.Header{Title: "Names", Published: "2024-05-08"}})
			errs := checkCase(a, expectations{Entities: tc.want, NotEntities: tc.not})

			if len(errs) > 0 {
				t.Errorf("%s\n%s", strings.Join(errs, "\n"), describe(a))
			}
		})
	}
}

// TestArticleParticleNames: a name written with and without its middle
// names and an article particle ("al-") is one person in an article.
func TestArticleParticleNames(t *testing.T) {
	x := newExtractor(t)
	text := "Pope Leo embraced Sheikh Omar Abdullah al-Rashidi at the Vatican on Monday. " +
		"Sheikh Omar al-Rashidi said the visit was historic. A statement quoted Rashidi as telling the pope that dialogue must go on."
	a := extractFile(t, x, source.Raw{Key: "particles", Body: text, Header: source.Header{Title: "Particles", Published: "2024-05-08"}})
	var persons []string
	for _, e := range a.Entities {
		if e.Type.String() == "PERSON" && strings.Contains(e.Name, "Rashidi") {
			persons = append(persons, e.Name)
		}
	}
	if len(persons) != 1 || persons[0] != "Omar Abdullah al-Rashidi" {
		t.Errorf("persons named Rashidi: %q, want one, Omar Abdullah al-Rashidi\n%s", persons, describe(a))
	}
}

// TestOneWordNameOneType: a one-word name the tagger takes for a person in
// most sentences and for an organization in one is a person throughout.
func TestOneWordNameOneType(t *testing.T) {
	lex, m := loadModels(t)
	x := extract.New(lex, forcedTagger{inner: m, force: map[string]ner.Type{"Zendaya": ner.PER, "Later Zendaya": ner.ORG}}, extract.Options{})
	text := "Zendaya met President Ana Ruiz on Monday. Zendaya said the talks went well. Later Zendaya spoke with the press in the courtyard."
	a := extractFile(t, x, source.Raw{Key: "mononym", Body: text, Header: source.Header{Title: "Mononym", Published: "2024-05-08"}})
	for _, c := range a.Entities {
		if hasName(c, "Zendaya") && c.Type.String() != "PERSON" {
			t.Errorf("Zendaya is also a %s\n%s", c.Type, describe(a))
		}
	}
}

// TestHeadlineVerbAfterTitle: in a page's own headline, "PM Visits
// Orvia", the title-case verb after a title opens no person's name.
func TestHeadlineVerbAfterTitle(t *testing.T) {
	x := newExtractor(t)
	body := "Kestrian PM Visits Orvia, Holds Talks With President\n\n" +
		"Prime Minister Jonas Varga arrived in Orvik on Tuesday for talks with President Ilse Marn. Varga thanked Orvia for its support."
	a := extractFile(t, x, source.Raw{Key: "headline", Body: body, Header: source.Header{Published: "2025-06-04"}})
	if errs := checkCase(a, expectations{Entities: []wantEntity{{"Jonas Varga", "PERSON"}}, NotEntities: []string{"Visits Orvia", "Visits"}}); len(errs) > 0 {
		t.Errorf("%s\n%s", strings.Join(errs, "\n"), describe(a))
	}
}
