package synth

// The generator's vocabulary. It is its own, not the extraction lexicon's,
// so that a seed gives the same corpus whatever the lexicon learns, and
// benchmark runs of different commits read the same text.

// country is a country with its adjective and cities (the capital first).
type country struct {
	name, adj string
	cities    []string
}

var countries = [...]country{
	{"Kenya", "Kenyan", []string{"Nairobi", "Mombasa"}},
	{"Tanzania", "Tanzanian", []string{"Dodoma", "Dar es Salaam"}},
	{"Nigeria", "Nigerian", []string{"Abuja", "Lagos"}},
	{"Ghana", "Ghanaian", []string{"Accra", "Kumasi"}},
	{"South Africa", "South African", []string{"Pretoria", "Johannesburg", "Cape Town"}},
	{"Egypt", "Egyptian", []string{"Cairo", "Alexandria"}},
	{"Morocco", "Moroccan", []string{"Rabat", "Casablanca"}},
	{"Ethiopia", "Ethiopian", []string{"Addis Ababa"}},
	{"Senegal", "Senegalese", []string{"Dakar"}},
	{"Algeria", "Algerian", []string{"Algiers", "Oran"}},
	{"Tunisia", "Tunisian", []string{"Tunis"}},
	{"Brazil", "Brazilian", []string{"Brasilia", "Sao Paulo", "Rio de Janeiro"}},
	{"Argentina", "Argentine", []string{"Buenos Aires", "Cordoba"}},
	{"Chile", "Chilean", []string{"Santiago", "Valparaiso"}},
	{"Peru", "Peruvian", []string{"Lima"}},
	{"Colombia", "Colombian", []string{"Bogota", "Medellin"}},
	{"Mexico", "Mexican", []string{"Mexico City", "Monterrey"}},
	{"Canada", "Canadian", []string{"Ottawa", "Toronto", "Montreal"}},
	{"United Kingdom", "British", []string{"London", "Manchester", "Edinburgh"}},
	{"France", "French", []string{"Paris", "Marseille", "Lyon"}},
	{"Germany", "German", []string{"Berlin", "Munich", "Hamburg"}},
	{"Italy", "Italian", []string{"Rome", "Milan", "Naples"}},
	{"Spain", "Spanish", []string{"Madrid", "Barcelona", "Seville"}},
	{"Portugal", "Portuguese", []string{"Lisbon", "Porto"}},
	{"Netherlands", "Dutch", []string{"The Hague", "Amsterdam", "Rotterdam"}},
	{"Belgium", "Belgian", []string{"Brussels", "Antwerp"}},
	{"Poland", "Polish", []string{"Warsaw", "Krakow", "Gdansk"}},
	{"Sweden", "Swedish", []string{"Stockholm", "Gothenburg"}},
	{"Norway", "Norwegian", []string{"Oslo", "Bergen"}},
	{"Finland", "Finnish", []string{"Helsinki"}},
	{"Denmark", "Danish", []string{"Copenhagen"}},
	{"Austria", "Austrian", []string{"Vienna", "Salzburg"}},
	{"Switzerland", "Swiss", []string{"Bern", "Geneva", "Zurich"}},
	{"Greece", "Greek", []string{"Athens", "Thessaloniki"}},
	{"Turkey", "Turkish", []string{"Ankara", "Istanbul"}},
	{"Hungary", "Hungarian", []string{"Budapest"}},
	{"Czech Republic", "Czech", []string{"Prague", "Brno"}},
	{"Romania", "Romanian", []string{"Bucharest"}},
	{"Ukraine", "Ukrainian", []string{"Kyiv", "Lviv", "Odesa"}},
	{"Ireland", "Irish", []string{"Dublin", "Cork"}},
	{"India", "Indian", []string{"New Delhi", "Mumbai", "Bengaluru"}},
	{"Pakistan", "Pakistani", []string{"Islamabad", "Karachi"}},
	{"Bangladesh", "Bangladeshi", []string{"Dhaka"}},
	{"Indonesia", "Indonesian", []string{"Jakarta", "Surabaya"}},
	{"Malaysia", "Malaysian", []string{"Kuala Lumpur"}},
	{"Vietnam", "Vietnamese", []string{"Hanoi", "Ho Chi Minh City"}},
	{"Thailand", "Thai", []string{"Bangkok"}},
	{"Philippines", "Philippine", []string{"Manila"}},
	{"Japan", "Japanese", []string{"Tokyo", "Osaka", "Kyoto"}},
	{"South Korea", "South Korean", []string{"Seoul", "Busan"}},
	{"China", "Chinese", []string{"Beijing", "Shanghai"}},
	{"Australia", "Australian", []string{"Canberra", "Sydney", "Melbourne"}},
	{"New Zealand", "New Zealand", []string{"Wellington", "Auckland"}},
	{"Saudi Arabia", "Saudi", []string{"Riyadh", "Jeddah"}},
	{"United Arab Emirates", "Emirati", []string{"Abu Dhabi", "Dubai"}},
	{"Qatar", "Qatari", []string{"Doha"}},
	{"Jordan", "Jordanian", []string{"Amman"}},
	{"Kazakhstan", "Kazakh", []string{"Astana", "Almaty"}},
	{"Uruguay", "Uruguayan", []string{"Montevideo"}},
}

// firstNames and surnames are common in the news of many countries; a
// person is one of each, so names repeat the way real ones do (many
// "Samuel"s, several "Otieno"s) while each full name is one person.
var firstNames = [...]string{
	"Samuel", "Grace", "Amina", "Joseph", "Wanjiru", "Kwame", "Abena", "Chinedu", "Ngozi", "Thabo",
	"Naledi", "Youssef", "Fatima", "Omar", "Leila", "Karim", "Mariam", "Hassan", "Aisha", "Ibrahim",
	"Luiz", "Julieta", "Mateo", "Camila", "Diego", "Valentina", "Santiago", "Lucia", "Andres", "Paula",
	"Javier", "Carmen", "Miguel", "Sofia", "Rafael", "Isabel", "Pedro", "Ana", "Tomas", "Elena",
	"Pieter", "Anneke", "Lars", "Ingrid", "Mikael", "Astrid", "Henrik", "Sigrid", "Jukka", "Aino",
	"Tomasz", "Agnieszka", "Marek", "Katarzyna", "Piotr", "Magdalena", "Jan", "Eva", "Pavel", "Lenka",
	"Dmytro", "Olena", "Andriy", "Iryna", "Bence", "Zsofia", "Mihai", "Ioana", "Nikos", "Eleni",
	"Mehmet", "Ayse", "Emre", "Zeynep", "Francois", "Claire", "Antoine", "Margaux", "Matthias", "Katrin",
	"Stefan", "Julia", "Lukas", "Hannah", "Giulia", "Marco", "Francesca", "Luca", "Chiara", "Alessandro",
	"Oliver", "Charlotte", "James", "Emily", "William", "Sarah", "Thomas", "Rebecca", "Daniel", "Laura",
	"Michael", "Jennifer", "David", "Rachel", "Robert", "Catherine", "Patrick", "Siobhan", "Liam", "Aoife",
	"Rahul", "Priya", "Arjun", "Sunita", "Vikram", "Ananya", "Imran", "Ayesha", "Farhan", "Nusrat",
	"Budi", "Siti", "Ahmad", "Nurul", "Minh", "Linh", "Somchai", "Suda", "Jose", "Maria",
	"Kenji", "Yuki", "Hiroshi", "Aiko", "Takeshi", "Mei", "Jae", "Soo", "Min", "Hye",
	"Wei", "Li", "Jun", "Xin", "Hao", "Ling", "Noah", "Olivia", "Jack", "Chloe",
	"Abdullah", "Noura", "Khalid", "Reem", "Saeed", "Huda", "Nurlan", "Aigerim", "Bruno", "Beatriz",
}

var surnames = [...]string{
	"Otieno", "Mwakyusa", "Kamau", "Mensah", "Owusu", "Okafor", "Adeyemi", "Nkosi", "Dlamini", "Mokoena",
	"Haddad", "Benali", "El Amrani", "Mansour", "Farouk", "Tadesse", "Bekele", "Diop", "Ndiaye", "Traore",
	"Carvalho", "Mendoza", "Ferreira", "Oliveira", "Pereira", "Gutierrez", "Castillo", "Herrera", "Morales", "Vargas",
	"Rojas", "Navarro", "Romero", "Alvarez", "Moreno", "Delgado", "Ortega", "Ramirez", "Silva", "Costa",
	"van Dijk", "de Vries", "Jansen", "Bakker", "Lindqvist", "Johansson", "Eriksen", "Halvorsen", "Virtanen", "Korhonen",
	"Wroblewski", "Kowalczyk", "Nowak", "Zielinski", "Horvath", "Novak", "Dvorak", "Kovacs", "Popescu", "Ionescu",
	"Shevchenko", "Bondarenko", "Kovalenko", "Papadopoulos", "Georgiou", "Yilmaz", "Demir", "Aydin", "Sahin", "Ozturk",
	"Dubois", "Lefebvre", "Moreau", "Girard", "Bonnet", "Schneider", "Fischer", "Weber", "Hoffmann", "Richter",
	"Rossi", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco", "Conti", "Esposito", "Bruno",
	"Brennan", "Gallagher", "Doherty", "Kavanagh", "Fitzgerald", "Thompson", "Harrison", "Whitfield", "Ashworth", "Pemberton",
	"Caldwell", "Sutherland", "Mitchell", "Holloway", "Bradshaw", "Fairbanks", "Lockhart", "Carrington", "Hartley", "Sinclair",
	"Sharma", "Patel", "Mehta", "Iyer", "Reddy", "Nair", "Chatterjee", "Banerjee", "Qureshi", "Siddiqui",
	"Rahman", "Chowdhury", "Hossain", "Santoso", "Wijaya", "Hidayat", "Nguyen", "Tran", "Pham", "Srisuk",
	"Wongsakul", "Santos", "Reyes", "Villanueva", "Sato", "Tanaka", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi",
	"Kim", "Park", "Choi", "Jeong", "Zhang", "Wang", "Liu", "Chen", "Zhao", "Huang",
	"Al-Rashid", "Al-Harbi", "Al-Mansoori", "Al-Thani", "Khalil", "Nazarbayeva", "Abenov", "Suleimenov", "Fernandes", "Almeida",
	"MacLeod", "Campbell", "Robertson", "Henderson", "Morrison", "Townsend", "Blackwood", "Kingsley", "Waverley", "Ainsworth",
	"Okonkwo", "Eze", "Nwosu", "Boateng", "Asante", "Achebe", "Mutua", "Kipchoge", "Wambui", "Njoroge",
	"Lindgren", "Bergstrom", "Nyberg", "Sandberg", "Holm", "Lund", "Dahl", "Strand", "Berg", "Solberg",
	"Petrescu", "Dumitru", "Stan", "Marin", "Lazar", "Nagy", "Toth", "Szabo", "Farkas", "Balogh",
}

// roles are the offices people hold; a person keeps one.
var roles = [...]string{
	"President", "Prime Minister", "Foreign Minister", "Finance Minister", "Defence Minister",
	"Trade Minister", "Energy Minister", "Interior Minister", "Health Minister", "Transport Minister",
	"Agriculture Minister", "Environment Minister", "Deputy Prime Minister", "Justice Minister", "Education Minister",
}

// orgKinds make organization names from a country's adjective or a city.
var orgKinds = [...]string{
	"%s Chamber of Commerce", "%s Institute of International Affairs", "%s Farmers Union",
	"%s Port Authority", "%s Energy Company", "%s Railways", "%s Development Bank",
	"%s Airlines", "%s Medical Association", "%s Teachers Union", "%s Mining Corporation",
	"%s Broadcasting Corporation",
}

// intlOrgs are bodies a story may name on the side.
var intlOrgs = [...]string{
	"United Nations", "World Bank", "International Monetary Fund", "World Health Organization",
	"World Trade Organization", "African Union", "European Union", "ASEAN", "NATO", "OPEC",
}

// topics are what the talks were about.
var topics = [...]string{
	"trade", "energy security", "climate finance", "migration", "a stalled railway project",
	"fishing rights", "grain exports", "investment in ports", "debt relief", "border security",
	"water sharing", "vaccine production", "tariffs on steel", "a free trade agreement", "undersea cables",
	"critical minerals", "nuclear safety", "direct flights", "student visas", "tourism",
	"a hydroelectric dam", "refugee returns", "cyber security", "food prices", "a gas pipeline",
}

// venues are where meetings are held, inside the city named.
var venues = [...]string{
	"the Presidential Palace", "the State Guest House", "the Foreign Ministry", "Government House",
	"the Grand Hotel", "the Convention Centre", "the Parliament building", "the Prime Minister's residence",
}

// disruptions are what postpone visits.
var disruptions = [...]string{
	"a rail strike", "a storm", "heavy flooding", "mass protests", "a volcanic ash cloud",
	"a general strike", "a wildfire", "a cyberattack on airports",
}

// publishers carry the stories; each has a web address.
var publishers = [...]struct{ name, host string }{
	{"The Daily Ledger", "dailyledger.example"}, {"World Wire", "worldwire.example"},
	{"Capital Post", "capitalpost.example"}, {"The Observer Times", "observertimes.example"},
	{"Global Dispatch", "globaldispatch.example"}, {"Continental Herald", "herald.example"},
	{"Metro Tribune", "metrotribune.example"}, {"The Evening Courier", "courier.example"},
	{"North Star News", "northstar.example"}, {"Harbour Gazette", "harbourgazette.example"},
	{"The Sentinel", "sentinel.example"}, {"Pacific Chronicle", "pacificchronicle.example"},
	{"Atlas Review", "atlasreview.example"}, {"The Frontier Journal", "frontierjournal.example"},
	{"Riverside Standard", "riversidestandard.example"}, {"The Morning Record", "morningrecord.example"},
}

// agencies credit photos.
var agencies = [...]string{"Reuters", "AFP", "AP", "EPA", "Xinhua", "Anadolu", "Kyodo", "dpa"}

// quotes are things participants say, about a topic (%s).
var quotes = [...]string{
	"We agreed to deepen our cooperation on %s",
	"The talks were frank and constructive, and we made real progress on %s",
	"Nobody should expect a breakthrough on %s overnight",
	"Our two countries share a clear interest in %s",
	"We will not sign an agreement on %s that leaves our people worse off",
	"There is still a lot of work to do on %s",
	"This visit shows that dialogue on %s is possible",
	"We have asked our ministers to report back on %s within three months",
	"The question of %s was at the centre of our discussions",
	"I am confident that we can settle our differences on %s",
}

// reported are clauses for reported speech, about a topic (%s).
var reported = [...]string{
	"both governments wanted a deal on %s before the end of the year",
	"the two sides had narrowed their differences on %s",
	"officials would meet again next month to discuss %s",
	"the government remained committed to an agreement on %s",
	"talks on %s had been difficult but useful",
	"a joint working group on %s would be set up",
}

// filler are sentences of background that name nobody; %s is a topic, %d
// a number.
var filler = [...]string{
	"Trade between the two countries reached %d billion dollars last year, according to official figures.",
	"Analysts said the talks could ease tensions over %s that have built up in recent months.",
	"The issue of %s has dominated the agenda of regional meetings for several years.",
	"Business groups have long pressed both governments for clearer rules on %s.",
	"Officials did not give details of any agreement, and no joint statement was issued.",
	"The visit was the first at this level in %d years.",
	"Opposition lawmakers criticised the government for moving too slowly on %s.",
	"Economists expect growth of about %d percent this year, slower than in the previous decade.",
	"A separate round of technical talks on %s is planned for later in the year.",
	"Diplomats described the atmosphere as cordial but cautious.",
	"The two delegations also discussed regional security and the situation in neighbouring countries.",
	"Both sides said they hoped to sign several memoranda of understanding before the end of the year.",
	"Local newspapers gave the visit prominent coverage, with several running front-page photographs.",
	"Protesters gathered near the venue to demand more attention to %s.",
	"The agreement still needs the approval of both parliaments before it can take effect.",
	"Shares of companies linked to %s rose after the meeting was announced.",
	"Earlier this year, a government report warned that delays on %s were costing the economy dearly.",
	"Officials said about %d agreements were under discussion, most of them technical.",
}

var weekdays = [...]string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"}

var months = [...]string{"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}
